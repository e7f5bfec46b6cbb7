import { MailKind, MemberStatus } from '@roster/contracts';

/**
 * The membership lifecycle of SPEC §4 as pure functions: given where a member stands and what the
 * IdP asked, where the member goes and which emails that calls for. No I/O, no clock of its own:
 * the use cases persist the outcome and queue the emails (only when the member has an address).
 */

export interface LifecycleState {
  status: MemberStatus;
  /** The status a Revoked member returns to when restored; null unless revoked. */
  statusBeforeRevoke: MemberStatus | null;
  /** When the current invitation link stops working; null when none is outstanding. */
  invitationExpiresAt: Date | null;
}

/** What happens to the invitation link: `issue` mints a new nonce (older links die). */
export type InvitationChange = 'keep' | 'issue' | 'withdraw';

export type StatusTransition = 'revoke' | 'restore';

export interface LifecycleOutcome {
  status: MemberStatus;
  statusBeforeRevoke: MemberStatus | null;
  invitation: InvitationChange;
  /** Emails the change calls for, at most one of each kind. */
  emails: MailKind[];
  /** The status change that happened, if any (audited as such). */
  transition: StatusTransition | null;
}

/** POST /Users: a new member is Invited; created inactive, it is Revoked and told nothing yet. */
export function admitMember(active: boolean): LifecycleOutcome {
  if (!active) {
    // No invitation: restoring this member later finds none outstanding and issues one then.
    return outcome(MemberStatus.revoked, MemberStatus.invited, 'keep', [], null);
  }
  return outcome(MemberStatus.invited, null, 'issue', [MailKind.invitation], null);
}

export interface MemberChange {
  /** The IdP's `active`; undefined leaves the status as it is (a PUT without `active`). */
  active?: boolean;
  /** The address invitations go to changed (compared lower-cased, null included). */
  emailChanged: boolean;
  /** The userName changed beyond case and width (its canonical form differs). */
  userNameChanged?: boolean;
}

/**
 * PUT/PATCH on an existing member: activity first, then the address rule on the resulting status,
 * else the userName rule. An address change already tells the member (at the old address, naming a
 * new userName too), so one request sends one change email, never two.
 */
export function changeMember(current: LifecycleState, change: MemberChange, now: Date): LifecycleOutcome {
  const afterActivity = applyActivity(current, change.active, now);
  if (change.emailChanged) return applyAddressChange(afterActivity);
  return change.userNameChanged ? applyUserNameChange(afterActivity) : afterActivity;
}

/** DELETE /Users/{id}: the member is removed (kept only in the audit log) and told so. */
export function removeMember(): { emails: MailKind[] } {
  return { emails: [MailKind.removal] };
}

function applyActivity(current: LifecycleState, active: boolean | undefined, now: Date): LifecycleOutcome {
  const unchanged = outcome(current.status, current.statusBeforeRevoke, 'keep', [], null);
  if (active === undefined) return unchanged;

  const revoked = current.status === MemberStatus.revoked;
  if (!active) {
    // Deactivating a revoked member again is a successful no-op and sends nothing (SPEC §4).
    if (revoked) return unchanged;
    return outcome(MemberStatus.revoked, current.status, 'keep', [MailKind.revocation], 'revoke');
  }

  if (!revoked) return unchanged;
  const previous = current.statusBeforeRevoke ?? MemberStatus.invited;
  if (previous === MemberStatus.invited && !invitationValid(current, now)) {
    // The new invitation is what this person needs; it replaces the restored notice.
    return outcome(previous, null, 'issue', [MailKind.invitation], 'restore');
  }
  return outcome(previous, null, 'keep', [MailKind.restored], 'restore');
}

/**
 * SPEC §4 "change email": an Invited member whose address changed gets a new invitation there and the
 * old link dies (a new nonce). A revoked, never-accepted member loses the outstanding link, so a
 * restore sends a fresh one to the new address; having never joined, neither is sent a notice.
 * Everyone else — who joined — keeps their status and gets `emailChanged`, which goes to the
 * PREVIOUS address (the use case addresses it), so a hijacked address change does not go unseen.
 */
function applyAddressChange(after: LifecycleOutcome): LifecycleOutcome {
  if (after.status === MemberStatus.invited) {
    const emails = after.emails.filter((kind) => kind !== MailKind.restored && kind !== MailKind.invitation);
    return { ...after, invitation: 'issue', emails: [...emails, MailKind.invitation] };
  }
  if (after.status === MemberStatus.revoked && after.statusBeforeRevoke === MemberStatus.invited) {
    return { ...after, invitation: 'withdraw' };
  }
  return { ...after, emails: [...after.emails, MailKind.emailChanged] };
}

/**
 * SPEC §4 "change userName" with the address unchanged: a member who joined — Accepted, Confirmed, or
 * revoked from one of those, as for an address change — gets `userNameChanged` at their address. The
 * invitation binds the address, not the userName, so an Invited member's link stays valid and, never
 * having joined under any name, they are sent nothing (a new invitation would only repeat the first).
 */
function applyUserNameChange(after: LifecycleOutcome): LifecycleOutcome {
  const joined = after.status === MemberStatus.revoked ? after.statusBeforeRevoke : after.status;
  if (joined !== MemberStatus.accepted && joined !== MemberStatus.confirmed) return after;
  return { ...after, emails: [...after.emails, MailKind.userNameChanged] };
}

function invitationValid(state: LifecycleState, now: Date): boolean {
  return state.invitationExpiresAt !== null && state.invitationExpiresAt.getTime() > now.getTime();
}

function outcome(
  status: MemberStatus,
  statusBeforeRevoke: MemberStatus | null,
  invitation: InvitationChange,
  emails: MailKind[],
  transition: StatusTransition | null,
): LifecycleOutcome {
  return { status, statusBeforeRevoke, invitation, emails, transition };
}
