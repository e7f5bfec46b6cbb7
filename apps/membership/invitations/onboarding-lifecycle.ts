import { MailKind, MemberStatus } from '@roster/contracts';

/**
 * Invite → Accept → Confirm (SPEC §7) as pure rules: what accepting, confirming and re-sending do,
 * and why an admin command is refused for a member in the wrong state. The use cases persist the
 * outcome and queue the emails; accepting is guarded by its single UPDATE (invitations.repository).
 */

export interface AcceptanceOutcome {
  status: typeof MemberStatus.accepted | typeof MemberStatus.confirmed;
  /** Emails to the member who accepted. */
  memberEmails: MailKind[];
  /** Whether each admin address of the organization is told (acceptedAdminNotice). */
  notifyAdmins: boolean;
}

/**
 * Accepting an open invitation: Accepted, and the admins are told so one of them confirms; or, when
 * the organization auto-confirms, Confirmed at once with the "you now have access" email instead,
 * since there is nothing left for an admin to do.
 */
export function acceptInvitation(autoConfirm: boolean): AcceptanceOutcome {
  return autoConfirm
    ? { status: MemberStatus.confirmed, memberEmails: [MailKind.confirmed], notifyAdmins: false }
    : { status: MemberStatus.accepted, memberEmails: [], notifyAdmins: true };
}

/** An admin command the member's state allows, or the reason it does not (a conflict, in plain words). */
export type AdminDecision<T> = { allowed: true; outcome: T } | { allowed: false; reason: string };

export interface ConfirmationOutcome {
  status: typeof MemberStatus.confirmed;
  emails: MailKind[];
}

/** An admin confirms a member: only an Accepted one, who then gets the "you now have access" email. */
export function confirmMember(status: MemberStatus): AdminDecision<ConfirmationOutcome> {
  switch (status) {
    case MemberStatus.accepted:
      return { allowed: true, outcome: { status: MemberStatus.confirmed, emails: [MailKind.confirmed] } };
    case MemberStatus.invited:
      return refuse(
        'This member has not accepted the invitation yet; only Accepted members can be confirmed.',
      );
    case MemberStatus.confirmed:
      return refuse('This member is already confirmed.');
    case MemberStatus.revoked:
      return refuse('This member is revoked; only Accepted members can be confirmed.');
  }
}

export interface ResendOutcome {
  /** A new nonce: every link of earlier issues stops working. */
  invitation: 'issue';
  emails: MailKind[];
}

/** An admin re-sends the invitation: only to an Invited member with an address. */
export function resendInvitation(status: MemberStatus, email: string | null): AdminDecision<ResendOutcome> {
  switch (status) {
    case MemberStatus.invited:
      if (!email) return refuse('This member has no email address to send the invitation to.');
      return { allowed: true, outcome: { invitation: 'issue', emails: [MailKind.invitation] } };
    case MemberStatus.accepted:
    case MemberStatus.confirmed:
      return refuse(
        'This member already accepted the invitation; only Invited members can be sent a new one.',
      );
    case MemberStatus.revoked:
      return refuse(
        'This member is revoked; only Invited members can be sent a new invitation (reactivate them in the identity provider first).',
      );
  }
}

function refuse(reason: string): { allowed: false; reason: string } {
  return { allowed: false, reason };
}
