import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { DomainErrorCode, type ScimCredentials } from '@roster/contracts';
import { ScimError } from '@roster/scim';
import { isUUID } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { MembershipDomainError } from '../../membership/membership.errors';
import { markScimAuthenticated } from '../provisioning/authenticated-request';
import { ScimRateLimits, type Limit, type RateLimitVerdict } from '../rate-limit/scim-rate-limits';
import { AUTHENTICATION_FAILED_DETAIL } from '../scim-error.mapping';
import { bearerCredential } from './authorization-header';
import { checkScimKeyFormat, scimKeyDigest } from './scim-key';
import { ScimCredentialsCache } from './scim-credentials.cache';
import { ScimKeyUsageReporter } from './scim-key-usage.reporter';

/** A digest no real key has, compared when an organization has none, so every path does the same work. */
const NO_KEY_DIGEST = Buffer.alloc(32);

/**
 * Authenticates every SCIM request (SPEC §2, DESIGN §6): the key must have Roster's format and
 * checksum (checked without a lookup) and its SHA-256 must equal one of the path organization's key
 * digests while SCIM is enabled there. Every failure is the same 401; an unreachable membership
 * propagates as MembershipUnavailableError (503), never as 401.
 *
 * Then the rate limits (issue 6 §3, §4): the key is verified *first*, so a request with a valid key
 * is never held to its IP's failure budget — only failures are counted, and once a client IP has
 * spent its budget its further failures get one 429 body, whatever the failure was. An authenticated
 * request counts against its organization's limit.
 */
@Injectable()
export class ScimAuthGuard implements CanActivate {
  constructor(
    private readonly credentials: ScimCredentialsCache,
    private readonly keyUsage: ScimKeyUsageReporter,
    private readonly rateLimits: ScimRateLimits,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest<{ Params: { organizationId?: string } }>>();
    const reply = http.getResponse<FastifyReply>();

    const authenticated = await this.authenticate(request);
    if (authenticated === null) {
      const verdict = await this.rateLimits.authenticationFailure(request.ip);
      if (verdict.limited)
        throw tooManyRequests(reply, verdict, authFailuresDetail(this.rateLimits.authFailureLimit));
      throw authenticationFailed();
    }

    const { organizationId, keyId } = authenticated;
    this.keyUsage.keyUsed(organizationId, keyId);
    const verdict = await this.rateLimits.organizationRequest(organizationId);
    if (verdict.limited) {
      throw tooManyRequests(reply, verdict, organizationLimitDetail(this.rateLimits.organizationLimit));
    }
    // Only requests that got through are logged in full: a flood of 429s takes the few places per
    // minute that unauthenticated requests get in the provisioning log.
    markScimAuthenticated(request);
    return true;
  }

  /** The organization and key a request proves, or null for any authentication failure. */
  private async authenticate(
    request: FastifyRequest<{ Params: { organizationId?: string } }>,
  ): Promise<{ organizationId: string; keyId: string } | null> {
    const organizationId = request.params.organizationId?.toLowerCase();
    const key = bearerCredential(request.headers.authorization);
    if (!organizationId || !isUUID(organizationId) || key === null || !checkScimKeyFormat(key)) return null;

    const credentials = await this.credentialsOf(organizationId);
    if (credentials === null) return null;
    const keyId = matchingKeyId(Buffer.from(scimKeyDigest(key), 'hex'), credentials.keys);
    if (!credentials.enabled || keyId === null) return null;
    return { organizationId, keyId };
  }

  /** Null for an unknown organization; an outage propagates (503). */
  private async credentialsOf(organizationId: string): Promise<ScimCredentials | null> {
    try {
      return await this.credentials.get(organizationId);
    } catch (error) {
      if (error instanceof MembershipDomainError && error.code === DomainErrorCode.notFound) return null;
      throw error;
    }
  }
}

/** Compares against every digest, without stopping at the first match, in constant time each. */
function matchingKeyId(digest: Buffer, keys: ScimCredentials['keys']): string | null {
  let match: string | null = null;
  for (const key of keys) {
    const stored = Buffer.from(key.digest, 'hex');
    const equal = stored.length === digest.length && timingSafeEqual(stored, digest);
    if (equal && match === null) match = key.id;
  }
  if (keys.length === 0) timingSafeEqual(NO_KEY_DIGEST, digest);
  return match;
}

export function authenticationFailed(): ScimError {
  return new ScimError(401, AUTHENTICATION_FAILED_DETAIL);
}

/** Same for every failure kind (SPEC §2): it names the limit, never what was wrong with the request. */
export function authFailuresDetail(limit: Limit): string {
  return `Too many failed authentication attempts from this address (more than ${limit.requests} in ${limit.windowSeconds} seconds); retry after the number of seconds in Retry-After.`;
}

export function organizationLimitDetail(limit: Limit): string {
  return `Too many requests: this organization may send ${limit.requests} SCIM requests per ${limit.windowSeconds} seconds; retry after the number of seconds in Retry-After.`;
}

/** A 429 (RFC 7644 §3.12 defines no scimType for it); the exception filter keeps the header set here. */
function tooManyRequests(
  reply: FastifyReply,
  verdict: Extract<RateLimitVerdict, { limited: true }>,
  detail: string,
): ScimError {
  void reply.header('retry-after', String(verdict.retryAfterSeconds));
  return new ScimError(429, detail);
}
