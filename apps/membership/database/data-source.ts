import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { MEMBERSHIP_ENTITIES } from './entities';
import { PreparingClient } from './prepared-statements';

/**
 * The one description of membership's database. `synchronize` is off always: the schema changes only
 * through migrations, run by the one-shot `migrate` command (DESIGN.md §4).
 */
export function membershipDataSourceOptions(databaseUrl: string): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: MEMBERSHIP_ENTITIES,
    // A file path rather than classes, so the same options work from sources (Jest) and dist.
    migrations: [join(__dirname, 'migrations', '*.{ts,js}')],
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    // Not 'error': TypeORM would log failing queries with their parameters (user names, emails),
    // and unique violations are expected; errors are mapped and logged by membership itself.
    logging: ['warn', 'migration'],
    extra: {
      // Parameterised statements are prepared once per connection (prepared-statements.ts).
      Client: PreparingClient,
      max: 10,
      // Fail fast when PostgreSQL is unreachable so callers get `unavailable` instead of hanging.
      connectionTimeoutMillis: 5_000,
      statement_timeout: 15_000,
      application_name: 'roster-membership',
    },
  };
}
