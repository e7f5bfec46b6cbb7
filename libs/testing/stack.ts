import { loadEnv } from '@roster/config';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { GatewayConfig } from '../../apps/gateway/config/gateway.config';
import { createGateway } from '../../apps/gateway/gateway.bootstrap';
import { MailerConfig } from '../../apps/mailer/config/mailer.config';
import { startMailer } from '../../apps/mailer/mailer.bootstrap';
import { MembershipConfig } from '../../apps/membership/config/membership.config';
import { startMembership } from '../../apps/membership/membership.bootstrap';
import { createTestDatabase, uniqueTestPrefix } from './database';
import { startSmtpSink, type SmtpSink } from './smtp-sink';

export const TEST_PUBLIC_URL = 'http://roster.test';

type Started = { close(): Promise<void> };

/**
 * The whole of Roster in this process, against the machine's real PostgreSQL (a fresh database cloned
 * from the migrated template), Redis and NATS (a prefix of this stack's own, so no other process can
 * answer its requests), and an in-process SMTP sink. Tests speak HTTP to `gateway` like an IdP and read
 * mail from `sink` like a user.
 */
export interface TestStack {
  gateway: NestFastifyApplication;
  sink: SmtpSink;
  env: Record<string, string>;
  adminToken: string;
  databaseUrl: string;
  /** Stops membership (and only it), as an outage would. */
  stopMembership(): Promise<void>;
  close(): Promise<void>;
}

export async function startTestStack(overrides: Record<string, string> = {}): Promise<TestStack> {
  const database = await createTestDatabase();
  const sink = await startSmtpSink();
  const prefix = uniqueTestPrefix();
  const adminToken = randomBytes(24).toString('hex');
  const env: Record<string, string> = {
    PUBLIC_URL: TEST_PUBLIC_URL,
    DATABASE_URL: database.url,
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    NATS_URL: process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222',
    NATS_SUBJECT_PREFIX: `${prefix}.`,
    BULLMQ_PREFIX: prefix,
    SMTP_URL: sink.url,
    MAIL_FROM: 'Roster <roster@roster.test>',
    ADMIN_TOKEN: adminToken,
    INVITATION_SECRET: randomBytes(32).toString('hex'),
    HEALTH_PORT: '0',
    LOG_LEVEL: 'warn',
    OUTBOX_POLL_MS: '200',
    MAIL_BACKOFF_BASE_MS: '100',
    RPC_TIMEOUT_MS: '3000',
    CREDENTIALS_CACHE_MS: '0',
    ...overrides,
  };
  const started: Started[] = [];
  let membership: Started | undefined;
  try {
    membership = await startMembership(loadEnv(MembershipConfig, env));
    started.push(await startMailer(loadEnv(MailerConfig, env)));
    const gateway = await createGateway(loadEnv(GatewayConfig, env));
    await gateway.getHttpAdapter().getInstance().ready();
    started.push({ close: () => gateway.close() });
    return {
      gateway,
      sink,
      env,
      adminToken,
      databaseUrl: database.url,
      async stopMembership() {
        await membership?.close();
        membership = undefined;
      },
      async close() {
        for (const s of started.reverse()) await s.close();
        await membership?.close();
        await sink.close();
        await database.drop();
      },
    };
  } catch (error) {
    for (const s of started.reverse()) await s.close().catch(() => undefined);
    await membership?.close().catch(() => undefined);
    await sink.close();
    await database.drop();
    throw error;
  }
}
