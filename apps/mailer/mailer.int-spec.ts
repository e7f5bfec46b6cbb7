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
import { startSmtpSink, type SmtpSink } from '../../libs/testing/smtp-sink';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { randomBytes, randomUUID } from 'node:crypto';
import { MailerConfig } from './config/mailer.config';
import { startMailer, type RunningMailer } from './mailer.bootstrap';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PUBLIC_URL = 'http://roster.test';
const SECRET = randomBytes(32).toString('hex');
const prefix = `test-mailer-${randomBytes(4).toString('hex')}`;
const logs: string[] = [];

let sink: SmtpSink;
let mailer: RunningMailer;
let outgoing: Queue;
let deliveries: Queue;
let redis: Redis;
let nextEvent = 1;

/** A mail job as membership's outbox relay would queue it. */
function mailJob(overrides: Partial<MailJob> = {}): MailJob {
  const eventId = String(nextEvent++);
  const now = Date.now();
  return {
    eventId,
    kind: 'invitation',
    to: `member${eventId}@example.com`,
    organization: { id: randomUUID(), name: 'Acme Corporation' },
    member: { id: randomUUID(), userName: `member${eventId}@example.com`, displayName: 'Alice Martin' },
    invitation: {
      nonce: randomBytes(8).toString('hex'),
      issuedAt: new Date(now).toISOString(),
      expiresAt: new Date(now + 5 * 86_400_000).toISOString(),
    },
    ...overrides,
  };
}

async function relay(job: MailJob, attempts = MAIL_JOB_ATTEMPTS): Promise<void> {
  await outgoing.add(mailJobName(job.kind), job, {
    jobId: mailJobId(job.eventId),
    attempts,
    backoff: { type: MAIL_BACKOFF_TYPE },
  });
}

