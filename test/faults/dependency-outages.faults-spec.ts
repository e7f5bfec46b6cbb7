import { accountForEmails, expectDatabaseMatchesModel, sentLogLines } from './support/consistency';
import { FAULT_TEST_SETTINGS, report, startFaultStack, type FaultStack } from './support/fault-stack';
import { IdpSimulator, provisionOrganization, send } from './support/idp-simulator';
import { waitUntil } from './support/infrastructure';

/**
 * Roster's dependencies fail under a provisioning IdP (issue 6 §1, docs/reliability.md): Redis is
 * killed, the mailer restarted, PostgreSQL restarted, membership killed — each by pid, each while the
 * simulator keeps writing — and afterwards the database equals the simulator's model and every email event reached
 * the SMTP sink exactly once. Outages last seconds here, not minutes: what they exercise (reconnects,
 * retries, the outbox) does not depend on their length.
 */
describe('dependency outages while an IdP keeps provisioning', () => {
  let stack: FaultStack;

  beforeAll(async () => {
    stack = await startFaultStack();
  });

  afterAll(async () => {
    await stack?.close();
  });

  async function simulator(name: string): Promise<IdpSimulator> {
    const org = await provisionOrganization(stack.roster.gatewayUrl, stack.roster.adminToken, name);
    return new IdpSimulator(stack.roster.gatewayUrl, org.id, org.key);
  }

  const sinkCount = (idp: IdpSimulator) =>
    stack.sink.messages.filter((m) => m.to[0]?.endsWith(`@${idp.organizationId.slice(0, 8)}.test`)).length;

  // Protects: queued invitations live in Redis (with its AOF, as production requires) and in the
  // outbox; a Redis SIGKILL mid-burst loses none and sends none twice but what was in flight.
  it('Redis killed during a burst of 1,000 invitations: every user gets exactly one', async () => {
    const idp = await simulator('Redis outage');
    const domain = `${idp.organizationId.slice(0, 8)}.test`;
    const userNames = Array.from({ length: 1000 }, (_, i) => `burst${i}@${domain}`);
    const started = Date.now();
    const burst = IdpSimulator.pool(userNames, 16, (name) => idp.createUser(name));

    // Mid-burst: a third of the users created, their invitations between outbox, queue and sink.
    await waitUntil('a third of the burst', () => (idp.statuses.get(201) ?? 0) >= 330, 60_000, 5);
    const atKill = sinkCount(idp);
    const createdAtKill = idp.statuses.get(201) ?? 0;
    await stack.infrastructure.redis.kill('SIGKILL');
    const killedAt = Date.now();
    // The IdP keeps provisioning (PostgreSQL is up) while Redis is gone.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const duringOutage = sinkCount(idp);
    const createdDuringOutage = (idp.statuses.get(201) ?? 0) - createdAtKill;
    await stack.infrastructure.redis.start();
    const outageMs = Date.now() - killedAt;
    await burst;

    const { events, duplicates } = await accountForEmails(stack.databaseUrl, idp, stack.sink, {
      timeoutMs: 120_000,
    });
    await expectDatabaseMatchesModel(stack.databaseUrl, idp);
    expect(idp.violations).toEqual([]);
    expect(events).toHaveLength(1000);
    // The outbox decouples provisioning from the mail queue: users were still created without Redis.
    expect(createdDuringOutage).toBeGreaterThan(0);
    // Only emails in flight at the kill may go twice (at most one per worker slot), each one logged.
    expect(duplicates.size).toBeLessThanOrEqual(Number(FAULT_TEST_SETTINGS.MAIL_CONCURRENCY));
    for (const eventId of duplicates.keys()) {
      expect(sentLogLines(stack.roster.logs, eventId).length).toBeGreaterThanOrEqual(2);
    }
    report('redis-kill', {
      invitations: events.length,
      emailsBeforeKill: atKill,
      emailsDuringOutage: duringOutage - atKill,
      usersCreatedDuringOutage: createdDuringOutage,
      outageMs,
      duplicates: duplicates.size,
      lost: 0,
      totalMs: Date.now() - started,
    });
  });

  // Protects: a mailer stopped mid-burst (a deploy, a rescheduled container) finishes the emails it
  // holds and leaves the rest queued for its successor; none is lost or sent twice.
  it('mailer restarted (SIGTERM) during a burst of 300 invitations: every user gets exactly one', async () => {
    const idp = await simulator('Mailer restart');
    const domain = `${idp.organizationId.slice(0, 8)}.test`;
    const userNames = Array.from({ length: 300 }, (_, i) => `mailer${i}@${domain}`);
    const started = Date.now();
    const burst = IdpSimulator.pool(userNames, 16, (name) => idp.createUser(name));
    await waitUntil('the first 30 invitations', () => sinkCount(idp) >= 30, 60_000, 5);
    const pid = stack.roster.pid('mailer');
    await stack.roster.kill('mailer', 'SIGTERM');
    const atStop = sinkCount(idp);
    await stack.roster.start('mailer');
    expect(stack.roster.pid('mailer')).not.toBe(pid);
    await burst;

    const { events, duplicates } = await accountForEmails(stack.databaseUrl, idp, stack.sink);
    expect(events).toHaveLength(300);
    expect(duplicates.size).toBe(0);
    await expectDatabaseMatchesModel(stack.databaseUrl, idp);
    expect(idp.violations).toEqual([]);
    report('mailer-restart', {
      invitations: events.length,
      emailsBeforeStop: atStop,
      duplicates: 0,
      lost: 0,
      totalMs: Date.now() - started,
    });
  });

  // Protects: a write answered 2xx is durable, a write interrupted by the restart is all or nothing,
  // and the outage is 503 + Retry-After (never 401/404, which make Entra quarantine the app).
  it('PostgreSQL restarted during 200 concurrent writes: every 2xx survives, nothing half-applied', async () => {
    const idp = await simulator('PostgreSQL restart');
    const domain = `${idp.organizationId.slice(0, 8)}.test`;
    const existing = Array.from({ length: 100 }, (_, i) => `pg-old${i}@${domain}`);
    await IdpSimulator.pool(existing, 8, (name) => idp.createUser(name));
    await idp.createGroup('Engineering');
    await idp.createGroup('Sales');
    idp.statuses.clear();

    const started = Date.now();
    // 80 creates, 80 deactivations and 40 group PATCHes adding two members each: 200 writes at once.
    const writes = [
      ...Array.from({ length: 80 }, (_, i) => () => idp.createUser(`pg-new${i}@${domain}`)),
      ...existing.slice(20).map((name) => () => idp.setActive(name, false)),
      ...Array.from(
        { length: 40 },
        (_, i) => () =>
          idp.changeGroupMembers(i % 2 ? 'Sales' : 'Engineering', 'add', existing.slice(2 * i, 2 * i + 2)),
      ),
    ];
    let answered = 0;
    const all = Promise.all(writes.map((write) => write().finally(() => answered++)));
    await waitUntil('the first writes to be answered', () => answered >= 20, 30_000, 5);
    // Immediate shutdown (SIGQUIT to the postmaster): transactions in progress are cut, as in a crash.
    await stack.infrastructure.postgres.kill('SIGQUIT');
    // While it is down, reads and the admin API say 503 too (and after the gateway's key cache).
    await new Promise((resolve) =>
      setTimeout(resolve, Number(FAULT_TEST_SETTINGS.CREDENTIALS_CACHE_MS) + 200),
    );
    const probes = {
      scimList: await idp.request('GET', '/Users?count=1'),
      scimGet: await idp.request('GET', `/Users/${idp.users.get(existing[0])!.id}`),
      adminMembers: await send(
        `${stack.roster.gatewayUrl}/api/organizations/${idp.organizationId}/members`,
        'GET',
        { authorization: `Bearer ${stack.roster.adminToken}` },
      ),
    };
    await stack.infrastructure.postgres.start();
    expect(Object.fromEntries(Object.entries(probes).map(([name, r]) => [name, r.status]))).toEqual({
      scimList: 503,
      scimGet: 503,
      adminMembers: 503,
    });
    for (const probe of Object.values(probes)) expect(probe.retryAfter).toMatch(/^\d+$/);
    await all;

    await expectDatabaseMatchesModel(stack.databaseUrl, idp);
    const { duplicates, events } = await accountForEmails(stack.databaseUrl, idp, stack.sink);
    expect(duplicates.size).toBe(0);
    expect(idp.violations).toEqual([]);
    // The restart was felt: some writes got 503 (with Retry-After, checked above) and were retried.
    expect(idp.statuses.get(503) ?? 0).toBeGreaterThan(0);
    report('postgres-restart', {
      writes: writes.length,
      statuses: Object.fromEntries(idp.statuses),
      emails: events.length,
      lost: 0,
      totalMs: Date.now() - started,
    });
  });

  // Protects: with membership gone the gateway answers 503 + Retry-After at once (never 401/404),
  // and recovers by itself when membership is back; writes cut by the kill are all or nothing.
  it('membership killed while the gateway is up: 503 + Retry-After, then recovery', async () => {
    const idp = await simulator('Membership outage');
    const domain = `${idp.organizationId.slice(0, 8)}.test`;
    const before = Array.from({ length: 20 }, (_, i) => `m-old${i}@${domain}`);
    await IdpSimulator.pool(before, 8, (name) => idp.createUser(name));
    idp.statuses.clear();

    const started = Date.now();
    // Killed with writes in flight.
    const inFlight = Array.from({ length: 30 }, (_, i) => `m-new${i}@${domain}`);
    const writes = IdpSimulator.pool(inFlight, 10, (name) => idp.createUser(name));
    await waitUntil('some writes answered', () => (idp.statuses.get(201) ?? 0) >= 3, 30_000, 5);
    await stack.roster.kill('membership', 'SIGKILL');
    const killedAt = Date.now();
    const deactivations = Promise.all(before.slice(0, 5).map((name) => idp.setActive(name, false)));

    const probe = await idp.request('GET', '/Users?count=1');
    expect(probe.status).toBe(503);
    expect(probe.retryAfter).toMatch(/^\d+$/);
    expect(probe.body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
    const admin = await send(
      `${stack.roster.gatewayUrl}/api/organizations/${idp.organizationId}/members`,
      'GET',
      { authorization: `Bearer ${stack.roster.adminToken}` },
    );
    expect(admin.status).toBe(503);
    const ready = await send(`${stack.roster.gatewayUrl}/health/ready`, 'GET', {});
    expect(ready.status).toBe(503);
    // Past the gateway's key cache too: authentication cannot be checked, which is 503, not 401.
    await new Promise((resolve) =>
      setTimeout(resolve, Number(FAULT_TEST_SETTINGS.CREDENTIALS_CACHE_MS) + 500),
    );
    const afterCache = await idp.request('GET', '/Users?count=1');
    expect(afterCache.status).toBe(503);

    await stack.roster.start('membership');
    const outageMs = Date.now() - killedAt;
    await Promise.all([writes, deactivations]);

    await expectDatabaseMatchesModel(stack.databaseUrl, idp);
    const { duplicates, events } = await accountForEmails(stack.databaseUrl, idp, stack.sink);
    expect(duplicates.size).toBe(0);
    expect(idp.violations).toEqual([]);
    report('membership-kill', {
      writes: inFlight.length + 5,
      statuses: Object.fromEntries(idp.statuses),
      outageMs,
      emails: events.length,
      lost: 0,
      totalMs: Date.now() - started,
    });
  });
});
