import { createHmac } from 'node:crypto';
import {
  INVITATION_LIFETIME_MS,
  signInvitationToken,
  verifyInvitationToken,
  type InvitationClaims,
} from './invitation-token';

const secret = 'an-invitation-secret-of-at-least-32-chars';
const issuedAt = new Date('2030-03-01T10:00:00.000Z');
const claims: InvitationClaims = {
  memberId: '0b6f1c1e-7c55-4d4e-9f57-0c7f0e8c9a01',
  organizationId: '5d3e4a2b-1f0c-4b8a-9e6d-7c5b4a3f2e1d',
  email: 'alice@example.com',
  issuedAt,
  expiresAt: new Date(issuedAt.getTime() + INVITATION_LIFETIME_MS),
  nonce: 'n-7f3a9c',
};
const token = signInvitationToken(claims, secret);
const [version, payload, mac] = token.split('.');
const minutes = (n: number) => new Date(issuedAt.getTime() + n * 60_000);

/** Re-encodes the payload with one claim changed, keeping the original signature. */
function withClaim(key: string, value: unknown): string {
  const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
  const forged = Buffer.from(JSON.stringify({ ...decoded, [key]: value })).toString('base64url');
  return `${version}.${forged}.${mac}`;
}

/** A well-signed token over an arbitrary payload: shape checks must hold even behind a valid MAC. */
function signedRaw(body: string): string {
  const signedPart = `v1.${Buffer.from(body).toString('base64url')}`;
  return `${signedPart}.${createHmac('sha256', secret).update(signedPart).digest('base64url')}`;
}

const BASE64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** The same 32 bytes with the unused low bits of the last character set: Buffer decoding ignores them. */
function nonCanonical(signature: string): string {
  const value = BASE64URL_ALPHABET.indexOf(signature.at(-1)!);
  return signature.slice(0, -1) + BASE64URL_ALPHABET[value | 1];
}

function flipLastChar(text: string): string {
  const last = text.at(-1)!;
  return text.slice(0, -1) + (last === 'A' ? 'B' : 'A');
}

describe('invitation token', () => {
  it('verifies its own token and returns the claims it was signed with', () => {
    expect(verifyInvitationToken(token, secret, minutes(1))).toEqual(claims);
  });

  it('is URL-safe (goes into ?token= unencoded)', () => {
    expect(token).toMatch(/^[A-Za-z0-9_.-]+$/);
  });

  it.each<[string, string, Date?]>([
    ['another member', withClaim('m', '11111111-1111-4111-8111-111111111111')],
    ['another organization', withClaim('o', '22222222-2222-4222-8222-222222222222')],
    ['another email', withClaim('e', 'mallory@example.com')],
    ['a later expiry', withClaim('x', claims.expiresAt.getTime() + 86_400_000)],
    ['an earlier issue time', withClaim('i', issuedAt.getTime() - 1)],
    ['another nonce (a re-issued invitation)', withClaim('n', 'n-other')],
    ['a modified signature', flipLastChar(token)],
    ['a non-canonical encoding of the signature', `${version}.${payload}.${nonCanonical(mac)}`],
    ['a truncated signature', token.slice(0, -2)],
    ['a missing signature', `${version}.${payload}`],
    ['an empty signature', `${version}.${payload}.`],
    ['another version', `v2.${payload}.${mac}`],
    ['an extra segment', `${token}.x`],
    ['padding characters', `${token}=`],
    ['a non-base64url payload', `${version}.${payload}!.${mac}`],
    ['an empty string', ''],
    ['a huge string', 'v1.' + 'A'.repeat(10_000) + '.' + mac],
    ['a token signed with another secret', signInvitationToken(claims, 'x'.repeat(32))],
    ['a signed payload that is not JSON', signedRaw('not json')],
    ['a signed payload that is a JSON array', signedRaw('[1,2,3]')],
    ['a signed payload missing the nonce', signedRaw('{"m":"a","o":"b","e":"c","i":1,"x":2}')],
    ['a signed payload with a string expiry', signedRaw('{"m":"a","o":"b","e":"c","i":1,"x":"2","n":"d"}')],
    [
      'a signed payload expiring before it is issued',
      signedRaw('{"m":"a","o":"b","e":"c","i":5,"x":4,"n":"d"}'),
    ],
    ['the moment it expires', token, claims.expiresAt],
    ['after it expired', token, new Date(claims.expiresAt.getTime() + 1)],
    ['long before it was issued', token, minutes(-60)],
    ['an invalid clock reading', token, new Date(Number.NaN)],
  ])('rejects %s without throwing', (_case, candidate, now = minutes(1)) => {
    expect(verifyInvitationToken(candidate, secret, now)).toBeNull();
  });

  it('accepts a token a few minutes before its issue time (clock skew between services)', () => {
    expect(verifyInvitationToken(token, secret, minutes(-2))).toEqual(claims);
  });

  it('accepts a token one millisecond before it expires', () => {
    expect(verifyInvitationToken(token, secret, new Date(claims.expiresAt.getTime() - 1))).toEqual(claims);
  });

  it('rejects non-string input from an untyped caller', () => {
    expect(verifyInvitationToken(undefined as unknown as string, secret, minutes(1))).toBeNull();
    expect(verifyInvitationToken(42 as unknown as string, secret, minutes(1))).toBeNull();
  });

  it('refuses a short secret, which is a deployment error', () => {
    expect(() => signInvitationToken(claims, 'short')).toThrow(RangeError);
    expect(() => verifyInvitationToken(token, 'short', minutes(1))).toThrow(RangeError);
  });

  it('refuses to sign an invalid date', () => {
    expect(() => signInvitationToken({ ...claims, expiresAt: new Date('nope') }, secret)).toThrow(RangeError);
  });

  it('binds a new nonce to a new token', () => {
    expect(signInvitationToken({ ...claims, nonce: 'n-2' }, secret)).not.toBe(token);
  });
});
