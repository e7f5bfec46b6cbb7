import { loadEnv, natsSettings, PrefixedNatsClient } from '@roster/config';
import {
  DomainErrorCode,
  MembershipPatterns,
  type MembershipPattern,
  type MemberSummary,
  type OrganizationRecord,
  type ScimCredentials,
  type ScimKeyRecord,
  type UserList,
  type UserRecord,
} from '@roster/contracts';
import {
  createTestDatabase,
  deleteBullmqKeys,
  uniqueTestPrefix,
  type TestDatabase,
} from '../../libs/testing/database';
import { createHash, randomBytes } from 'node:crypto';
import { lastValueFrom, timeout } from 'rxjs';
import { DataSource } from 'typeorm';
import { MembershipConfig } from './config/membership.config';
import { startMembership, type RunningMembership } from './membership.bootstrap';

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';

describe('membership over NATS: every pattern, its payload checks and its error shapes', () => {
  let database: TestDatabase;
  let membership: RunningMembership;
  let client: PrefixedNatsClient;
  let db: DataSource;
  let organization: OrganizationRecord;
  const prefix = uniqueTestPrefix();

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = loadEnv(MembershipConfig, {
      DATABASE_URL: database.url,
      NATS_URL: 'nats://127.0.0.1:4222',
      NATS_SUBJECT_PREFIX: `${prefix}.`,
      REDIS_URL: 'redis://127.0.0.1:6379',
      BULLMQ_PREFIX: prefix,
      HEALTH_PORT: '0',
      LOG_LEVEL: 'silent',
    });
    membership = await startMembership(config);
    db = membership.app.get(DataSource);
    client = new PrefixedNatsClient(
      natsSettings(config.NATS_URL, 'membership-test'),
      config.NATS_SUBJECT_PREFIX,
    );
    await client.connect();
  });

  afterAll(async () => {
    await client?.close();
    await membership?.close();
    await database?.drop();
    await deleteBullmqKeys(prefix);
  });

  function send<T>(pattern: MembershipPattern, payload: object): Promise<T> {
    return lastValueFrom(client.send<T>(pattern, payload).pipe(timeout(5_000)));
  }

  /** The error payload membership answered with (what the gateway maps to SCIM). */
  async function failure(pattern: MembershipPattern, payload: object): Promise<Record<string, unknown>> {
    const error = await send(pattern, payload).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeDefined();
    return error as Record<string, unknown>;
  }

  async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const value = await probe();
      if (done(value) || attempt > 200) return value;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  const health = (path: string) => fetch(`http://127.0.0.1:${membership.healthPort}${path}`);

  it('answers the health pattern and its HTTP probes while PostgreSQL and Redis answer', async () => {
    expect(await send(MembershipPatterns.health, {})).toEqual({ ok: true });
    const live = await health('/health/live');
    expect([live.status, await live.json()]).toEqual([200, { status: 'ok' }]);
    const ready = await health('/health/ready');
    expect([ready.status, await ready.json()]).toEqual([
      200,
      { status: 'ok', checks: { database: 'up', redis: 'up' } },
    ]);
  });

  it('creates, reads and switches SCIM on for an organization', async () => {
    organization = await send<OrganizationRecord>(MembershipPatterns.organizationsCreate, { name: 'Acme' });
    expect(organization).toEqual({
      id: expect.any(String),
      name: 'Acme',
      scimEnabled: false,
      createdAt: expect.any(String),
    });
    expect(new Date(organization.createdAt).toISOString()).toBe(organization.createdAt);

    expect(await send(MembershipPatterns.organizationsGet, { organizationId: organization.id })).toEqual(
      organization,
    );
    const enabled = await send<OrganizationRecord>(MembershipPatterns.organizationsScimUpdate, {
      organizationId: organization.id,
      enabled: true,
    });
    expect(enabled.scimEnabled).toBe(true);
  });

  it('issues a key and gives the gateway only usable digests, and nothing for unknown or disabled organizations', async () => {
    const digest = createHash('sha256')
      .update(`roster_scim_${randomBytes(30).toString('base64url')}`)
      .digest('hex');
    const key = await send<ScimKeyRecord>(MembershipPatterns.scimKeysIssue, {
      organizationId: organization.id,
      displayPrefix: 'roster_scim_Ab3',
      digest,
    });
    expect(key).toEqual({
      id: expect.any(String),
      organizationId: organization.id,
      displayPrefix: 'roster_scim_Ab3',
      createdAt: expect.any(String),
      lastUsedAt: null,
      expiresAt: null,
      revokedAt: null,
    });
    expect(JSON.stringify(key)).not.toContain(digest);

    expect(await send(MembershipPatterns.scimCredentials, { organizationId: organization.id })).toEqual({
      enabled: true,
      keys: [{ id: key.id, digest }],
    });
    const unknown = await send<ScimCredentials>(MembershipPatterns.scimCredentials, {
      organizationId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown).toEqual({ enabled: false, keys: [] });

    await db.query(`UPDATE scim_api_keys SET revoked_at = now() WHERE id = $1`, [key.id]);
    expect(await send(MembershipPatterns.scimCredentials, { organizationId: organization.id })).toEqual({
      enabled: true,
      keys: [],
    });

    expect(
      (
        await failure(MembershipPatterns.scimKeysIssue, {
          organizationId: organization.id,
          displayPrefix: 'x',
          digest,
        })
      ).code,
    ).toBe(DomainErrorCode.uniqueness);
  });

  it('records a key use from the fire-and-forget event, at most once a minute', async () => {
    const digest = createHash('sha256').update('another key').digest('hex');
    const key = await send<ScimKeyRecord>(MembershipPatterns.scimKeysIssue, {
      organizationId: organization.id,
      displayPrefix: 'p',
      digest,
    });
    const lastUsed = async () =>
      (await db.query(`SELECT last_used_at FROM scim_api_keys WHERE id = $1`, [key.id]))[0]
        .last_used_at as Date | null;

    client.emit(MembershipPatterns.scimKeyUsed, {
      organizationId: organization.id,
      keyId: key.id,
      at: '2026-01-01T10:00:00.000Z',
    });
    expect(await eventually(lastUsed, (at) => at !== null)).toEqual(new Date('2026-01-01T10:00:00.000Z'));

    // Within the minute of the recorded use: not written. Past it: written, whatever the arrival order.
    client.emit(MembershipPatterns.scimKeyUsed, {
      organizationId: organization.id,
      keyId: key.id,
      at: '2026-01-01T10:00:30.000Z',
    });
    client.emit(MembershipPatterns.scimKeyUsed, {
      organizationId: organization.id,
      keyId: key.id,
      at: '2026-01-01T10:01:05.000Z',
    });
    expect(await eventually(lastUsed, (at) => at?.toISOString() !== '2026-01-01T10:00:00.000Z')).toEqual(
      new Date('2026-01-01T10:01:05.000Z'),
    );
  });

  it('serves the user commands as plain JSON records', async () => {
    const organizationId = organization.id;
    const user = {
      userName: 'Ada@example.com',
      email: 'ada@example.com',
      displayName: 'Ada',
      attributes: { userName: 'Ada@example.com', title: 'Countess' },
    };

    const created = await send<UserRecord>(MembershipPatterns.usersCreate, { organizationId, user });
    expect(created).toMatchObject({
      userName: 'Ada@example.com',
      status: 'invited',
      active: true,
      version: 1,
      groups: [],
      attributes: user.attributes,
    });
    expect(await send(MembershipPatterns.usersGet, { organizationId, id: created.id })).toEqual(created);

    const list = await send<UserList>(MembershipPatterns.usersQuery, {
      organizationId,
      filter: {
        kind: 'compare',
        attr: { schema: CORE, name: 'userName', type: 'string', caseExact: false, multiValued: false },
        op: 'eq',
        value: 'ADA@example.com',
      },
      startIndex: 1,
      count: 10,
    });
    expect(list).toEqual({ totalResults: 1, items: [created] });

    const revoked = await send<UserRecord>(MembershipPatterns.usersReplace, {
      organizationId,
      id: created.id,
      expectedVersion: 1,
      user: { ...user, active: false },
    });
    expect(revoked).toMatchObject({ status: 'revoked', active: false, version: 2 });

    const members = await send<MemberSummary[]>(MembershipPatterns.membersList, { organizationId });
    expect(members).toEqual([
      expect.objectContaining({
        id: created.id,
        status: 'revoked',
        statusBeforeRevoke: 'invited',
        lastEmail: expect.objectContaining({ kind: 'revocation', state: 'queued' }),
      }),
    ]);
    expect(await send(MembershipPatterns.membersList, { organizationId, status: 'invited' })).toEqual([]);

    expect(await send(MembershipPatterns.usersDelete, { organizationId, id: created.id })).toEqual({
      deleted: true,
    });
    expect((await failure(MembershipPatterns.usersGet, { organizationId, id: created.id })).code).toBe(
      DomainErrorCode.notFound,
    );
  });

  it('answers every failure with { code, message, target } and never with SQL or a stack', async () => {
    const organizationId = organization.id;
    const user = { userName: 'twice@example.com', attributes: {} };
    const first = await send<UserRecord>(MembershipPatterns.usersCreate, { organizationId, user });

    const cases: [MembershipPattern, object, Record<string, unknown>][] = [
      [
        MembershipPatterns.usersCreate,
        { organizationId, user: { userName: 'TWICE@example.com', attributes: {} } },
        { code: 'uniqueness', target: 'userName' },
      ],
      [
        MembershipPatterns.usersCreate,
        { organizationId, user: { attributes: {} } },
        { code: 'invalid_payload' },
      ],
      [
        MembershipPatterns.usersGet,
        { organizationId: 'not-a-uuid', id: first.id },
        { code: 'invalid_payload' },
      ],
      [
        MembershipPatterns.usersGet,
        { organizationId, id: '00000000-0000-4000-8000-000000000000' },
        { code: 'not_found', target: 'id' },
      ],
      [
        MembershipPatterns.usersReplace,
        { organizationId, id: first.id, expectedVersion: 9, user },
        { code: 'version_mismatch' },
      ],
      [
        MembershipPatterns.usersQuery,
        {
          organizationId,
          startIndex: 1,
          count: 10,
          filter: {
            kind: 'compare',
            attr: {
              schema: CORE,
              name: "x' OR '1'='1",
              type: 'string',
              caseExact: false,
              multiValued: false,
            },
            op: 'eq',
            value: 'y',
          },
        },
        { code: 'invalid', target: 'filter' },
      ],
      [
        MembershipPatterns.organizationsGet,
        { organizationId: '00000000-0000-4000-8000-000000000000' },
        { code: 'not_found', target: 'organizationId' },
      ],
    ];
    for (const [pattern, payload, expected] of cases) {
      const error = await failure(pattern, payload);
      expect(error).toMatchObject(expected);
      expect(['code', 'message', 'target']).toEqual(expect.arrayContaining(Object.keys(error)));
      expect(typeof error.message).toBe('string');
      expect(JSON.stringify(error)).not.toMatch(/SELECT|INSERT|UPDATE |duplicate key|\bat \w+ \(/);
    }
  });

  it('answers unavailable, never an internal error, once its database is gone', async () => {
    await database.drop();

    expect(await failure(MembershipPatterns.health, {})).toMatchObject({ code: DomainErrorCode.unavailable });
    expect(
      await failure(MembershipPatterns.usersGet, {
        organizationId: organization.id,
        id: '00000000-0000-4000-8000-000000000000',
      }),
    ).toEqual({
      code: DomainErrorCode.unavailable,
      message: expect.any(String),
    });
    expect((await health('/health/ready')).status).toBe(503);
    expect((await health('/health/live')).status).toBe(200);
  });
});
