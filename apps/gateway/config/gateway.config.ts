import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength } from 'class-validator';

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

  /** Bearer token of the admin API. */
  @IsString() @MinLength(24) ADMIN_TOKEN!: string;

  /** HMAC key of invitation tokens, shared with the mailer. */
  @IsString() @MinLength(32) INVITATION_SECRET!: string;

  /** How long a request to membership may take before the client gets 503. */
  @Type(() => Number) @IsInt() @Min(100) @Max(120_000) RPC_TIMEOUT_MS = 10_000;

  /** Largest accepted request body (413 above it); advertised as SCIM `maxPayloadSize`. */
  @Type(() => Number) @IsInt() @Min(1024) @Max(8 * 1024 * 1024) MAX_PAYLOAD_BYTES = 1_048_576;

  /** How long an organization's SCIM credentials are reused before asking membership again. */
  @Type(() => Number) @IsInt() @Min(0) @Max(300_000) CREDENTIALS_CACHE_MS = 5_000;

  @IsIn(LOG_LEVELS) LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';
}
