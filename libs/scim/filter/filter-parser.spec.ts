import { ScimError } from '../errors';
import type { AttrPath, CompareOperator, FilterNode, FilterValue } from './filter-ast';
import { MAX_FILTER_DEPTH, parseFilter } from './filter-parser';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';

const path = (attribute: string, subAttribute?: string, schema?: string): AttrPath => ({
  ...(schema ? { schema } : {}),
  attribute,
  ...(subAttribute ? { subAttribute } : {}),
});
const str = (value: string): FilterValue => ({ type: 'string', value });
const cmp = (attribute: AttrPath | string, op: CompareOperator, value: FilterValue): FilterNode => ({
  kind: 'compare',
  attribute: typeof attribute === 'string' ? path(attribute) : attribute,
  op,
  value,
});
const pr = (attribute: AttrPath | string): FilterNode => ({
  kind: 'present',
  attribute: typeof attribute === 'string' ? path(attribute) : attribute,
});
const and = (left: FilterNode, right: FilterNode): FilterNode => ({ kind: 'and', left, right });
const or = (left: FilterNode, right: FilterNode): FilterNode => ({ kind: 'or', left, right });
const not = (filter: FilterNode): FilterNode => ({ kind: 'not', filter });
const valuePath = (attribute: string, filter: FilterNode): FilterNode => ({
  kind: 'valuePath',
  attribute: path(attribute),
  filter,
});

const a = cmp('a', 'eq', str('1'));
const b = cmp('b', 'eq', str('2'));
const c = cmp('c', 'eq', str('3'));

