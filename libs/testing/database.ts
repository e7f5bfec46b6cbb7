import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { Client } from 'pg';

/**
 * Per-file databases for integration tests (DESIGN.md §9): Jest's globalSetup migrates
 * `roster_test_template` once; each test file clones it (~80 ms) and drops the clone afterwards.
 */

export const TEMPLATE_DATABASE = 'roster_test_template';

/**
 * Advisory lock key guarding the template: globalSetup holds it exclusively while it rebuilds the
 * template; clones hold it shared, so concurrent Jest runs never clone a half-built template.
 */
export const TEMPLATE_LOCK_KEY = 7_601_730_551;

/** Where tests create their databases: TEST_DATABASE_URL, or the local trust-auth PostgreSQL. */
export function adminDatabaseUrl(): string {
  return process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

/** The admin URL pointed at another database of the same server. */
export function databaseUrlFor(database: string): string {
  const url = new URL(adminDatabaseUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

export interface TestDatabase {
  /** A postgres:// URL of a fresh, fully migrated database of its own. */
  url: string;
  name: string;
  /** Drops the database, closing any connection still open to it. */
  drop(): Promise<void>;
}

const OBJECT_IN_USE = '55006';

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `roster_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient(async (admin) => {
    await admin.query('SELECT pg_advisory_lock_shared($1)', [TEMPLATE_LOCK_KEY]);
    try {
      // The template's last migration connection may still be closing right after globalSetup.
      for (let attempt = 1; ; attempt++) {
        try {
          await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE_DATABASE}"`);
          break;
        } catch (error) {
          if ((error as { code?: string }).code !== OBJECT_IN_USE || attempt >= 50) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    } finally {
      await admin.query('SELECT pg_advisory_unlock_shared($1)', [TEMPLATE_LOCK_KEY]);
    }
  });
  return {
    url: databaseUrlFor(name),
    name,
    drop: () =>
      withAdminClient((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}

export async function withAdminClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminDatabaseUrl(), application_name: 'roster-tests' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A name of this test file's own, valid both as a NATS subject token (use `${prefix}.` as
 * NATS_SUBJECT_PREFIX) and as a BullMQ prefix, so no other process answers this file's requests or
 * takes its jobs (DESIGN.md §10.12: the queue-group trap).
 */
export function uniqueTestPrefix(): string {
  return `roster-test-${randomBytes(5).toString('hex')}`;
}

/**
 * Deletes every Redis key under a BullMQ prefix (queues, jobs, events) once a test file is done
 * with it, so test runs do not pile up keys in the machine's Redis.
 */
export async function deleteBullmqKeys(
  prefix: string,
  redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
): Promise<void> {
  if (!/^[A-Za-z0-9_-]+$/.test(prefix))
    throw new Error(`Refusing to delete keys of the prefix ${JSON.stringify(prefix)}`);
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
