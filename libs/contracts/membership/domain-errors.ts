/**
 * Errors membership reports over the bus, as `{ code, message, target }`. The gateway alone maps them
 * to HTTP/SCIM (DESIGN.md §3); membership never knows a status code.
 */
export const DomainErrorCode = Object.freeze({
  /** The organization, user or key does not exist (or not in this organization). */
  notFound: 'not_found',
  /** A unique attribute is taken; `target` names it (`userName`). */
  uniqueness: 'uniqueness',
  /** `expectedVersion` did not match the stored version. */
  versionMismatch: 'version_mismatch',
  /** The request is well-formed but violates a domain rule; `target` names the attribute. */
  invalid: 'invalid',
  /** The payload failed validation on receipt. */
  invalidPayload: 'invalid_payload',
  /** A dependency (the database) is unavailable; the caller may retry later. */
  unavailable: 'unavailable',
  /** The resource is not in a state that allows the command (confirm a member that is not Accepted). */
  conflict: 'conflict',
} as const);
export type DomainErrorCode = (typeof DomainErrorCode)[keyof typeof DomainErrorCode];

export interface DomainErrorPayload {
  code: DomainErrorCode;
  message: string;
  target?: string;
}

export function isDomainErrorPayload(value: unknown): value is DomainErrorPayload {
  if (typeof value !== 'object' || value === null) return false;
  const code = (value as { code?: unknown }).code;
  return typeof code === 'string' && (Object.values(DomainErrorCode) as string[]).includes(code);
}
