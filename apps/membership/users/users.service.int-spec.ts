import type { INestApplicationContext } from '@nestjs/common';
import { DomainErrorCode, MailKind, MemberStatus, type UserWrite } from '@roster/contracts';
import { DataSource } from 'typeorm';
import {
  MovableClock,
  startMembershipContext,
  type MembershipTestContext,
} from '../testing/membership-test-context';
import { DomainError } from '../domain/domain-error';
import { OrganizationsService } from '../organizations/organizations.service';
import { UsersService } from './users.service';

const user = (userName: string, extra: Partial<UserWrite> = {}): UserWrite => ({
  userName,
  email: userName.includes('@') ? userName.toLowerCase() : null,
  attributes: { userName },
  ...extra,
});

describe('UsersService against PostgreSQL: the membership lifecycle (SPEC §4)', () => {
  const clock = new MovableClock('2026-03-01T09:00:00.000Z');
  let context: MembershipTestContext;
  let app: INestApplicationContext;
  let users: UsersService;
  let db: DataSource;
  let organizationId: string;

  beforeAll(async () => {
    context = await startMembershipContext({ clock });
    app = context.app;
    users = app.get(UsersService);
    db = app.get(DataSource);
    organizationId = (await app.get(OrganizationsService).create({ name: 'Acme' })).id;
  });

  afterAll(async () => {
    await context?.close();
  });

  // Rows as PostgreSQL returns them; the tests read the fields they assert on.
  type Row = Record<string, any>;
  const outboxOf = (memberId: string) =>
    db.query<{ id: string; kind: string; payload: Row }[]>(
      `SELECT id, kind, payload FROM outbox WHERE payload->'member'->>'id' = $1 ORDER BY id`,
      [memberId],
    );
  const auditOf = (memberId: string) =>
    db.query<{ action: string; data: Row }[]>(
      `SELECT action, data FROM audit_events WHERE resource_id = $1 ORDER BY id`,
      [memberId],
    );
  const memberRow = async (memberId: string) =>
    (await db.query(`SELECT * FROM members WHERE id = $1`, [memberId]))[0] as Row | undefined;

  async function expectDomainError(
    work: Promise<unknown>,
    code: DomainErrorCode,
    target?: string,
  ): Promise<void> {
    const error = await work.then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject(target === undefined ? { code } : { code, target });
  }

  it('creates a member as Invited and queues one invitation, with a queued delivery and an audit entry', async () => {
    const created = await users.create({ organizationId, user: user('ada@example.com') });

    expect(created).toMatchObject({
      status: MemberStatus.invited,
      active: true,
      version: 1,
      email: 'ada@example.com',
    });
    const row = await memberRow(created.id);
    const outbox = await outboxOf(created.id);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({
      kind: MailKind.invitation,
      payload: {
        kind: 'invitation',
        to: 'ada@example.com',
        organization: { id: organizationId, name: 'Acme' },
        member: { id: created.id, userName: 'ada@example.com' },
        invitation: {
          nonce: row!.invitation_nonce,
          issuedAt: '2026-03-01T09:00:00.000Z',
          expiresAt: '2026-03-06T09:00:00.000Z',
        },
      },
    });
    const deliveries = await db.query(
      `SELECT state, recipient, kind FROM mail_deliveries WHERE event_id = $1`,
      [outbox[0].id],
    );
    expect(deliveries).toEqual([{ state: 'queued', recipient: 'ada@example.com', kind: 'invitation' }]);
    expect((await auditOf(created.id)).map((entry) => entry.action)).toEqual(['member.created']);
  });

  it('creates a member without an address and records nothing to send', async () => {
    const created = await users.create({ organizationId, user: user('no-mail-user') });
    expect(created.status).toBe(MemberStatus.invited);
    expect(await outboxOf(created.id)).toEqual([]);
  });

  it('refuses a userName that differs only in case or width, naming userName, and leaves no trace', async () => {
    await users.create({ organizationId, user: user('grace@example.com') });
    const before = await db.query(`SELECT count(*)::int AS n FROM outbox`);

    await expectDomainError(
      users.create({ organizationId, user: user('Grace@EXAMPLE.com') }),
      DomainErrorCode.uniqueness,
      'userName',
    );
    await expectDomainError(
      users.create({ organizationId, user: user('ｇｒａｃｅ@example.com') }),
      DomainErrorCode.uniqueness,
      'userName',
    );
    expect(await db.query(`SELECT count(*)::int AS n FROM outbox`)).toEqual(before);
  });

  it('lets exactly one of 20 concurrent creates of the same userName win', async () => {
    const attempts = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        users.create({ organizationId, user: user(i % 2 ? 'Race@example.com' : 'race@example.com') }),
      ),
    );
    const won = attempts.filter((attempt) => attempt.status === 'fulfilled');
    const lost = attempts.filter(
      (attempt): attempt is PromiseRejectedResult => attempt.status === 'rejected',
    );
    expect(won).toHaveLength(1);
    expect(lost.map((attempt) => (attempt.reason as DomainError).code)).toEqual(
      Array(19).fill(DomainErrorCode.uniqueness),
    );
    const rows = await db.query(
      `SELECT count(*)::int AS n FROM members WHERE user_name_canonical = 'race@example.com'`,
    );
    expect(rows).toEqual([{ n: 1 }]);
    expect(
      await db.query(`SELECT count(*)::int AS n FROM outbox WHERE payload->>'to' = 'race@example.com'`),
    ).toEqual([{ n: 1 }]);
  });

  it('revokes with one notice and keeps the previous status; deactivating again changes and sends nothing', async () => {
    const created = await users.create({ organizationId, user: user('linus@example.com') });
    const write = user('linus@example.com', { active: false });

    const revoked = await users.replace({ organizationId, id: created.id, user: write });
    expect(revoked).toMatchObject({ status: MemberStatus.revoked, active: false, version: 2 });
    expect((await memberRow(created.id))!.status_before_revoke).toBe(MemberStatus.invited);

    const again = await users.replace({ organizationId, id: created.id, user: write });
    expect(again.version).toBe(2);
    expect((await outboxOf(created.id)).map((row) => row.kind)).toEqual([
      MailKind.invitation,
      MailKind.revocation,
    ]);
    expect((await auditOf(created.id)).map((entry) => entry.action)).toEqual([
      'member.created',
      'member.revoked',
    ]);
  });

  it('restores the status held before with a restored notice; restoring again is a no-op', async () => {
    const created = await users.create({ organizationId, user: user('margaret@example.com') });
    await db.query(`UPDATE members SET status = 'confirmed' WHERE id = $1`, [created.id]);
    await users.replace({
      organizationId,
      id: created.id,
      user: user('margaret@example.com', { active: false }),
    });

    const restored = await users.replace({
      organizationId,
      id: created.id,
      user: user('margaret@example.com', { active: true }),
    });
    await users.replace({
      organizationId,
      id: created.id,
      user: user('margaret@example.com', { active: true }),
    });

    expect(restored).toMatchObject({ status: MemberStatus.confirmed, active: true, version: 3 });
    expect((await outboxOf(created.id)).map((row) => row.kind)).toEqual([
      'invitation',
      'revocation',
      'restored',
    ]);
    expect((await auditOf(created.id)).map((entry) => entry.action)).toEqual([
      'member.created',
      'member.revoked',
      'member.restored',
    ]);
  });

  it('gives a restored Invited member whose invitation expired a new one, and the old link dies', async () => {
    const created = await users.create({ organizationId, user: user('barbara@example.com') });
    const firstNonce = (await memberRow(created.id))!.invitation_nonce as string;
    await users.replace({
      organizationId,
      id: created.id,
      user: user('barbara@example.com', { active: false }),
    });
    clock.advanceHours(6 * 24);

    await users.replace({
      organizationId,
      id: created.id,
      user: user('barbara@example.com', { active: true }),
    });

    const row = await memberRow(created.id);
    expect(row!.status).toBe(MemberStatus.invited);
    expect(row!.invitation_nonce).not.toBe(firstNonce);
    const outbox = await outboxOf(created.id);
    expect(outbox.map((entry) => entry.kind)).toEqual(['invitation', 'revocation', 'invitation']);
    expect(outbox[2].payload.invitation.nonce).toBe(row!.invitation_nonce);
  });

  it('re-invites an Invited member at a new address with a new nonce', async () => {
    const created = await users.create({ organizationId, user: user('old@example.com') });
    const firstNonce = (await memberRow(created.id))!.invitation_nonce as string;

    const moved = await users.replace({
      organizationId,
      id: created.id,
      user: user('old@example.com', { email: 'New@Example.com' }),
    });

    expect(moved).toMatchObject({ email: 'new@example.com', version: 2, status: MemberStatus.invited });
    const outbox = await outboxOf(created.id);
    expect(outbox.map((entry) => [entry.kind, entry.payload.to])).toEqual([
      ['invitation', 'old@example.com'],
      ['invitation', 'new@example.com'],
    ]);
    expect(outbox[1].payload.invitation.nonce).not.toBe(firstNonce);
  });

  it('stores a new address of an Accepted member and sends the change notice to the old one', async () => {
    const created = await users.create({ organizationId, user: user('ken@example.com') });
    await db.query(`UPDATE members SET status = 'accepted' WHERE id = $1`, [created.id]);
    const moved = await users.replace({
      organizationId,
      id: created.id,
      user: user('ken@example.com', { email: 'ken@new.example.com' }),
    });
    expect(moved).toMatchObject({ email: 'ken@new.example.com', status: MemberStatus.accepted });
    expect((await outboxOf(created.id)).map((entry) => [entry.kind, entry.payload.to])).toEqual([
      ['invitation', 'ken@example.com'],
      ['emailChanged', 'ken@example.com'],
    ]);
  });

  it('replaces every typed field and the attributes, keeps the status when active is left out, and bumps the version once', async () => {
    const created = await users.create({
      organizationId,
      user: user('dennis@example.com', {
        displayName: 'Dennis',
        externalId: 'ext-1',
        attributes: { userName: 'dennis@example.com', title: 'Eng' },
      }),
    });
    await users.replace({
      organizationId,
      id: created.id,
      user: user('dennis@example.com', { active: false }),
    });

    const replaced = await users.replace({
      organizationId,
      id: created.id,
      user: user('Dennis@example.com', {
        givenName: 'Dennis',
        attributes: { userName: 'Dennis@example.com', nickName: 'dmr' },
      }),
    });
    expect(replaced).toMatchObject({
      userName: 'Dennis@example.com',
      displayName: null,
      externalId: null,
      givenName: 'Dennis',
      status: MemberStatus.revoked,
      version: 3,
      attributes: { userName: 'Dennis@example.com', nickName: 'dmr' },
    });

    const same = await users.replace({
      organizationId,
      id: created.id,
      user: user('Dennis@example.com', {
        givenName: 'Dennis',
        attributes: { nickName: 'dmr', userName: 'Dennis@example.com' },
      }),
    });
    expect(same.version).toBe(3);
  });

  it('refuses a stale expectedVersion and changes nothing', async () => {
    const created = await users.create({ organizationId, user: user('bjarne@example.com') });
    await expectDomainError(
      users.replace({
        organizationId,
        id: created.id,
        expectedVersion: 7,
        user: user('bjarne@example.com', { displayName: 'B' }),
      }),
      DomainErrorCode.versionMismatch,
    );
    await expectDomainError(
      users.delete({ organizationId, id: created.id, expectedVersion: 2 }),
      DomainErrorCode.versionMismatch,
    );
    expect((await memberRow(created.id))!.version).toBe(1);
  });

  it('refuses renaming a member onto another userName', async () => {
    await users.create({ organizationId, user: user('taken@example.com') });
    const other = await users.create({ organizationId, user: user('free@example.com') });
    await expectDomainError(
      users.replace({ organizationId, id: other.id, user: user('TAKEN@example.com') }),
      DomainErrorCode.uniqueness,
      'userName',
    );
  });

  it('deletes the member for good: audit keeps it, the removal notice goes to the stored address, the userName is free', async () => {
    const created = await users.create({ organizationId, user: user('alan@example.com') });

    await users.delete({ organizationId, id: created.id });

    expect(await memberRow(created.id)).toBeUndefined();
    await expectDomainError(users.get({ organizationId, id: created.id }), DomainErrorCode.notFound, 'id');
    await expectDomainError(users.delete({ organizationId, id: created.id }), DomainErrorCode.notFound);
    const outbox = await outboxOf(created.id);
    expect(outbox.map((entry) => [entry.kind, entry.payload.to])).toEqual([
      ['invitation', 'alan@example.com'],
      ['removal', 'alan@example.com'],
    ]);
    const audit = await auditOf(created.id);
    expect(audit.at(-1)).toMatchObject({ action: 'member.deleted', data: { userName: 'alan@example.com' } });

    const again = await users.create({ organizationId, user: user('Alan@example.com') });
    expect(again.id).not.toBe(created.id);
  });

  it('does not show a member to another organization, nor take ids that are not ours', async () => {
    const created = await users.create({ organizationId, user: user('hidden@example.com') });
    const other = await app.get(OrganizationsService).create({ name: 'Other' });

    await expectDomainError(
      users.get({ organizationId: other.id, id: created.id }),
      DomainErrorCode.notFound,
      'id',
    );
    await expectDomainError(users.get({ organizationId, id: 'not-a-uuid' }), DomainErrorCode.notFound, 'id');
    await expectDomainError(
      users.create({ organizationId: '00000000-0000-4000-8000-000000000000', user: user('x@example.com') }),
      DomainErrorCode.notFound,
      'organizationId',
    );
  });
});
