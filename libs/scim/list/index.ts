export { parseAttributeList } from './attribute-list';
export {
  type ListQuery,
  type QueryParameters,
  MAX_RESULTS,
  DEFAULT_COUNT,
  parseListQuery,
  parseSearchRequest,
} from './list-query';
export { type ListResponse, listResponse } from './list-response';
export { type Projection, projectResource } from './projection';
