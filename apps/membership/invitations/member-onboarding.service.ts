import { Injectable } from '@nestjs/common';
import { DomainErrorCode, MailKind, type MemberOnboardingRecord, type MemberRef } from '@roster/contracts';
import type { EntityManager } from 'typeorm';
import { AuditLog } from '../audit/audit-log';
import type { Member } from '../database/entities';
import { Transactions } from '../database/transactions';
import { Clock } from '../domain/clock';
import { DomainError } from '../domain/domain-error';
import { MailOutbox } from '../mail/mail-outbox';
import {
  OrganizationSettingsRepository,
  type OrganizationOnboarding,
} from '../organization-settings/organization-settings.repository';
import { InvitationPolicy } from '../users/invitation-policy';
import { MembersRepository } from '../users/members.repository';
import { confirmMember, resendInvitation, type AdminDecision } from './onboarding-lifecycle';

/**
 * The admin's side of SPEC §7: confirm an Accepted member, re-send an Invited member's invitation.
 * Each locks the member, so two admins clicking at once apply one after the other (the second is
 * refused with a conflict that says why).
 */
@Injectable()
export class MemberOnboardingService {
  constructor(
    private readonly transactions: Transactions,
    private readonly organizations: OrganizationSettingsRepository,
    private readonly members: MembersRepository,
    private readonly invitations: InvitationPolicy,
    private readonly outbox: MailOutbox,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async confirm(request: MemberRef): Promise<MemberOnboardingRecord> {
    return this.transactions.run(async (tx) => {
      const { organization, member } = await this.findOrFail(tx, request);
      const outcome = allowedOrConflict(confirmMember(member.status));
      const now = this.clock.now();
      const previous = member.status;
      Object.assign(member, { status: outcome.status, version: member.version + 1, updatedAt: now });
      await this.members.update(tx, member);
      await this.audit.record(tx, {
        organizationId: organization.id,
        actor: 'admin',
        action: 'member.confirmed',
        resourceType: 'user',
        resourceId: member.id,
        data: { status: { from: previous, to: member.status } },
      });
      await this.outbox.enqueue(
        tx,
        outcome.emails.map((kind) => this.email(kind, organization, member)),
      );
      return toRecord(member);
    });
  }

  /** A new nonce and expiry: links of earlier issues stop working, the new one is emailed. */
  async resendInvitation(request: MemberRef): Promise<MemberOnboardingRecord> {
    return this.transactions.run(async (tx) => {
      const { organization, member } = await this.findOrFail(tx, request);
      const outcome = allowedOrConflict(resendInvitation(member.status, member.email));
      // The SCIM resource does not change, so neither do its version and lastModified.
      Object.assign(member, this.invitations.apply(outcome.invitation, member, this.clock.now()));
      await this.members.update(tx, member);
      await this.audit.record(tx, {
        organizationId: organization.id,
        actor: 'admin',
        action: 'member.invitation_resent',
        resourceType: 'user',
        resourceId: member.id,
        data: { expiresAt: member.invitationExpiresAt?.toISOString() ?? null },
      });
      await this.outbox.enqueue(
        tx,
        outcome.emails.map((kind) => this.email(kind, organization, member)),
      );
      return toRecord(member);
    });
  }

  private async findOrFail(
    tx: EntityManager,
    request: MemberRef,
  ): Promise<{ organization: OrganizationOnboarding; member: Member }> {
    const organization = await this.organizations.find(tx, request.organizationId);
    if (!organization) throw DomainError.notFound('Organization', 'organization');
    const member = await this.members.findForUpdate(tx, organization.id, request.memberId);
    if (!member) throw DomainError.notFound('Member', 'member');
    return { organization, member };
  }

  private email(kind: MailKind, organization: OrganizationOnboarding, member: Member) {
    return {
      kind,
      to: member.email,
      organization: { id: organization.id, name: organization.name },
      member: { id: member.id, userName: member.userName, displayName: member.displayName },
      ...(kind === MailKind.invitation ? { invitation: this.invitations.mailInvitation(member) } : {}),
    };
  }
}

function allowedOrConflict<T>(decision: AdminDecision<T>): T {
  if (!decision.allowed) throw new DomainError(DomainErrorCode.conflict, decision.reason, 'status');
  return decision.outcome;
}

function toRecord(member: Member): MemberOnboardingRecord {
  return {
    id: member.id,
    userName: member.userName,
    email: member.email,
    status: member.status,
    invitationExpiresAt: member.invitationExpiresAt?.toISOString() ?? null,
  };
}
