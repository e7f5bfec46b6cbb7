import { adminClient, idpClient, startTestStack, type TestStack } from '@roster/testing';
import { Client } from 'pg';

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const PASSWORD = 'Tr0ub4dor&3-secret';

/** Every attribute of the core User schema and the Enterprise extension (RFC 7643 §4.1, §4.3). */
const maximalUser = (userName: string, managerId: string) => ({
  schemas: [USER_SCHEMA, ENTERPRISE],
  externalId: 'ext-701984',
  userName,
  name: {
    formatted: 'Ms. Barbara J Jensen, III',
    familyName: 'Jensen',
    givenName: 'Barbara',
    middleName: 'Jane',
    honorificPrefix: 'Ms.',
    honorificSuffix: 'III',
  },
  displayName: 'Babs Jensen',
  nickName: 'Babs',
  profileUrl: 'https://login.example.com/bjensen',
  emails: [
    { value: userName, type: 'work', primary: true, display: 'Work' },
    { value: 'babs@jensen.org', type: 'home' },
  ],
  addresses: [
    {
      type: 'work',
      streetAddress: '100 Universal City Plaza',
      locality: 'Hollywood',
      region: 'CA',
      postalCode: '91608',
      country: 'USA',
      formatted: '100 Universal City Plaza\nHollywood, CA 91608 USA',
      primary: true,
    },
    { type: 'home', locality: 'Hollywood', country: 'USA' },
  ],
  phoneNumbers: [
    { value: '555-555-5555', type: 'work' },
    { value: '555-555-4444', type: 'mobile' },
  ],
  ims: [{ value: 'someaimhandle', type: 'aim' }],
  photos: [{ value: 'https://photos.example.com/profilephoto/72930000000Ccne/F', type: 'photo' }],
  userType: 'Employee',
  title: 'Tour Guide',
  preferredLanguage: 'en-US',
  locale: 'en-US',
  timezone: 'America/Los_Angeles',
  active: true,
  password: PASSWORD,
  entitlements: [{ value: 'delegated-admin', primary: true }],
  roles: [{ value: 'Staff', type: 'internal' }],
  x509Certificates: [{ value: 'MIIDQzCCAqygAwIBAgICEAAwDQYJKoZIhvcNAQEFBQAwTjELMAkGA1UEBhMCVVMx' }],
  [ENTERPRISE]: {
    employeeNumber: '701984',
    costCenter: '4130',
    organization: 'Universal Studios',
    division: 'Theme Park',
    department: 'Tour Operations',
    manager: { value: managerId },
  },
});

/** What the server must return: all of it, as sent, but the password. */
const asReturned = (user: ReturnType<typeof maximalUser>) => {
  const { password: _password, ...rest } = user;
  return rest;
};

/**
 * SPEC §4 (RFC 7643 §4.1, §4.3; RFC 7644 §3.3–§3.5): a user holds every attribute exactly as sent,
 * PATCH reaches every one of them by every path form, `password` is never stored or echoed, and
 * nothing an IdP sends is a 500.
 */
