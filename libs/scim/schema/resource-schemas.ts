import { COMMON_ATTRIBUTES } from './common-attributes';
import { ENTERPRISE_USER_SCHEMA_DEFINITION } from './enterprise-user-schema';
import { GROUP_SCHEMA_DEFINITION } from './group-schema';
import type { ResourceSchema } from './schema-definition';
import { USER_SCHEMA_DEFINITION } from './user-schema';

/** The User resource type (RFC 7643 §6, example in §8.6): core User plus the Enterprise User extension. */
export const USER_RESOURCE: ResourceSchema = {
  id: 'User',
  name: 'User',
  endpoint: '/Users',
  description: 'User Account',
  coreSchema: USER_SCHEMA_DEFINITION,
  extensions: [{ definition: ENTERPRISE_USER_SCHEMA_DEFINITION, required: false }],
  commonAttributes: COMMON_ATTRIBUTES,
};

/** The Group resource type (RFC 7643 §6, example in §8.6). */
export const GROUP_RESOURCE: ResourceSchema = {
  id: 'Group',
  name: 'Group',
  endpoint: '/Groups',
  description: 'Group',
  coreSchema: GROUP_SCHEMA_DEFINITION,
  extensions: [],
  commonAttributes: COMMON_ATTRIBUTES,
};
