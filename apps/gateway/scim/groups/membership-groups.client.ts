import { Injectable } from '@nestjs/common';
import {
  ContractViolation,
  CreateGroupRequest,
  DeleteGroupRequest,
  DomainErrorCode,
  GetGroupRequest,
  ListGroupMembersRequest,
  ListGroupsRequest,
  MembershipPatterns,
  QueryGroupsRequest,
  UpdateGroupRequest,
  parseContract,
  type GroupChange,
  type GroupCommandResult,
  type GroupList,
  type GroupMemberRef,
  type GroupMembersCursor,
  type GroupMembersPage,
  type GroupRecord,
  type GroupWrite,
  type MembershipPattern,
} from '@roster/contracts';
import { ScimError } from '@roster/scim';
import type { ClassConstructor } from 'class-transformer';
import { MembershipClient } from '../../membership/membership.client';
import { MembershipDomainError } from '../../membership/membership.errors';
import { displayNameTaken, groupNotFound, groupPreconditionFailed } from './group-errors';

/** Bounds the member pages one read may fetch (a page is up to 1,000 members). */
const MAX_MEMBER_PAGES = 1000;

/**
 * Membership's group commands and queries, typed and checked against their contracts before they are
 * sent; domain errors about this group are worded here, where its id and name are known.
 */
@Injectable()
export class MembershipGroupsClient {
  constructor(private readonly membership: MembershipClient) {}

  create(organizationId: string, group: GroupWrite): Promise<GroupCommandResult> {
    const request: CreateGroupRequest = { organizationId, group };
    return this.send(MembershipPatterns.groupsCreate, CreateGroupRequest, request, {
      displayName: group.displayName,
    });
  }

  get(organizationId: string, id: string): Promise<GroupRecord> {
    const request: GetGroupRequest = { organizationId, id };
    return this.send(MembershipPatterns.groupsGet, GetGroupRequest, request, { id });
  }

  query(request: QueryGroupsRequest): Promise<GroupList> {
    return this.send(MembershipPatterns.groupsQuery, QueryGroupsRequest, request, {});
  }

  /** The admin's list: every group of the organization. */
  listAll(organizationId: string): Promise<GroupRecord[]> {
    const request: ListGroupsRequest = { organizationId };
    return this.send(MembershipPatterns.groupsList, ListGroupsRequest, request, {});
  }

  /** Applies a change; with `expectedVersion`, only if that is still the group's version (else 412). */
  update(
    organizationId: string,
    id: string,
    change: GroupChange,
    expectedVersion: number | undefined,
  ): Promise<GroupCommandResult> {
    const request: UpdateGroupRequest = { organizationId, id, expectedVersion, change };
    return this.send(MembershipPatterns.groupsUpdate, UpdateGroupRequest, request, {
      id,
      displayName: change.displayName,
    });
  }

  async delete(organizationId: string, id: string, expectedVersion: number | undefined): Promise<void> {
    const request: DeleteGroupRequest = { organizationId, id, expectedVersion };
    await this.send<void>(MembershipPatterns.groupsDelete, DeleteGroupRequest, request, { id });
  }

  /** The members of the given groups, by group id, read page by page (each page one bus message). */
  async membersOf(
    organizationId: string,
    groupIds: readonly string[],
  ): Promise<Map<string, GroupMemberRef[]>> {
    const members = new Map<string, GroupMemberRef[]>(groupIds.map((id) => [id, []]));
    if (groupIds.length === 0) return members;
    let after: GroupMembersCursor | undefined;
    for (let page = 0; page < MAX_MEMBER_PAGES; page++) {
      const request: ListGroupMembersRequest = { organizationId, groupIds: [...groupIds], after };
      const result = await this.send<GroupMembersPage>(
        MembershipPatterns.groupsMembers,
        ListGroupMembersRequest,
        request,
        {},
      );
      for (const member of result.members) members.get(member.groupId)?.push(member);
      if (!result.next) return members;
      after = result.next;
    }
    throw new Error(`More than ${MAX_MEMBER_PAGES} pages of group members`);
  }

  private async send<T>(
    pattern: MembershipPattern,
    contract: ClassConstructor<object>,
    request: object,
    subject: { id?: string; displayName?: string },
  ): Promise<T> {
    try {
      parseContract(contract, request);
    } catch (error) {
      if (error instanceof ContractViolation) {
        throw ScimError.badRequest('invalidValue', error.problems.join('; '));
      }
      throw error;
    }
    try {
      return await this.membership.send<T>(pattern, request);
    } catch (error) {
      throw groupError(error, subject);
    }
  }
}

function groupError(error: unknown, subject: { id?: string; displayName?: string }): unknown {
  if (!(error instanceof MembershipDomainError)) return error;
  if (error.code === DomainErrorCode.notFound && error.target === 'id' && subject.id !== undefined) {
    return groupNotFound(subject.id);
  }
  if (error.code === DomainErrorCode.versionMismatch && subject.id !== undefined) {
    return groupPreconditionFailed(subject.id);
  }
  if (error.code === DomainErrorCode.uniqueness && error.target === 'displayName' && subject.displayName) {
    return displayNameTaken(subject.displayName);
  }
  return error;
}
