import { canonicalUserName, mapWidth } from './canonical';

describe('canonicalUserName (RFC 8265 UsernameCaseMapped)', () => {
  // Each row: userNames an IdP may send that must collide in the unique index.
  const same: [string, string[]][] = [
    ['bjensen', ['bjensen', 'BJENSEN', 'BJensen', 'ＢＪｅｎｓｅｎ', 'ｂｊｅｎｓｅｎ']],
    ['bjensen@example.com', ['BJensen@Example.COM', 'ｂｊｅｎｓｅｎ＠ｅｘａｍｐｌｅ．ｃｏｍ']],
    // é as one code point (NFC) and as e + U+0301 (NFD), in both cases.
    ['jos\u00e9', ['jos\u00e9', 'jose\u0301', 'JOS\u00c9', 'JOSE\u0301']],
    ['\u00e5sa', ['\u00c5sa', 'A\u030asa', '\u212bsa']], // Å, A + ring, ANGSTROM SIGN
    ['straße', ['STRAẞE', 'straße']],
    ['カタカナ', ['ｶﾀｶﾅ', 'カタカナ']], // halfwidth katakana
  ];

  it.each(same)('maps every spelling of %s to it', (canonical, spellings) => {
    for (const spelling of spellings) expect(canonicalUserName(spelling)).toBe(canonical);
  });

  it.each([
    ['bjensen', 'bjensen2'],
    ['straße', 'strasse'], // toLowerCase is not case folding: RFC 8265 keeps them apart
    [' bjensen', 'bjensen'], // no trimming
    ['bjensen', 'b\u00a0jensen'],
  ])('keeps %j and %j apart', (a, b) => {
    expect(canonicalUserName(a)).not.toBe(canonicalUserName(b));
  });

  it('maps halfwidth katakana and the ideographic space by their width decomposition only', () => {
    expect(mapWidth('ｶﾀｶﾅ')).toBe('カタカナ');
    expect(canonicalUserName('ｶﾞ')).toBe('ガ'); // KA + voiced mark composes under NFC
    expect(mapWidth('a\u3000b')).toBe('a b');
  });

  it('maps halfwidth Hangul to compatibility jamo, not further (one decomposition step)', () => {
    expect(mapWidth('\uffa1\uffc2')).toBe('\u3131\u314f');
    expect(canonicalUserName('\uffa1')).toBe(canonicalUserName('\u3131'));
    expect(mapWidth('\uffe3')).toBe('\u00af');
  });

  it('leaves other compatibility characters alone (NFC, not NFKC)', () => {
    expect(canonicalUserName('ﬁ')).toBe('ﬁ');
    expect(canonicalUserName('①')).toBe('①');
  });

  it('is idempotent', () => {
    for (const s of ['ＢＪｅｎｓｅｎ', 'JOSE\u0301', 'ｶﾞ', '\uffa1', 'İstanbul']) {
      expect(canonicalUserName(canonicalUserName(s))).toBe(canonicalUserName(s));
    }
  });
});
