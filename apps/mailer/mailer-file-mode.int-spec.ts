import { loadEnv, redisOptions } from '@roster/config';
import {
  MailQueues,
  mailJobId,
  mailJobName,
  verifyInvitationToken,
  type DeliveryReport,
  type MailJob,
} from '@roster/contracts';
import { MAIL_BACKOFF_TYPE, MAIL_JOB_ATTEMPTS } from '@roster/contracts';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { MailerConfig } from './config/mailer.config';
import { startMailer, type RunningMailer } from './mailer.bootstrap';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const SECRET = randomBytes(32).toString('hex');
const prefix = `test-mailer-file-${randomBytes(4).toString('hex')}`;
const logs: string[] = [];

let mailDir: string;
let mailer: RunningMailer;
let redis: Redis;
let outgoing: Queue;
let deliveries: Queue;

async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  mailDir = await mkdtemp(join(tmpdir(), 'roster-mail-'));
  const config = loadEnv(MailerConfig, {
    REDIS_URL,
    BULLMQ_PREFIX: prefix,
    MAIL_FROM: 'roster@roster.test',
    MAIL_DIR: join(mailDir, 'outbox'),
    PUBLIC_URL: 'https://roster.example.com/',
    INVITATION_SECRET: SECRET,
    HEALTH_PORT: '0',
    LOG_LEVEL: 'trace',
  });
  mailer = await startMailer(config, { logDestination: { write: (line: string) => void logs.push(line) } });
  redis = new Redis(redisOptions(REDIS_URL));
  outgoing = new Queue(MailQueues.outgoing, { connection: redis, prefix });
  deliveries = new Queue(MailQueues.deliveries, { connection: redis, prefix });
});

afterAll(async () => {
  await mailer?.close();
  await outgoing?.close();
  await deliveries?.close();
  if (redis) {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  }
  if (mailDir) await rm(mailDir, { recursive: true, force: true });
});

describe('mailer without SMTP_URL (first run, SPEC §8)', () => {
  it('writes each message as an .eml file under MAIL_DIR and never logs the token', async () => {
    const job: MailJob = {
      eventId: '7001',
      kind: 'invitation',
      to: 'first.admin@example.com',
      organization: { id: randomUUID(), name: 'Acme Corporation' },
      member: { id: randomUUID(), userName: 'first.admin@example.com', displayName: null },
      invitation: {
        nonce: randomBytes(8).toString('hex'),
        issuedAt: new Date().toISOString(),
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
    };
    await outgoing.add(mailJobName(job.kind), job, {
      jobId: mailJobId(job.eventId),
      attempts: MAIL_JOB_ATTEMPTS,
      backoff: { type: MAIL_BACKOFF_TYPE },
    });

    const directory = join(mailDir, 'outbox');
    const file = await until('the .eml file', async () =>
      (await readdir(directory)).find((f) => f.endsWith('.eml')),
    );
    expect(file).toMatch(/^\d{8}T\d{9}Z-7001\.eml$/);
    const email = await PostalMime.parse(await readFile(join(directory, file)));
    expect(email.subject).toBe('You are invited to join Acme Corporation');
    expect(email.to?.map((a) => ('address' in a ? a.address : undefined))).toEqual([job.to]);
    expect(email.headers.find((h) => h.key === 'x-roster-event-id')?.value).toBe('7001');
    expect(email.html).toBeTruthy();

    const token = /https:\/\/roster\.example\.com\/invitations\/accept\?token=([A-Za-z0-9_.-]+)/.exec(
      email.text!,
    )![1];
    expect(verifyInvitationToken(token, SECRET, new Date())).toMatchObject({
      memberId: job.member.id,
      email: job.to,
    });

    const report = await until('the sent report', async () => {
      const jobs = await deliveries.getJobs(['waiting', 'completed']);
      return jobs.map((j) => j.data as DeliveryReport).find((r) => r.eventId === job.eventId);
    });
    expect(report).toMatchObject({ state: 'sent', attempts: 1, detail: `written to ${file}` });

    const output = logs.join('');
    expect(output).toContain(job.to);
    expect(output).toContain(email.subject);
    expect(output).not.toContain(token);
    expect(output).not.toContain('token=');
    expect(output).not.toContain(SECRET);
  });

  it('is ready without an SMTP server', async () => {
    const ready = await fetch(`http://127.0.0.1:${mailer.healthPort}/health/ready`);
    expect(await ready.json()).toEqual({ status: 'ok', checks: { redis: 'up', file: 'up' } });
  });
});
