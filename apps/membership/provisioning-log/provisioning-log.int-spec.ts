import type { INestApplicationContext } from '@nestjs/common';
import { DomainErrorCode, type ProvisioningLogEntry } from '@roster/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  MovableClock,
  startMembershipContext,
  type MembershipTestContext,
} from '../testing/membership-test-context';
import { DomainError } from '../domain/domain-error';
import { OrganizationsService } from '../organizations/organizations.service';
import { ProvisioningLogPurger } from './provisioning-log.purger';
import { ProvisioningLogService } from './provisioning-log.service';

const DAY_MS = 86_400_000;

// Protects SPEC §1: the provisioning log stores each request once, only for organizations that
// exist, reads newest first with filters and a stable cursor, and forgets entries past retention.
describe('the provisioning log against PostgreSQL', () => {
  const clock = new MovableClock('2026-03-31T12:00:00.000Z');
  let context: MembershipTestContext;
  let app: INestApplicationContext;
  let db: DataSource;
  let log: ProvisioningLogService;
  let organizationId: string;

  beforeAll(async () => {
    context = await startMembershipContext({ clock, env: { PROVISIONING_LOG_RETENTION_DAYS: '7' } });
    app = context.app;
    db = app.get(DataSource);
    log = app.get(ProvisioningLogService);
    organizationId = (await app.get(OrganizationsService).create({ name: 'Logged' })).id;
  });

  afterAll(async () => {
    await context?.close();
  });

  const entry = (overrides: Partial<ProvisioningLogEntry> = {}): ProvisioningLogEntry => ({
    id: randomUUID(),
    organizationId,
    at: clock.now().toISOString(),
    requestId: randomUUID(),
    idp: 'okta',
    method: 'GET',
    path: `/scim/v2/${organizationId}/Users`,
    resourceType: 'User',
    resourceId: null,
    outcome: 'success',
    status: 200,
    durationMs: 3,
    warnings: [],
    ...overrides,
  });
  const countRows = async () =>
    (await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM provisioning_log`))[0].n;

  it('stores a batch once, even when it is sent again, and skips organizations that do not exist', async () => {
    const before = await countRows();
    const batch = [entry({ warnings: ['member 123 skipped'] }), entry({ organizationId: randomUUID() })];
    expect(await log.record({ entries: batch })).toEqual({ stored: 1 });
    expect(await log.record({ entries: batch })).toEqual({ stored: 0 });
    expect(await countRows()).toBe(before + 1);
    const page = await log.query({ organizationId, limit: 1 });
    expect(page.entries[0]).toEqual({
      id: batch[0].id,
      at: batch[0].at,
      requestId: batch[0].requestId,
      idp: 'okta',
      method: 'GET',
      path: batch[0].path,
      resourceType: 'User',
      resourceId: null,
      outcome: 'success',
      status: 200,
      durationMs: 3,
      warnings: ['member 123 skipped'],
    });
  });

  it('reads newest first across pages, with filters combined', async () => {
    const { id } = await app.get(OrganizationsService).create({ name: 'Paged' });
    const base = Date.parse('2026-03-30T00:00:00.000Z');
    const entries = Array.from({ length: 7 }, (_, i) =>
      entry({
        organizationId: id,
        // Two entries share each second: the id breaks the tie, so no page repeats or skips one.
        at: new Date(base + Math.floor(i / 2) * 1_000).toISOString(),
        method: i % 2 === 0 ? 'POST' : 'GET',
        outcome: i === 6 ? 'unavailable' : 'success',
        status: i === 6 ? 503 : 200,
      }),
    );
    await log.record({ entries });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await log.query({ organizationId: id, limit: 3, ...(cursor ? { cursor } : {}) });
      seen.push(...page.entries.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const expected = [...entries]
      .sort((a, b) => (a.at === b.at ? b.id.localeCompare(a.id) : b.at.localeCompare(a.at)))
      .map((e) => e.id);
    expect(seen).toEqual(expected);

    const posts = await log.query({
      organizationId: id,
      method: 'POST',
      since: new Date(base + 1_000).toISOString(),
    });
    expect(posts.entries.map((e) => e.id)).toEqual([entries[6].id, entries[4].id, entries[2].id]);
    const unavailable = await log.query({
      organizationId: id,
      outcome: 'unavailable',
      until: new Date(base + 3_000).toISOString(),
    });
    expect(unavailable.entries).toEqual([]);
    const groups = await log.query({ organizationId: id, resourceType: 'group' });
    expect(groups.entries).toEqual([]);
  });

  it.each([
    ['an unknown organization', { organizationId: randomUUID() }, DomainErrorCode.notFound],
    ['a cursor it did not issue', { cursor: 'eA' }, DomainErrorCode.invalid],
    [
      'since after until',
      { since: '2026-02-02T00:00:00Z', until: '2026-02-01T00:00:00Z' },
      DomainErrorCode.invalid,
    ],
  ])('refuses %s', async (_name, request, code) => {
    const error = await log.query({ organizationId, ...request }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(code);
  });

  it('purges entries older than the retention period and keeps the rest', async () => {
    const old = entry({ at: new Date(clock.now().getTime() - 7 * DAY_MS - 1).toISOString() });
    const kept = entry({ at: new Date(clock.now().getTime() - 7 * DAY_MS + 60_000).toISOString() });
    await log.record({ entries: [old, kept] });
    const purged = await app.get(ProvisioningLogPurger).purge();
    expect(purged).toBeGreaterThanOrEqual(1);
    const ids = (await db.query<{ id: string }[]>(`SELECT id FROM provisioning_log`)).map((row) => row.id);
    expect(ids).toContain(kept.id);
    expect(ids).not.toContain(old.id);
    expect(await app.get(ProvisioningLogPurger).purge()).toBe(0);
  });

  it('goes with its organization', async () => {
    const { id } = await app.get(OrganizationsService).create({ name: 'Short-lived' });
    await log.record({ entries: [entry({ organizationId: id })] });
    await db.query(`DELETE FROM organizations WHERE id = $1`, [id]);
    expect(await db.query(`SELECT 1 FROM provisioning_log WHERE organization_id = $1`, [id])).toEqual([]);
  });
});
