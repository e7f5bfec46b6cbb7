/** The resource types a SCIM path can name, as the provisioning log records them (RFC 7644 §3.2). */
export const SCIM_LOG_RESOURCE_TYPES = [
  'User',
  'Group',
  'ServiceProviderConfig',
  'ResourceType',
  'Schema',
  'Bulk',
] as const;
export type ScimLogResourceType = (typeof SCIM_LOG_RESOURCE_TYPES)[number];

/** Endpoint names as IdPs spell them (any case; `serviceConfiguration` is an alias, SPEC §3). */
const BY_ENDPOINT: Readonly<Record<string, ScimLogResourceType>> = {
  users: 'User',
  user: 'User',
  groups: 'Group',
  group: 'Group',
  serviceproviderconfig: 'ServiceProviderConfig',
  serviceproviderconfigs: 'ServiceProviderConfig',
  serviceconfiguration: 'ServiceProviderConfig',
  resourcetypes: 'ResourceType',
  resourcetype: 'ResourceType',
  schemas: 'Schema',
  schema: 'Schema',
  bulk: 'Bulk',
};

/** The resource type an endpoint segment (`Users`, `users`, `User`) names, or null. */
export function scimResourceTypeOf(segment: string | undefined): ScimLogResourceType | null {
  if (!segment) return null;
  return BY_ENDPOINT[segment.toLowerCase()] ?? null;
}
