import type { GroupRecord } from '@roster/contracts';
import type { Group } from '../database/entities';

/** A group as the gateway maps it back to a SCIM Group; dates as ISO strings. */
export function toGroupRecord(group: Group, memberCount: number): GroupRecord {
  return {
    id: group.id,
    organizationId: group.organizationId,
    displayName: group.displayName,
    externalId: group.externalId,
    memberCount,
    version: group.version,
    createdAt: group.createdAt.toISOString(),
    updatedAt: group.updatedAt.toISOString(),
  };
}
