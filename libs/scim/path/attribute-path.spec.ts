import { ScimError } from '../errors';
import type { FilterNode, FilterValue } from '../filter/filter-ast';
import { formatAttrPath } from '../filter/filter-ast';
import { type AttributePath, parseAttributePath } from './attribute-path';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';

const typeIsWork: FilterNode = {
  kind: 'compare',
  attribute: { attribute: 'type' },
  op: 'eq',
  value: { type: 'string', value: 'work' },
};
const valueIs = (value: FilterValue): FilterNode => ({
  kind: 'compare',
  attribute: { attribute: 'value' },
  op: 'eq',
  value,
});

describe('parseAttributePath (RFC 7644 §3.5.2 PATH)', () => {
  it.each<[string, string, AttributePath]>([
    ['a plain attribute', 'userName', { attribute: 'userName' }],
    ['names kept as written', 'USERNAME', { attribute: 'USERNAME' }],
    ['a sub-attribute', 'name.givenName', { attribute: 'name', subAttribute: 'givenName' }],
    ['the $ref sub-attribute', 'members.$ref', { attribute: 'members', subAttribute: '$ref' }],
    ['surrounding whitespace', '  active ', { attribute: 'active' }],
    ['a core URN prefix', `${CORE}:userName`, { schema: CORE, attribute: 'userName' }],
    [
      'a core URN prefix with sub-attribute',
      `${CORE}:name.familyName`,
      { schema: CORE, attribute: 'name', subAttribute: 'familyName' },
    ],
    ['an extension attribute', `${ENTERPRISE}:department`, { schema: ENTERPRISE, attribute: 'department' }],
    [
      'an extension sub-attribute',
      `${ENTERPRISE}:manager.value`,
      { schema: ENTERPRISE, attribute: 'manager', subAttribute: 'value' },
    ],
    ['a value path', 'emails[type eq "work"]', { attribute: 'emails', valueFilter: typeIsWork }],
    [
      'a value path and sub-attribute',
      'emails[type eq "work"].value',
      { attribute: 'emails', valueFilter: typeIsWork, subAttribute: 'value' },
    ],
    [
      'Okta member removal',
      'members[value eq "2819c223"]',
      { attribute: 'members', valueFilter: valueIs({ type: 'string', value: '2819c223' }) },
    ],
    [
      'an unquoted member id',
      'members[value eq 2819c223]',
      { attribute: 'members', valueFilter: valueIs({ type: 'bare', text: '2819c223' }) },
    ],
    [
      'an unquoted uuid',
      'members[value eq 0d3f6c4e-7f5a-4b36-9c1e-2a0e3c6f9b11]',
      {
        attribute: 'members',
        valueFilter: valueIs({ type: 'bare', text: '0d3f6c4e-7f5a-4b36-9c1e-2a0e3c6f9b11' }),
      },
    ],
    [
      'spaces inside the brackets',
      'members[ value   eq  "2819c223" ]',
      { attribute: 'members', valueFilter: valueIs({ type: 'string', value: '2819c223' }) },
    ],
    [
      'a space before the bracket',
      'members [value eq "2819c223"]',
      { attribute: 'members', valueFilter: valueIs({ type: 'string', value: '2819c223' }) },
    ],
    [
      'operators in any case',
      'members[value EQ "x"]',
      { attribute: 'members', valueFilter: valueIs({ type: 'string', value: 'x' }) },
    ],
    [
      'a logical value filter',
      'emails[type eq "work" and primary eq true]',
      {
        attribute: 'emails',
        valueFilter: {
          kind: 'and',
          left: typeIsWork,
          right: {
            kind: 'compare',
            attribute: { attribute: 'primary' },
            op: 'eq',
            value: { type: 'boolean', value: true },
          },
        },
      },
    ],
    [
      'an extension attribute with a value path',
      `${CORE}:emails[type eq "work"].value`,
      { schema: CORE, attribute: 'emails', valueFilter: typeIsWork, subAttribute: 'value' },
    ],
  ])('%s: %s', (_, text, expected) => {
    expect(parseAttributePath(text)).toEqual(expected);
  });

  it.each<[string, string, 'invalidPath' | 'invalidFilter']>([
    ['empty', '', 'invalidPath'],
    ['blank', '   ', 'invalidPath'],
    ['two words', 'user name', 'invalidPath'],
    ['too deep', 'name.givenName.first', 'invalidPath'],
    ['starts with a digit', '1userName', 'invalidPath'],
    ['empty sub-attribute', 'name.', 'invalidPath'],
    ['filter after a sub-attribute', 'emails.value[type eq "work"]', 'invalidPath'],
    ['garbage after the value path', 'emails[type eq "work"]x', 'invalidPath'],
    ['bad sub-attribute after the value path', 'emails[type eq "work"].1', 'invalidPath'],
    ['unclosed bracket', 'members[value eq "x"', 'invalidFilter'],
    ['empty brackets', 'members[]', 'invalidFilter'],
    ['missing value', 'members[value eq]', 'invalidFilter'],
    ['unknown operator', 'members[value is "x"]', 'invalidFilter'],
    ['nested value path', 'members[value[type eq "x"]]', 'invalidFilter'],
    ['unterminated string', 'members[value eq "x]', 'invalidFilter'],
    ['a bare URN', 'urn:', 'invalidPath'],
    ['a quote', '"userName"', 'invalidPath'],
  ])('rejects %s: %s', (_, text, scimType) => {
    const error = catchError(() => parseAttributePath(text));
    expect(error).toBeInstanceOf(ScimError);
    expect(error).toMatchObject({ status: 400, scimType });
    expect((error as ScimError).detail).toContain(text.trim() === '' ? 'empty' : `'${text}'`);
  });

  it.each<[string, string]>([
    ['userName', 'userName'],
    ['name.givenName', 'name.givenName'],
    ['emails[type eq "work"].value', 'emails.value'],
    [`${ENTERPRISE}:manager.value`, `${ENTERPRISE}:manager.value`],
  ])('formats %s without its value filter as %s', (text, formatted) => {
    expect(formatAttrPath(parseAttributePath(text))).toBe(formatted);
  });
});

describe('parseAttributePath error details', () => {
  it.each<[string, string]>([
    ['members[value eq]', "Invalid path 'members[value eq]' at position 16: expected a value, found ']'"],
    ['user name', "Invalid path 'user name' at position 5: expected the end of the path, found 'name'"],
    [
      'emails.value[type eq "work"]',
      'Invalid path \'emails.value[type eq "work"]\': a value filter cannot follow a sub-attribute',
    ],
  ])('%s', (text, detail) => {
    expect(catchError(() => parseAttributePath(text))).toMatchObject({ detail });
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
