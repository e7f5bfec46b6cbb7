import { adminClient, idpClient, newUser, startTestStack, type TestStack } from '@roster/testing';
import { Client } from 'pg';

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const q = encodeURIComponent;
const PAYLOAD_LIMIT = 256 * 1024;

/**
 * Discovery (RFC 7644 §4, SPEC §3): the documents are served, and every feature they advertise is
 * probed against the real system — what a client reads there must be true.
 */
describe('SCIM discovery tells the truth', () => {
  let stack: TestStack;
  let idp: ReturnType<typeof idpClient>;
  let orgId: string;
  let config: any;

  beforeAll(async () => {
    // A limit of its own shows the advertised maxPayloadSize follows the configuration; it also keeps
    // requests within this machine's NATS max_payload (1 MB by default; docker/nats.conf sets 8 MB).
    stack = await startTestStack({ MAX_PAYLOAD_BYTES: String(PAYLOAD_LIMIT) });
    const org = await adminClient(stack).provisionOrganization('Discovery Inc');
    orgId = org.id;
    idp = idpClient(stack, org.id, org.key, 'Go-http-client/1.1');
    config = (await idp.send('GET', '/ServiceProviderConfig')).body;
  });
  afterAll(async () => {
    await stack?.close();
  });

  describe('the documents', () => {
    it('requires the organization key, like every SCIM endpoint', async () => {
      const anonymous = idpClient(stack, orgId, 'roster_scim_nope');
      for (const path of ['/ServiceProviderConfig', '/ResourceTypes', `/Schemas/${USER_SCHEMA}`]) {
        const res = await anonymous.send('GET', path, undefined, { authorization: '' });
        expect([path, res.status]).toEqual([path, 401]);
      }
    });

    it('serves ServiceProviderConfig, also as /serviceConfiguration and in lower case', async () => {
      const res = await idp.send('GET', '/ServiceProviderConfig');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
      expect(res.body).toMatchObject({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
        patch: { supported: true },
        bulk: { supported: false, maxOperations: 0, maxPayloadSize: PAYLOAD_LIMIT },
        filter: { supported: true, maxResults: 1000 },
        changePassword: { supported: false },
        sort: { supported: true },
        etag: { supported: true },
        authenticationSchemes: [{ type: 'oauthbearertoken', primary: true }],
        meta: {
          resourceType: 'ServiceProviderConfig',
          location: `http://roster.test/scim/v2/${orgId}/ServiceProviderConfig`,
        },
      });
      for (const alias of ['/serviceConfiguration', '/serviceproviderconfig/']) {
        const other = await idp.send('GET', alias);
        expect([alias, other.status, other.body]).toEqual([alias, 200, res.body]);
      }
    });

    it('lists resource types in a ListResponse, User first with endpoint /Users', async () => {
      const res = await idp.send('GET', '/ResourceTypes');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ schemas: [LIST], totalResults: 2, startIndex: 1, itemsPerPage: 2 });
      expect(res.body.Resources.map((r: any) => [r.id, r.endpoint, r.schema])).toEqual([
        ['User', '/Users', USER_SCHEMA],
        ['Group', '/Groups', GROUP_SCHEMA],
      ]);
      expect(res.body.Resources[0].schemaExtensions).toEqual([{ schema: ENTERPRISE, required: false }]);
      for (const type of res.body.Resources) {
        const one = await idp.send('GET', `/ResourceTypes/${type.id}`);
        expect(one.body).toEqual(type);
        expect(type.meta.location).toBe(`http://roster.test/scim/v2/${orgId}/ResourceTypes/${type.id}`);
      }
    });

    it('serves every advertised endpoint: a list GET on it answers a ListResponse', async () => {
      const types = (await idp.send('GET', '/ResourceTypes')).body.Resources;
      for (const type of types) {
        const list = await idp.send('GET', `${type.endpoint}?count=1`);
        expect([type.endpoint, list.status, list.body?.schemas]).toEqual([type.endpoint, 200, [LIST]]);
      }
    });

    it('lists the User, Group and Enterprise User schemas; each one is also served by its URN', async () => {
      const res = await idp.send('GET', '/Schemas');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ schemas: [LIST], totalResults: 3, itemsPerPage: 3 });
      expect(res.body.Resources.map((s: any) => s.id)).toEqual([USER_SCHEMA, GROUP_SCHEMA, ENTERPRISE]);
      for (const schema of res.body.Resources) {
        const one = await idp.send('GET', `/Schemas/${schema.id}`);
        expect(one.body).toEqual(schema);
      }
      const user = res.body.Resources[0];
      expect(user.attributes.find((a: any) => a.name === 'userName')).toMatchObject({
        required: true,
        uniqueness: 'server',
        caseExact: false,
      });
      expect(user.attributes.find((a: any) => a.name === 'password')).toMatchObject({
        mutability: 'writeOnly',
        returned: 'never',
      });
    });

    it.each<[string, number]>([
      ['/ResourceTypes/Widget', 404],
      ['/Schemas/urn:ietf:params:scim:schemas:core:2.0:Widget', 404],
      [`/Schemas?filter=${q('id eq "x"')}`, 403],
      [`/ResourceTypes?filter=${q('name eq "User"')}`, 403],
    ])('answers %s with %i and a SCIM error', async (path, status) => {
      const res = await idp.send('GET', path);
      expect(res.status).toBe(status);
      expect(res.body).toMatchObject({ status: String(status), detail: expect.any(String) });
    });
  });

  describe('each advertised claim holds', () => {
    it('filter.maxResults: no page holds more, whatever count asks for, with or without a filter', async () => {
      const max: number = config.filter.maxResults;
      await seedMembers(stack, orgId, max + 1, 'seed');
      const all = await idp.send('GET', `/Users?count=${max * 5}`);
      expect(all.status).toBe(200);
      expect(all.body.totalResults).toBeGreaterThan(max);
      expect(all.body.itemsPerPage).toBe(max);
      expect(all.body.Resources).toHaveLength(max);
      const filtered = await idp.send(
        'POST',
        '/Users/.search',
        { filter: 'userName sw "seed-"', count: max + 1 },
        { 'content-type': 'application/json' },
      );
      expect(filtered.body).toMatchObject({ totalResults: max + 1, itemsPerPage: max });
      const last = await idp.send('GET', `/Users?filter=${q('userName sw "seed-"')}&startIndex=${max + 1}`);
      expect(last.body).toMatchObject({ totalResults: max + 1, startIndex: max + 1, itemsPerPage: 1 });
    });

    it('sort: sortBy and sortOrder order the results', async () => {
      expect(config.sort.supported).toBe(true);
      for (const [userName, familyName] of [
        ['sort-b@example.com', 'Alpha'],
        ['sort-c@example.com', 'Bravo'],
        ['sort-a@example.com', 'Charlie'],
      ]) {
        const created = await idp.send('POST', '/Users', newUser(userName, { name: { familyName } }));
        expect(created.status).toBe(201);
      }
      const sorted = async (query: string) =>
        (await idp.send('GET', `/Users?filter=${q('userName sw "sort-"')}&${query}`)).body.Resources.map(
          (r: any) => r.userName,
        );
      expect(await sorted('sortBy=userName')).toEqual([
        'sort-a@example.com',
        'sort-b@example.com',
        'sort-c@example.com',
      ]);
      expect(await sorted('sortBy=userName&sortOrder=descending')).toEqual([
        'sort-c@example.com',
        'sort-b@example.com',
        'sort-a@example.com',
      ]);
      expect(await sorted('sortBy=name.familyName&sortOrder=DESCENDING')).toEqual([
        'sort-a@example.com',
        'sort-c@example.com',
        'sort-b@example.com',
      ]);
    });

    it('patch and etag: PATCH applies; ETag is meta.version; If-None-Match gives 304, stale If-Match 412', async () => {
      expect([config.patch.supported, config.etag.supported]).toEqual([true, true]);
      const created = await idp.send('POST', '/Users', newUser('etag@example.com'));
      const id = created.body.id;
      const v1 = created.headers.etag as string;
      expect(v1).toBe(created.body.meta.version);

      const fresh = await idp.send('GET', `/Users/${id}`, undefined, { 'if-none-match': v1 });
      expect(fresh.status).toBe(304);
      expect(fresh.text).toBe('');

      const patched = await idp.send('PATCH', `/Users/${id}`, {
        schemas: [PATCH_OP],
        Operations: [{ op: 'replace', path: 'displayName', value: 'Etag Person' }],
      });
      expect(patched.status).toBe(204);
      const v2 = patched.headers.etag as string;
      expect(v2).not.toBe(v1);
      const read = await idp.send('GET', `/Users/${id}`, undefined, { 'if-none-match': v1 });
      expect(read.status).toBe(200);
      expect(read.body.displayName).toBe('Etag Person');
      expect(read.body.meta.version).toBe(v2);

      const stale = await idp.send(
        'PATCH',
        `/Users/${id}`,
        { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'title', value: 'x' }] },
        { 'if-match': v1 },
      );
      expect(stale.status).toBe(412);
      expect((await idp.send('GET', `/Users/${id}`)).body.title).toBeUndefined();
    });

    it('bulk: not supported, so /Bulk answers 501', async () => {
      expect(config.bulk.supported).toBe(false);
      const res = await idp.send('POST', '/Bulk', {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
        Operations: [{ method: 'POST', path: '/Users', bulkId: 'a', data: newUser('bulk@example.com') }],
      });
      expect(res.status).toBe(501);
      expect(res.body).toMatchObject({ status: '501' });
      const none = await idp.send('GET', `/Users?filter=${q('userName eq "bulk@example.com"')}`);
      expect(none.body.totalResults).toBe(0);
    });

    it('maxPayloadSize: a body up to it is read, one byte more is 413', async () => {
      const max: number = config.bulk.maxPayloadSize;
      const bodyOfSize = (size: number, userName: string) => {
        const body = newUser(userName, { nickName: '' });
        const padding = size - JSON.stringify(body).length;
        return JSON.stringify({ ...body, nickName: 'x'.repeat(padding) });
      };
      const atLimit = bodyOfSize(max, 'payload-ok@example.com');
      expect(Buffer.byteLength(atLimit)).toBe(max);
      expect((await idp.send('POST', '/Users', atLimit)).status).toBe(201);
      const tooBig = await idp.send('POST', '/Users', bodyOfSize(max + 1, 'payload-big@example.com'));
      expect(tooBig.status).toBe(413);
      expect(tooBig.body).toMatchObject({ status: '413' });
    });

    it('changePassword: not supported — a password is accepted, never stored or returned', async () => {
      expect(config.changePassword.supported).toBe(false);
      const created = await idp.send('POST', '/Users', newUser('pw@example.com', { password: 'Hunter2!x' }));
      expect(created.status).toBe(201);
      expect(created.text).not.toContain('Hunter2');
      const rows = await withDatabase(stack, (db) =>
        db.query(`SELECT m::text AS row FROM members m WHERE id = $1`, [created.body.id]),
      );
      expect(rows.rows[0].row).not.toContain('Hunter2');
    });

    it('authenticationSchemes: the key works as a bearer token, not as HTTP Basic', async () => {
      expect(config.authenticationSchemes.map((s: any) => s.type)).toEqual(['oauthbearertoken']);
      const key = (await adminClient(stack).provisionOrganization('Basic Co')).key;
      const basic = Buffer.from(`roster:${key}`).toString('base64');
      const res = await idpClient(stack, orgId, key).send('GET', '/Users', undefined, {
        authorization: `Basic ${basic}`,
      });
      expect(res.status).toBe(401);
    });
  });
});

async function withDatabase<T>(stack: TestStack, run: (db: Client) => Promise<T>): Promise<T> {
  const db = new Client({ connectionString: stack.databaseUrl });
  await db.connect();
  try {
    return await run(db);
  } finally {
    await db.end();
  }
}

/** Inserts `count` Invited members straight into the database: paging 1000+ users needs volume, not emails. */
async function seedMembers(stack: TestStack, organizationId: string, count: number, prefix: string) {
  await withDatabase(stack, (db) =>
    db.query(
      `INSERT INTO members (id, organization_id, status, user_name, user_name_canonical, attributes, created_at, updated_at)
       SELECT gen_random_uuid(), $1, 'invited', name, name, jsonb_build_object('userName', name),
              now() + n * interval '1 millisecond', now()
         FROM generate_series(1, $2::int) AS n, LATERAL (SELECT $3 || '-' || lpad(n::text, 5, '0') AS name) AS u`,
      [organizationId, count, prefix],
    ),
  );
}
