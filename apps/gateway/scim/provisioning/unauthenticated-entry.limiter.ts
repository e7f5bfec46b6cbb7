/** Per organization and gateway replica: enough to show a misconfigured IdP, too few to flood the log. */
const UNAUTHENTICATED_PER_MINUTE = 30;
const WINDOW_MS = 60_000;
const MAX_TRACKED_ORGANIZATIONS = 10_000;

/**
 * Requests that did not authenticate can be sent by anyone who knows an organization id, so the
 * provisioning log takes a few of them per minute per organization (an IdP with a stale key still
 * shows up) and drops the rest.
 */
export class UnauthenticatedEntryLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  allow(organizationId: string, now: number): boolean {
    const window = this.windows.get(organizationId);
    if (window && now - window.start < WINDOW_MS) {
      window.count++;
      return window.count <= UNAUTHENTICATED_PER_MINUTE;
    }
    if (!window && this.windows.size >= MAX_TRACKED_ORGANIZATIONS) this.windows.clear();
    this.windows.set(organizationId, { start: now, count: 1 });
    return true;
  }
}
