export * from './env';
export * from './connections';
export * from './nats-transport';
export * from './logging';
export * from './redis-durability';
export * from './metrics';
export * from './unsafe-config';
