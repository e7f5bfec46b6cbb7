import type { AttributeRef, QueryExpr, SortSpec } from '@roster/contracts';
import { DomainError } from '../../domain/domain-error';
import { compileUserQuery } from './user-query.compiler';

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const ORG = '6f1c1a8e-9d8b-4d43-9b6e-0d6c5ad1c001';

// AttributeRefs as libs/scim resolves them (canonical names, RFC 7643 characteristics).
const ref = (name: string, extra: Partial<AttributeRef> = {}): AttributeRef => ({
  schema: CORE,
  name,
  type: 'string',
  caseExact: false,
  multiValued: false,
  ...extra,
});
const userName = ref('userName');
const externalId = ref('externalId', { caseExact: true });
const id = ref('id', { caseExact: true });
const active = ref('active', { type: 'boolean' });
const lastModified = ref('meta', { sub: 'lastModified', type: 'dateTime' });
const displayName = ref('displayName');
const familyName = ref('name', { sub: 'familyName' });
const title = ref('title');
const emails = ref('emails', { multiValued: true, type: 'complex' as AttributeRef['type'] });
const emailType = ref('emails', { sub: 'type', multiValued: true });
const emailValue = ref('emails', { sub: 'value', multiValued: true });
const emailPrimary = ref('emails', { sub: 'primary', type: 'boolean', multiValued: true });
const department = ref('department', { schema: ENTERPRISE });
const managerId = ref('manager', { schema: ENTERPRISE, sub: 'value' });
const groupValue = ref('groups', { sub: 'value', multiValued: true });
const groups = ref('groups', { multiValued: true, type: 'complex' as AttributeRef['type'] });

const eq = (attr: AttributeRef, value: string | number | boolean | null): QueryExpr => ({
  kind: 'compare',
  attr,
  op: 'eq',
  value,
});
const cmp = (
  attr: AttributeRef,
  op: 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le',
  value: string | number | boolean,
): QueryExpr => ({
  kind: 'compare',
  attr,
  op,
  value,
});

const EMAILS_ARRAY = `CASE jsonb_typeof((m.attributes -> $2::text)) WHEN 'array' THEN (m.attributes -> $2::text) WHEN 'object' THEN jsonb_build_array((m.attributes -> $2::text)) ELSE '[]'::jsonb END`;
const EMPTY = `('null'::jsonb, '""'::jsonb, '[]'::jsonb, '{}'::jsonb)`;

