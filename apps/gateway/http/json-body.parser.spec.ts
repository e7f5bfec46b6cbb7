import { jsonNestingExceeds, MAX_JSON_DEPTH } from './json-body.parser';

// Protects: hostile nesting is refused by a linear scan before JSON.parse or anything else walks it.
describe('jsonNestingExceeds', () => {
  const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

  it.each<[string, string, boolean]>([
    ['a flat object', '{"userName":"a"}', false],
    ['exactly the limit', nested(MAX_JSON_DEPTH), false],
    ['one over the limit', nested(MAX_JSON_DEPTH + 1), true],
    [
      'objects over the limit',
      '{"a":'.repeat(MAX_JSON_DEPTH + 1) + '1' + '}'.repeat(MAX_JSON_DEPTH + 1),
      true,
    ],
    ['brackets inside strings do not count', JSON.stringify({ a: '[[[['.repeat(40) }), false],
    ['escaped quotes inside strings', JSON.stringify({ a: '"[[[[\\"'.repeat(40) }), false],
    ['siblings do not add up', '[' + '[],'.repeat(100) + '[]]', false],
    ['unbalanced but deep', '['.repeat(1000), true],
  ])('%s', (_name, text, expected) => {
    expect(jsonNestingExceeds(text, MAX_JSON_DEPTH)).toBe(expected);
  });

  it('scans a megabyte of brackets quickly', () => {
    const started = performance.now();
    expect(jsonNestingExceeds('['.repeat(1_000_000), 1_000_001)).toBe(false);
    expect(performance.now() - started).toBeLessThan(200);
  });
});
