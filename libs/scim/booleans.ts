import { ScimError } from './errors';

/**
 * A SCIM boolean (RFC 7643 §2.3.2) as IdPs really send it: a JSON boolean, or the string "true" /
 * "false" in any case and with stray whitespace (Entra ID sends "False", SPEC §4). Anything else is
 * 400 invalidValue naming the attribute.
 */
export function coerceScimBoolean(value: unknown, attributeName: string): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const word = value.trim().toLowerCase();
    if (word === 'true') return true;
    if (word === 'false') return false;
  }
  throw ScimError.badRequest(
    'invalidValue',
    `Attribute '${attributeName}' must be a boolean (true or false), got ${describeValue(value)}.`,
  );
}

/** A short, safe description of a client value for an RFC 7644 §3.12 error `detail` (never a whole body). */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return JSON.stringify(shown);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value;
}
