import { Injectable } from '@nestjs/common';
import { MembershipGroupsClient } from '../scim/groups/membership-groups.client';
import type { GroupListView } from './dto/group.views';

/** Group ids per members request: membersOf pages through the members of this many groups at once. */
const GROUPS_PER_MEMBERS_REQUEST = 500;

/** The admin's view of an organization's groups (SPEC §1): every group with its members. */
@Injectable()
export class GroupsAdminService {
  constructor(private readonly groups: MembershipGroupsClient) {}

  async list(organizationId: string): Promise<GroupListView> {
    const groups = await this.groups.listAll(organizationId);
    const withMembers = groups.filter((group) => group.memberCount > 0).map((group) => group.id);
    const members = new Map<string, { id: string; userName: string; displayName: string | null }[]>();
    for (let start = 0; start < withMembers.length; start += GROUPS_PER_MEMBERS_REQUEST) {
      const chunk = withMembers.slice(start, start + GROUPS_PER_MEMBERS_REQUEST);
      for (const [groupId, refs] of await this.groups.membersOf(organizationId, chunk)) {
        members.set(
          groupId,
          refs.map((ref) => ({ id: ref.memberId, userName: ref.userName, displayName: ref.displayName })),
        );
      }
    }
    return {
      groups: groups.map((group) => ({
        id: group.id,
        displayName: group.displayName,
        externalId: group.externalId,
        memberCount: group.memberCount,
        members: members.get(group.id) ?? [],
        createdAt: group.createdAt,
        updatedAt: group.updatedAt,
      })),
    };
  }
}
