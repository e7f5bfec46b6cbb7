import type { AttributeRef, QueryExpr } from '@roster/contracts';
import { GROUP_RESOURCE, parseFilter, resolveFilter, resolveSort } from '@roster/scim';
import { DomainError } from '../../domain/domain-error';
import { CORE_GROUP_SCHEMA, compileGroupQuery } from './group-query.compiler';

const ORG = '6f1c1a8e-9d8b-4d43-9b6e-0d6c5ad1c002';
const MEMBER_ID = '2819c223-7f76-453a-919d-413861904646';

/** A filter as the gateway hands it over: parsed and resolved against the Group schema by libs/scim. */
const resolved = (text: string): QueryExpr => resolveFilter(parseFilter(text), GROUP_RESOURCE);
/** `EXISTS` over the group's members, as the compiler writes it for `members[...]`, `members.x`. */
const anyMember = (condition: string) =>
  `EXISTS (SELECT 1 FROM group_members gm1 JOIN members u1 ON u1.id = gm1.member_id WHERE gm1.group_id = g.id AND ${condition})`;
const DISPLAY = 'coalesce(u1.display_name, u1.user_name)';

describe('compileGroupQuery: filters (SCIM filter → WHERE + parameters)', () => {
  // [behaviour, filter, SQL after "g.organization_id = $1 AND ", parameters after the organization id]
  // prettier-ignore
  const table: [string, string, string, unknown[]][] = [
    ['displayName eq compares canonical forms (fullwidth, case), on the unique index', 'displayName eq "Ｅngineering"', '(g.display_name_canonical = $2)', ['engineering']],
    ['attribute names are case-insensitive; co escapes LIKE wildcards in the operand', 'DISPLAYNAME co "50%_off\\\\"', `(g.display_name_canonical LIKE $2 ESCAPE '\\')`, ['%50\\%\\_off\\\\%']],
    ['displayName sw', 'displayName sw "Eng"', `(g.display_name_canonical LIKE $2 ESCAPE '\\')`, ['eng%']],
    ['displayName ew', 'displayName ew "ING"', `(g.display_name_canonical LIKE $2 ESCAPE '\\')`, ['%ing']],
    ['displayName gt orders canonical forms', 'displayName gt "M"', '(g.display_name_canonical > $2)', ['m']],
    ['ne is IS NOT TRUE', 'displayName ne "Sales"', '((g.display_name_canonical = $2) IS NOT TRUE)', ['sales']],
    ['the full URN names the same attribute', 'urn:ietf:params:scim:schemas:core:2.0:Group:displayName eq "Ops"', '(g.display_name_canonical = $2)', ['ops']],
    ['externalId is case-exact', 'externalId eq "AbC"', '(g.external_id = $2)', ['AbC']],
    ['id compares the uuid in any case', `id eq "${MEMBER_ID.toUpperCase()}"`, '(lower(g.id::text) = lower($2))', [MEMBER_ID.toUpperCase()]],
    ['meta.lastModified gt compares timestamps, normalised to UTC', 'meta.lastModified gt "2026-01-01T01:00:00+01:00"', '(g.updated_at > $2::timestamptz)', ['2026-01-01T00:00:00.000Z']],
    ['meta.created le', 'meta.created le "2026-01-01T00:00:00Z"', '(g.created_at <= $2::timestamptz)', ['2026-01-01T00:00:00.000Z']],
    ['meta.resourceType is the constant Group', 'meta.resourceType eq "Group"', `('Group' = $2)`, ['Group']],
    ['pr on a nullable column means present and not empty', 'externalId pr', `(g.external_id IS NOT NULL AND g.external_id <> '')`, []],
    ['pr on a required column', 'displayName pr', `(g.display_name_canonical <> '')`, []],
    ['meta.created is always present', 'meta.created pr', 'TRUE', []],
    ['eq null means absent', 'externalId eq null', `(NOT (g.external_id IS NOT NULL AND g.external_id <> ''))`, []],
    ['members pr: the group has a member', 'members pr', anyMember('TRUE'), []],
    ['members[value eq "<uuid>"] uses the primary key, lower-cased', `members[value eq "${MEMBER_ID.toUpperCase()}"]`, anyMember('(gm1.member_id = $2::uuid)'), [MEMBER_ID]],
    ['members.value eq is the same test', `members.value eq "${MEMBER_ID}"`, anyMember('(gm1.member_id = $2::uuid)'), [MEMBER_ID]],
    ['members eq compares the member value (RFC 7644 §3.4.2.2)', `members eq "${MEMBER_ID}"`, anyMember('(gm1.member_id = $2::uuid)'), [MEMBER_ID]],
    ['a member value that is no uuid is compared as text, never cast', 'members[value eq "not-a-uuid"]', anyMember('(lower(gm1.member_id::text) = lower($2))'), ['not-a-uuid']],
    ['one member satisfies every condition of a value path', 'members[display co "Jen" and type eq "User"]', anyMember(`((lower(${DISPLAY}) LIKE lower($2) ESCAPE '\\') AND (lower('User') = lower($3)))`), ['%Jen%', 'User']],
    ['members.display is the display name, else the userName', 'members.display sw "B"', anyMember(`(lower(${DISPLAY}) LIKE lower($2) ESCAPE '\\')`), ['B%']],
    ['a sub-attribute after a value path', 'members[display eq "x"].value eq "y"', anyMember(`((lower(${DISPLAY}) = lower($2)) AND (lower(gm1.member_id::text) = lower($3)))`), ['x', 'y']],
    [
      'and binds tighter than or as the parser nested it; not is IS NOT TRUE',
      'displayName eq "a" or externalId eq "b" and not (displayName eq "c")',
      '((g.display_name_canonical = $2) OR ((g.external_id = $3) AND (((g.display_name_canonical = $4)) IS NOT TRUE)))',
      ['a', 'b', 'c'],
    ],
    ['hostile text stays a parameter', `displayName eq "'; DROP TABLE groups; --"`, '(g.display_name_canonical = $2)', [`'; drop table groups; --`]],
  ];

  it.each(table)('%s', (_behaviour, filter, sql, params) => {
    const compiled = compileGroupQuery(ORG, resolved(filter));
    expect(compiled.where).toBe(`g.organization_id = $1 AND ${sql}`);
    expect(compiled.whereParams).toEqual([ORG, ...params]);
    expect(compiled.orderBy).toBe('g.created_at ASC, g.id ASC');
  });

  it('gives each value path its own aliases', () => {
    const compiled = compileGroupQuery(ORG, resolved('members[type eq "User"] and members[display eq "x"]'));
    expect(compiled.where).toContain('group_members gm1 JOIN members u1');
    expect(compiled.where).toContain('group_members gm2 JOIN members u2');
  });

  it('without a filter, lists the whole organization', () => {
    expect(compileGroupQuery(ORG)).toEqual({
      where: 'g.organization_id = $1',
      whereParams: [ORG],
      orderBy: 'g.created_at ASC, g.id ASC',
      params: [ORG],
    });
  });
});

