import { MemberStatus, type UserRecord } from '@roster/contracts';
import type { Member } from '../database/entities';
import type { MemberGroup } from './members.repository';

/** A member as the gateway maps it back to a SCIM User; dates as ISO strings. */
export function toUserRecord(member: Member, groups: readonly MemberGroup[]): UserRecord {
  return {
    id: member.id,
    organizationId: member.organizationId,
    userName: member.userName,
    externalId: member.externalId,
    email: member.email,
    displayName: member.displayName,
    givenName: member.givenName,
    familyName: member.familyName,
    status: member.status,
    // SPEC §4: active is reported true for Invited, Accepted and Confirmed members.
    active: member.status !== MemberStatus.revoked,
    attributes: member.attributes,
    groups: groups.map((group) => ({ id: group.id, displayName: group.displayName })),
    version: member.version,
    createdAt: member.createdAt.toISOString(),
    updatedAt: member.updatedAt.toISOString(),
  };
}
