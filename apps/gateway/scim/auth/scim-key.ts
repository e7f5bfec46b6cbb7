import { createHash, randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';

/**
 * SCIM API keys (SPEC §1): `roster_scim_` + 40 random base62 characters + a 6-character base62
 * checksum (CRC-32 of the random part). The fixed prefix lets secret scanners find leaked keys; the
 * checksum lets the gateway reject a mistyped or made-up key without asking membership.
 */
export const SCIM_KEY_PREFIX = 'roster_scim_';
const RANDOM_LENGTH = 40;
const CHECKSUM_LENGTH = 6;
const DISPLAY_RANDOM_CHARS = 4;
export const SCIM_KEY_LENGTH = SCIM_KEY_PREFIX.length + RANDOM_LENGTH + CHECKSUM_LENGTH;

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BASE62_BODY = /^[0-9A-Za-z]+$/;
/** Largest multiple of 62 that fits in a byte: bytes at or above it are dropped to avoid modulo bias. */
const UNBIASED_BYTE_LIMIT = 62 * 4;

export interface GeneratedScimKey {
  /** The secret, shown to the admin once and never stored or logged. */
  key: string;
  /** What admins see to tell keys apart: the fixed prefix and the first random characters. */
  displayPrefix: string;
  /** Lower-case hex SHA-256 of the whole key: all membership stores. */
  digest: string;
}

export function generateScimKey(): GeneratedScimKey {
  const body = randomBase62(RANDOM_LENGTH);
  const key = SCIM_KEY_PREFIX + body + checksumOf(body);
  return {
    key,
    displayPrefix: SCIM_KEY_PREFIX + body.slice(0, DISPLAY_RANDOM_CHARS),
    digest: scimKeyDigest(key),
  };
}

/** True when `key` has Roster's prefix, length, alphabet and a matching checksum. */
export function checkScimKeyFormat(key: string): boolean {
  if (key.length !== SCIM_KEY_LENGTH || !key.startsWith(SCIM_KEY_PREFIX)) return false;
  const rest = key.slice(SCIM_KEY_PREFIX.length);
  if (!BASE62_BODY.test(rest)) return false;
  const body = rest.slice(0, RANDOM_LENGTH);
  return rest.slice(RANDOM_LENGTH) === checksumOf(body);
}

/** The stored form of a key: lower-case hex SHA-256 of the whole key. */
export function scimKeyDigest(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

function checksumOf(body: string): string {
  return toBase62(crc32(body)).padStart(CHECKSUM_LENGTH, '0');
}

function toBase62(value: number): string {
  let out = '';
  let rest = value;
  do {
    out = BASE62[rest % 62] + out;
    rest = Math.floor(rest / 62);
  } while (rest > 0);
  return out;
}

function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < UNBIASED_BYTE_LIMIT && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}
