import { Injectable } from '@nestjs/common';
import type { MailInvitation } from '@roster/contracts';
import { MembershipConfig } from '../config/membership.config';
import type { Member } from '../database/entities';
import { newInvitationNonce } from '../domain/identifiers';
import type { InvitationChange } from '../domain/member-lifecycle';

type InvitationFields = Pick<Member, 'invitationNonce' | 'invitationIssuedAt' | 'invitationExpiresAt'>;

/**
 * Issues invitations: a fresh nonce each time, so tokens of an earlier issue stop working, and the
 * configured lifetime (SPEC §7: 5 days). The mailer mints the token from these at send time.
 */
@Injectable()
export class InvitationPolicy {
  private readonly ttlMs: number;

  constructor(config: MembershipConfig) {
    this.ttlMs = config.INVITATION_TTL_HOURS * 3600 * 1000;
  }

  /** The invitation fields after `change`. */
  apply(change: InvitationChange, current: InvitationFields, now: Date): InvitationFields {
    switch (change) {
      case 'keep':
        return {
          invitationNonce: current.invitationNonce,
          invitationIssuedAt: current.invitationIssuedAt,
          invitationExpiresAt: current.invitationExpiresAt,
        };
      case 'withdraw':
        return { invitationNonce: null, invitationIssuedAt: null, invitationExpiresAt: null };
      case 'issue':
        return {
          invitationNonce: newInvitationNonce(),
          invitationIssuedAt: now,
          invitationExpiresAt: new Date(now.getTime() + this.ttlMs),
        };
    }
  }

  /** What an invitation email carries; only called for a member that was just issued one. */
  mailInvitation(member: InvitationFields): MailInvitation {
    if (!member.invitationNonce || !member.invitationIssuedAt || !member.invitationExpiresAt) {
      throw new Error('An invitation email needs an issued invitation');
    }
    return {
      nonce: member.invitationNonce,
      issuedAt: member.invitationIssuedAt.toISOString(),
      expiresAt: member.invitationExpiresAt.toISOString(),
    };
  }
}
