import { Injectable } from '@nestjs/common';
import {
  MailKind,
  type CreateUserRequest,
  type DeleteUserRequest,
  type GetUserRequest,
  type QueryUsersRequest,
  type ReplaceUserRequest,
  type UserList,
  type UserRecord,
} from '@roster/contracts';
import type { EntityManager } from 'typeorm';
import { AuditLog } from '../audit/audit-log';
import { Member, type Organization } from '../database/entities';
import { Transactions } from '../database/transactions';
import { Clock } from '../domain/clock';
import { DomainError } from '../domain/domain-error';
import { newId } from '../domain/identifiers';
import { admitMember, changeMember, removeMember, type LifecycleOutcome } from '../domain/member-lifecycle';
import { MailOutbox, type EmailToSend } from '../mail/mail-outbox';
import { OrganizationsRepository } from '../organizations/organizations.repository';
import { InvitationPolicy } from './invitation-policy';
import { canonicalUserName } from '../../../libs/scim/canonical';
import { changedFields, memberFieldsOf } from './member-fields';
import { MembersRepository } from './members.repository';
import { compileUserQuery } from './query/user-query.compiler';
import { toUserRecord } from './user-record.mapper';

/**
 * Users as identity providers push them (SPEC §4). Each command is one transaction: find or fail,
 * guard, apply the lifecycle transition, write the member, its audit entry and the emails it calls
 * for. A request that changes nothing writes nothing, bumps nothing and sends nothing.
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly transactions: Transactions,
    private readonly organizations: OrganizationsRepository,
    private readonly members: MembersRepository,
    private readonly outbox: MailOutbox,
    private readonly audit: AuditLog,
    private readonly invitations: InvitationPolicy,
    private readonly clock: Clock,
  ) {}

  async create(request: CreateUserRequest): Promise<UserRecord> {
    return this.transactions.run(async (tx) => {
      const organization = await this.findOrganizationOrFail(tx, request.organizationId);
      const now = this.clock.now();
      const outcome = admitMember(request.user.active ?? true);
      const member = Object.assign(new Member(), {
        id: newId(),
        organizationId: organization.id,
        ...memberFieldsOf(request.user),
        status: outcome.status,
        statusBeforeRevoke: outcome.statusBeforeRevoke,
        ...this.invitations.apply(outcome.invitation, emptyInvitation(), now),
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
      // The unique index decides a duplicate userName, also between concurrent creates.
      await this.members.insert(tx, member);
      await this.audit.record(tx, {
        organizationId: organization.id,
        actor: 'scim',
        action: 'member.created',
        resourceType: 'user',
        resourceId: member.id,
        data: { status: member.status },
      });
      await this.outbox.enqueue(tx, this.emails(outcome.emails, organization, member));
      return toUserRecord(member, []);
    });
  }

  async get(request: GetUserRequest): Promise<UserRecord> {
    const db = this.transactions.manager;
    const member = await this.members.find(db, request.organizationId, request.id);
    if (!member) throw DomainError.notFound('User', 'id');
    const groups = await this.members.groupsOf(db, [member.id]);
    return toUserRecord(member, groups.get(member.id) ?? []);
  }

  async replace(request: ReplaceUserRequest): Promise<UserRecord> {
    return this.transactions.run(async (tx) => {
      const organization = await this.findOrganizationOrFail(tx, request.organizationId);
      const member = await this.findMemberForUpdateOrFail(tx, organization.id, request.id);
      checkVersion(member, request.expectedVersion);

      const now = this.clock.now();
      const fields = memberFieldsOf(request.user);
      const changed = changedFields(member, fields);
      const outcome = changeMember(
        {
          status: member.status,
          statusBeforeRevoke: member.statusBeforeRevoke,
          invitationExpiresAt: member.invitationExpiresAt,
        },
        {
          active: request.user.active,
          emailChanged: changed.includes('email'),
          // Case and width alone do not rename anyone: the canonical form is the identity (SPEC §4).
          userNameChanged: changed.includes('userNameCanonical'),
        },
        now,
      );
      const statusChanged =
        outcome.status !== member.status || outcome.statusBeforeRevoke !== member.statusBeforeRevoke;
      const groups = async () => (await this.members.groupsOf(tx, [member.id])).get(member.id) ?? [];
      if (changed.length === 0 && !statusChanged && outcome.invitation === 'keep') {
        return toUserRecord(member, await groups());
      }

      const previousStatus = member.status;
      const previous = { email: member.email, userName: member.userName };
      Object.assign(member, fields, {
        status: outcome.status,
        statusBeforeRevoke: outcome.statusBeforeRevoke,
        ...this.invitations.apply(outcome.invitation, member, now),
        version: member.version + 1,
        updatedAt: now,
      });
      await this.members.update(tx, member);
      await this.audit.record(tx, {
        organizationId: organization.id,
        actor: 'scim',
        action: auditAction(outcome),
        resourceType: 'user',
        resourceId: member.id,
        data: { changed, ...(statusChanged ? { status: { from: previousStatus, to: member.status } } : {}) },
      });
      await this.outbox.enqueue(tx, this.emails(outcome.emails, organization, member, previous));
      return toUserRecord(member, await groups());
    });
  }

  async delete(request: DeleteUserRequest): Promise<void> {
    await this.transactions.run(async (tx) => {
      const organization = await this.findOrganizationOrFail(tx, request.organizationId);
      const member = await this.findMemberForUpdateOrFail(tx, organization.id, request.id);
      checkVersion(member, request.expectedVersion);

      // Removed for good: the userName is free again at once; the audit log keeps who it was.
      await this.members.delete(tx, member);
      await this.audit.record(tx, {
        organizationId: organization.id,
        actor: 'scim',
        action: 'member.deleted',
        resourceType: 'user',
        resourceId: member.id,
        data: {
          userName: member.userName,
          externalId: member.externalId,
          email: member.email,
          displayName: member.displayName,
          status: member.status,
        },
      });
      await this.outbox.enqueue(tx, this.emails(removeMember().emails, organization, member));
    });
  }

  async query(request: QueryUsersRequest): Promise<UserList> {
    const query = compileUserQuery(request.organizationId, request.filter, request.sort);
    // One statement: the page and its total come from the same snapshot without a transaction.
    const page = await this.members.page(
      this.transactions.manager,
      query,
      request.startIndex - 1,
      request.count,
    );
    return {
      totalResults: page.total,
      items: page.members.map(({ member, groups }) => toUserRecord(member, groups)),
    };
  }

  private async findOrganizationOrFail(tx: EntityManager, id: string): Promise<Organization> {
    const organization = await this.organizations.find(tx, id);
    if (!organization) throw DomainError.notFound('Organization', 'organizationId');
    return organization;
  }

  private async findMemberForUpdateOrFail(
    tx: EntityManager,
    organizationId: string,
    id: string,
  ): Promise<Member> {
    const member = await this.members.findForUpdate(tx, organizationId, id);
    if (!member) throw DomainError.notFound('User', 'id');
    return member;
  }

  /**
   * The emails of a transition, addressed to the member's current address (none without one) — but
   * the address-change notice, which goes to the address the member had before (SPEC §4). Change
   * notices name the previous userName when it changed, beyond case and width.
   */
  private emails(
    kinds: readonly MailKind[],
    organization: Organization,
    member: Member,
    previous: { email: string | null; userName: string } = member,
  ): EmailToSend[] {
    const renamed = canonicalUserName(previous.userName) !== member.userNameCanonical;
    return kinds.map((kind) => {
      const notice = kind === MailKind.emailChanged || kind === MailKind.userNameChanged;
      return {
        kind,
        to: notice ? previous.email : member.email,
        organization: { id: organization.id, name: organization.name },
        member: { id: member.id, userName: member.userName, displayName: member.displayName },
        ...(kind === MailKind.invitation ? { invitation: this.invitations.mailInvitation(member) } : {}),
        ...(notice && renamed ? { previousUserName: previous.userName } : {}),
      };
    });
  }
}

function checkVersion(member: Member, expected: number | undefined): void {
  if (expected !== undefined && expected !== member.version) {
    throw DomainError.versionMismatch(expected, member.version);
  }
}

function auditAction(outcome: LifecycleOutcome): string {
  if (outcome.transition === 'revoke') return 'member.revoked';
  if (outcome.transition === 'restore') return 'member.restored';
  return 'member.updated';
}

function emptyInvitation() {
  return { invitationNonce: null, invitationIssuedAt: null, invitationExpiresAt: null };
}