describe('compileGroupQuery: sorting', () => {
  // prettier-ignore
  const table: [string, string, 'ascending' | 'descending', string][] = [
    ['by displayName, on the canonical column', 'displayName', 'descending', 'g.display_name_canonical DESC NULLS LAST'],
    ['by externalId, case-exact', 'externalId', 'ascending', 'g.external_id ASC NULLS LAST'],
    ['by meta.lastModified', 'meta.lastModified', 'ascending', 'g.updated_at ASC NULLS LAST'],
    ['by id', 'id', 'descending', 'g.id::text DESC NULLS LAST'],
  ];

  it.each(table)('%s, then the stable order', (_behaviour, attribute, order, key) => {
    const compiled = compileGroupQuery(ORG, undefined, resolveSort(attribute, order, GROUP_RESOURCE));
    expect(compiled.orderBy).toBe(`${key}, g.created_at ASC, g.id ASC`);
    expect(compiled.params).toEqual([ORG]);
  });

  it('keeps filter and sort parameters apart', () => {
    const compiled = compileGroupQuery(
      ORG,
      resolved('displayName sw "a"'),
      resolveSort('displayName', 'ascending', GROUP_RESOURCE),
    );
    expect(compiled.whereParams).toEqual([ORG, 'a%']);
    expect(compiled.params).toEqual([ORG, 'a%']);
  });
});