/** The delivery reports of an event, oldest first, once `done` says they are complete. */
async function reportsOf(
  eventId: string,
  done: (reports: DeliveryReport[]) => boolean,
): Promise<DeliveryReport[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const jobs = await deliveries.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed']);
    const reports = jobs
      .map((j) => j.data as DeliveryReport)
      .filter((r) => r.eventId === eventId)
      .sort((a, b) => a.attempts - b.attempts || a.at.localeCompare(b.at));
    if (done(reports)) return reports;
    if (Date.now() > deadline) throw new Error(`reports of ${eventId}: ${JSON.stringify(reports)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
const states = (reports: DeliveryReport[]) => reports.map((r) => `${r.state}#${r.attempts}`);
const settle = (ms = 400) => new Promise((r) => setTimeout(r, ms));
const tokenIn = (text: string) => /token=([A-Za-z0-9_.-]+)/.exec(text)?.[1];

beforeAll(async () => {
  sink = await startSmtpSink();
  const config = loadEnv(MailerConfig, {
    REDIS_URL,
    BULLMQ_PREFIX: prefix,
    SMTP_URL: sink.url,
    MAIL_FROM: 'Roster <roster@roster.test>',
    PUBLIC_URL,
    INVITATION_SECRET: SECRET,
    HEALTH_PORT: '0',
    LOG_LEVEL: 'info',
    MAIL_BACKOFF_BASE_MS: '20',
  });
  mailer = await startMailer(config, { logDestination: { write: (line: string) => void logs.push(line) } });
  redis = new Redis(redisOptions(REDIS_URL));
  outgoing = new Queue(MailQueues.outgoing, { connection: redis, prefix });
  deliveries = new Queue(MailQueues.deliveries, { connection: redis, prefix });
});

afterEach(() => sink.clear());

afterAll(async () => {
  await mailer?.close();
  await outgoing?.close();
  await deliveries?.close();
  await sink?.close();
  if (redis) {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  }
});

describe('mailer with an SMTP server', () => {
  it('sends an invitation the member can accept: both parts, organization, address, a verifiable link (SPEC §7)', async () => {
    const job = mailJob();
    await relay(job);
    const mail = await sink.waitFor((m) => m.to.includes(job.to));

    expect(mail.subject).toBe('You are invited to join Acme Corporation');
    expect(mail.from).toBe('roster@roster.test');
    expect(mail.envelope.to).toEqual([job.to]);
    expect(mail.headers['x-roster-event-id']).toBe(job.eventId);
    expect(mail.messageId).toMatch(new RegExp(`^<${job.eventId}\\.[0-9a-f]{20}@roster\\.test>$`));
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain('Acme Corporation');
      expect(part).toContain(job.to);
    }
    const token = tokenIn(mail.text)!;
    expect(mail.text).toContain(`${PUBLIC_URL}/invitations/accept?token=${token}`);
    expect(mail.html).toContain(`href="${PUBLIC_URL}/invitations/accept?token&#x3D;${token}"`);
    expect(verifyInvitationToken(token, SECRET, new Date())).toMatchObject({
      memberId: job.member.id,
      organizationId: job.organization.id,
      email: job.to,
      nonce: job.invitation!.nonce,
      expiresAt: new Date(job.invitation!.expiresAt),
    });
    expect(states(await reportsOf(job.eventId, (r) => r.length > 0))).toEqual(['sent#1']);
  });

  it.each(['revocation', 'restored', 'removal'] as const)(
    'sends a %s notice naming the organization',
    async (kind) => {
      const job = mailJob({ kind, invitation: undefined });
      await relay(job);
      const mail = await sink.waitFor((m) => m.to.includes(job.to));
      expect(mail.subject).toContain('Acme Corporation');
      expect(mail.text).toContain('Alice Martin');
      expect(mail.text).not.toContain('token=');
    },
  );

  it('sends one email when the relay queues the same event twice (a relay crash re-relays)', async () => {
    const job = mailJob();
    await relay(job);
    await relay(job);
    await sink.waitFor((m) => m.to.includes(job.to));
    await settle();
    expect(sink.messages.filter((m) => m.to.includes(job.to))).toHaveLength(1);
  });

  it('does not send again an event it already sent, even under a new job id', async () => {
    const job = mailJob();
    await relay(job);
    await sink.waitFor((m) => m.to.includes(job.to));
    await outgoing.add(mailJobName(job.kind), job, { jobId: `${mailJobId(job.eventId)}-again` });
    await settle();
    expect(sink.messages.filter((m) => m.to.includes(job.to))).toHaveLength(1);
    expect(states(await reportsOf(job.eventId, (r) => r.length > 0))).toEqual(['sent#1']);
  });

  it('retries 421 with backoff and delivers on the third attempt, reporting each retry (SPEC §7)', async () => {
    const job = mailJob();
    sink.failNext(2, { code: 421, message: 'Service not available, try again later' });
    await relay(job);
    await sink.waitFor((m) => m.to.includes(job.to));
    const reports = await reportsOf(job.eventId, (r) => r.some((x) => x.state === 'sent'));
    expect(states(reports)).toEqual(['retrying#1', 'retrying#2', 'sent#3']);
    expect(reports[0].detail).toContain('421');
    expect(sink.messages.filter((m) => m.to.includes(job.to))).toHaveLength(1);
  });

  it('bounces a 550 at once: no retry, reported bounced with the reply (SPEC §7)', async () => {
    const job = mailJob();
    sink.rejectRecipient(job.to, 550, 'No such user here');
    await relay(job);
    const reports = await reportsOf(job.eventId, (r) => r.length > 0);
    await settle();
    expect(states(reports)).toEqual(['bounced#1']);
    expect(reports[0].detail).toMatch(/550.*No such user here/);
    expect(sink.rejections.filter((r) => r.recipient === job.to)).toHaveLength(1);
    const state = await (await outgoing.getJob(mailJobId(job.eventId)))!.getState();
    expect(state).toBe('failed');
  });

  it('reports bounced when the last attempt fails transiently', async () => {
    const job = mailJob();
    sink.failNext(2, { code: 451, message: 'Local error in processing' });
    await relay(job, 2);
    const reports = await reportsOf(job.eventId, (r) => r.some((x) => x.state === 'bounced'));
    expect(states(reports)).toEqual(['retrying#1', 'bounced#2']);
  });

  it('keeps a hostile organization name from adding a header, a recipient or a link', async () => {
    const hostile =
      'Acme\r\nBcc: victim@evil.example\r\nX-Injected: yes visit https://evil.example or www.evil.example';
    const job = mailJob({ organization: { id: randomUUID(), name: hostile } });
    await relay(job);
    const mail = await sink.waitFor((m) => m.to.includes(job.to));

    expect(mail.envelope.to).toEqual([job.to]);
    expect(mail.headerList.map((h) => h.key)).not.toEqual(expect.arrayContaining(['bcc']));
    expect(mail.headers['x-injected']).toBeUndefined();
    expect(mail.subject).not.toMatch(/[\r\n]/);
    const hrefs = [...mail.html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    expect(hrefs).toHaveLength(1);
    expect(hrefs[0].startsWith(`${PUBLIC_URL}/invitations/accept?`)).toBe(true);
    for (const part of [mail.subject, mail.text, mail.html]) {
      expect(part).not.toMatch(/https?:\/\/evil|www\.evil|evil\.example/);
    }
  });

  it('bounces a job it can never send, and does not report a payload that names no email', async () => {
    const withoutInvitation = mailJob({ invitation: undefined });
    await relay(withoutInvitation);
    const reports = await reportsOf(withoutInvitation.eventId, (r) => r.length > 0);
    expect(states(reports)).toEqual(['bounced#1']);
    expect(reports[0].detail).toContain('no invitation');

    await outgoing.add(
      mailJobName('invitation'),
      { eventId: 'garbage', to: 42 },
      { jobId: 'outbox-garbage' },
    );
    await settle();
    expect(await (await outgoing.getJob('outbox-garbage'))!.getState()).toBe('failed');
    expect(await reportsOf('garbage', () => true)).toEqual([]);
    expect(sink.messages.filter((m) => m.to.includes(withoutInvitation.to))).toHaveLength(0);
  });

  it('answers health probes: live, and ready when Redis and SMTP answer', async () => {
    const base = `http://127.0.0.1:${mailer.healthPort}`;
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok', checks: { redis: 'up', smtp: 'up' } });
  });

  it('never logs a token, a link or the secret, but logs who got what', async () => {
    const job = mailJob();
    await relay(job);
    const mail = await sink.waitFor((m) => m.to.includes(job.to));
    await reportsOf(job.eventId, (r) => r.length > 0);
    const output = logs.join('');
    expect(output).toContain(job.to);
    expect(output).toContain(mail.subject);
    expect(output).not.toContain(tokenIn(mail.text)!);
    expect(output).not.toContain('token=');
    expect(output).not.toContain(SECRET);
  });
});
