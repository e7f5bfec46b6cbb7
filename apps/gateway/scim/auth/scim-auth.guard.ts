import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { DomainErrorCode, type ScimCredentials } from '@roster/contracts';
import { ScimError } from '@roster/scim';
import { isUUID } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { MembershipDomainError } from '../../membership/membership.errors';
import { markScimAuthenticated } from '../provisioning/authenticated-request';
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
 */
@Injectable()
export class ScimAuthGuard implements CanActivate {
  constructor(
    private readonly credentials: ScimCredentialsCache,
    private readonly keyUsage: ScimKeyUsageReporter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context
      .switchToHttp()
      .getRequest<FastifyRequest<{ Params: { organizationId?: string } }>>();
    const organizationId = request.params.organizationId?.toLowerCase();
    const key = bearerCredential(request.headers.authorization);
    if (!organizationId || !isUUID(organizationId) || key === null || !checkScimKeyFormat(key)) {
      throw authenticationFailed();
    }

    const credentials = await this.credentialsOf(organizationId);
    const keyId = matchingKeyId(Buffer.from(scimKeyDigest(key), 'hex'), credentials.keys);
    if (!credentials.enabled || keyId === null) throw authenticationFailed();

    markScimAuthenticated(request);
    this.keyUsage.keyUsed(organizationId, keyId);
    return true;
  }

  private async credentialsOf(organizationId: string): Promise<ScimCredentials> {
    try {
      return await this.credentials.get(organizationId);
    } catch (error) {
      if (error instanceof MembershipDomainError && error.code === DomainErrorCode.notFound) {
        throw authenticationFailed();
      }
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
