import { MailKind, MemberStatus } from '@roster/contracts';
import {
  admitMember,
  changeMember,
  removeMember,
  type LifecycleState,
  type MemberChange,
} from './member-lifecycle';

const { invited, accepted, confirmed, revoked } = MemberStatus;
const now = new Date('2026-01-10T12:00:00Z');
const valid = new Date('2026-01-12T12:00:00Z');
const expired = new Date('2026-01-09T12:00:00Z');

const state = (
  status: MemberStatus,
  statusBeforeRevoke: MemberStatus | null = null,
  invitationExpiresAt: Date | null = null,
): LifecycleState => ({ status, statusBeforeRevoke, invitationExpiresAt });

describe('admitMember (POST /Users)', () => {
  it('invites a new active member and sends the invitation', () => {
    expect(admitMember(true)).toEqual({
      status: invited,
      statusBeforeRevoke: null,
      invitation: 'issue',
      emails: [MailKind.invitation],
      transition: null,
    });
  });

  it('stores a member created inactive as revoked-from-invited and emails nobody yet', () => {
    expect(admitMember(false)).toEqual({
      status: revoked,
      statusBeforeRevoke: invited,
      invitation: 'keep',
      emails: [],
      transition: null,
    });
  });
});

describe('changeMember (PUT/PATCH)', () => {
  const noEmailChange = { emailChanged: false };
  // [behaviour, from, change, expected status, statusBeforeRevoke, invitation, emails, transition]
  // prettier-ignore
  const table: [string, LifecycleState, MemberChange, MemberStatus, MemberStatus | null, string, MailKind[], string | null][] = [
    ['deactivating an Invited member revokes it and keeps Invited to return to', state(invited, null, valid), { active: false, ...noEmailChange }, revoked, invited, 'keep', [MailKind.revocation], 'revoke'],
    ['deactivating an Accepted member revokes it', state(accepted), { active: false, ...noEmailChange }, revoked, accepted, 'keep', [MailKind.revocation], 'revoke'],
    ['deactivating a Confirmed member revokes it', state(confirmed), { active: false, ...noEmailChange }, revoked, confirmed, 'keep', [MailKind.revocation], 'revoke'],
    ['deactivating a Revoked member again is a no-op that sends nothing', state(revoked, accepted), { active: false, ...noEmailChange }, revoked, accepted, 'keep', [], null],
    ['reactivating restores the status held before, with a restored notice', state(revoked, confirmed), { active: true, ...noEmailChange }, confirmed, null, 'keep', [MailKind.restored], 'restore'],
    ['reactivating an Accepted member restores Accepted', state(revoked, accepted), { active: true, ...noEmailChange }, accepted, null, 'keep', [MailKind.restored], 'restore'],
    ['reactivating an Invited member whose link still works restores it with a notice', state(revoked, invited, valid), { active: true, ...noEmailChange }, invited, null, 'keep', [MailKind.restored], 'restore'],
    ['reactivating an Invited member whose invitation expired issues a new one', state(revoked, invited, expired), { active: true, ...noEmailChange }, invited, null, 'issue', [MailKind.invitation], 'restore'],
    ['reactivating an Invited member that never had an invitation issues one', state(revoked, invited, null), { active: true, ...noEmailChange }, invited, null, 'issue', [MailKind.invitation], 'restore'],
    ['an invitation expiring exactly now counts as expired', state(revoked, invited, now), { active: true, ...noEmailChange }, invited, null, 'issue', [MailKind.invitation], 'restore'],
    ['activating an active member is a no-op that sends nothing', state(confirmed), { active: true, ...noEmailChange }, confirmed, null, 'keep', [], null],
    ['leaving active out (PUT) keeps the status', state(revoked, accepted), { ...noEmailChange }, revoked, accepted, 'keep', [], null],
    ['a new address for an Invited member re-issues the invitation there', state(invited, null, valid), { emailChanged: true }, invited, null, 'issue', [MailKind.invitation], null],
    ['a new address for an Accepted member sends the notice (to the old address)', state(accepted), { emailChanged: true }, accepted, null, 'keep', [MailKind.emailChanged], null],
    ['a new address for a Confirmed member sends the notice (to the old address)', state(confirmed), { emailChanged: true }, confirmed, null, 'keep', [MailKind.emailChanged], null],
    ['a new address for a revoked Confirmed member sends the notice, keeps it revoked', state(revoked, confirmed), { emailChanged: true }, revoked, confirmed, 'keep', [MailKind.emailChanged], null],
    ['revoking a Confirmed member at a new address sends both notices', state(confirmed), { active: false, emailChanged: true }, revoked, confirmed, 'keep', [MailKind.revocation, MailKind.emailChanged], 'revoke'],
    ['a new address for a revoked Invited member withdraws the old link', state(revoked, invited, valid), { emailChanged: true }, revoked, invited, 'withdraw', [], null],
    ['revoking an Invited member and changing its address withdraws the link, sends the notice', state(invited, null, valid), { active: false, emailChanged: true }, revoked, invited, 'withdraw', [MailKind.revocation], 'revoke'],
    ['restoring an Invited member at a new address sends one invitation, no restored notice', state(revoked, invited, valid), { active: true, emailChanged: true }, invited, null, 'issue', [MailKind.invitation], 'restore'],
    ['restoring an expired Invited member at a new address still sends one invitation', state(revoked, invited, expired), { active: true, emailChanged: true }, invited, null, 'issue', [MailKind.invitation], 'restore'],
    ['restoring a Confirmed member at a new address sends the restored and the change notices', state(revoked, confirmed), { active: true, emailChanged: true }, confirmed, null, 'keep', [MailKind.restored, MailKind.emailChanged], 'restore'],
    // SPEC §4 "change userName" with the address unchanged: as an address change, but no link to re-issue.
    ['a new userName for an Accepted member sends the userName notice', state(accepted), { emailChanged: false, userNameChanged: true }, accepted, null, 'keep', [MailKind.userNameChanged], null],
    ['a new userName for a Confirmed member sends the userName notice', state(confirmed), { emailChanged: false, userNameChanged: true }, confirmed, null, 'keep', [MailKind.userNameChanged], null],
    ['a new userName for a revoked Confirmed member sends the notice, keeps it revoked', state(revoked, confirmed), { emailChanged: false, userNameChanged: true }, revoked, confirmed, 'keep', [MailKind.userNameChanged], null],
    ['a new userName for a revoked Accepted member sends the notice', state(revoked, accepted), { emailChanged: false, userNameChanged: true }, revoked, accepted, 'keep', [MailKind.userNameChanged], null],
    ['a new userName for an Invited member keeps its link (it binds the address) and sends nothing', state(invited, null, valid), { emailChanged: false, userNameChanged: true }, invited, null, 'keep', [], null],
    ['a new userName for a revoked Invited member sends nothing', state(revoked, invited, valid), { emailChanged: false, userNameChanged: true }, revoked, invited, 'keep', [], null],
    ['revoking a Confirmed member under a new userName sends both notices', state(confirmed), { active: false, emailChanged: false, userNameChanged: true }, revoked, confirmed, 'keep', [MailKind.revocation, MailKind.userNameChanged], 'revoke'],
    ['restoring an expired Invited member under a new userName sends only the invitation', state(revoked, invited, expired), { active: true, emailChanged: false, userNameChanged: true }, invited, null, 'issue', [MailKind.invitation], 'restore'],
    ['a new address and userName send one notice: the address change (it names the userName)', state(confirmed), { emailChanged: true, userNameChanged: true }, confirmed, null, 'keep', [MailKind.emailChanged], null],
    ['a new address and userName for an Invited member re-invite, nothing more', state(invited, null, valid), { emailChanged: true, userNameChanged: true }, invited, null, 'issue', [MailKind.invitation], null],
  ];

  it.each(table)('%s', (_behaviour, from, change, status, before, invitation, emails, transition) => {
    expect(changeMember(from, change, now)).toEqual({
      status,
      statusBeforeRevoke: before,
      invitation,
      emails,
      transition,
    });
  });
});

describe('removeMember (DELETE /Users/{id})', () => {
  it('sends the removal notice', () => {
    expect(removeMember()).toEqual({ emails: [MailKind.removal] });
  });
});
