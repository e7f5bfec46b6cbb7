import { Injectable } from '@nestjs/common';
import { MembershipPatterns, type OrganizationRef, type ScimCredentials } from '@roster/contracts';
import { MembershipClient } from '../../membership/membership.client';
import { Clock } from '../../clock';

/** Enough for every organization of a large deployment; unknown ids cannot grow it past this. */
const MAX_ORGANIZATIONS = 10_000;

interface Entry {
  expiresAt: number;
  credentials: Promise<ScimCredentials>;
}

/**
 * An organization's SCIM credentials (enabled flag, key digests), reused for a few seconds so that
 * steady IdP traffic does not ask membership on every request (DESIGN §6). Concurrent requests share
 * one lookup; a failed lookup is not cached. Key issue and SCIM settings changes made through this
 * gateway invalidate at once; other replicas see them within the TTL.
 */
@Injectable()
export class ScimCredentialsCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly membership: MembershipClient,
    private readonly clock: Clock,
    private readonly ttlMs: number,
  ) {}

  get(organizationId: string): Promise<ScimCredentials> {
    const now = this.clock.now();
    const cached = this.entries.get(organizationId);
    if (cached && cached.expiresAt > now) return cached.credentials;

    const request: OrganizationRef = { organizationId };
    const credentials = this.membership.send<ScimCredentials>(MembershipPatterns.scimCredentials, request);
    if (this.ttlMs > 0) {
      this.remember(organizationId, { expiresAt: now + this.ttlMs, credentials });
      credentials.catch(() => {
        if (this.entries.get(organizationId)?.credentials === credentials)
          this.entries.delete(organizationId);
      });
    }
    return credentials;
  }

  invalidate(organizationId: string): void {
    this.entries.delete(organizationId);
  }

  private remember(organizationId: string, entry: Entry): void {
    this.entries.delete(organizationId);
    if (this.entries.size >= MAX_ORGANIZATIONS) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(organizationId, entry);
  }
}
