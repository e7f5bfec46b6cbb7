import { judgeSuite, type KnownFailure, type SuiteAssertion } from './assertion-verdict';

const ok = (name: string): SuiteAssertion => ({ name, passed: true, message: '' });
const failed = (name: string): SuiteAssertion => ({ name, passed: false, message: 'expected 1 to equal 2' });
const known = (assertion: string): KnownFailure => ({ assertion, rfc: 'RFC 7644 §3.4.2', why: 'test row' });

describe('judging a conformance run against its known failures (the list stays honest)', () => {
  it.each([
    ['all pass, nothing listed', [ok('a'), ok('b')], [], { unexpected: [], nowPassing: [], neverRan: [] }],
    [
      'a listed failure fails',
      [ok('a'), failed('b')],
      [known('b')],
      { unexpected: [], nowPassing: [], neverRan: [] },
    ],
    ['an unlisted failure', [failed('a')], [], { unexpected: ['a'], nowPassing: [], neverRan: [] }],
    [
      'a listed failure now passes',
      [ok('a')],
      [known('a')],
      { unexpected: [], nowPassing: ['a'], neverRan: [] },
    ],
    [
      'a listed assertion never ran',
      [ok('a')],
      [known('z')],
      { unexpected: [], nowPassing: [], neverRan: ['z'] },
    ],
  ])('%s', (_case, results, list, expected) => {
    const verdict = judgeSuite(results, list);
    expect({
      unexpected: verdict.unexpected.map((r) => r.name),
      nowPassing: verdict.nowPassing.map((k) => k.assertion),
      neverRan: verdict.neverRan.map((k) => k.assertion),
    }).toEqual(expected);
  });
});
