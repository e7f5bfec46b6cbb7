import { adminClient, idpClient, newUser, startTestStack, type TestStack } from '@roster/testing';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const SEARCH_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
const q = encodeURIComponent;

/**
 * SPEC §3 list parameters through the real API (RFC 7644 §3.4.2–§3.4.3): attributes,
 * excludedAttributes, sortBy/sortOrder, count and startIndex at their edges, POST /.search.
 */
describe('listing users', () => {
  let stack: TestStack;
  let idp: ReturnType<typeof idpClient>;
  const userNames = ['list-c@example.com', 'list-a@example.com', 'list-b@example.com'];

  beforeAll(async () => {
    stack = await startTestStack();
    const org = await adminClient(stack).provisionOrganization('Lists');
    idp = idpClient(stack, org.id, org.key);
    for (const [index, userName] of userNames.entries()) {
      const created = await idp.send(
        'POST',
        '/Users',
        newUser(userName, {
          active: false, // no invitation emails: this file is about reading
          title: `T${index}`,
          [ENTERPRISE]: { department: `D${2 - index}` },
        }),
      );
      expect(created.status).toBe(201);
    }
  });
  afterAll(async () => {
    await stack?.close();
  });

  const list = async (query: string) => {
    const res = await idp.send('GET', `/Users?${query}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const names = (body: any) => body.Resources.map((r: any) => r.userName);

  it('attributes returns those plus id, schemas and meta', async () => {
    const body = await list(`attributes=${q(`userName,${ENTERPRISE}:department`)}&sortBy=userName`);
    expect(body.Resources[0]).toEqual({
      schemas: expect.any(Array),
      id: expect.any(String),
      userName: 'list-a@example.com',
      [ENTERPRISE]: { department: 'D1' },
      meta: expect.objectContaining({ resourceType: 'User' }),
    });
    const filtered = await list(`attributes=${q('emails[type eq "work"]')}&count=1`);
    expect(Object.keys(filtered.Resources[0]).sort()).toEqual(['emails', 'id', 'meta', 'schemas']);
  });

  it('excludedAttributes drops those, never id or meta', async () => {
    const body = await list(`excludedAttributes=${q('emails,name,id,meta')}&count=1`);
    expect(body.Resources[0].emails).toBeUndefined();
    expect(body.Resources[0].name).toBeUndefined();
    expect(body.Resources[0]).toMatchObject({
      id: expect.any(String),
      meta: expect.any(Object),
      title: 'T0',
    });
  });

  it('a malformed attributes list is 400 naming it', async () => {
    const res = await idp.send('GET', `/Users?attributes=${q('name..x')}`);
    expect(res.status).toBe(400);
    expect(res.body.detail).toContain('name..x');
  });

  it.each<[string, string[]]>([
    ['sortBy=userName', ['list-a@example.com', 'list-b@example.com', 'list-c@example.com']],
    [
      'sortBy=userName&sortOrder=descending',
      ['list-c@example.com', 'list-b@example.com', 'list-a@example.com'],
    ],
    [
      `sortBy=${q(`${ENTERPRISE}:department`)}`,
      ['list-b@example.com', 'list-a@example.com', 'list-c@example.com'],
    ],
    ['sortBy=title&sortOrder=descending', ['list-b@example.com', 'list-a@example.com', 'list-c@example.com']],
    ['', userNames],
  ])('sorts with %p (default: creation order, stable)', async (query, expected) => {
    expect(names(await list(query))).toEqual(expected);
  });

  it('an unknown sortBy attribute is 400, not a silent order', async () => {
    const res = await idp.send('GET', '/Users?sortBy=shoeSize');
    expect(res.status).toBe(400);
  });

  it.each<[string, { startIndex: number; itemsPerPage: number; first?: string }]>([
    ['startIndex=0', { startIndex: 1, itemsPerPage: 3, first: userNames[0] }],
    ['startIndex=-7', { startIndex: 1, itemsPerPage: 3, first: userNames[0] }],
    ['startIndex=2&count=1', { startIndex: 2, itemsPerPage: 1, first: userNames[1] }],
    ['startIndex=3', { startIndex: 3, itemsPerPage: 1, first: userNames[2] }],
    ['startIndex=4', { startIndex: 4, itemsPerPage: 0 }],
    ['startIndex=99999999999999999999', { startIndex: Number.MAX_SAFE_INTEGER, itemsPerPage: 0 }],
    ['count=0', { startIndex: 1, itemsPerPage: 0 }],
    ['count=-1', { startIndex: 1, itemsPerPage: 0 }],
    ['count=100000', { startIndex: 1, itemsPerPage: 3 }],
    ['count=abc', { startIndex: 1, itemsPerPage: 3 }],
  ])('pages with %s', async (query, expected) => {
    const body = await list(query);
    expect(body).toMatchObject({
      totalResults: 3,
      startIndex: expected.startIndex,
      itemsPerPage: expected.itemsPerPage,
    });
    expect(body.Resources).toHaveLength(expected.itemsPerPage);
    if (expected.first) expect(body.Resources[0].userName).toBe(expected.first);
  });

  it('POST /Users/.search is the same query in a body', async () => {
    const res = await idp.send('POST', '/Users/.search', {
      schemas: [SEARCH_REQUEST],
      filter: 'userName sw "list-" and title ne "T1"',
      attributes: ['userName'],
      sortBy: 'userName',
      sortOrder: 'descending',
      startIndex: 1,
      count: 10,
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
    expect(res.body).toMatchObject({ totalResults: 2, itemsPerPage: 2 });
    expect(names(res.body)).toEqual(['list-c@example.com', 'list-b@example.com']);
    expect(res.body.Resources[0].title).toBeUndefined();
    const wrongSchema = await idp.send('POST', '/Users/.search', { schemas: ['urn:x'], filter: 'title pr' });
    expect(wrongSchema.body).toMatchObject({ status: '400', scimType: 'invalidSyntax' });
    const badFilter = await idp.send('POST', '/Users/.search', { filter: 'title eq' });
    expect(badFilter.body).toMatchObject({ status: '400', scimType: 'invalidFilter' });
  });
});