describe('parseFilter (RFC 7644 §3.4.2.2)', () => {
  describe('operators', () => {
    it.each<[string, FilterNode]>([
      ['userName eq "bjensen"', cmp('userName', 'eq', str('bjensen'))],
      ['userName ne "bjensen"', cmp('userName', 'ne', str('bjensen'))],
      ['name.familyName co "O\'Malley"', cmp(path('name', 'familyName'), 'co', str("O'Malley"))],
      ['userName sw "J"', cmp('userName', 'sw', str('J'))],
      ['userName ew "son"', cmp('userName', 'ew', str('son'))],
      ['title pr', pr('title')],
      [
        'meta.lastModified gt "2011-05-13T04:42:34Z"',
        cmp(path('meta', 'lastModified'), 'gt', str('2011-05-13T04:42:34Z')),
      ],
      [
        'meta.lastModified ge "2011-05-13T04:42:34Z"',
        cmp(path('meta', 'lastModified'), 'ge', str('2011-05-13T04:42:34Z')),
      ],
      [
        'meta.lastModified lt "2011-05-13T04:42:34Z"',
        cmp(path('meta', 'lastModified'), 'lt', str('2011-05-13T04:42:34Z')),
      ],
      [
        'meta.lastModified le "2011-05-13T04:42:34Z"',
        cmp(path('meta', 'lastModified'), 'le', str('2011-05-13T04:42:34Z')),
      ],
      ['userName EQ "x"', cmp('userName', 'eq', str('x'))],
      ['userName Sw "x"', cmp('userName', 'sw', str('x'))],
      ['title PR', pr('title')],
      ['userName eq"x"', cmp('userName', 'eq', str('x'))],
    ])('%s', (text, expected) => {
      expect(parseFilter(text)).toEqual(expected);
    });
  });

  describe('values', () => {
    it.each<[string, FilterNode]>([
      ['active eq true', cmp('active', 'eq', { type: 'boolean', value: true })],
      ['active eq false', cmp('active', 'eq', { type: 'boolean', value: false })],
      ['title eq null', cmp('title', 'eq', { type: 'null' })],
      ['x eq 42', cmp('x', 'eq', { type: 'number', value: 42, text: '42' })],
      ['x gt -1.5e3', cmp('x', 'gt', { type: 'number', value: -1500, text: '-1.5e3' })],
      ['x eq "a \\"quoted\\" \\u00e9"', cmp('x', 'eq', str('a "quoted" é'))],
      ['x eq ""', cmp('x', 'eq', str(''))],
      ['x eq "a and b or (c)"', cmp('x', 'eq', str('a and b or (c)'))],
      ['x eq "a+b"', cmp('x', 'eq', str('a+b'))],
      // Lenient: values left unquoted by sloppy clients run to whitespace, ")" or "]".
      ['title eq Employee', cmp('title', 'eq', { type: 'bare', text: 'Employee' })],
      [
        'userName eq bjensen@example.com',
        cmp('userName', 'eq', { type: 'bare', text: 'bjensen@example.com' }),
      ],
      ['externalId eq 00123', cmp('externalId', 'eq', { type: 'bare', text: '00123' })],
      ['active eq True', cmp('active', 'eq', { type: 'bare', text: 'True' })],
      ['(title eq Employee)', cmp('title', 'eq', { type: 'bare', text: 'Employee' })],
    ])('%s', (text, expected) => {
      expect(parseFilter(text)).toEqual(expected);
    });
  });

  describe('logic, precedence and grouping', () => {
    it.each<[string, string, FilterNode]>([
      ['and', 'a eq "1" and b eq "2"', and(a, b)],
      ['or', 'a eq "1" or b eq "2"', or(a, b)],
      ['and binds tighter than or', 'a eq "1" or b eq "2" and c eq "3"', or(a, and(b, c))],
      ['and binds tighter than or, either side', 'a eq "1" and b eq "2" or c eq "3"', or(and(a, b), c)],
      ['and groups left to right', 'a eq "1" and b eq "2" and c eq "3"', and(and(a, b), c)],
      ['or groups left to right', 'a eq "1" or b eq "2" or c eq "3"', or(or(a, b), c)],
      ['parentheses override precedence', '(a eq "1" or b eq "2") and c eq "3"', and(or(a, b), c)],
      ['not binds tightest', 'not (a eq "1") and b eq "2"', and(not(a), b)],
      ['not of a group', 'not (a eq "1" or b eq "2")', not(or(a, b))],
      ['not without a space', 'not(a eq "1")', not(a)],
      ['double negation', 'not not (a eq "1")', not(not(a))],
      ['lenient: not without parentheses', 'not a eq "1"', not(a)],
      ['keywords in any case', 'a eq "1" AND b eq "2" Or NOT (c eq "3")', or(and(a, b), not(c))],
      ['redundant parentheses', '((a eq "1"))', a],
      ['extra whitespace', '   (  a   eq  "1"   and b eq "2" )  ', and(a, b)],
      ['no space around parentheses', '(a eq "1")and(b eq "2")', and(a, b)],
    ])('%s: %s', (_, text, expected) => {
      expect(parseFilter(text)).toEqual(expected);
    });
  });

  describe('attribute paths and value paths', () => {
    it.each<[string, FilterNode]>([
      ['name.givenName eq "Barbara"', cmp(path('name', 'givenName'), 'eq', str('Barbara'))],
      ['USERNAME eq "x"', cmp('USERNAME', 'eq', str('x'))],
      [`${CORE}:userName eq "x"`, cmp(path('userName', undefined, CORE), 'eq', str('x'))],
      [
        `${ENTERPRISE}:department eq "Tour"`,
        cmp(path('department', undefined, ENTERPRISE), 'eq', str('Tour')),
      ],
      [
        `${ENTERPRISE}:manager.value eq "26118915"`,
        cmp(path('manager', 'value', ENTERPRISE), 'eq', str('26118915')),
      ],
      ['members.$ref pr', pr(path('members', '$ref'))],
      ['emails[type eq "work"]', valuePath('emails', cmp('type', 'eq', str('work')))],
      [
        'emails[type eq "work" and primary eq true]',
        valuePath(
          'emails',
          and(cmp('type', 'eq', str('work')), cmp('primary', 'eq', { type: 'boolean', value: true })),
        ),
      ],
      [
        'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
        or(
          valuePath('emails', and(cmp('type', 'eq', str('work')), cmp('value', 'co', str('@example.com')))),
          valuePath('ims', and(cmp('type', 'eq', str('xmpp')), cmp('value', 'co', str('@foo.com')))),
        ),
      ],
      ['emails[not (type eq "work")]', valuePath('emails', not(cmp('type', 'eq', str('work'))))],
      ['emails[ type eq work ]', valuePath('emails', cmp('type', 'eq', { type: 'bare', text: 'work' }))],
      // Lenient: a sub-attribute after the brackets joins the value filter.
      [
        'emails[type eq "work"].value eq "x"',
        valuePath('emails', and(cmp('type', 'eq', str('work')), cmp('value', 'eq', str('x')))),
      ],
      [
        'emails[type eq "work"].value pr',
        valuePath('emails', and(cmp('type', 'eq', str('work')), pr('value'))),
      ],
      [
        'userName eq "x" and emails[type eq "work"] and active eq true',
        and(
          and(cmp('userName', 'eq', str('x')), valuePath('emails', cmp('type', 'eq', str('work')))),
          cmp('active', 'eq', { type: 'boolean', value: true }),
        ),
      ],
    ])('%s', (text, expected) => {
      expect(parseFilter(text)).toEqual(expected);
    });
  });

  describe('malformed filters are 400 invalidFilter', () => {
    it.each<[string, string, RegExp]>([
      ['empty', '', /empty/],
      ['blank', '   ', /empty/],
      ['unbalanced (', '(userName eq "x"', /position 16: expected 'and', 'or' or '\)', found the end/],
      [
        'unbalanced )',
        'userName eq "x")',
        /position 15: expected 'and', 'or' or the end of the filter, found '\)'/,
      ],
      ['empty parentheses', '()', /position 1: expected an attribute/],
      ['a raw NUL in an unquoted value', 'title eq a\u0000b', /position 10: .*NUL character/],
      ['missing operand', 'userName eq', /position 11: expected a value, found the end/],
      ['missing operand before )', '(userName eq)', /position 12: expected a value, found '\)'/],
      ['missing operator', 'userName "x"', /position 9: expected an operator/],
      ['missing attribute', 'eq "x"', /expected an operator/],
      [
        'unknown operator',
        'userName is "x"',
        /position 9: expected an operator \(eq, ne, co, sw, ew, gt, ge, lt, le, pr\), found 'is'/,
      ],
      ['trailing garbage', 'userName eq "x" garbage', /position 16: expected 'and', 'or' or the end/],
      ['a value after pr', 'title pr "x"', /position 9/],
      ['dangling and', 'userName eq "x" and', /expected an attribute, '\(' or 'not', found the end/],
      ['dangling or', 'or userName eq "x"', /expected an operator/],
      ['dangling not', 'not', /expected an attribute/],
      [
        'unterminated string',
        'userName eq "unterminated',
        /position 12: the string that starts here is not terminated/,
      ],
      ['bad escape', 'userName eq "a\\x"', /invalid escape/],
      ['unclosed value path', 'emails[type eq "work"', /expected 'and', 'or' or '\]'/],
      ['empty value path', 'emails[]', /expected an attribute/],
      ['nested value path', 'emails[type[value eq "x"]]', /cannot contain another value path/],
      ['value path after sub-attribute', 'emails.type[value eq "x"]', /cannot follow the sub-attribute/],
      [
        'sub-attribute of a value path without operator',
        'emails[type eq "work"].value',
        /expected an operator/,
      ],
      ['three-part name', 'name.givenName.first eq "x"', /expected an attribute name/],
      ['a name starting with a digit', '1st eq "x"', /expected an attribute name/],
      ['a stray bracket', 'userName eq "x"]', /found '\]'/],
      ['a string where an attribute belongs', '"userName" eq "x"', /expected an attribute/],
      ['an unquoted value that is empty', 'userName eq )', /expected a value/],
      [
        'longer than 10,000 characters',
        `userName eq "${'x'.repeat(10_000)}"`,
        /longer than 10000 characters/,
      ],
      ['1,000 nested parentheses', `${'('.repeat(1000)}userName eq "x"${')'.repeat(1000)}`, /deeper than 50/],
      ['1,000 nested nots', `${'not ('.repeat(1000)}userName eq "x"${')'.repeat(1000)}`, /deeper than 50/],
    ])('%s: %s', (_, text, detail) => {
      let error: unknown;
      try {
        parseFilter(text);
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toBeInstanceOf(ScimError);
      expect(error).toMatchObject({ status: 400, scimType: 'invalidFilter' });
      expect((error as ScimError).detail).toMatch(detail);
    });
  });

  it(`accepts nesting up to ${MAX_FILTER_DEPTH} levels`, () => {
    const depth = MAX_FILTER_DEPTH;
    expect(parseFilter(`${'('.repeat(depth)}a eq "1"${')'.repeat(depth)}`)).toEqual(a);
    expect(() => parseFilter(`${'('.repeat(depth + 1)}a eq "1"${')'.repeat(depth + 1)}`)).toThrow(ScimError);
  });

  it('reads a long flat chain of ands without recursion limits', () => {
    const text = Array.from({ length: 500 }, (_, index) => `x eq "${index}"`).join(' and ');
    expect(text.length).toBeLessThan(10_000);
    let node = parseFilter(text);
    let count = 1;
    while (node.kind === 'and') {
      node = node.left;
      count++;
    }
    expect(count).toBe(500);
  });
});
