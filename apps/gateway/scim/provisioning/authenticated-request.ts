import type { FastifyRequest } from 'fastify';

const AUTHENTICATED = Symbol('roster.scimAuthenticated');
type Marked = FastifyRequest & { [AUTHENTICATED]?: true };

/**
 * Set by the SCIM auth guard once the key matched. The provisioning log records such requests in
 * full; others (wrong key, unknown path before auth) anyone can send, so it records fewer of them.
 */
export function markScimAuthenticated(request: FastifyRequest): void {
  (request as Marked)[AUTHENTICATED] = true;
}

export function isScimAuthenticated(request: FastifyRequest): boolean {
  return (request as Marked)[AUTHENTICATED] === true;
}
