import type { INestApplicationContext } from '@nestjs/common';
import type { AttributeRef, QueryExpr, SortSpec, UserWrite } from '@roster/contracts';
import { DataSource } from 'typeorm';
import { startMembershipContext, type MembershipTestContext } from '../../testing/membership-test-context';
import { OrganizationsService } from '../../organizations/organizations.service';
import { UsersService } from '../users.service';

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const ref = (name: string, extra: Partial<AttributeRef> = {}): AttributeRef => ({
  schema: CORE,
  name,
  type: 'string',
  caseExact: false,
  multiValued: false,
  ...extra,
});
const eq = (attr: AttributeRef, value: string | number | boolean | null): QueryExpr => ({
  kind: 'compare',
  attr,
  op: 'eq',
  value,
});
const emails = ref('emails', { multiValued: true, type: 'complex' as AttributeRef['type'] });
const email = (sub: string, type: AttributeRef['type'] = 'string') =>
  ref('emails', { sub, multiValued: true, type });

/** The people of the examples: userName → what else the IdP sent. */
const PEOPLE: Record<string, Partial<UserWrite> & { attributes?: Record<string, unknown> }> = {
  'bjensen@example.com': {
    externalId: 'EXT-1',
    displayName: 'Babs Jensen',
    familyName: 'Jensen',
    attributes: {
      title: 'Tour Guide',
      emails: [
        { value: 'bjensen@example.com', type: 'work', primary: true },
        { value: 'babs@home.example', type: 'home' },
      ],
      [ENTERPRISE]: { department: 'Tours', employeeNumber: '42' },
    },
  },
  'jsmith@example.com': {
    externalId: 'ext-1',
    displayName: 'John Smith',
    familyName: 'Smith',
    attributes: {
      // Work address elsewhere; his home address is Babs's work one, which must not match a work filter.
      emails: [
        { value: 'bjensen@example.com', type: 'home' },
        { value: 'john@work.example', type: 'work', primary: 'True' },
      ],
      [ENTERPRISE]: { department: 'R&D' },
    },
  },
  ＡＬＩＣＥ: {
    displayName: 'Alice',
    active: false,
    attributes: { title: '', emails: { value: 'alice@example.com', type: 'work' } },
  },
  '50%_off': { attributes: { title: 'Sales' } },
  'zed@example.com': { familyName: 'Zed', attributes: { emails: [] } },
};