describe('compileUserQuery: filters (QueryExpr → WHERE + parameters)', () => {
  // [behaviour, filter, SQL after "m.organization_id = $1 AND ", parameters after the organization id]
  // prettier-ignore
  const table: [string, QueryExpr, string, unknown[]][] = [
    ['userName eq compares canonical forms (fullwidth, case), on the unique index', eq(userName, 'ＢＪensen'), '(m.user_name_canonical = $2)', ['bjensen']],
    ['userName co escapes LIKE wildcards in the operand', cmp(userName, 'co', '50%_off\\'), `(m.user_name_canonical LIKE $2 ESCAPE '\\')`, ['%50\\%\\_off\\\\%']],
    ['userName sw', cmp(userName, 'sw', 'Bj'), `(m.user_name_canonical LIKE $2 ESCAPE '\\')`, ['bj%']],
    ['userName ew', cmp(userName, 'ew', '@Example.com'), `(m.user_name_canonical LIKE $2 ESCAPE '\\')`, ['%@example.com']],
    ['externalId is case-exact', eq(externalId, 'AbC'), '(m.external_id = $2)', ['AbC']],
    ['id compares the uuid as text', eq(id, '2819c223-7f76-453a-919d-413861904646'), '(m.id::text = $2)', ['2819c223-7f76-453a-919d-413861904646']],
    ['active is derived from the status', eq(active, false), `((m.status <> 'revoked') = $2::boolean)`, [false]],
    ['active accepts "True" as Entra sends it', eq(active, 'True'), `((m.status <> 'revoked') = $2::boolean)`, [true]],
    ['meta.lastModified gt compares timestamps', cmp(lastModified, 'gt', '2026-01-01T01:00:00+01:00'), '(m.updated_at > $2::timestamptz)', ['2026-01-01T00:00:00.000Z']],
    ['displayName is case-insensitive', eq(displayName, 'Babs'), '(lower(m.display_name) = lower($2))', ['Babs']],
    ['ne matches users without the attribute too', cmp(familyName, 'ne', 'Jensen'), '((lower(m.family_name) = lower($2)) IS NOT TRUE)', ['Jensen']],
    ['title gt orders case-insensitively', cmp(title, 'gt', 'M'), `(lower(((m.attributes -> $2::text) #>> '{}')) > lower($3))`, ['title', 'M']],
    ['pr means present and not null or empty', { kind: 'present', attr: title }, `((m.attributes -> $2::text) IS NOT NULL AND (m.attributes -> $2::text) NOT IN ${EMPTY})`, ['title']],
    ['eq null means absent', eq(title, null), `(NOT ((m.attributes -> $2::text) IS NOT NULL AND (m.attributes -> $2::text) NOT IN ${EMPTY}))`, ['title']],
    ['extension attributes live under their schema URN', eq(department, 'R&D'), `(lower((((m.attributes -> $2::text) -> $3::text) #>> '{}')) = lower($4))`, [ENTERPRISE, 'department', 'R&D']],
    ['extension complex sub-attribute', eq(managerId, 'm-1'), `(lower(((((m.attributes -> $2::text) -> $3::text) -> $4::text) #>> '{}')) = lower($5))`, [ENTERPRISE, 'manager', 'value', 'm-1']],
    [
      'emails[type eq "work"].value eq "x" matches within one element',
      { kind: 'valuePath', attr: emails, filter: { kind: 'and', left: eq(emailType, 'work'), right: eq(emailValue, 'X@example.com') } },
      `EXISTS (SELECT 1 FROM jsonb_array_elements(${EMAILS_ARRAY}) AS e1(value) WHERE ((lower(((e1.value -> $3::text) #>> '{}')) = lower($4)) AND (lower(((e1.value -> $5::text) #>> '{}')) = lower($6))))`,
      ['emails', 'type', 'work', 'value', 'X@example.com'],
    ],
    [
      'a boolean sub-attribute matches JSON true and "True" alike',
      { kind: 'valuePath', attr: emails, filter: eq(emailPrimary, true) },
      `EXISTS (SELECT 1 FROM jsonb_array_elements(${EMAILS_ARRAY}) AS e1(value) WHERE (lower(((e1.value -> $3::text) #>> '{}')) = $4))`,
      ['emails', 'primary', 'true'],
    ],
    [
      'a comparison on a multi-valued attribute holds for any of its values',
      cmp(emailValue, 'co', 'example'),
      `EXISTS (SELECT 1 FROM jsonb_array_elements(${EMAILS_ARRAY}) AS e1(value) WHERE (lower(((e1.value -> $3::text) #>> '{}')) LIKE lower($4) ESCAPE '\\'))`,
      ['emails', 'value', '%example%'],
    ],
    [
      'groups are read from group membership',
      { kind: 'valuePath', attr: groups, filter: eq(groupValue, 'g-1') },
      'EXISTS (SELECT 1 FROM group_members g1m JOIN groups g1 ON g1.id = g1m.group_id WHERE g1m.member_id = m.id AND (lower(g1.id::text) = lower($2)))',
      ['g-1'],
    ],
    [
      'and binds tighter than or as the parser nested it; not is IS NOT TRUE',
      {
        kind: 'or',
        left: eq(userName, 'a'),
        right: { kind: 'and', left: eq(externalId, 'b'), right: { kind: 'not', expr: eq(displayName, 'c') } },
      },
      '((m.user_name_canonical = $2) OR ((m.external_id = $3) AND (((lower(m.display_name) = lower($4))) IS NOT TRUE)))',
      ['a', 'b', 'c'],
    ],
    [
      'a value path on a singular complex attribute is its sub-attribute filter',
      { kind: 'valuePath', attr: ref('name', { type: 'complex' as AttributeRef['type'] }), filter: eq(familyName, 'Jensen') },
      '(lower(m.family_name) = lower($2))',
      ['Jensen'],
    ],
  ];

  it.each(table)('%s', (_behaviour, filter, sql, params) => {
    const compiled = compileUserQuery(ORG, filter);
    expect(compiled.where).toBe(`m.organization_id = $1 AND ${sql}`);
    expect(compiled.whereParams).toEqual([ORG, ...params]);
  });

  it('without a filter, lists the whole organization', () => {
    expect(compileUserQuery(ORG)).toEqual({
      where: 'm.organization_id = $1',
      whereParams: [ORG],
      orderBy: 'm.created_at ASC, m.id ASC',
      params: [ORG],
    });
  });
});

