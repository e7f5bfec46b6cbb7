export * from './urns';
export * from './schema-definition';
export { USER_SCHEMA_DEFINITION } from './user-schema';
export { ENTERPRISE_USER_SCHEMA_DEFINITION } from './enterprise-user-schema';
export { GROUP_SCHEMA_DEFINITION } from './group-schema';
export { COMMON_ATTRIBUTES } from './common-attributes';
export { USER_RESOURCE, GROUP_RESOURCE } from './resource-schemas';
export * from './find-attribute';
export * from './schema-document';
