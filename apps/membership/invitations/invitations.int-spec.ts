import type { INestApplicationContext } from '@nestjs/common';
import {
  DomainErrorCode,
  MailKind,
  MemberStatus,
  type InvitationClaimRequest,
  type UserWrite,
} from '@roster/contracts';
import { DataSource } from 'typeorm';
import {
  MovableClock,
  startMembershipContext,
  type MembershipTestContext,
} from '../testing/membership-test-context';
import { DomainError } from '../domain/domain-error';
import { OrganizationSettingsService } from '../organization-settings/organization-settings.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { UsersService } from '../users/users.service';
import { InvitationAcceptanceService } from './invitation-acceptance.service';
import { MemberOnboardingService } from './member-onboarding.service';

const user = (userName: string, extra: Partial<UserWrite> = {}): UserWrite => ({
  userName,
  email: userName.toLowerCase(),
  attributes: { userName },
  ...extra,
});

// Protects SPEC §7 against the real PostgreSQL: an invitation is accepted exactly once, only while
// it is the member's current, open one; admins confirm and re-send; auto-confirm skips the admin.
describe('invitations: accept, confirm, resend (SPEC §7)', () => {
  const clock = new MovableClock('2026-04-01T09:00:00.000Z');
  let context: MembershipTestContext;
  let app: INestApplicationContext;
  let db: DataSource;
  let users: UsersService;
  let acceptance: InvitationAcceptanceService;
  let onboarding: MemberOnboardingService;
  let settings: OrganizationSettingsService;

  beforeAll(async () => {
    context = await startMembershipContext({ clock });
    app = context.app;
    db = app.get(DataSource);
    users = app.get(UsersService);
    acceptance = app.get(InvitationAcceptanceService);
    onboarding = app.get(MemberOnboardingService);
    settings = app.get(OrganizationSettingsService);
  });

  afterAll(async () => {
    await context?.close();
  });

  async function newOrganization(name: string, adminEmails: string[] = ['owner@acme.example']) {
    const organizationId = (await app.get(OrganizationsService).create({ name })).id;
    await settings.update({ organizationId, adminEmails });
    return organizationId;
  }

  /** Invites a member through SCIM's use case and returns the claim its emailed token would carry. */
  async function invite(organizationId: string, address: string): Promise<InvitationClaimRequest> {
    const created = await users.create({ organizationId, user: user(address) });
    return currentClaim(organizationId, created.id);
  }

  async function currentClaim(organizationId: string, memberId: string): Promise<InvitationClaimRequest> {
    const [row] = await db.query<{ email: string; invitation_nonce: string }[]>(
      `SELECT email, invitation_nonce FROM members WHERE id = $1`,
      [memberId],
    );
    return { organizationId, memberId, email: row.email, nonce: row.invitation_nonce };
  }

  const statusOf = async (memberId: string) =>
    (await db.query<{ status: string }[]>(`SELECT status FROM members WHERE id = $1`, [memberId]))[0]?.status;
  const emailsAbout = (memberId: string) =>
    db.query<{ kind: string; to: string }[]>(
      `SELECT kind, payload->>'to' AS to FROM outbox WHERE payload->'member'->>'id' = $1 ORDER BY id`,
      [memberId],
    );
  const auditActions = async (memberId: string) =>
    (
      await db.query<{ action: string }[]>(
        `SELECT action FROM audit_events WHERE resource_id = $1 ORDER BY id`,
        [memberId],
      )
    ).map((row) => row.action);

  async function rejection(work: Promise<unknown>): Promise<DomainError> {
    const error = await work.then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }

  /** Every closed invitation looks the same: not_found, one message, no hint of why. */
  async function expectClosed(claim: InvitationClaimRequest): Promise<void> {
    for (const work of [acceptance.inspect(claim), acceptance.accept(claim)]) {
      expect((await rejection(work)).toPayload()).toEqual({
        code: DomainErrorCode.notFound,
        message: 'This invitation link is no longer valid.',
        target: 'invitation',
      });
    }
  }

  it('shows an open invitation, then accepts it: Accepted, one notice per admin address, audited', async () => {
    const organizationId = await newOrganization('Acme', ['owner@acme.example', 'it@acme.example']);
    const claim = await invite(organizationId, 'ada@example.com');

    await expect(acceptance.inspect(claim)).resolves.toEqual({
      organizationName: 'Acme',
      email: 'ada@example.com',
    });
    await expect(acceptance.accept(claim)).resolves.toEqual({
      organizationName: 'Acme',
      email: 'ada@example.com',
      status: MemberStatus.accepted,
    });

    expect(await statusOf(claim.memberId)).toBe(MemberStatus.accepted);
    expect(await emailsAbout(claim.memberId)).toEqual([
      { kind: MailKind.invitation, to: 'ada@example.com' },
      { kind: MailKind.acceptedAdminNotice, to: 'owner@acme.example' },
      { kind: MailKind.acceptedAdminNotice, to: 'it@acme.example' },
    ]);
    expect(await auditActions(claim.memberId)).toEqual(['member.created', 'member.accepted']);
    // Used: the same link is closed now, for the page as for the button.
    await expectClosed(claim);
  });

  it('accepts exactly once when the same link is submitted 8 times at once', async () => {
    const organizationId = await newOrganization('Race Inc');
    const claim = await invite(organizationId, 'racer@example.com');

    const attempts = await Promise.allSettled(Array.from({ length: 8 }, () => acceptance.accept(claim)));

    expect(attempts.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(1);
    const refused = attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected');
    expect(refused.map((attempt) => (attempt.reason as DomainError).code)).toEqual(
      Array(7).fill(DomainErrorCode.notFound),
    );
    expect((await emailsAbout(claim.memberId)).map((email) => email.kind)).toEqual([
      MailKind.invitation,
      MailKind.acceptedAdminNotice,
    ]);
    expect(await auditActions(claim.memberId)).toEqual(['member.created', 'member.accepted']);
  });

  it('kills the old link when the invitation is re-sent, and the new one works', async () => {
    const organizationId = await newOrganization('Resend Ltd');
    const old = await invite(organizationId, 'grace@example.com');

    const resent = await onboarding.resendInvitation({ organizationId, memberId: old.memberId });
    expect(resent).toMatchObject({ id: old.memberId, status: MemberStatus.invited });
    const fresh = await currentClaim(organizationId, old.memberId);
    expect(fresh.nonce).not.toBe(old.nonce);

    await expectClosed(old);
    expect((await emailsAbout(old.memberId)).map((email) => email.kind)).toEqual([
      MailKind.invitation,
      MailKind.invitation,
    ]);
    await expect(acceptance.accept(fresh)).resolves.toMatchObject({ status: MemberStatus.accepted });
  });

  it('kills the old link when the IdP changes an Invited member’s address (a new issue is sent there)', async () => {
    const organizationId = await newOrganization('Moves Co');
    const old = await invite(organizationId, 'before@example.com');

    await users.replace({ organizationId, id: old.memberId, user: user('after@example.com') });

    await expectClosed(old);
    const fresh = await currentClaim(organizationId, old.memberId);
    await expect(acceptance.inspect(fresh)).resolves.toEqual({
      organizationName: 'Moves Co',
      email: 'after@example.com',
    });
  });

  it('confirms at once under auto-confirm: Confirmed, the access email, no admin notice', async () => {
    const organizationId = await newOrganization('Auto Corp');
    await settings.update({ organizationId, autoConfirm: true });
    const claim = await invite(organizationId, 'linus@example.com');

    await expect(acceptance.accept(claim)).resolves.toMatchObject({ status: MemberStatus.confirmed });

    expect(await statusOf(claim.memberId)).toBe(MemberStatus.confirmed);
    expect(await emailsAbout(claim.memberId)).toEqual([
      { kind: MailKind.invitation, to: 'linus@example.com' },
      { kind: MailKind.confirmed, to: 'linus@example.com' },
    ]);
  });

  it.each<[string, (organizationId: string, claim: InvitationClaimRequest) => Promise<unknown>]>([
    [
      'revoked',
      (organizationId, claim) =>
        users.replace({ organizationId, id: claim.memberId, user: user(claim.email, { active: false }) }),
    ],
    ['removed', (organizationId, claim) => users.delete({ organizationId, id: claim.memberId })],
    [
      'expired',
      async () => {
        clock.advanceHours(5 * 24);
      },
    ],
  ])('refuses the link of a %s invitation like any other closed one', async (_case, close) => {
    const organizationId = await newOrganization(`Closed ${_case}`);
    const claim = await invite(organizationId, `${_case}@example.com`);
    await close(organizationId, claim);
    await expectClosed(claim);
  });

  it('refuses a claim for another address, member or organization than the one issued', async () => {
    const organizationId = await newOrganization('Bound Inc');
    const claim = await invite(organizationId, 'bound@example.com');
    const otherOrganization = await newOrganization('Elsewhere');
    const other = await invite(organizationId, 'other@example.com');

    await expectClosed({ ...claim, email: 'mallory@example.com' });
    await expectClosed({ ...claim, memberId: other.memberId });
    await expectClosed({ ...claim, organizationId: otherOrganization });
    expect(await statusOf(claim.memberId)).toBe(MemberStatus.invited);
  });

  describe('admin commands', () => {
    it('confirms an Accepted member once, with the access email; a second confirm is a conflict', async () => {
      const organizationId = await newOrganization('Confirm Co');
      const claim = await invite(organizationId, 'ken@example.com');
      await acceptance.accept(claim);
      const ref = { organizationId, memberId: claim.memberId };

      await expect(onboarding.confirm(ref)).resolves.toMatchObject({ status: MemberStatus.confirmed });
      const again = await rejection(onboarding.confirm(ref));
      expect(again).toMatchObject({ code: DomainErrorCode.conflict, target: 'status' });
      expect(again.message).toMatch(/already confirmed/);

      expect((await emailsAbout(claim.memberId)).map((email) => email.kind)).toEqual([
        MailKind.invitation,
        MailKind.acceptedAdminNotice,
        MailKind.confirmed,
      ]);
      expect(await auditActions(claim.memberId)).toEqual([
        'member.created',
        'member.accepted',
        'member.confirmed',
      ]);
    });

    it.each<[string, 'confirm' | 'resendInvitation', MemberStatus, RegExp]>([
      ['confirming an Invited member', 'confirm', MemberStatus.invited, /not accepted/],
      ['re-sending to an Accepted member', 'resendInvitation', MemberStatus.accepted, /already accepted/],
      ['re-sending to a Revoked member', 'resendInvitation', MemberStatus.revoked, /revoked/],
    ])(
      'refuses %s with a conflict that says why, changing nothing',
      async (_case, command, status, reason) => {
        const organizationId = await newOrganization(`Refuse ${command} ${status}`);
        const claim = await invite(organizationId, `${command}-${status}@example.com`);
        if (status === MemberStatus.accepted) await acceptance.accept(claim);
        if (status === MemberStatus.revoked) {
          await users.replace({
            organizationId,
            id: claim.memberId,
            user: user(claim.email, { active: false }),
          });
        }
        const before = await emailsAbout(claim.memberId);

        const error = await rejection(onboarding[command]({ organizationId, memberId: claim.memberId }));

        expect(error).toMatchObject({ code: DomainErrorCode.conflict, target: 'status' });
        expect(error.message).toMatch(reason);
        expect(await statusOf(claim.memberId)).toBe(status);
        expect(await emailsAbout(claim.memberId)).toEqual(before);
      },
    );

    it('answers not found for a member of another organization', async () => {
      const organizationId = await newOrganization('Mine');
      const claim = await invite(await newOrganization('Theirs'), 'theirs@example.com');
      const error = await rejection(onboarding.confirm({ organizationId, memberId: claim.memberId }));
      expect(error).toMatchObject({ code: DomainErrorCode.notFound, target: 'member' });
    });
  });

  describe('organization settings', () => {
    it('starts with no admin addresses and no auto-confirm; stores addresses lower-cased, once', async () => {
      const organizationId = (await app.get(OrganizationsService).create({ name: 'Fresh' })).id;
      await expect(settings.get({ organizationId })).resolves.toEqual({
        organizationId,
        autoConfirm: false,
        adminEmails: [],
      });

      const updated = await settings.update({ organizationId, adminEmails: ['Boss@Fresh.example'] });
      expect(updated.adminEmails).toEqual(['boss@fresh.example']);
      // Fields left out keep their value; saving unchanged settings records nothing.
      await settings.update({ organizationId, autoConfirm: true });
      await settings.update({ organizationId, autoConfirm: true });
      await expect(settings.get({ organizationId })).resolves.toEqual({
        organizationId,
        autoConfirm: true,
        adminEmails: ['boss@fresh.example'],
      });
      expect(await auditActions(organizationId)).toEqual([
        'organization.created',
        'organization.settings_changed',
        'organization.settings_changed',
      ]);
    });
  });
});
