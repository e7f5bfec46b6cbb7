import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadEnv, redisOptions } from '@roster/config';
import {
  DELIVERY_REPORT_JOB,
  MailJob,
  MailQueues,
  parseContract,
  type DeliveryReport,
} from '@roster/contracts';
import {
  createTestDatabase,
  deleteBullmqKeys,
  uniqueTestPrefix,
  type TestDatabase,
} from '../../../libs/testing/database';
import { Queue, type Job } from 'bullmq';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { MembershipConfig } from '../config/membership.config';
import { MembershipModule } from '../membership.module';
import { OrganizationsService } from '../organizations/organizations.service';
import { UsersService } from '../users/users.service';
import { DeliveryReportProcessor } from './delivery-report.processor';
import { MailRedis } from './mail-redis';
import { OutboxListener } from './outbox-listener';
import { OutboxRelay } from './outbox.relay';

const REDIS_URL = 'redis://127.0.0.1:6379';

async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('outbox relay and delivery reports against PostgreSQL and Redis (DESIGN.md §5)', () => {
  let database: TestDatabase;
  let app: INestApplicationContext;
  let config: MembershipConfig;
  let db: DataSource;
  let users: UsersService;
  let outgoing: Queue;
  let deliveries: Queue;
  let inspection: Redis;
  let organizationId: string;
  const extraRelays: { relay: OutboxRelay; redis: MailRedis }[] = [];
  const prefix = uniqueTestPrefix();

  beforeAll(async () => {
    database = await createTestDatabase();
    config = loadEnv(MembershipConfig, {
      DATABASE_URL: database.url,
      NATS_URL: 'nats://127.0.0.1:4222',
      REDIS_URL,
      BULLMQ_PREFIX: prefix,
      LOG_LEVEL: 'silent',
      // Long enough that only a NOTIFY can explain a prompt relay.
      OUTBOX_POLL_MS: '60000',
    });
    app = await NestFactory.createApplicationContext(MembershipModule.register(config), { logger: false });
    db = app.get(DataSource);
    users = app.get(UsersService);
    organizationId = (await app.get(OrganizationsService).create({ name: 'Acme' })).id;
    inspection = new Redis(redisOptions(REDIS_URL));
    outgoing = new Queue(MailQueues.outgoing, { connection: inspection, prefix });
    deliveries = new Queue(MailQueues.deliveries, { connection: inspection, prefix });
    await app.get(MailRedis).outgoing.waitUntilReady();
  });

  afterAll(async () => {
    for (const { relay, redis } of extraRelays) {
      await relay.stop();
      await redis.onApplicationShutdown();
    }
    await app?.close();
    await outgoing?.close();
    await deliveries?.close();
    inspection?.disconnect();
    await database?.drop();
    await deleteBullmqKeys(prefix);
  });

  /** Another membership replica's relay on the same database and Redis, once it is connected. */
  async function anotherRelay(redisUrl = REDIS_URL): Promise<OutboxRelay> {
    const replicaConfig = Object.assign(new MembershipConfig(), config, { REDIS_URL: redisUrl });
    const redis = new MailRedis(replicaConfig);
    const relay = new OutboxRelay(db, redis, new OutboxListener(replicaConfig), replicaConfig);
    extraRelays.push({ relay, redis });
    if (redisUrl === REDIS_URL) await redis.outgoing.waitUntilReady();
    return relay;
  }

  async function insertInvitations(count: number): Promise<void> {
    await db.query(
      `INSERT INTO outbox (organization_id, kind, payload)
       SELECT $1::uuid, 'invitation', jsonb_build_object(
         'kind', 'invitation', 'to', 'user' || n || '@example.com',
         'organization', jsonb_build_object('id', $1::text, 'name', 'Acme'),
         'member', jsonb_build_object('id', gen_random_uuid(), 'userName', 'user' || n),
         'invitation', jsonb_build_object('nonce', 'n' || n, 'issuedAt', '2026-03-01T00:00:00Z', 'expiresAt', '2026-03-06T00:00:00Z'))
         FROM generate_series(1, $2) AS n`,
      [organizationId, count],
    );
  }

  const pendingRows = async () =>
    (await db.query(`SELECT count(*)::int AS n FROM outbox WHERE dispatched_at IS NULL`))[0].n as number;
  const allRows = async () => (await db.query(`SELECT count(*)::int AS n FROM outbox`))[0].n as number;
  const jobCount = async () => {
    const counts = await outgoing.getJobCounts(
      'waiting',
      'delayed',
      'prioritized',
      'active',
      'completed',
      'failed',
    );
    return Object.values(counts).reduce((sum, n) => sum + n, 0);
  };

  it('puts each outbox row into the queue exactly once, with two relays racing over several batches', async () => {
    await insertInvitations(250);
    const replica = await anotherRelay();
    const [a, b] = await Promise.all([app.get(OutboxRelay).relayPending(), replica.relayPending()]);

    expect(a + b).toBe(250);
    expect(await pendingRows()).toBe(0);
    expect(await jobCount()).toBe(250);
    expect(await app.get(OutboxRelay).relayPending()).toBe(0);
  });

  it('relays a row again after a crash before it was marked, and BullMQ keeps one job for it', async () => {
    const before = await jobCount();
    await db.query(`UPDATE outbox SET dispatched_at = NULL`);
    expect(await app.get(OutboxRelay).relayPending()).toBe(await allRows());
    expect(await jobCount()).toBe(before);
  });

  it('gives each job the name, id, payload and retry options the mailer relies on', async () => {
    const [row] = await db.query(`SELECT id, payload FROM outbox ORDER BY id LIMIT 1`);
    const job = (await outgoing.getJob(`outbox-${row.id}`)) as Job;

    expect(job.name).toBe('invitation.v1');
    expect(parseContract(MailJob, job.data)).toMatchObject({
      eventId: String(row.id),
      kind: 'invitation',
      to: row.payload.to,
    });
    expect(job.opts).toMatchObject({
      attempts: 40,
      backoff: { type: 'mail' },
      removeOnComplete: { age: 604800 },
      removeOnFail: false,
    });
  });

  it('relays within moments of the commit, woken by NOTIFY rather than the 60 s poll', async () => {
    const relay = app.get(OutboxRelay);
    relay.start();
    try {
      // The listener connects asynchronously; wait until it can hear.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const created = await users.create({
        organizationId,
        user: { userName: 'notified@example.com', email: 'notified@example.com', attributes: {} },
      });
      const [row] = await db.query(`SELECT id FROM outbox WHERE payload->'member'->>'id' = $1`, [created.id]);
      const job = await eventually(
        async () => (await outgoing.getJob(`outbox-${row.id}`)) ?? undefined,
        3_000,
      );
      expect(job.data).toMatchObject({
        kind: 'invitation',
        to: 'notified@example.com',
        member: { id: created.id },
      });
    } finally {
      await relay.stop();
    }
  });

  it('leaves rows in the outbox while Redis cannot be reached', async () => {
    await insertInvitations(3);
    const cutOff = await anotherRelay('redis://127.0.0.1:1');
    await expect(cutOff.relayPending()).rejects.toThrow();
    expect(await pendingRows()).toBe(3);
    expect(await app.get(OutboxRelay).relayPending()).toBe(3);
  });

  it('marks a row that can never become a mail job as bounced instead of blocking the queue', async () => {
    const [{ id }] = await db.query(
      `INSERT INTO outbox (organization_id, kind, payload) VALUES ($1, 'invitation', '{}') RETURNING id`,
      [organizationId],
    );
    await db.query(
      `INSERT INTO mail_deliveries (event_id, organization_id, member_id, kind, recipient, state) VALUES ($1, $2, gen_random_uuid(), 'invitation', 'x@example.com', 'queued')`,
      [String(id), organizationId],
    );
    expect(await app.get(OutboxRelay).relayPending()).toBe(1);
    expect(await outgoing.getJob(`outbox-${id}`)).toBeUndefined();
    expect(await db.query(`SELECT state FROM mail_deliveries WHERE event_id = $1`, [String(id)])).toEqual([
      { state: 'bounced' },
    ]);
  });

  describe('delivery reports', () => {
    let memberId: string;
    let eventId: string;

    beforeAll(async () => {
      app.get(DeliveryReportProcessor).start();
      const created = await users.create({
        organizationId,
        user: { userName: 'reported@example.com', email: 'reported@example.com', attributes: {} },
      });
      memberId = created.id;
      eventId = (await db.query(`SELECT event_id FROM mail_deliveries WHERE member_id = $1`, [memberId]))[0]
        .event_id;
    });

    const delivery = async () =>
      (
        await db.query(`SELECT state, attempts, detail FROM mail_deliveries WHERE event_id = $1`, [eventId])
      )[0] as {
        state: string;
        attempts: number;
        detail: string | null;
      };

    async function report(
      state: DeliveryReport['state'],
      attempts: number,
      detail?: string,
    ): Promise<string> {
      const data: DeliveryReport = {
        eventId,
        organizationId,
        memberId,
        kind: 'invitation',
        state,
        attempts,
        detail,
        at: new Date().toISOString(),
      };
      const job = await deliveries.add(DELIVERY_REPORT_JOB, data);
      return eventually(async () => {
        const state = await deliveries.getJobState(job.id!);
        return state === 'completed' || state === 'failed' ? state : undefined;
      });
    }

    it('records retrying, then sent, and never lets a late report move it back', async () => {
      expect(await report('retrying', 2, '421 try later')).toBe('completed');
      expect(await delivery()).toEqual({ state: 'retrying', attempts: 2, detail: '421 try later' });

      await report('retrying', 1, 'older report');
      expect(await delivery()).toMatchObject({ state: 'retrying', attempts: 2 });

      await report('sent', 3, '250 OK');
      await report('retrying', 3, 'late');
      expect(await delivery()).toEqual({ state: 'sent', attempts: 3, detail: '250 OK' });
    });

    it('fails a malformed report without retrying it and changes nothing', async () => {
      const job = await deliveries.add(DELIVERY_REPORT_JOB, { eventId, state: 'delivered' });
      const state = await eventually(async () => {
        const current = await deliveries.getJobState(job.id!);
        return current === 'failed' ? current : undefined;
      });
      expect(state).toBe('failed');
      expect((await delivery()).state).toBe('sent');
    });
  });
});
