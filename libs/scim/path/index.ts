export { type AttributePath, parseAttributePath } from './attribute-path';
