import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../clock';
import { GatewayConfig } from '../../config/gateway.config';
import { FixedWindowCounter } from './fixed-window.counter';
import { RateLimitRedis } from './rate-limit.redis';

/** Whether a request may go on; when not, how long the client should wait (whole seconds, ≥ 1). */
export type RateLimitVerdict = { limited: false } | { limited: true; retryAfterSeconds: number };

const ALLOWED: RateLimitVerdict = { limited: false };
/** While Redis stays unreachable, the "limits are off" warning is repeated at most this often. */
const WARNING_INTERVAL_MS = 60_000;

/** A limit as configured: `requests` per `windowSeconds`; 0 requests means no limit. */
export interface Limit {
  requests: number;
  windowSeconds: number;
}

/**
 * The SCIM rate limits (issue 6 §3, §4), counted in Redis so that every gateway replica shares them:
 * requests per organization (only authenticated ones, so nobody can spend another organization's
 * budget with a wrong key) and failed authentications per client IP. Both fail open: when Redis
 * cannot answer, the request goes on and a warning is logged — a counter outage must never turn
 * into SCIM errors an IdP would act on.
 */
@Injectable()
export class ScimRateLimits {
  private readonly logger = new Logger('ScimRateLimits');
  private readonly counter: FixedWindowCounter;
  private readonly keyPrefix: string;
  readonly organizationLimit: Limit;
  readonly authFailureLimit: Limit;
  private lastWarningAt = Number.NEGATIVE_INFINITY;

  constructor(
    redis: RateLimitRedis,
    config: GatewayConfig,
    private readonly clock: Clock,
  ) {
    this.counter = new FixedWindowCounter(redis.connection);
    this.keyPrefix = `${config.BULLMQ_PREFIX}:scim-rate-limit`;
    this.organizationLimit = {
      requests: config.SCIM_RATE_LIMIT_REQUESTS,
      windowSeconds: config.SCIM_RATE_LIMIT_WINDOW_SECONDS,
    };
    this.authFailureLimit = {
      requests: config.SCIM_AUTH_FAILURES_PER_IP,
      windowSeconds: config.SCIM_AUTH_FAILURE_WINDOW_SECONDS,
    };
  }

  /** Counts one authenticated request of `organizationId`. */
  organizationRequest(organizationId: string): Promise<RateLimitVerdict> {
    return this.hit(`org:${organizationId}`, this.organizationLimit);
  }

  /** Counts one failed authentication from `clientIp`; a valid request is never counted. */
  authenticationFailure(clientIp: string): Promise<RateLimitVerdict> {
    return this.hit(`auth-failures:${clientIp}`, this.authFailureLimit);
  }

  private async hit(key: string, limit: Limit): Promise<RateLimitVerdict> {
    if (limit.requests === 0) return ALLOWED;
    try {
      const { count, resetsInMs } = await this.counter.hit(
        `${this.keyPrefix}:${key}`,
        limit.windowSeconds * 1000,
      );
      if (count <= limit.requests) return ALLOWED;
      return { limited: true, retryAfterSeconds: Math.max(1, Math.ceil(resetsInMs / 1000)) };
    } catch (error) {
      this.warnFailingOpen(error);
      return ALLOWED;
    }
  }

  private warnFailingOpen(error: unknown): void {
    const now = this.clock.now();
    if (now - this.lastWarningAt < WARNING_INTERVAL_MS) return;
    this.lastWarningAt = now;
    this.logger.warn(
      `SCIM rate limits are not enforced: Redis did not answer (${error instanceof Error ? error.message : String(error)}); requests go through until it does`,
    );
  }
}
