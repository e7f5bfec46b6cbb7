import { adminClient, idpClient, newUser, startTestStack, type TestStack } from '@roster/testing';

// Protects SPEC §1, the admin's side: organizations are listed, renamed and deleted (with everything
// in them, their keys dead at once); members are listed with status and groups, filtered by status;
// the API is described by an OpenAPI document served without any CDN.
describe('admin API: organizations, members and the OpenAPI document', () => {
  let stack: TestStack;
  let admin: ReturnType<typeof adminClient>;

  beforeAll(async () => {
    stack = await startTestStack({ CREDENTIALS_CACHE_MS: '60000' });
    admin = adminClient(stack);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('lists organizations oldest first, a page at a time', async () => {
    const created: string[] = [];
    for (const name of ['List A', 'List B', 'List C']) {
      created.push((await admin.send('POST', '/api/organizations', { name })).body.id as string);
    }
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await admin.send('GET', `/api/organizations?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.organizations.length).toBeLessThanOrEqual(2);
      ids.push(...res.body.organizations.map((org: { id: string }) => org.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(ids.filter((id) => created.includes(id))).toEqual(created);
    const first = (await admin.send('GET', '/api/organizations')).body.organizations.find(
      (org: { id: string }) => org.id === created[0],
    );
    expect(first).toEqual({
      id: created[0],
      name: 'List A',
      scim: { enabled: false, url: `http://roster.test/scim/v2/${created[0]}` },
      createdAt: expect.any(String),
    });
  });

  it('renames an organization, trimming the name', async () => {
    const { id } = (await admin.send('POST', '/api/organizations', { name: 'Old name' })).body;
    const res = await admin.send('PATCH', `/api/organizations/${id}`, { name: '  New name ' });
    expect([res.status, res.body.name]).toEqual([200, 'New name']);
    expect((await admin.send('GET', `/api/organizations/${id}`)).body.name).toBe('New name');
  });

  it.each([
    ['a blank name', { name: '   ' }, 400, /name must not be empty/],
    ['no name', {}, 400, /name/],
    ['a name too long', { name: 'x'.repeat(201) }, 400, /name must be shorter than or equal to 200/],
  ])('refuses to rename with %s', async (_name, body, status, message) => {
    const { id } = (await admin.send('POST', '/api/organizations', { name: 'Kept' })).body;
    const res = await admin.send('PATCH', `/api/organizations/${id}`, body);
    expect([res.status, res.body.message]).toEqual([status, expect.stringMatching(message)]);
    expect((await admin.send('GET', `/api/organizations/${id}`)).body.name).toBe('Kept');
  });

  it('deletes an organization with its members, and its key stops working at once', async () => {
    const org = await admin.provisionOrganization('Doomed');
    const idp = idpClient(stack, org.id, org.key);
    expect((await idp.send('POST', '/Users', newUser('doomed@example.com'))).status).toBe(201);
    expect((await idp.send('GET', '/Users')).status).toBe(200);

    const res = await admin.send('DELETE', `/api/organizations/${org.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: org.id, name: 'Doomed', members: 1, groups: 0, scimKeys: 1 });
    expect(res.body.cancelledEmails).toBeGreaterThanOrEqual(0);

    expect((await idp.send('GET', '/Users')).status).toBe(401);
    for (const [method, path] of [
      ['GET', `/api/organizations/${org.id}`],
      ['DELETE', `/api/organizations/${org.id}`],
      ['GET', `/api/organizations/${org.id}/members`],
      ['GET', `/api/organizations/${org.id}/scim/keys`],
      ['GET', `/api/organizations/${org.id}/provisioning-log`],
    ] as const) {
      const gone = await admin.send(method, path);
      expect([method, path, gone.status, gone.body.message]).toEqual([
        method,
        path,
        404,
        'Organization not found.',
      ]);
    }
    const listed = (await admin.send('GET', '/api/organizations?limit=500')).body.organizations;
    expect(listed.map((o: { id: string }) => o.id)).not.toContain(org.id);
  });

  it('lists members with status and groups, filtered by status', async () => {
    const org = await admin.provisionOrganization('Members');
    const idp = idpClient(stack, org.id, org.key);
    const kept = (await idp.send('POST', '/Users', newUser('kept@example.com'))).body.id;
    const revoked = (await idp.send('POST', '/Users', newUser('revoked@example.com'))).body.id;
    const patch = await idp.send('PATCH', `/Users/${revoked}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', value: { active: false } }],
    });
    expect(patch.status).toBe(204);

    const members = (status?: string) =>
      admin.send('GET', `/api/organizations/${org.id}/members${status ? `?status=${status}` : ''}`);
    const all = await members();
    expect(all.status).toBe(200);
    expect(all.body.members.map((m: { id: string; status: string }) => [m.id, m.status])).toEqual([
      [kept, 'invited'],
      [revoked, 'revoked'],
    ]);
    expect(all.body.members[0]).toMatchObject({ email: 'kept@example.com', groups: [] });
    expect(all.body.members[0].lastEmail).toMatchObject({ kind: 'invitation' });
    expect((await members('revoked')).body.members.map((m: { id: string }) => m.id)).toEqual([revoked]);
    expect((await members('invited')).body.members.map((m: { id: string }) => m.id)).toEqual([kept]);
    expect((await members('confirmed')).body.members).toEqual([]);
    const bad = await members('gone');
    expect([bad.status, bad.body.message]).toEqual([
      400,
      expect.stringMatching(/status must be one of: invited/),
    ]);
  });

  it('serves the OpenAPI document of /api only, and Swagger UI from local files', async () => {
    const document = await stack.gateway.inject({ method: 'GET', url: '/api/docs/openapi.json' });
    expect(document.statusCode).toBe(200);
    const spec = document.json<{ openapi: string; paths: Record<string, Record<string, unknown>> }>();
    expect(spec.openapi).toMatch(/^3\./);
    const paths = Object.keys(spec.paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/organizations',
        '/api/organizations/{id}',
        '/api/organizations/{id}/scim/keys',
        '/api/organizations/{id}/scim/keys/{keyId}/rotate',
        '/api/organizations/{id}/scim/keys/{keyId}/revoke',
        '/api/organizations/{id}/members',
        '/api/organizations/{id}/provisioning-log',
      ]),
    );
    expect(paths.filter((path) => !path.startsWith('/api/'))).toEqual([]);
    expect(Object.keys(spec.paths['/api/organizations/{id}']).sort()).toEqual(['delete', 'get', 'patch']);

    const ui = await stack.gateway.inject({ method: 'GET', url: '/api/docs' });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).not.toMatch(/(src|href)="(https?:)?\/\//);
    const bundle = ui.body.match(/src="([^"]*swagger-ui-bundle\.js)"/)?.[1];
    expect(bundle).toBeDefined();
    const script = await stack.gateway.inject({
      method: 'GET',
      url: new URL(bundle!, 'http://x/api/docs/').pathname,
    });
    expect(script.statusCode).toBe(200);
  });
});
