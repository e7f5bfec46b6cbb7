import { randomBytes, randomUUID } from 'node:crypto';

/** The one id generator (STYLE.md): ids of organizations, keys, members and groups. */
export function newId(): string {
  return randomUUID();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether a client-given id could be one of ours. SCIM ids arrive from URLs as any text; anything
 * else is simply "not found", without asking PostgreSQL to cast it.
 */
export function isId(text: string): boolean {
  return UUID.test(text);
}

/** An unguessable nonce binding invitation tokens to one issue of an invitation. */
export function newInvitationNonce(): string {
  return randomBytes(16).toString('base64url');
}
