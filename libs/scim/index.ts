export * from './errors';
export { canonicalUserName, mapWidth } from './canonical';
export { coerceScimBoolean } from './booleans';
export { type EntityTagCondition, entityTagMatches, formatVersion, parseEntityTag } from './etag';
export { type UserWriteMapping, userResourceToWrite } from './user/user-write.mapper';
export { userRecordToResource } from './user/user-resource.mapper';
export { memberEmail } from './user/member-email';
export * from './group';
export {
  type PatchOpName,
  type PatchOperation,
  errorAtOperation,
  parsePatchRequest,
} from './patch/patch-request';
export { applyUserPatch } from './patch/user-patch';
export { matchesValueFilter } from './patch/value-filter';
export * from './schema';
export * from './path';
export * from './filter';
export * from './list';
