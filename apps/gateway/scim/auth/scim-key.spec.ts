import { createHash } from 'node:crypto';
import { checkScimKeyFormat, generateScimKey, SCIM_KEY_LENGTH, SCIM_KEY_PREFIX } from './scim-key';

describe('generateScimKey', () => {
  // Protects: keys are greppable by secret scanners, random, and only their digest leaves the gateway.
  it('makes a prefixed base62 key with a display prefix and the SHA-256 digest of the whole key', () => {
    const { key, displayPrefix, digest } = generateScimKey();
    expect(key).toMatch(/^roster_scim_[0-9A-Za-z]{46}$/);
    expect(key).toHaveLength(SCIM_KEY_LENGTH);
    expect(displayPrefix).toBe(key.slice(0, SCIM_KEY_PREFIX.length + 4));
    expect(digest).toBe(createHash('sha256').update(key).digest('hex'));
    expect(checkScimKeyFormat(key)).toBe(true);
  });

  it('never repeats a key', () => {
    const keys = new Set(Array.from({ length: 500 }, () => generateScimKey().key));
    expect(keys.size).toBe(500);
  });
});

describe('checkScimKeyFormat', () => {
  const { key } = generateScimKey();
  const flip = (text: string, index: number) =>
    text.slice(0, index) + (text[index] === 'a' ? 'b' : 'a') + text.slice(index + 1);

  // Protects: a mistyped, truncated or made-up key is rejected before any lookup.
  it.each([
    ['empty', ''],
    ['another vendor key', 'ghp_' + 'a'.repeat(54)],
    ['prefix only', SCIM_KEY_PREFIX],
    ['one character short', key.slice(0, -1)],
    ['one character more', key + 'a'],
    ['upper-case prefix', key.replace(SCIM_KEY_PREFIX, SCIM_KEY_PREFIX.toUpperCase())],
    ['a random character changed', flip(key, SCIM_KEY_PREFIX.length + 7)],
    ['a checksum character changed', flip(key, key.length - 2)],
    ['a non-base62 character', key.slice(0, -7) + '-' + key.slice(-6)],
    ['surrounding whitespace', ` ${key}`],
  ])('rejects %s', (_name, candidate) => {
    expect(checkScimKeyFormat(candidate)).toBe(false);
  });

  it('rejects every single-character mutation of a valid key', () => {
    for (let i = SCIM_KEY_PREFIX.length; i < key.length; i++) {
      expect(checkScimKeyFormat(flip(key, i))).toBe(false);
    }
  });
});
