import { Type } from 'class-transformer';
import { IsIn, Matches, ValidateBy, type ValidationOptions } from 'class-validator';

/** One integer rule, one message: a bad value is named once, not once per bound. */
function IsIntegerBetween(min: number, max: number, options: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIntegerBetween',
      validator: {
        validate: (value) => Number.isInteger(value) && Number(value) >= min && Number(value) <= max,
      },
    },
    options,
  );
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Membership's environment (DESIGN.md §7). Loaded once in main.ts with `loadEnv` and passed down:
 * nothing else in membership reads process.env. Property names are the variable names.
 */
export class MembershipConfig {
  @Matches(/^postgres(ql)?:\/\/.+/, {
    message: 'is required and must be a postgres://user[:password]@host:port/database URL',
  })
  DATABASE_URL!: string;

  @Matches(/^(nats|tls):\/\/[^,\s]+(,\s*(nats|tls):\/\/[^,\s]+)*$/, {
    message: 'is required and must be nats://host:port (several may be separated by commas)',
  })
  NATS_URL!: string;

  /** Prepended to every NATS subject; lets tests (or two deployments on one NATS) stay apart. */
  @Matches(/^([A-Za-z0-9_-]+\.)*$/, {
    message: 'must be empty or dot-terminated NATS tokens, e.g. "staging."',
  })
  NATS_SUBJECT_PREFIX: string = '';

  @Matches(/^rediss?:\/\/.+/, {
    message: 'is required and must be a redis://[:password@]host:port[/db] URL',
  })
  REDIS_URL!: string;

  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'must be letters, digits, "-" or "_" (no ":")' })
  BULLMQ_PREFIX: string = 'roster';

  /** Port of the small HTTP server for /health/live and /health/ready; 0 picks a free port. */
  @Type(() => Number)
  @IsIntegerBetween(0, 65535, { message: 'must be a port number from 0 to 65535 (0 = any free port)' })
  HEALTH_PORT: number = 8081;

  @IsIn(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: string = 'info';

  /** `production` (the Docker image) makes unsafe settings, such as Redis without AOF, stop start-up. */
  @IsIn(['production', 'development', 'test'], { message: 'must be production, development or test' })
  NODE_ENV: string = 'development';

  /** How long an invitation link stays valid (SPEC §7: 5 days). */
  @Type(() => Number)
  @IsIntegerBetween(1, 24 * 365, { message: 'must be a whole number of hours from 1 to 8760 (one year)' })
  INVITATION_TTL_HOURS: number = 120;

  /** The outbox relay's polling period; a NOTIFY from the writing transaction wakes it sooner. */
  @Type(() => Number)
  @IsIntegerBetween(50, 60_000, { message: 'must be a whole number of milliseconds from 50 to 60000' })
  OUTBOX_POLL_MS: number = 1000;

  /** How long a rotated SCIM key keeps working unless the rotation says otherwise (SPEC §1; 0 = at once). */
  @Type(() => Number)
  @IsIntegerBetween(0, 168, { message: 'must be a whole number of hours from 0 to 168 (one week)' })
  SCIM_KEY_ROTATION_OVERLAP_HOURS: number = 24;

  /** Days the provisioning log keeps a SCIM request; older entries are purged hourly. */
  @Type(() => Number)
  @IsIntegerBetween(1, 3650, { message: 'must be a whole number of days from 1 to 3650' })
  PROVISIONING_LOG_RETENTION_DAYS: number = 30;
}
