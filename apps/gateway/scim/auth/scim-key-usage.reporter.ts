import { Injectable } from '@nestjs/common';
import { MembershipPatterns, type ScimKeyUsedEvent } from '@roster/contracts';
import { Clock } from '../../clock';
import { MembershipClient } from '../../membership/membership.client';

/** A key's last use is shown to admins to the minute; no need to tell membership more often. */
const REPORT_INTERVAL_MS = 60_000;
const MAX_TRACKED_KEYS = 10_000;

/** Tells membership a key was used, at most once a minute per key from this gateway replica. */
@Injectable()
export class ScimKeyUsageReporter {
  private readonly lastReported = new Map<string, number>();

  constructor(
    private readonly membership: MembershipClient,
    private readonly clock: Clock,
  ) {}

  keyUsed(organizationId: string, keyId: string): void {
    const now = this.clock.now();
    const last = this.lastReported.get(keyId);
    if (last !== undefined && now - last < REPORT_INTERVAL_MS) return;

    this.lastReported.delete(keyId);
    if (this.lastReported.size >= MAX_TRACKED_KEYS) this.lastReported.clear();
    this.lastReported.set(keyId, now);
    const event: ScimKeyUsedEvent = { organizationId, keyId, at: new Date(now).toISOString() };
    this.membership.emit(MembershipPatterns.scimKeyUsed, event);
  }
}
