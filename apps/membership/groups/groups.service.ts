import { Injectable } from '@nestjs/common';
import type {
  CreateGroupRequest,
  DeleteGroupRequest,
  GetGroupRequest,
  GroupCommandResult,
  GroupList,
  GroupMembersPage,
  GroupRecord,
  ListGroupMembersRequest,
  ListGroupsRequest,
  QueryGroupsRequest,
  UpdateGroupRequest,
} from '@roster/contracts';
import type { EntityManager } from 'typeorm';
import { canonicalGroupName } from '../../../libs/scim/group/group-name';
import { AuditLog } from '../audit/audit-log';
import { Group, type Organization } from '../database/entities';
import { Transactions } from '../database/transactions';
import { Clock } from '../domain/clock';
import { DomainError } from '../domain/domain-error';
import { newId } from '../domain/identifiers';
import { OrganizationsRepository } from '../organizations/organizations.repository';
import { GroupAudit } from './group-audit';
import { toGroupRecord } from './group-record.mapper';
import { GroupsRepository } from './groups.repository';
import { compileGroupQuery } from './query/group-query.compiler';

/**
 * Groups as identity providers push them (SPEC §5). Each command is one transaction that locks the
 * users it adds, then the group row, and changes members with set operations; the version goes up
 * once when anything changed and not at all when nothing did (re-adding a member, a same-name
 * rename). Removing a user from a group never touches the user's membership of the organization.
 */
