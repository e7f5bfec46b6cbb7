import type { INestApplicationContext } from '@nestjs/common';
import { DomainErrorCode, mailJobId, type UserWrite } from '@roster/contracts';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  MovableClock,
  startMembershipContext,
  type MembershipTestContext,
} from '../testing/membership-test-context';
import { DomainError } from '../domain/domain-error';
import { MailRedis } from '../mail/mail-redis';
import { OutboxRelay } from '../mail/outbox.relay';
import { MembersService } from '../members/members.service';
import { ScimKeyLifecycleService } from '../scim-keys/scim-key-lifecycle.service';
import { ScimKeysService } from '../scim-keys/scim-keys.service';
import { UsersService } from '../users/users.service';
import { OrganizationDeletionService } from './organization-deletion.service';
import { OrganizationsService } from './organizations.service';

const HOUR_MS = 3_600_000;
const user = (userName: string): UserWrite => ({ userName, email: userName, attributes: { userName } });
const newDigest = () => createHash('sha256').update(randomBytes(32)).digest('hex');

// Protects SPEC §1 on the database: what renaming, listing and deleting organizations, and rotating
// and revoking keys, do to the rows (and to email that was not sent yet), and what they record.
describe('organization and key administration against PostgreSQL and Redis', () => {
  const clock = new MovableClock('2026-03-01T09:00:00.000Z');
  let context: MembershipTestContext;
  let app: INestApplicationContext;
  let db: DataSource;
  let organizations: OrganizationsService;
  let keys: ScimKeysService;
  let lifecycle: ScimKeyLifecycleService;

  beforeAll(async () => {
    context = await startMembershipContext({ clock, env: { SCIM_KEY_ROTATION_OVERLAP_HOURS: '2' } });
    app = context.app;
    db = app.get(DataSource);
    organizations = app.get(OrganizationsService);
    keys = app.get(ScimKeysService);
    lifecycle = app.get(ScimKeyLifecycleService);
  });

  afterAll(async () => {
    await context?.close();
  });

  async function domainError(work: Promise<unknown>): Promise<DomainError> {
    const error = await work.then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  const auditActions = async (organizationId: string) =>
    (
      await db.query<{ action: string }[]>(
        `SELECT action FROM audit_events WHERE organization_id = $1 ORDER BY id`,
        [organizationId],
      )
    ).map((row) => row.action);
  const usableKeyIds = async (organizationId: string) =>
    (await keys.credentials({ organizationId })).keys.map((key) => key.id).sort();

  async function organizationWithKey(name: string) {
    const organization = await organizations.create({ name });
    await organizations.setScimEnabled({ organizationId: organization.id, enabled: true });
    const key = await keys.issue({
      organizationId: organization.id,
      displayPrefix: 'roster_scim_test',
      digest: newDigest(),
    });
    return { organization, key };
  }

  it('renames with an audit entry, and records nothing when the name does not change', async () => {
    const { id } = await organizations.create({ name: 'Before' });
    expect(await organizations.rename({ organizationId: id, name: ' After ' })).toMatchObject({
      name: 'After',
    });
    await organizations.rename({ organizationId: id, name: 'After' });
    expect(await auditActions(id)).toEqual(['organization.created', 'organization.renamed']);
    expect((await domainError(organizations.rename({ organizationId: id, name: '  ' }))).code).toBe(
      DomainErrorCode.invalid,
    );
  });

  it('lists every organization once across pages, and refuses a cursor it did not issue', async () => {
    const ids = new Set<string>();
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await organizations.list({ limit: 2, ...(cursor ? { cursor } : {}) });
      page.organizations.forEach((organization) => ids.add(organization.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    const [{ count }] = await db.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM organizations`,
    );
    expect(ids.size).toBe(count);
    expect(pages).toBe(Math.max(1, Math.ceil(count / 2)));
    const error = await domainError(organizations.list({ cursor: 'bm9wZQ' }));
    expect([error.code, error.target]).toEqual([DomainErrorCode.invalid, 'cursor']);
  });

  it('rotates with the configured overlap, never lengthens it, and ends it at once with 0', async () => {
    const { organization, key } = await organizationWithKey('Rotating');
    const organizationId = organization.id;
    const start = clock.now().getTime();

    const first = await lifecycle.rotate({
      organizationId,
      keyId: key.id,
      displayPrefix: 'p',
      digest: newDigest(),
    });
    expect(first.previous.expiresAt).toBe(new Date(start + 2 * HOUR_MS).toISOString());
    const longer = await lifecycle.rotate({
      organizationId,
      keyId: key.id,
      displayPrefix: 'p',
      digest: newDigest(),
      overlapHours: 100,
    });
    expect(longer.previous.expiresAt).toBe(new Date(start + 2 * HOUR_MS).toISOString());
    expect(await usableKeyIds(organizationId)).toEqual([key.id, first.key.id, longer.key.id].sort());

    clock.advanceHours(2);
    expect(await usableKeyIds(organizationId)).toEqual([first.key.id, longer.key.id].sort());
    const expired = await domainError(
      lifecycle.rotate({ organizationId, keyId: key.id, displayPrefix: 'p', digest: newDigest() }),
    );
    expect([expired.code, expired.target]).toEqual([DomainErrorCode.invalid, 'keyId']);

    const now = await lifecycle.rotate({
      organizationId,
      keyId: first.key.id,
      displayPrefix: 'p',
      digest: newDigest(),
      overlapHours: 0,
    });
    expect(now.previous.expiresAt).toBe(clock.now().toISOString());
    expect(await usableKeyIds(organizationId)).toEqual([longer.key.id, now.key.id].sort());

    expect(await auditActions(organizationId)).toEqual([
      'organization.created',
      'organization.scim_enabled',
      'scim_api_key.issued',
      'scim_api_key.rotated',
      'scim_api_key.rotated',
      'scim_api_key.rotated',
    ]);
  });

  it('revokes at once and once, and never shows a digest', async () => {
    const { organization, key } = await organizationWithKey('Revoking');
    const organizationId = organization.id;
    const revoked = await lifecycle.revoke({ organizationId, keyId: key.id });
    expect(revoked.revokedAt).toBe(clock.now().toISOString());
    await lifecycle.revoke({ organizationId, keyId: key.id });
    expect(await usableKeyIds(organizationId)).toEqual([]);
    expect(
      (await auditActions(organizationId)).filter((action) => action === 'scim_api_key.revoked'),
    ).toHaveLength(1);
    const listed = await lifecycle.list({ organizationId });
    expect(listed).toEqual([revoked]);
    expect(JSON.stringify(listed)).not.toMatch(/[0-9a-f]{64}/);
  });

  it.each([
    ['a key of another organization', 'other'],
    ['an unknown key', 'unknown'],
  ])('answers not found for %s', async (_name, which) => {
    const { organization } = await organizationWithKey('Mine');
    const { key: otherKey } = await organizationWithKey('Theirs');
    const keyId = which === 'other' ? otherKey.id : '00000000-0000-4000-8000-000000000000';
    for (const work of [
      lifecycle.revoke({ organizationId: organization.id, keyId }),
      lifecycle.rotate({ organizationId: organization.id, keyId, displayPrefix: 'p', digest: newDigest() }),
    ]) {
      const error = await domainError(work);
      expect([error.code, error.target]).toEqual([DomainErrorCode.notFound, 'keyId']);
    }
    expect((await lifecycle.list({ organizationId: organization.id }))[0].revokedAt).toBeNull();
  });

  it('shows each member with its groups', async () => {
    const { organization } = await organizationWithKey('Grouped');
    const users = app.get(UsersService);
    const member = await users.create({ organizationId: organization.id, user: user('grouped@example.com') });
    for (const name of ['Engineering', 'Admins']) {
      await db.query(
        `WITH g AS (INSERT INTO groups (id, organization_id, display_name, display_name_canonical, created_at, updated_at)
                    VALUES (gen_random_uuid(), $1, $2, lower($2), now(), now()) RETURNING id)
         INSERT INTO group_members (group_id, member_id) SELECT id, $3 FROM g`,
        [organization.id, name, member.id],
      );
    }
    const [summary] = await app.get(MembersService).list({ organizationId: organization.id });
    expect(summary.groups.map((group) => group.displayName)).toEqual(['Admins', 'Engineering']);
  });

  it('deletes everything in an organization, cancels its unsent email and keeps the audit trail', async () => {
    const { organization, key } = await organizationWithKey('Deleted');
    const { organization: bystander } = await organizationWithKey('Bystander');
    const users = app.get(UsersService);
    const queued = await users.create({ organizationId: organization.id, user: user('queued@example.com') });
    await users.create({ organizationId: bystander.id, user: user('bystander@example.com') });
    // The relay hands these invitations to the mail queue (no mailer runs here: they stay waiting).
    await app.get(OutboxRelay).relayPending();
    const [{ id: queuedEventId }] = await db.query<{ id: string }[]>(
      `SELECT id FROM outbox WHERE payload->'member'->>'id' = $1`,
      [queued.id],
    );
    const queue = app.get(MailRedis).outgoing;
    expect(await (await queue.getJob(mailJobId(queuedEventId)))?.getState()).toBe('waiting');
    // This one is written but not relayed yet.
    await users.create({ organizationId: organization.id, user: user('unsent@example.com') });

    const deletion = await app.get(OrganizationDeletionService).delete({ organizationId: organization.id });
    expect(deletion).toEqual({
      organizationId: organization.id,
      name: 'Deleted',
      members: 2,
      groups: 0,
      scimKeys: 1,
      cancelledEmails: 2,
    });
    expect(await queue.getJob(mailJobId(queuedEventId))).toBeUndefined();
    for (const table of [
      'members',
      'scim_api_keys',
      'groups',
      'outbox',
      'mail_deliveries',
      'provisioning_log',
    ]) {
      const rows = await db.query(`SELECT 1 FROM ${table} WHERE organization_id = $1`, [organization.id]);
      expect([table, rows.length]).toEqual([table, 0]);
    }
    expect(await db.query(`SELECT 1 FROM scim_api_keys WHERE id = $1`, [key.id])).toEqual([]);
    expect((await auditActions(organization.id)).at(-1)).toBe('organization.deleted');
    expect(await app.get(MembersService).list({ organizationId: bystander.id })).toHaveLength(1);
    expect((await keys.credentials({ organizationId: organization.id })).enabled).toBe(false);

    const again = await domainError(
      app.get(OrganizationDeletionService).delete({ organizationId: organization.id }),
    );
    expect(again.code).toBe(DomainErrorCode.notFound);
  });
});
