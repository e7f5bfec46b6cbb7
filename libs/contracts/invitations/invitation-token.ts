import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * What an invitation token binds (DESIGN.md §5): one issue (nonce) of an invitation of one member of
 * one organization to one address, valid from `issuedAt` until `expiresAt`.
 */
export interface InvitationClaims {
  memberId: string;
  organizationId: string;
  email: string;
  issuedAt: Date;
  expiresAt: Date;
  nonce: string;
}

/** Invitation links stay valid this long (SPEC §7). */
export const INVITATION_LIFETIME_MS = 5 * 24 * 60 * 60 * 1000;
/** Shortest INVITATION_SECRET accepted: 32 characters of a random string. */
export const INVITATION_SECRET_MIN_LENGTH = 32;

const VERSION = 'v1';
/** Tolerated clock difference between the mailer that signs and the gateway that verifies. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;
/** Longer than any token we issue; bounds the work done on a hostile query string. */
const MAX_TOKEN_LENGTH = 2048;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** The signed payload: short keys keep the accept link short. */
interface TokenPayload {
  m: string;
  o: string;
  e: string;
  i: number;
  x: number;
  n: string;
}

function assertSecret(secret: string): void {
  if (typeof secret !== 'string' || secret.length < INVITATION_SECRET_MIN_LENGTH) {
    throw new RangeError(`INVITATION_SECRET must be at least ${INVITATION_SECRET_MIN_LENGTH} characters`);
  }
}

function signature(signedPart: string, secret: string): string {
  return createHmac('sha256', secret).update(signedPart).digest('base64url');
}

/**
 * Signs an invitation: `v1.<base64url JSON claims>.<base64url HMAC-SHA-256>`; the MAC covers the
 * version and the encoded claims exactly as they appear in the token. Throws on a short secret.
 */
export function signInvitationToken(claims: InvitationClaims, secret: string): string {
  assertSecret(secret);
  const payload: TokenPayload = {
    m: claims.memberId,
    o: claims.organizationId,
    e: claims.email,
    i: claims.issuedAt.getTime(),
    x: claims.expiresAt.getTime(),
    n: claims.nonce,
  };
  if (!Number.isFinite(payload.i) || !Number.isFinite(payload.x)) {
    throw new RangeError('invitation issuedAt and expiresAt must be valid dates');
  }
  const signedPart = `${VERSION}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${signedPart}.${signature(signedPart, secret)}`;
}

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value);

function decodePayload(encoded: string): TokenPayload | null {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const p = value as Record<string, unknown>;
  if (!isText(p.m) || !isText(p.o) || !isText(p.e) || !isText(p.n) || !isTime(p.i) || !isTime(p.x)) {
    return null;
  }
  return { m: p.m, o: p.o, e: p.e, i: p.i, x: p.x, n: p.n };
}

/**
 * The claims of a token signed with `secret` that is valid at `now`, or null for anything else
 * (malformed, tampered, signed with another secret, expired, not yet issued). Never throws for a
 * bad token; throws only on a short secret, which is a deployment error. The signature is compared
 * in constant time, as text, so a non-canonical encoding of the same MAC does not verify either.
 */
export function verifyInvitationToken(token: string, secret: string, now: Date): InvitationClaims | null {
  assertSecret(secret);
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return null;
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [version, encodedPayload, givenSignature] = parts;
  if (version !== VERSION || !BASE64URL.test(encodedPayload) || !BASE64URL.test(givenSignature)) return null;

  const expected = Buffer.from(signature(`${version}.${encodedPayload}`, secret));
  const given = Buffer.from(givenSignature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;

  const payload = decodePayload(encodedPayload);
  if (!payload || payload.x <= payload.i) return null;
  const at = now.getTime();
  if (!Number.isFinite(at) || at >= payload.x || at + CLOCK_SKEW_MS < payload.i) return null;
  return {
    memberId: payload.m,
    organizationId: payload.o,
    email: payload.e,
    issuedAt: new Date(payload.i),
    expiresAt: new Date(payload.x),
    nonce: payload.n,
  };
}