describe('compiled user queries against PostgreSQL', () => {
  let context: MembershipTestContext;
  let app: INestApplicationContext;
  let users: UsersService;
  let organizationId: string;
  const ids: Record<string, string> = {};
  let createdBetween: string;

  beforeAll(async () => {
    context = await startMembershipContext();
    app = context.app;
    users = app.get(UsersService);
    const organizations = app.get(OrganizationsService);
    organizationId = (await organizations.create({ name: 'Acme' })).id;
    const other = (await organizations.create({ name: 'Other' })).id;
    let index = 0;
    for (const [userName, extra] of Object.entries(PEOPLE)) {
      const { attributes = {}, ...typed } = extra;
      const created = await users.create({
        organizationId,
        user: { userName, attributes: { userName, ...attributes }, ...typed },
      });
      ids[userName] = created.id;
      if (++index === 2) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        createdBetween = new Date().toISOString();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
    // The same people in another organization must never appear in Acme's results.
    await users.create({
      organizationId: other,
      user: { userName: 'bjensen@example.com', externalId: 'EXT-1', attributes: {} },
    });
    // created_at ties are broken by id: give two members the same instant to prove the order holds.
    await app
      .get(DataSource)
      .query(`UPDATE members SET created_at = (SELECT created_at FROM members WHERE id = $1) WHERE id = $2`, [
        ids['50%_off'],
        ids['zed@example.com'],
      ]);
  });

  afterAll(async () => {
    await context?.close();
  });

  async function names(filter?: QueryExpr, sort?: SortSpec, startIndex = 1, count = 100): Promise<string[]> {
    const list = await users.query({ organizationId, filter, sort, startIndex, count });
    return list.items.map((item) => item.userName);
  }

  // prettier-ignore
  const table: [string, QueryExpr, string[]][] = [
    ['userName eq is case- and width-insensitive', eq(ref('userName'), 'BJensen@Example.COM'), ['bjensen@example.com']],
    ['userName eq matches a fullwidth name written plainly', eq(ref('userName'), 'alice'), ['ＡＬＩＣＥ']],
    ['externalId eq is case-exact', eq(ref('externalId', { caseExact: true }), 'EXT-1'), ['bjensen@example.com']],
    [
      'emails[type eq "work"].value eq matches within one element only',
      { kind: 'valuePath', attr: emails, filter: { kind: 'and', left: eq(email('type'), 'work'), right: eq(email('value'), 'BJENSEN@example.com') } },
      ['bjensen@example.com'],
    ],
    ['emails.value eq matches any element', { kind: 'valuePath', attr: emails, filter: eq(email('value'), 'bjensen@example.com') }, ['bjensen@example.com', 'jsmith@example.com']],
    ['emails stored as a lone object are still elements', { kind: 'valuePath', attr: emails, filter: eq(email('value'), 'alice@example.com') }, ['ＡＬＩＣＥ']],
    [
      'primary eq true matches JSON true and "True"',
      { kind: 'valuePath', attr: emails, filter: eq(email('primary', 'boolean'), true) },
      ['bjensen@example.com', 'jsmith@example.com'],
    ],
    [
      'and / or / not with parentheses',
      {
        kind: 'and',
        left: { kind: 'or', left: eq(ref('name', { sub: 'familyName' }), 'jensen'), right: eq(ref('name', { sub: 'familyName' }), 'SMITH') },
        right: { kind: 'not', expr: eq(ref('externalId', { caseExact: true }), 'ext-1') },
      },
      ['bjensen@example.com'],
    ],
    ['not matches members without the attribute', { kind: 'not', expr: eq(ref('name', { sub: 'familyName' }), 'jensen') }, ['jsmith@example.com', 'ＡＬＩＣＥ', '50%_off', 'zed@example.com']],
    ['pr skips absent and empty values', { kind: 'present', attr: ref('title') }, ['bjensen@example.com', '50%_off']],
    ['pr on a multi-valued attribute skips empty lists', { kind: 'present', attr: emails }, ['bjensen@example.com', 'jsmith@example.com', 'ＡＬＩＣＥ']],
    ['co treats % and _ in the operand literally', { kind: 'compare', attr: ref('userName'), op: 'co', value: '%_' }, ['50%_off']],
    ['sw on a case-insensitive column', { kind: 'compare', attr: ref('displayName'), op: 'sw', value: 'jo' }, ['jsmith@example.com']],
    ['active eq false finds revoked members', eq(ref('active', { type: 'boolean' }), false), ['ＡＬＩＣＥ']],
    ['extension attributes by URN', eq(ref('department', { schema: ENTERPRISE }), 'r&d'), ['jsmith@example.com']],
    ['meta.created le a date before everyone matches nobody', { kind: 'compare', attr: ref('meta', { sub: 'created', type: 'dateTime' }), op: 'le', value: '2000-01-01T00:00:00Z' }, []],
    ['eq null asks for absence', eq(ref('externalId', { caseExact: true }), null), ['ＡＬＩＣＥ', '50%_off', 'zed@example.com']],
    ['a filter that matches nothing is an empty list', eq(ref('userName'), 'nobody'), []],
  ];

  // Which members match; the order is the subject of the paging and sorting tests below.
  it.each(table)('%s', async (_behaviour, filter, expected) => {
    expect((await names(filter)).sort()).toEqual([...expected].sort());
  });

  it('compares meta.created with the instant given', async () => {
    const after = await names({
      kind: 'compare',
      attr: ref('meta', { sub: 'created', type: 'dateTime' }),
      op: 'gt',
      value: createdBetween,
    });
    expect(after.sort()).toEqual(['ＡＬＩＣＥ', '50%_off', 'zed@example.com'].sort());
  });

  /** The two members given the same created_at, in the order of their ids. */
  const tied = () => ['50%_off', 'zed@example.com'].sort((a, b) => (ids[a] < ids[b] ? -1 : 1));

  it('pages on a stable order (created_at, then id) and counts in SQL', async () => {
    const all = await names();
    expect(all).toEqual(['bjensen@example.com', 'jsmith@example.com', 'ＡＬＩＣＥ', ...tied()]);
    const page = await users.query({ organizationId, startIndex: 2, count: 2 });
    expect(page.totalResults).toBe(5);
    expect(page.items.map((item) => item.userName)).toEqual(all.slice(1, 3));
    expect(await users.query({ organizationId, startIndex: 1, count: 0 })).toEqual({
      totalResults: 5,
      items: [],
    });
    expect(await users.query({ organizationId, startIndex: 9, count: 10 })).toEqual({
      totalResults: 5,
      items: [],
    });
  });

  it('sorts by an attribute, with members lacking it last', async () => {
    expect(await names(undefined, { attr: ref('name', { sub: 'familyName' }), order: 'descending' })).toEqual(
      ['zed@example.com', 'jsmith@example.com', 'bjensen@example.com', 'ＡＬＩＣＥ', '50%_off'],
    );
    expect(await names(undefined, { attr: email('value'), order: 'ascending' })).toEqual([
      'ＡＬＩＣＥ',
      'bjensen@example.com',
      'jsmith@example.com',
      ...tied(),
    ]);
  });
});
