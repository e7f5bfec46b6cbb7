import type { UserRecord } from '../../contracts/membership/users';
import { formatVersion } from '../etag';
import { USER_RESOURCE } from '../schema/resource-schemas';
import { USER_SCHEMA } from '../schema/urns';
import { isPlainObject } from './attribute-values';

// Never echoed from storage even if present there: the server's own (written below) or never returned.
const NOT_FROM_STORAGE = new Set([
  'schemas',
  'id',
  'externalid',
  'username',
  'active',
  'groups',
  'meta',
  'password',
]);

/**
 * RFC 7643 §4.1 and §3.1, SPEC §4: the SCIM User resource of a member — the stored attributes as the
 * IdP sent them, with `id`, `userName`, `externalId` and `active` from the record (the typed fields
 * are authoritative), `groups` derived from group membership, and `meta` with `version` = ETag.
 * `baseUrl` is the organization's SCIM base (`https://host/scim/v2/{organizationId}`).
 */
export function userRecordToResource(record: UserRecord, baseUrl: string): Record<string, unknown> {
  const base = baseUrl.replace(/\/+$/, '');
  const extensionUrns = USER_RESOURCE.extensions.map((extension) => extension.definition.id);
  const core: Record<string, unknown> = {};
  const extensions: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record.attributes)) {
    if (NOT_FROM_STORAGE.has(key.toLowerCase())) continue;
    if (extensionUrns.includes(key)) {
      if (isPlainObject(value) && Object.keys(value).length > 0) extensions[key] = value;
    } else {
      core[key] = value;
    }
  }

  const resource: Record<string, unknown> = {
    schemas: [USER_SCHEMA, ...Object.keys(extensions)],
    id: record.id,
  };
  if (record.externalId !== null && record.externalId !== undefined) resource.externalId = record.externalId;
  resource.userName = record.userName;
  Object.assign(resource, core);
  resource.active = record.active;
  if (record.groups.length > 0) {
    resource.groups = record.groups.map((group) => ({
      value: group.id,
      $ref: `${base}/Groups/${group.id}`,
      display: group.displayName,
    }));
  }
  Object.assign(resource, extensions);
  resource.meta = {
    resourceType: USER_RESOURCE.name,
    created: record.createdAt,
    lastModified: record.updatedAt,
    location: `${base}/Users/${record.id}`,
    version: formatVersion(record.version),
  };
  return resource;
}
