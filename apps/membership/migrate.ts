import 'reflect-metadata';
import { ConfigError, loadEnv, redactUrl } from '@roster/config';
import { Matches } from 'class-validator';
import { DataSource } from 'typeorm';
import { membershipDataSourceOptions } from './database/data-source';
import { ensureDatabaseExists } from './database/ensure-database';

/** The migrate step needs only the database (compose runs it before anything else). */
class MigrateConfig {
  @Matches(/^postgres(ql)?:\/\/.+/, {
    message: 'is required and must be a postgres://user[:password]@host:port/database URL',
  })
  DATABASE_URL!: string;
}

/**
 * `npm run migrate` (`node dist/apps/membership/migrate.js`): the one-shot step that applies pending
 * migrations and exits 0, or exits 1 with one clear line. Safe to run again: applied migrations are
 * skipped, and TypeORM's lock keeps two concurrent runs from applying the same one twice.
 */
async function migrate(): Promise<void> {
  const { DATABASE_URL } = loadEnv(MigrateConfig);
  if (await ensureDatabaseExists(DATABASE_URL)) {
    process.stdout.write(`migrate: created database ${new URL(DATABASE_URL).pathname.slice(1)}\n`);
  }
  const dataSource = new DataSource({ ...membershipDataSourceOptions(DATABASE_URL), logging: ['error'] });
  try {
    await dataSource.initialize();
  } catch (error) {
    throw new Error(`cannot connect to ${redactUrl(DATABASE_URL)}: ${describe(error)}`, { cause: error });
  }
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    const names = applied.map((migration) => migration.name).join(', ');
    process.stdout.write(
      applied.length === 0
        ? 'migrate: database is up to date (0 migrations applied)\n'
        : `migrate: applied ${applied.length} migration${applied.length === 1 ? '' : 's'}: ${names}\n`,
    );
  } finally {
    await dataSource.destroy();
  }
}

function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describe(error.errors[0]);
  return error instanceof Error ? error.message || error.name : String(error);
}

migrate().then(
  () => process.exit(0),
  (error: unknown) => {
    const message =
      error instanceof ConfigError ? `invalid configuration: ${error.problems.join('; ')}` : describe(error);
    process.stderr.write(`migrate failed: ${message}\n`);
    process.exit(1);
  },
);