describe('users hold every attribute of the User and Enterprise User schemas', () => {
  let stack: TestStack;
  let idp: ReturnType<typeof idpClient>;
  let managerId: string;
  let id: string;
  let sent: ReturnType<typeof maximalUser>;

  beforeAll(async () => {
    stack = await startTestStack();
    const org = await adminClient(stack).provisionOrganization('Universal');
    idp = idpClient(stack, org.id, org.key, 'Microsoft.Identity.Provisioning/1.0');
    managerId = (await idp.send('POST', '/Users', { userName: 'boss@example.com', active: false })).body.id;
  });
  afterAll(async () => {
    await stack?.close();
  });

  const patch = (operations: object[], headers: Record<string, string> = {}) =>
    idp.send('PATCH', `/Users/${id}`, { schemas: [PATCH_OP], Operations: operations }, headers);
  const read = async () => (await idp.send('GET', `/Users/${id}`)).body;
  const storedRow = async () => {
    const db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
    try {
      return (await db.query(`SELECT m::text AS row FROM members m WHERE id = $1`, [id])).rows[0]
        .row as string;
    } finally {
      await db.end();
    }
  };

  it('POST stores and returns every attribute as sent; GET returns the same', async () => {
    sent = maximalUser('bjensen@example.com', managerId);
    const created = await idp.send('POST', '/Users', sent);
    expect(created.status).toBe(201);
    id = created.body.id;
    const { meta, id: _id, ...returned } = created.body;
    expect(returned).toEqual(asReturned(sent));
    expect(meta).toMatchObject({ resourceType: 'User', version: created.headers.etag });
    expect((await idp.send('GET', `/Users/${id}`)).body).toEqual(created.body);
  });

  it('never stores or echoes the password', async () => {
    expect(await storedRow()).not.toContain(PASSWORD);
    const asked = await idp.send('GET', `/Users/${id}?attributes=password,userName`);
    expect(asked.body.password).toBeUndefined();
    const replaced = await idp.send('PUT', `/Users/${id}`, { ...sent, password: `${PASSWORD}-2` });
    expect(replaced.status).toBe(200);
    expect(replaced.text).not.toContain(PASSWORD);
    expect((await patch([{ op: 'replace', path: 'password', value: `${PASSWORD}-3` }])).status).toBe(204);
    expect(await storedRow()).not.toContain(PASSWORD);
  });

  it('PUT round-trips the whole user and clears what it leaves out', async () => {
    const replaced = await idp.send('PUT', `/Users/${id}`, sent);
    expect(replaced.status).toBe(200);
    const { meta: _m, id: _i, ...returned } = replaced.body;
    expect(returned).toEqual(asReturned(sent));
    const { ims: _ims, [ENTERPRISE]: _enterprise, ...fewer } = sent;
    const trimmed = await idp.send('PUT', `/Users/${id}`, { ...fewer, schemas: [USER_SCHEMA] });
    expect(trimmed.body.ims).toBeUndefined();
    expect(trimmed.body[ENTERPRISE]).toBeUndefined();
    expect(trimmed.body.schemas).toEqual([USER_SCHEMA]);
    expect((await idp.send('PUT', `/Users/${id}`, sent)).body[ENTERPRISE]).toEqual(sent[ENTERPRISE]);
  });

  // One row per PATCH form IdPs send: the operations, then what the user reads afterwards.
  it.each<[string, object[], (user: any) => unknown, unknown]>([
    [
      'a value filter with a sub-attribute',
      [{ op: 'replace', path: 'emails[type eq "work"].value', value: 'babs@work.example' }],
      (u) => u.emails.find((e: any) => e.type === 'work').value,
      'babs@work.example',
    ],
    [
      'a sub-attribute of a singular complex attribute',
      [{ op: 'replace', path: 'name.givenName', value: 'Barb' }],
      (u) => [u.name.givenName, u.name.familyName],
      ['Barb', 'Jensen'],
    ],
    [
      'an extension attribute by full URN',
      [{ op: 'Replace', path: `${ENTERPRISE}:department`, value: 'Marketing' }],
      (u) => u[ENTERPRISE].department,
      'Marketing',
    ],
    [
      'the enterprise manager as {value}',
      [{ op: 'Add', path: `${ENTERPRISE}:manager`, value: { value: 'mgr-2' } }],
      (u) => u[ENTERPRISE].manager,
      { value: 'mgr-2' },
    ],
    [
      'the enterprise manager as a bare id (Entra)',
      [{ op: 'replace', path: `${ENTERPRISE}:manager`, value: 'mgr-3' }],
      (u) => u[ENTERPRISE].manager,
      { value: 'mgr-3' },
    ],
    [
      'path-less with dotted keys and extension URNs (Entra)',
      [
        {
          op: 'replace',
          value: {
            'name.familyName': 'Jensen-Smith',
            displayName: 'Barbara J-S',
            [`${ENTERPRISE}:costCenter`]: '4200',
            'addresses[type eq "work"].locality': 'Burbank',
          },
        },
      ],
      (u) => [
        u.name.familyName,
        u.displayName,
        u[ENTERPRISE].costCenter,
        u.addresses.find((a: any) => a.type === 'work').locality,
      ],
      ['Jensen-Smith', 'Barbara J-S', '4200', 'Burbank'],
    ],
    [
      'string booleans in path and value',
      [
        { op: 'replace', path: 'emails[type eq "home"].primary', value: 'True' },
        { op: 'replace', value: { active: 'False' } },
      ],
      (u) => [u.emails.map((e: any) => [e.type, e.primary ?? null]), u.active],
      [
        [
          ['work', false],
          ['home', true],
        ],
        false,
      ],
    ],
    [
      'active back as a JSON boolean',
      [{ op: 'replace', path: 'active', value: true }],
      (u) => u.active,
      true,
    ],
    [
      'add to a multi-valued attribute, remove by filter',
      [
        { op: 'add', path: 'phoneNumbers', value: [{ value: '555-0100', type: 'fax' }] },
        { op: 'remove', path: 'phoneNumbers[type eq "mobile"]' },
      ],
      (u) => u.phoneNumbers.map((p: any) => p.type),
      ['work', 'fax'],
    ],
    [
      'remove a simple and an extension attribute',
      [
        { op: 'remove', path: 'nickName' },
        { op: 'remove', path: `${ENTERPRISE}:division` },
      ],
      (u) => [u.nickName, u[ENTERPRISE].division],
      [undefined, undefined],
    ],
    [
      'unknown attributes in a path-less value are ignored',
      [{ op: 'replace', value: { favouriteColour: 'blue', title: 'Senior Guide' } }],
      (u) => [u.favouriteColour, u.title],
      [undefined, 'Senior Guide'],
    ],
  ])('PATCH: %s', async (_, operations, pick, expected) => {
    const res = await patch(operations);
    expect([res.status, res.body]).toEqual([204, undefined]);
    expect(pick(await read())).toEqual(expected);
  });

  it.each<[string, object, number, string | undefined]>([
    [
      'an unknown schema attribute is ignored',
      { 'urn:example:custom:1.0:User': { badge: 7 } },
      200,
      undefined,
    ],
    ['an unknown top-level attribute is ignored', { shoeSize: 44 }, 200, undefined],
    ['a NUL character in a value is refused', { displayName: 'a\u0000b' }, 400, 'invalidValue'],
    ['a number where an object belongs', { name: 7 }, 400, 'invalidValue'],
    ['an array where a string belongs', { title: ['a', 'b'] }, 400, 'invalidValue'],
    ['a boolean that is no boolean', { active: 'maybe' }, 400, 'invalidValue'],
  ])('PUT with %s: never a 500', async (_, extra, status, scimType) => {
    const before = await read();
    const res = await idp.send('PUT', `/Users/${id}`, { ...sent, ...extra });
    expect(res.status).toBe(status);
    if (scimType) {
      expect(res.body).toMatchObject({ status: String(status), scimType });
      expect((await read()).meta.version).toBe(before.meta.version);
    } else {
      expect(res.body.shoeSize).toBeUndefined();
      expect(res.body.schemas).toEqual([USER_SCHEMA, ENTERPRISE]);
    }
  });

  it.each<[string, object[], number, string]>([
    ['groups', [{ op: 'add', path: 'groups', value: [{ value: 'g1' }] }], 400, 'mutability'],
    ['id', [{ op: 'replace', path: 'id', value: 'x' }], 400, 'mutability'],
    ['an unknown core attribute', [{ op: 'replace', path: 'shoeSize', value: 1 }], 400, 'invalidPath'],
    [
      'a broken value filter',
      [{ op: 'replace', path: 'emails[type eq].value', value: 'x' }],
      400,
      'invalidFilter',
    ],
    ['a NUL character', [{ op: 'replace', path: 'title', value: '\u0000' }], 400, 'invalidValue'],
  ])('PATCH on %s is a clear 400 and changes nothing', async (_, operations, status, scimType) => {
    const before = await read();
    const res = await patch(operations);
    expect(res.body).toMatchObject({ status: String(status), scimType });
    expect(await read()).toEqual(before);
  });
});
