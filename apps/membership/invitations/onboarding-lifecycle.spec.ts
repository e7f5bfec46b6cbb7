import { MailKind, MemberStatus } from '@roster/contracts';
import { acceptInvitation, confirmMember, resendInvitation } from './onboarding-lifecycle';

const { invited, accepted, confirmed, revoked } = MemberStatus;

// Protects: Invite → Accept → Confirm (SPEC §7) — who may move where, and which emails each step sends.
describe('acceptInvitation', () => {
  it.each<[string, boolean, MemberStatus, MailKind[], boolean]>([
    ['waits for an admin, who is told', false, accepted, [], true],
    [
      'confirms at once under auto-confirm, with the access email instead',
      true,
      confirmed,
      [MailKind.confirmed],
      false,
    ],
  ])('%s', (_behaviour, autoConfirm, status, memberEmails, notifyAdmins) => {
    expect(acceptInvitation(autoConfirm)).toEqual({ status, memberEmails, notifyAdmins });
  });
});

describe('confirmMember', () => {
  it('confirms an Accepted member and sends the access email', () => {
    expect(confirmMember(accepted)).toEqual({
      allowed: true,
      outcome: { status: confirmed, emails: [MailKind.confirmed] },
    });
  });

  it.each<[MemberStatus, RegExp]>([
    [invited, /not accepted the invitation yet/],
    [confirmed, /already confirmed/],
    [revoked, /revoked/],
  ])('refuses a %s member, saying why', (status, reason) => {
    const decision = confirmMember(status);
    expect(decision.allowed).toBe(false);
    expect(decision).toMatchObject({ reason: expect.stringMatching(reason) });
  });
});

describe('resendInvitation', () => {
  it('issues a new invitation to an Invited member with an address', () => {
    expect(resendInvitation(invited, 'ada@example.com')).toEqual({
      allowed: true,
      outcome: { invitation: 'issue', emails: [MailKind.invitation] },
    });
  });

  it.each<[string, MemberStatus, string | null, RegExp]>([
    ['an Invited member without an address', invited, null, /no email address/],
    ['an Accepted member', accepted, 'a@example.com', /already accepted/],
    ['a Confirmed member', confirmed, 'a@example.com', /already accepted/],
    ['a Revoked member', revoked, 'a@example.com', /revoked/],
  ])('refuses %s, saying why', (_case, status, email, reason) => {
    expect(resendInvitation(status, email)).toEqual({
      allowed: false,
      reason: expect.stringMatching(reason),
    });
  });
});
