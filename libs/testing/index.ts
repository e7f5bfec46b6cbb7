export * from './database';
export * from './stack';
export * from './idp-client';
export * from './smtp-sink';
