import type { AttributeRef, QueryExpr } from '../../contracts/query/query-expr';
import { ScimError } from '../errors';
import { GROUP_RESOURCE, USER_RESOURCE } from '../schema/resource-schemas';
import {
  ENTERPRISE_USER_SCHEMA as ENTERPRISE,
  GROUP_SCHEMA as GROUP,
  USER_SCHEMA as USER,
} from '../schema/urns';
import { parseFilter } from './filter-parser';
import { resolveFilter } from './filter-resolver';

const ref = (
  schema: string,
  name: string,
  sub: string | undefined,
  type: string,
  caseExact: boolean,
  multiValued: boolean,
) => ({ schema, name, ...(sub ? { sub } : {}), type, caseExact, multiValued }) as AttributeRef;

const RESOURCES = { User: USER_RESOURCE, Group: GROUP_RESOURCE };

const USER_NAME = ref(USER, 'userName', undefined, 'string', false, false);
const EXTERNAL_ID = ref(USER, 'externalId', undefined, 'string', true, false);
const TITLE = ref(USER, 'title', undefined, 'string', false, false);
const ACTIVE = ref(USER, 'active', undefined, 'boolean', false, false);
const ID = ref(USER, 'id', undefined, 'string', true, false);
const GIVEN_NAME = ref(USER, 'name', 'givenName', 'string', false, false);
const NAME = ref(USER, 'name', undefined, 'complex', false, false);
const EMAILS = ref(USER, 'emails', undefined, 'complex', false, true);
const EMAILS_VALUE = ref(USER, 'emails', 'value', 'string', false, true);
const EMAILS_TYPE = ref(USER, 'emails', 'type', 'string', false, true);
const EMAILS_PRIMARY = ref(USER, 'emails', 'primary', 'boolean', false, true);
const LAST_MODIFIED = ref(USER, 'meta', 'lastModified', 'dateTime', false, false);
const DEPARTMENT = ref(ENTERPRISE, 'department', undefined, 'string', false, false);
const MANAGER_VALUE = ref(ENTERPRISE, 'manager', 'value', 'string', false, false);
const PHOTOS = ref(USER, 'photos', undefined, 'complex', false, true);
const PHOTOS_VALUE = ref(USER, 'photos', 'value', 'reference', false, true);
const GROUP_DISPLAY_NAME = ref(GROUP, 'displayName', undefined, 'string', false, false);
const GROUP_EXTERNAL_ID = ref(GROUP, 'externalId', undefined, 'string', true, false);
const MEMBERS = ref(GROUP, 'members', undefined, 'complex', false, true);
const MEMBERS_VALUE = ref(GROUP, 'members', 'value', 'string', false, true);

const eq = (attr: AttributeRef, value: string | number | boolean | null): QueryExpr => ({
  kind: 'compare',
  attr,
  op: 'eq',
  value,
});
const cmp = (
  attr: AttributeRef,
  op: 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le',
  value: string | boolean | null,
): QueryExpr => ({
  kind: 'compare',
  attr,
  op,
  value,
});
const within = (attr: AttributeRef, filter: QueryExpr): QueryExpr => ({ kind: 'valuePath', attr, filter });

