import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { membershipDataSourceOptions } from '../../apps/membership/database/data-source';
import { databaseUrlFor, TEMPLATE_DATABASE, TEMPLATE_LOCK_KEY, withAdminClient } from './database';

const MIGRATIONS_DIR = join(__dirname, '..', '..', 'apps', 'membership', 'database', 'migrations');

/** Identifies the migrations the template was built from (stored as the database's comment). */
function migrationsFingerprint(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(MIGRATIONS_DIR)
    .filter((f) => /\.(ts|js)$/.test(f))
    .sort()) {
    hash.update(file).update(readFileSync(join(MIGRATIONS_DIR, file)));
  }
  return `roster migrations ${hash.digest('hex')}`;
}

/**
 * Jest globalSetup of the integration project: (re)builds the migrated template database that every
 * test file clones (libs/testing/database.ts). A template already built from the same migrations is
 * kept, so concurrent Jest runs on this machine do not drop it from under each other.
 */
export default async function globalSetup(): Promise<void> {
  const fingerprint = migrationsFingerprint();
  await withAdminClient(async (admin) => {
    await admin.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK_KEY]);
    try {
      const existing = await admin.query<{ comment: string | null }>(
        `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
        [TEMPLATE_DATABASE],
      );
      if (existing.rows[0]?.comment === fingerprint) return;

      await admin.query(`DROP DATABASE IF EXISTS "${TEMPLATE_DATABASE}" WITH (FORCE)`);
      await admin.query(`CREATE DATABASE "${TEMPLATE_DATABASE}"`);
      const dataSource = new DataSource(membershipDataSourceOptions(databaseUrlFor(TEMPLATE_DATABASE)));
      await dataSource.initialize();
      try {
        await dataSource.runMigrations({ transaction: 'each' });
      } finally {
        await dataSource.destroy();
      }
      await admin.query(`COMMENT ON DATABASE "${TEMPLATE_DATABASE}" IS '${fingerprint}'`);
    } finally {
      await admin.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK_KEY]);
    }
  });
}
