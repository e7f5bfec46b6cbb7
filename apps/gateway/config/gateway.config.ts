import { Transform, Type } from 'class-transformer';
import { IsDeploymentSecret } from '@roster/config';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min } from 'class-validator';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Strips trailing slashes so that `${PUBLIC_URL}/scim/v2/...` never has a double slash. */
const withoutTrailingSlash = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim().replace(/\/+$/, '') : value;

/**
 * The gateway's environment (read once, by `loadEnv(GatewayConfig)` in main.ts). Property names are
 * the variable names; numbers arrive as strings and are converted here.
 */
export class GatewayConfig {
  /** The absolute URL IdPs and browsers reach the gateway at; SCIM `location`s and `Location` use it. */
  @Transform(withoutTrailingSlash)
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  PUBLIC_URL!: string;

  @Type(() => Number) @IsInt() @Min(0) @Max(65535) GATEWAY_PORT = 8080;

  @IsString() GATEWAY_HOST = '0.0.0.0';

  /** Prometheus metrics at `/metrics` on this port, apart from the public one (0 = any free port). */
  @Type(() => Number) @IsInt() @Min(0) @Max(65535) METRICS_PORT = 9464;

  /** One or more comma-separated `nats://host:port` URLs. */
  @IsString()
  @Matches(/^\s*(nats|tls|wss?):\/\/\S+/, { message: 'NATS_URL must be a nats:// URL' })
  NATS_URL!: string;

  /** Prepended to every NATS subject; lets several deployments (or test files) share one NATS. */
  @IsOptional() @IsString() NATS_SUBJECT_PREFIX = '';

  /** Bearer token of the admin API: 32+ random bytes, never an example value (libs/config unsafe-config). */
  @IsDeploymentSecret() ADMIN_TOKEN!: string;

  /** HMAC key of invitation tokens, shared with the mailer. */
  @IsDeploymentSecret() INVITATION_SECRET!: string;

  /**
   * Redis shared by every gateway replica for the SCIM rate limits (DESIGN §6). Counters only: when
   * Redis is unreachable the limits are not enforced (a warning is logged), SCIM keeps working.
   */
  @Matches(/^rediss?:\/\/.+/, { message: 'must be a redis://[:password@]host:port[/db] URL' })
  REDIS_URL!: string;

  /** Key prefix in Redis, the same one membership and the mailer use for their queues. */
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'must be letters, digits, "-" or "_" (no ":")' })
  BULLMQ_PREFIX = 'roster';

  /**
   * SCIM requests one organization may send per SCIM_RATE_LIMIT_WINDOW_SECONDS, over all replicas;
   * beyond it, 429 with Retry-After. 0 turns the limit off. The default leaves several times the
   * headroom an initial sync of 5,000 users needs (docs/reliability.md).
   */
  @Type(() => Number) @IsInt() @Min(0) @Max(10_000_000) SCIM_RATE_LIMIT_REQUESTS = 30_000;

  @Type(() => Number) @IsInt() @Min(1) @Max(3600) SCIM_RATE_LIMIT_WINDOW_SECONDS = 60;

  /**
   * Failed SCIM authentications one client IP may make per SCIM_AUTH_FAILURE_WINDOW_SECONDS before
   * its further failures get 429 instead of 401. Requests with a valid key are never counted or
   * throttled. 0 turns the throttle off.
   */
  @Type(() => Number) @IsInt() @Min(0) @Max(1_000_000) SCIM_AUTH_FAILURES_PER_IP = 30;

  @Type(() => Number) @IsInt() @Min(1) @Max(86_400) SCIM_AUTH_FAILURE_WINDOW_SECONDS = 300;

  /** How long a request to membership may take before the client gets 503. */
  @Type(() => Number) @IsInt() @Min(100) @Max(120_000) RPC_TIMEOUT_MS = 10_000;

  /** Largest accepted request body (413 above it); advertised as SCIM `maxPayloadSize`. */
  @Type(() => Number) @IsInt() @Min(1024) @Max(8 * 1024 * 1024) MAX_PAYLOAD_BYTES = 1_048_576;

  /** How long an organization's SCIM credentials are reused before asking membership again. */
  @Type(() => Number) @IsInt() @Min(0) @Max(300_000) CREDENTIALS_CACHE_MS = 5_000;

  @IsIn(LOG_LEVELS) LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';
}
