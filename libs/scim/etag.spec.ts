import { entityTagMatches, formatVersion, parseEntityTag } from './etag';

describe('formatVersion (RFC 7644 §3.14)', () => {
  it('formats a weak tag', () => {
    expect(formatVersion(3)).toBe('W/"3"');
  });
});

describe('parseEntityTag (RFC 9110 §13.1.1–13.1.2)', () => {
  it.each<[string | string[] | undefined, ReturnType<typeof parseEntityTag>]>([
    [undefined, null],
    ['', null],
    ['  ', null],
    ['W/"3"', [3]],
    ['w/"3"', [3]],
    ['"3"', [3]],
    ['3', [3]],
    [formatVersion(12), [12]],
    ['W/"1", W/"2" ,"3"', [1, 2, 3]],
    [
      ['W/"1"', 'W/"2"'],
      [1, 2],
    ],
    ['*', '*'],
    ['W/"1", *', '*'],
    ['"abc"', []],
    ['W/"a,b", "4"', [4]],
    ['W/"-1"', []],
  ])('%j → %j', (header, expected) => {
    expect(parseEntityTag(header)).toEqual(expected);
  });

  it('matches by version, weakly', () => {
    expect(entityTagMatches(parseEntityTag('W/"3"')!, 3)).toBe(true);
    expect(entityTagMatches(parseEntityTag('"3"')!, 3)).toBe(true);
    expect(entityTagMatches(parseEntityTag('W/"2"')!, 3)).toBe(false);
    expect(entityTagMatches(parseEntityTag('*')!, 3)).toBe(true);
    expect(entityTagMatches(parseEntityTag('"x"')!, 3)).toBe(false);
  });
});
