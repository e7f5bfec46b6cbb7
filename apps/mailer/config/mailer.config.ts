import { IsDeploymentSecret } from '@roster/config';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min } from 'class-validator';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** `Name <address>` or a bare address, one mailbox, no line breaks. */
const MAILBOX = /^(?:[^<>\r\n]*<[^<>\s@,]+@[^<>\s@,]+>|[^<>\s@,]+@[^<>\s@,]+)$/;

/**
 * The mailer's environment (SPEC §8), read once by `loadEnv(MailerConfig)`; property names are the
 * variable names. Validation messages never echo a value, so a bad SMTP_URL cannot leak its password.
 */
export class MailerConfig {
  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL!: string;

  /** Key prefix of the BullMQ queues; tests give each file its own. */
  @Matches(/^[A-Za-z0-9_.-]{1,64}$/, { message: 'BULLMQ_PREFIX may hold letters, digits, _ . - only' })
  BULLMQ_PREFIX = 'roster';

  /** `smtp://user:pass@host:port` or `smtps://...`; unset: each message is written to MAIL_DIR. */
  @IsOptional()
  @IsUrl(
    { protocols: ['smtp', 'smtps'], require_protocol: true, require_tld: false },
    { message: 'SMTP_URL must be an smtp:// or smtps:// URL' },
  )
  SMTP_URL?: string;

  @Matches(MAILBOX, { message: 'MAIL_FROM must be an address or "Name <address>"' })
  MAIL_FROM!: string;

  @IsString()
  MAIL_DIR = 'var/mail';

  /** Where people reach Roster; invitation links point at `PUBLIC_URL/invitations/accept`. */
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'PUBLIC_URL must be an http:// or https:// URL' },
  )
  PUBLIC_URL!: string;

  /** HMAC key of invitation tokens, shared with the gateway: 32+ random bytes, never an example. */
  @IsDeploymentSecret()
  INVITATION_SECRET!: string;

  /** Port of /health/live and /health/ready; 0 picks a free one (tests). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  HEALTH_PORT = 8082;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  /** `production` (the Docker image) makes unsafe settings, such as Redis without AOF, stop start-up. */
  @IsIn(['production', 'development', 'test'])
  NODE_ENV: 'production' | 'development' | 'test' = 'development';

  /** Emails sent at the same time by one replica. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  MAIL_CONCURRENCY = 8;

  /** First retry delay; later ones double up to an hour (mail-backoff.ts). Tests shorten it. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3_600_000)
  MAIL_BACKOFF_BASE_MS = 5000;
}