@Injectable()
export class GroupsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly organizations: OrganizationsRepository,
    private readonly groups: GroupsRepository,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async create(request: CreateGroupRequest): Promise<GroupCommandResult> {
    return this.transactions.run(async (tx) => {
      const organization = await this.findOrganizationOrFail(tx, request.organizationId);
      const requested = unique(request.group.members);
      const users = await this.groups.lockUsers(tx, organization.id, requested);
      const now = this.clock.now();
      const group = Object.assign(new Group(), {
        id: newId(),
        organizationId: organization.id,
        displayName: request.group.displayName,
        displayNameCanonical: canonicalGroupName(request.group.displayName),
        externalId: request.group.externalId ?? null,
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
      // The unique index decides a duplicate displayName, also between concurrent creates.
      await this.groups.insert(tx, group);
      const added = await this.groups.addMembers(tx, group, users);
      const audit = new GroupAudit(this.audit, tx, group);
      await audit.created();
      await audit.membersAdded(added);
      return { group: toGroupRecord(group, added.length), skippedMemberIds: skipped(requested, users) };
    });
  }

  async get(request: GetGroupRequest): Promise<GroupRecord> {
    const db = this.transactions.manager;
    const group = await this.groups.find(db, request.organizationId, request.id);
    if (!group) throw DomainError.notFound('Group', 'id');
    return toGroupRecord(group, (await this.groups.memberCounts(db, [group.id])).get(group.id) ?? 0);
  }

  /** Every PUT and PATCH: the change's fields and member sets, applied in one transaction. */
  async update(request: UpdateGroupRequest): Promise<GroupCommandResult> {
    const { change } = request;
    if (change.replaceMembers && (change.addMembers || change.removeMembers)) {
      throw DomainError.invalid(
        'members',
        'A group change either replaces the members or adds and removes some.',
      );
    }
    return this.transactions.run(async (tx) => {
      // The group lookup is scoped by organization: an unknown organization finds no group (404).
      const requested = unique(change.replaceMembers ?? change.addMembers ?? []);
      const users = await this.groups.lockUsers(tx, request.organizationId, requested);
      const group = await this.groups.findForUpdate(tx, request.organizationId, request.id);
      if (!group) throw DomainError.notFound('Group', 'id');
      if (request.expectedVersion !== undefined && request.expectedVersion !== group.version) {
        throw DomainError.versionMismatch(request.expectedVersion, group.version);
      }

      const removed = change.replaceMembers
        ? await this.groups.removeMembersExcept(tx, group.id, users)
        : await this.groups.removeMembers(tx, group.id, unique(change.removeMembers ?? []));
      const added = await this.groups.addMembers(tx, group, users);
      const previous = { displayName: group.displayName, externalId: group.externalId };
      const renamed = change.displayName !== undefined && change.displayName !== group.displayName;
      const externalIdChanged = change.externalId !== undefined && change.externalId !== group.externalId;

      if (!renamed && !externalIdChanged && added.length === 0 && removed.length === 0) {
        const memberCount = (await this.groups.memberCounts(tx, [group.id])).get(group.id) ?? 0;
        return { group: toGroupRecord(group, memberCount), skippedMemberIds: skipped(requested, users) };
      }
      if (renamed) {
        group.displayName = change.displayName!;
        group.displayNameCanonical = canonicalGroupName(change.displayName!);
      }
      if (externalIdChanged) group.externalId = change.externalId ?? null;
      group.version += 1;
      group.updatedAt = this.clock.now();
      // A rename onto another group's name fails here, on the unique index: 409, nothing kept.
      const memberCount = await this.groups.update(tx, group);
      const audit = new GroupAudit(this.audit, tx, group);
      if (renamed) await audit.renamed(previous.displayName);
      if (externalIdChanged) await audit.externalIdChanged(previous.externalId);
      await audit.membersRemoved(removed);
      await audit.membersAdded(added);
      return { group: toGroupRecord(group, memberCount), skippedMemberIds: skipped(requested, users) };
    });
  }

  /** Deletes the group and its memberships; the users stay members of the organization. */
  async delete(request: DeleteGroupRequest): Promise<void> {
    await this.transactions.run(async (tx) => {
      const group = await this.groups.findForUpdate(tx, request.organizationId, request.id);
      if (!group) throw DomainError.notFound('Group', 'id');
      if (request.expectedVersion !== undefined && request.expectedVersion !== group.version) {
        throw DomainError.versionMismatch(request.expectedVersion, group.version);
      }
      const removed = await this.groups.removeMembersExcept(tx, group.id, []);
      await this.groups.delete(tx, group);
      await new GroupAudit(this.audit, tx, group).deleted(removed);
    });
  }

  async query(request: QueryGroupsRequest): Promise<GroupList> {
    const query = compileGroupQuery(request.organizationId, request.filter, request.sort);
    return this.transactions.read(async (db) => {
      const totalResults = await this.groups.count(db, query);
      const offset = request.startIndex - 1;
      if (request.count === 0 || offset >= totalResults) return { totalResults, items: [] };
      const page = await this.groups.page(db, query, offset, request.count);
      return { totalResults, items: await this.withCounts(db, page) };
    });
  }

  /** The admin's list: every group of the organization, by name. */
  async list(request: ListGroupsRequest): Promise<GroupRecord[]> {
    return this.transactions.read(async (db) => {
      const organization = await this.findOrganizationOrFail(db, request.organizationId);
      return this.withCounts(db, await this.groups.listAll(db, organization.id));
    });
  }

  async members(request: ListGroupMembersRequest): Promise<GroupMembersPage> {
    return this.groups.membersPage(
      this.transactions.manager,
      request.organizationId,
      unique(request.groupIds),
      request.after,
    );
  }

  private async withCounts(db: EntityManager, groups: Group[]): Promise<GroupRecord[]> {
    const counts = await this.groups.memberCounts(
      db,
      groups.map((group) => group.id),
    );
    return groups.map((group) => toGroupRecord(group, counts.get(group.id) ?? 0));
  }

  private async findOrganizationOrFail(db: EntityManager, id: string): Promise<Organization> {
    const organization = await this.organizations.find(db, id);
    if (!organization) throw DomainError.notFound('Organization', 'organizationId');
    return organization;
  }
}

/** Ids compare lower-case: the contract checks they are UUIDs, in any case. */
function unique(ids: readonly string[]): string[] {
  return [...new Set(ids.map((id) => id.toLowerCase()))];
}

function skipped(requested: readonly string[], found: readonly string[]): string[] {
  const present = new Set(found);
  return requested.filter((id) => !present.has(id));
}
