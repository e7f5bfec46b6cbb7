// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const SCHEME = /([a-z][a-z0-9+.-]*):(?=\/\/|\\\\)/gi;
/** A dot (or a look-alike that IDNA maps to a dot) between a character and a label starting with a letter. */
const DOMAIN_DOT = /(?<=[\p{L}\p{N}_-])[.\u3002\uff0e\uff61](?=\p{L}[\p{L}\p{N}-])/gu;

export const INERT_TEXT_MAX_LENGTH = 200;

/**
 * User-controlled text (organization names, display names, userNames) made safe for a subject, a text
 * part or, HTML-escaped on top, an HTML part (SPEC §7: names cannot inject headers or links):
 * - control characters, CR/LF and Unicode line separators become spaces, so nothing can start a header;
 * - bidirectional overrides are dropped, so a name cannot display reversed text;
 * - `scheme://` becomes `scheme[:]//` and a dot before a domain label becomes `[.]`
 *   ("evil[.]example", "www[.]x[.]com"), so mail clients do not turn a name into a live link;
 * - whitespace is collapsed and the result is cut to `maxLength` characters.
 */
export function inertText(value: string | null | undefined, maxLength = INERT_TEXT_MAX_LENGTH): string {
  const flat = singleLine(value, Number.MAX_SAFE_INTEGER);
  return truncate(flat.replace(SCHEME, '$1[:]').replace(DOMAIN_DOT, '[.]'), maxLength);
}

/** Text on one line, as inertText but without defanging: for our own text and the recipient's address. */
export function singleLine(value: string | null | undefined, maxLength = INERT_TEXT_MAX_LENGTH): string {
  if (value === null || value === undefined) return '';
  const flat = value
    .normalize('NFC')
    .replace(BIDI_CONTROL, '')
    .replace(CONTROL, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return truncate(flat, maxLength);
}

function truncate(value: string, maxLength: number): string {
  const characters = Array.from(value);
  return characters.length > maxLength
    ? `${characters
        .slice(0, maxLength - 1)
        .join('')
        .trimEnd()}…`
    : value;
}

const PLAIN_ADDRESS =
  /^[\p{L}\p{N}.!#$%&'*+/=?^_`{|}~-]{1,64}@(?=[^@]{1,255}$)[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+$/u;

/**
 * Whether `value` is one plain recipient address (`local@domain`): no display name, list, comment,
 * quoting or whitespace. Anything else could make one job address more than one mailbox.
 */
export function isPlainAddress(value: string): boolean {
  return PLAIN_ADDRESS.test(value);
}
