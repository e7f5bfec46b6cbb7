import { Injectable } from '@nestjs/common';
import {
  DomainErrorCode,
  MailKind,
  MemberStatus,
  type InvitationAcceptance,
  type InvitationClaimRequest,
  type InvitationView,
} from '@roster/contracts';
import { AuditLog } from '../audit/audit-log';
import { Transactions } from '../database/transactions';
import { Clock } from '../domain/clock';
import { DomainError } from '../domain/domain-error';
import { MailOutbox, type EmailToSend } from '../mail/mail-outbox';
import { OrganizationSettingsRepository } from '../organization-settings/organization-settings.repository';
import { acceptInvitation } from './onboarding-lifecycle';
import { InvitationsRepository } from './invitations.repository';

/**
 * Every reason an invitation cannot be shown or accepted — used, re-issued, revoked, removed,
 * expired — is this one error: the person is told to ask for a new one, never which it was.
 */
function invitationClosed(): DomainError {
  return new DomainError(DomainErrorCode.notFound, 'This invitation link is no longer valid.', 'invitation');
}

/** The invited person's side of SPEC §7: see the invitation, accept it once. */
@Injectable()
export class InvitationAcceptanceService {
  constructor(
    private readonly transactions: Transactions,
    private readonly invitations: InvitationsRepository,
    private readonly organizations: OrganizationSettingsRepository,
    private readonly outbox: MailOutbox,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async inspect(claim: InvitationClaimRequest): Promise<InvitationView> {
    const open = await this.invitations.findOpen(this.transactions.manager, claim, this.clock.now());
    if (!open) throw invitationClosed();
    return open;
  }

  async accept(claim: InvitationClaimRequest): Promise<InvitationAcceptance> {
    return this.transactions.run(async (tx) => {
      const organization = await this.organizations.find(tx, claim.organizationId);
      if (!organization) throw invitationClosed();
      const outcome = acceptInvitation(organization.autoConfirm);
      const member = await this.invitations.accept(tx, claim, outcome.status, this.clock.now());
      if (!member) throw invitationClosed();

      await this.audit.record(tx, {
        organizationId: organization.id,
        actor: 'member',
        action: 'member.accepted',
        resourceType: 'user',
        resourceId: member.id,
        data: {
          status: { from: MemberStatus.invited, to: outcome.status },
          ...(outcome.status === MemberStatus.confirmed ? { autoConfirmed: true } : {}),
        },
      });
      const about = { id: member.id, userName: member.userName, displayName: member.displayName };
      const from = { id: organization.id, name: organization.name };
      const emails: EmailToSend[] = [
        ...outcome.memberEmails.map((kind) => ({
          kind,
          to: member.email,
          organization: from,
          member: about,
        })),
        ...(outcome.notifyAdmins ? organization.adminEmails : []).map((to) => ({
          kind: MailKind.acceptedAdminNotice,
          to,
          organization: from,
          member: about,
        })),
      ];
      await this.outbox.enqueue(tx, emails);
      return { organizationName: organization.name, email: member.email, status: outcome.status };
    });
  }
}