describe('compileUserQuery: sorting', () => {
  // prettier-ignore
  const table: [string, SortSpec, string, unknown[]][] = [
    ['by userName, on the canonical column', { attr: userName, order: 'descending' }, 'm.user_name_canonical DESC NULLS LAST', []],
    ['by a case-insensitive column, lower-cased', { attr: displayName, order: 'ascending' }, 'lower(m.display_name) ASC NULLS LAST', []],
    ['by meta.created', { attr: ref('meta', { sub: 'created', type: 'dateTime' }), order: 'ascending' }, 'm.created_at ASC NULLS LAST', []],
    [
      'by a multi-valued attribute: its primary value, else the first',
      { attr: emailValue, order: 'ascending' },
      `(SELECT lower(((s1.value -> $3::text) #>> '{}')) FROM jsonb_array_elements(${EMAILS_ARRAY}) WITH ORDINALITY AS s1(value, position) ORDER BY (lower(s1.value ->> 'primary') = 'true') DESC NULLS LAST, s1.position LIMIT 1) ASC NULLS LAST`,
      ['emails', 'value'],
    ],
  ];

  it.each(table)('%s, then the stable order', (_behaviour, sort, key, params) => {
    const compiled = compileUserQuery(ORG, undefined, sort);
    expect(compiled.orderBy).toBe(`${key}, m.created_at ASC, m.id ASC`);
    expect(compiled.params).toEqual([ORG, ...params]);
    expect(compiled.whereParams).toEqual([ORG]);
  });
});

describe('compileUserQuery: refusals (domain error `invalid`, never SQL)', () => {
  // prettier-ignore
  const table: [string, QueryExpr][] = [
    ['an attribute name that could inject SQL', eq(ref(`title') OR 1=1 --`), 'x')],
    ['a sub-attribute name that could inject SQL', eq(ref('name', { sub: "a'b" }), 'x')],
    ['a schema that is not a URN', eq(ref('department', { schema: "x'; DROP TABLE members; --" }), 'x')],
    ['the password, which is never stored', eq(ref('password'), 'secret')],
    ['meta attributes without a column', eq(ref('meta', { sub: 'version' }), 'W/"1"')],
    ['a nested value path', { kind: 'valuePath', attr: emails, filter: { kind: 'valuePath', attr: emails, filter: eq(emailValue, 'x') } }],
    ['a sub-attribute of another attribute inside a value path', { kind: 'valuePath', attr: emails, filter: eq(userName, 'x') }],
    ['co on a dateTime', cmp(lastModified, 'co', '2026')],
    ['gt on a boolean', cmp(active, 'gt', true)],
    ['a dateTime operand that is not one', cmp(lastModified, 'gt', 'yesterday')],
    ['an unknown node kind', { kind: 'xor' } as unknown as QueryExpr],
    ['an unknown operator', { kind: 'compare', attr: userName, op: 'like', value: 'x' } as unknown as QueryExpr],
    ['an operand that is not a scalar', { kind: 'compare', attr: userName, op: 'eq', value: { $gt: '' } } as unknown as QueryExpr],
    ['a reference missing its fields', { kind: 'present', attr: { name: 'title' } } as unknown as QueryExpr],
  ];

  it.each(table)('refuses %s', (_behaviour, filter) => {
    let thrown: unknown;
    try {
      compileUserQuery(ORG, filter);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect(thrown).toMatchObject({ code: 'invalid', target: 'filter' });
  });

  it('refuses a filter nested deeper than any client writes', () => {
    let filter: QueryExpr = eq(userName, 'x');
    for (let i = 0; i < 100; i++) filter = { kind: 'not', expr: filter };
    expect(() => compileUserQuery(ORG, filter)).toThrow(DomainError);
  });
});
