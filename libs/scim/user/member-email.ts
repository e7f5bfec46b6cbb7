import { isPlainObject } from './attribute-values';

// Deliberately loose: one @, no spaces, a dot in the domain. Enough to tell an address from an
// account name (`bjensen`, `CONTOSO\bjensen`); whether it receives mail is the mail server's business.
const EMAIL_ADDRESS = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** SPEC §4 (RFC 7643 §4.1.1 userName): whether a userName is written as an email address, as UPNs often are. */
export function looksLikeEmailAddress(text: string): boolean {
  return EMAIL_ADDRESS.test(text.trim());
}

/**
 * SPEC §4 (over RFC 7643 §4.1.2 `emails`): where a member's invitations go — the `emails` entry with
 * `primary: true`; else `userName` when it is an email address; else the entry with type "work"; else
 * the first entry. Lower-cased and trimmed; null when there is none.
 */
export function memberEmail(userName: string, emails: unknown): string | null {
  const entries = (Array.isArray(emails) ? emails : [])
    .filter(isPlainObject)
    .filter((entry) => typeof entry.value === 'string' && entry.value.trim() !== '');
  const chosen =
    entries.find((entry) => entry.primary === true)?.value ??
    (looksLikeEmailAddress(userName) ? userName : undefined) ??
    entries.find((entry) => typeof entry.type === 'string' && entry.type.toLowerCase() === 'work')?.value ??
    entries[0]?.value;
  return typeof chosen === 'string' ? chosen.trim().toLowerCase() : null;
}
