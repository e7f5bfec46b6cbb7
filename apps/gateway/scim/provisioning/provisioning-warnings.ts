import type { FastifyRequest } from 'fastify';

const WARNINGS = Symbol('roster.provisioningWarnings');
type WithWarnings = FastifyRequest & { [WARNINGS]?: string[] };

/**
 * Notes something the IdP should fix but that did not fail the request (a stale member id in a group,
 * an unknown attribute). The provisioning log records them with the request (SPEC §5); never put a
 * secret or a filter value in one.
 */
export function addProvisioningWarning(request: FastifyRequest, warning: string): void {
  const r = request as WithWarnings;
  (r[WARNINGS] ??= []).push(warning);
}

/** The warnings noted for this request so far. */
export function provisioningWarnings(request: FastifyRequest): readonly string[] {
  return (request as WithWarnings)[WARNINGS] ?? [];
}