describe('resolveFilter (RFC 7644 §3.4.2.2 against RFC 7643 schemas)', () => {
  it.each<[string, 'User' | 'Group', string, QueryExpr]>([
    [
      'Okta and Entra user lookup',
      'User',
      'userName eq "bjensen@example.com"',
      eq(USER_NAME, 'bjensen@example.com'),
    ],
    ['canonical names whatever the case', 'User', 'USERNAME eq "x"', eq(USER_NAME, 'x')],
    [
      'Entra externalId match: case-exact',
      'User',
      'externalId eq "58342554-38d6-4ec8-948c-50044d0a33fd"',
      eq(EXTERNAL_ID, '58342554-38d6-4ec8-948c-50044d0a33fd'),
    ],
    [
      'every comparison operator keeps its operator',
      'User',
      'title ne "a" or title co "b" or title sw "c" or title ew "d"',
      {
        kind: 'or',
        left: {
          kind: 'or',
          left: { kind: 'or', left: cmp(TITLE, 'ne', 'a'), right: cmp(TITLE, 'co', 'b') },
          right: cmp(TITLE, 'sw', 'c'),
        },
        right: cmp(TITLE, 'ew', 'd'),
      },
    ],
    ['presence', 'User', 'title pr', { kind: 'present', attr: TITLE }],
    ['not', 'User', 'not (id eq "1")', { kind: 'not', expr: eq(ID, '1') }],
    [
      'a sub-attribute of a singular complex attribute',
      'User',
      'name.givenName sw "Bar"',
      cmp(GIVEN_NAME, 'sw', 'Bar'),
    ],
    ['presence of a complex attribute', 'User', 'name pr', { kind: 'present', attr: NAME }],
    [
      'a value path on a singular complex attribute is its filter',
      'User',
      'name[givenName eq "Barbara"]',
      eq(GIVEN_NAME, 'Barbara'),
    ],
    ['the core URN prefix', 'User', `${USER}:userName eq "x"`, eq(USER_NAME, 'x')],
    [
      'an extension attribute by full URN',
      'User',
      `${ENTERPRISE}:department eq "Tour Operations"`,
      eq(DEPARTMENT, 'Tour Operations'),
    ],
    [
      'an extension sub-attribute',
      'User',
      `${ENTERPRISE}:manager.value eq "26118915"`,
      eq(MANAGER_VALUE, '26118915'),
    ],
    [
      'a value path',
      'User',
      'emails[type eq "work" and primary eq true]',
      within(EMAILS, { kind: 'and', left: eq(EMAILS_TYPE, 'work'), right: eq(EMAILS_PRIMARY, true) }),
    ],
    [
      'value path sub-attributes in any case',
      'User',
      'EMAILS[TYPE eq "work"]',
      within(EMAILS, eq(EMAILS_TYPE, 'work')),
    ],
    [
      'a multi-valued attribute without sub-attribute means its value',
      'User',
      'emails eq "bjensen@example.com"',
      within(EMAILS, eq(EMAILS_VALUE, 'bjensen@example.com')),
    ],
    [
      'a multi-valued sub-attribute outside brackets becomes a value path',
      'User',
      'emails.value co "@example.com"',
      within(EMAILS, cmp(EMAILS_VALUE, 'co', '@example.com')),
    ],
    [
      'presence of a multi-valued sub-attribute',
      'User',
      'emails.value pr',
      within(EMAILS, { kind: 'present', attr: EMAILS_VALUE }),
    ],
    ['presence of a multi-valued attribute', 'User', 'emails pr', { kind: 'present', attr: EMAILS }],
    [
      'lenient sub-attribute after brackets',
      'User',
      'emails[type eq "work"].value eq "x"',
      within(EMAILS, { kind: 'and', left: eq(EMAILS_TYPE, 'work'), right: eq(EMAILS_VALUE, 'x') }),
    ],
    [
      'a reference value',
      'User',
      'photos sw "https://"',
      within(PHOTOS, cmp(PHOTOS_VALUE, 'sw', 'https://')),
    ],
    ['booleans', 'User', 'active eq false', eq(ACTIVE, false)],
    ['booleans as strings, any case', 'User', 'active eq "True"', eq(ACTIVE, true)],
    ['booleans unquoted, any case', 'User', 'active ne FALSE', cmp(ACTIVE, 'ne', false)],
    ['null', 'User', 'title eq null', eq(TITLE, null)],
    [
      'dates compare as UTC instants',
      'User',
      'meta.lastModified gt "2011-05-13T04:42:34Z"',
      cmp(LAST_MODIFIED, 'gt', '2011-05-13T04:42:34.000Z'),
    ],
    [
      'dates with an offset',
      'User',
      'meta.lastModified ge "2011-05-13T06:42:34+02:00"',
      cmp(LAST_MODIFIED, 'ge', '2011-05-13T04:42:34.000Z'),
    ],
    [
      'dates with fractions',
      'User',
      'meta.lastModified lt "2011-05-13T04:42:34.5Z"',
      cmp(LAST_MODIFIED, 'lt', '2011-05-13T04:42:34.500Z'),
    ],
    [
      'a bare date',
      'User',
      'meta.lastModified le 2011-05-13',
      cmp(LAST_MODIFIED, 'le', '2011-05-13T00:00:00.000Z'),
    ],
    ['unquoted string values', 'User', 'title eq Employee', eq(TITLE, 'Employee')],
    [
      'unquoted numbers on strings keep their text',
      'User',
      'externalId eq 00123 or externalId eq 1.50',
      {
        kind: 'or',
        left: eq(EXTERNAL_ID, '00123'),
        right: eq(EXTERNAL_ID, '1.50'),
      },
    ],
    ['an unquoted true on a string is text', 'User', 'title eq true', eq(TITLE, 'true')],
    ['Entra group lookup', 'Group', 'displayName eq "Sales Reps"', eq(GROUP_DISPLAY_NAME, 'Sales Reps')],
    ['group externalId', 'Group', 'externalId eq "abc"', eq(GROUP_EXTERNAL_ID, 'abc')],
    [
      'a member lookup',
      'Group',
      'members[value eq 2819c223]',
      within(MEMBERS, eq(MEMBERS_VALUE, '2819c223')),
    ],
    ['members eq id', 'Group', 'members eq "2819c223"', within(MEMBERS, eq(MEMBERS_VALUE, '2819c223'))],
  ])('%s (%s): %s', (_, resource, filter, expected) => {
    expect(resolveFilter(parseFilter(filter), RESOURCES[resource])).toEqual(expected);
  });

  it.each<[string, 'User' | 'Group', string, RegExp]>([
    ['an unknown attribute', 'User', 'shoeSize eq "42"', /unknown attribute 'shoeSize'/],
    ['an unknown sub-attribute', 'User', 'name.nickName eq "x"', /unknown attribute 'name.nickName'/],
    [
      'an unknown sub-attribute in brackets',
      'User',
      'emails[label eq "x"]',
      /unknown attribute 'emails.label'/,
    ],
    ['a URN inside brackets', 'User', `emails[${USER}:type eq "x"]`, /unknown attribute/],
    [
      'a core attribute under the extension URN',
      'User',
      `${ENTERPRISE}:userName eq "x"`,
      /unknown attribute/,
    ],
    ['a user attribute on groups', 'Group', 'userName eq "x"', /unknown attribute 'userName'/],
    ['brackets on a simple attribute', 'User', 'userName[value eq "x"]', /has no sub-attributes/],
    ['comparing a singular complex attribute', 'User', 'name eq "Barbara"', /'name' is complex/],
    ['ordering booleans', 'User', 'active gt true', /boolean; only eq, ne and pr apply to it, not gt/],
    ['substrings of booleans', 'User', 'emails[primary co "t"]', /boolean/],
    ['a non-boolean for a boolean', 'User', 'active eq "yes"', /"yes" is neither true nor false/],
    ['a number for a boolean', 'User', 'active eq 1', /neither true nor false/],
    [
      'a non-date for a dateTime',
      'User',
      'meta.lastModified gt "yesterday"',
      /"yesterday" is not an ISO 8601 date/,
    ],
    ['an impossible date', 'User', 'meta.created gt "2011-02-30T00:00:00Z"', /not an ISO 8601/],
    ['a number for a dateTime', 'User', 'meta.created gt 1305261754', /not an ISO 8601/],
    ['substrings of dates', 'User', 'meta.created sw "2011"', /co, sw and ew|applies to strings only/],
    ['ordering binaries', 'User', 'x509Certificates.value gt "MII"', /binary/],
    ['ordering with null', 'User', 'title gt null', /null/],
    ['filtering on a password', 'User', 'password eq "secret"', /'password' cannot be filtered on/],
  ])('rejects %s (%s): %s', (_, resource, filter, detail) => {
    let error: unknown;
    try {
      resolveFilter(parseFilter(filter), RESOURCES[resource]);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ScimError);
    expect(error).toMatchObject({ status: 400, scimType: 'invalidFilter' });
    expect((error as ScimError).detail).toMatch(detail);
  });

  // Every example of RFC 7644 §3.4.2.2 but `schemas eq ...`, which Roster does not support.
  it.each([
    'userName eq "bjensen"',
    'name.familyName co "O\'Malley"',
    'userName sw "J"',
    'urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"',
    'title pr',
    'meta.lastModified gt "2011-05-13T04:42:34Z"',
    'meta.lastModified ge "2011-05-13T04:42:34Z"',
    'meta.lastModified lt "2011-05-13T04:42:34Z"',
    'meta.lastModified le "2011-05-13T04:42:34Z"',
    'title pr and userType eq "Employee"',
    'title pr or userType eq "Intern"',
    'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
    'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
    'userType eq "Employee" and (emails.type eq "work")',
    'userType eq "Employee" and emails[type eq "work" and value co "@example.com"]',
    'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
  ])('resolves the RFC example %s', (filter) => {
    expect(() => resolveFilter(parseFilter(filter), USER_RESOURCE)).not.toThrow();
  });

  it('refuses the RFC example on schemas with invalidFilter', () => {
    expect(() => resolveFilter(parseFilter(`schemas eq "${ENTERPRISE}"`), USER_RESOURCE)).toThrow(
      /filtering on 'schemas' is not supported/,
    );
  });
});
