import type { GroupMemberRef, GroupRecord } from '../../contracts/membership/groups';
import { formatVersion } from '../etag';
import { GROUP_RESOURCE, USER_RESOURCE } from '../schema/resource-schemas';
import { GROUP_SCHEMA } from '../schema/urns';

/**
 * RFC 7643 §4.2 and §3.1, SPEC §5: the SCIM Group resource of a group. `members` are the given
 * members (`value`, `$ref`, `display`, `type`), or left out when the caller did not load them
 * (`excludedAttributes=members`); `display` is the user's displayName, else their userName.
 * `baseUrl` is the organization's SCIM base (`https://host/scim/v2/{organizationId}`).
 */
export function groupRecordToResource(
  record: GroupRecord,
  members: readonly GroupMemberRef[] | undefined,
  baseUrl: string,
): Record<string, unknown> {
  const base = baseUrl.replace(/\/+$/, '');
  const resource: Record<string, unknown> = { schemas: [GROUP_SCHEMA], id: record.id };
  if (record.externalId !== null) resource.externalId = record.externalId;
  resource.displayName = record.displayName;
  if (members !== undefined) {
    resource.members = members.map((member) => ({
      value: member.memberId,
      $ref: `${base}${USER_RESOURCE.endpoint}/${member.memberId}`,
      display: member.displayName ?? member.userName,
      type: USER_RESOURCE.name,
    }));
  }
  resource.meta = {
    resourceType: GROUP_RESOURCE.name,
    created: record.createdAt,
    lastModified: record.updatedAt,
    location: `${base}${GROUP_RESOURCE.endpoint}/${record.id}`,
    version: formatVersion(record.version),
  };
  return resource;
}
