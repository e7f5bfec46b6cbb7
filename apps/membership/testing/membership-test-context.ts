import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadEnv } from '@roster/config';
import { DataSource } from 'typeorm';
import {
  createTestDatabase,
  deleteBullmqKeys,
  uniqueTestPrefix,
  type TestDatabase,
} from '../../../libs/testing/database';
import { MembershipConfig } from '../config/membership.config';
import { Clock } from '../domain/clock';
import { MembershipModule } from '../membership.module';

/** A clock the tests move: invitations expire and rotated keys lapse without waiting. */
export class MovableClock extends Clock {
  private current: Date;

  constructor(start: string) {
    super();
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  advanceHours(hours: number): void {
    this.current = new Date(this.current.getTime() + hours * 3_600_000);
  }

  set(at: Date): void {
    this.current = new Date(at);
  }
}

/**
 * Membership's environment for one test file: its own database clone, BullMQ prefix and NATS
 * subject prefix on this machine's real services (DESIGN.md §9), plus the file's own settings.
 */
export function membershipTestEnv(
  database: TestDatabase,
  prefix: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    DATABASE_URL: database.url,
    NATS_URL: process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222',
    NATS_SUBJECT_PREFIX: `${prefix}.`,
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    BULLMQ_PREFIX: prefix,
    LOG_LEVEL: 'silent',
    ...extra,
  };
}

/** Membership's providers (no NATS listener) on a fresh database, for service-level tests. */
export interface MembershipTestContext {
  app: INestApplicationContext;
  db: DataSource;
  config: MembershipConfig;
  prefix: string;
  close(): Promise<void>;
}

export async function startMembershipContext(
  options: { clock?: Clock; env?: Record<string, string> } = {},
): Promise<MembershipTestContext> {
  const database = await createTestDatabase();
  const prefix = uniqueTestPrefix();
  const config = loadEnv(MembershipConfig, membershipTestEnv(database, prefix, options.env));
  let app: INestApplicationContext | undefined;
  try {
    app = await NestFactory.createApplicationContext(
      MembershipModule.register(config, { clock: options.clock }),
      { logger: false },
    );
  } catch (error) {
    await database.drop();
    throw error;
  }
  const started = app;
  return {
    app: started,
    db: started.get(DataSource),
    config,
    prefix,
    async close() {
      await started.close();
      await database.drop();
      await deleteBullmqKeys(prefix);
    },
  };
}