describe('compileGroupQuery: refusals (domain error `invalid`, never SQL)', () => {
  const ref = (name: string, extra: Partial<AttributeRef> = {}): AttributeRef => ({
    schema: CORE_GROUP_SCHEMA,
    name,
    type: 'string',
    caseExact: false,
    multiValued: false,
    ...extra,
  });
  const eq = (attr: AttributeRef, value: unknown): QueryExpr =>
    ({ kind: 'compare', attr, op: 'eq', value }) as QueryExpr;
  const members = ref('members', { multiValued: true, type: 'complex' as AttributeRef['type'] });
  const memberValue = ref('members', { sub: 'value', multiValued: true });

  // prettier-ignore
  const table: [string, QueryExpr | string][] = [
    ['members.$ref, which is not stored', 'members.$ref eq "x"'],
    ['members.$ref inside a value path', 'members[$ref eq "x"]'],
    ['meta.version, which has no column', 'meta.version eq "W/\\"1\\""'],
    ['meta.location', 'meta.location sw "http"'],
    ['an attribute name that could inject SQL', eq(ref(`displayName') OR 1=1 --`), 'x')],
    ['a sub-attribute name that could inject SQL', eq(ref('meta', { sub: "created'--" }), 'x')],
    ['a User attribute', eq(ref('userName', { schema: 'urn:ietf:params:scim:schemas:core:2.0:User' }), 'x')],
    ['a schema that is not the Group schema', eq(ref('displayName', { schema: "x'; DROP TABLE groups; --" }), 'x')],
    ['an unknown member sub-attribute', { kind: 'valuePath', attr: members, filter: eq(ref('members', { sub: 'password' }), 'x') }],
    ['a value path on an attribute other than members', { kind: 'valuePath', attr: ref('meta'), filter: eq(ref('meta', { sub: 'created' }), 'x') }],
    ['a nested value path', { kind: 'valuePath', attr: members, filter: { kind: 'valuePath', attr: members, filter: eq(memberValue, 'x') } }],
    ['a group attribute inside a value path', { kind: 'valuePath', attr: members, filter: eq(ref('displayName'), 'x') }],
    ['co on a dateTime', { kind: 'compare', attr: ref('meta', { sub: 'created', type: 'dateTime' }), op: 'co', value: '2026' }],
    ['a dateTime operand that is not one', { kind: 'compare', attr: ref('meta', { sub: 'lastModified', type: 'dateTime' }), op: 'gt', value: 'yesterday' }],
    ['gt null', { kind: 'compare', attr: ref('externalId'), op: 'gt', value: null }],
    ['an unknown node kind', { kind: 'xor' } as unknown as QueryExpr],
    ['an operand of and that is not a node', { kind: 'and', left: 'TRUE', right: eq(ref('displayName'), 'x') } as unknown as QueryExpr],
    ['an unknown operator', { kind: 'compare', attr: ref('displayName'), op: 'like', value: 'x' } as unknown as QueryExpr],
    ['an operand that is not a scalar', eq(ref('displayName'), { $gt: '' })],
    ['a reference missing its fields', { kind: 'present', attr: { name: 'displayName' } } as unknown as QueryExpr],
  ];

  it.each(table)('refuses %s', (_behaviour, filter) => {
    let thrown: unknown;
    try {
      compileGroupQuery(ORG, typeof filter === 'string' ? resolved(filter) : filter);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect(thrown).toMatchObject({ code: 'invalid', target: 'filter' });
  });

  it.each(['members', 'members.value', 'meta.version'])('refuses to sort by %s', (attribute) => {
    expect(() =>
      compileGroupQuery(ORG, undefined, resolveSort(attribute, 'ascending', GROUP_RESOURCE)),
    ).toThrow(DomainError);
  });

  it('refuses a sort order it does not know', () => {
    const sort = { ...resolveSort('displayName', 'ascending', GROUP_RESOURCE), order: 'sideways' };
    expect(() => compileGroupQuery(ORG, undefined, sort as never)).toThrow(DomainError);
  });

  it('refuses a filter nested deeper than any client writes', () => {
    let filter: QueryExpr = resolved('displayName eq "x"');
    for (let i = 0; i < 100; i++) filter = { kind: 'not', expr: filter };
    expect(() => compileGroupQuery(ORG, filter)).toThrow(DomainError);
  });
});
