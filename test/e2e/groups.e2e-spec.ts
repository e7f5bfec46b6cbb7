import { adminClient, idpClient, newUser, startTestStack, type TestStack } from '@roster/testing';
import { randomUUID } from 'node:crypto';

const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const SCIM_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const patchOf = (...Operations: unknown[]) => ({ schemas: [PATCH], Operations });
const filterOf = (text: string) => encodeURIComponent(text);
const memberValues = (body: any): string[] => (body.members ?? []).map((m: any) => m.value).sort();

/**
 * SCIM Groups end to end (SPEC §3, §5): the request sequences Okta and Entra send, through the
 * gateway, NATS and membership into PostgreSQL and back; tenant isolation; versioning; errors.
 */
describe('an identity provider pushes groups (SPEC §5)', () => {
  let stack: TestStack;
  let admin: ReturnType<typeof adminClient>;
  let org: Awaited<ReturnType<ReturnType<typeof adminClient>['provisionOrganization']>>;
  let other: typeof org;
  let okta: ReturnType<typeof idpClient>;
  let entra: ReturnType<typeof idpClient>;
  let users: string[];
  let foreignUser: string;

  beforeAll(async () => {
    stack = await startTestStack();
    admin = adminClient(stack);
    org = await admin.provisionOrganization('Acme');
    other = await admin.provisionOrganization('Other');
    okta = idpClient(stack, org.id, org.key, 'Okta SCIM Client 1.0.0');
    entra = idpClient(stack, org.id, org.key, 'Azure Active Directory SCIM Client');
    users = [];
    for (const name of ['ann', 'bob', 'cat', 'dan']) {
      const res = await okta.send(
        'POST',
        '/Users',
        newUser(`${name}@acme.test`, { active: false, displayName: name.toUpperCase() }),
      );
      expect(res.status).toBe(201);
      users.push(res.body.id);
    }
    const foreign = await idpClient(stack, other.id, other.key).send(
      'POST',
      '/Users',
      newUser('eve@other.test', { active: false }),
    );
    foreignUser = foreign.body.id;
  });
  afterAll(async () => {
    await stack?.close();
  });

  async function logWarnings(organizationId: string, groupId: string): Promise<string[]> {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const res = await admin.send('GET', `/api/organizations/${organizationId}/provisioning-log?limit=500`);
      const warnings = (res.body.entries as any[])
        .filter((entry) => entry.resourceId === groupId)
        .flatMap((entry) => entry.warnings as string[]);
      if (warnings.length > 0 || Date.now() > deadline) return warnings;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('Okta Push Groups: look up, create, add, remove by filter, rename — and the users see their groups', async () => {
    const [ann, bob] = users;
    const lookup = await okta.send('GET', `/Groups?filter=${filterOf('displayName eq "Okta Engineering"')}`);
    expect(lookup.status).toBe(200);
    expect(lookup.body).toMatchObject({ totalResults: 0, Resources: [] });

    const created = await okta.send(
      'POST',
      '/Groups',
      {
        schemas: [GROUP],
        displayName: 'Okta Engineering',
        members: [{ value: ann, display: 'whatever Okta says' }],
      },
      { 'content-type': 'application/json' },
    );
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    expect(created.headers.location).toBe(`http://roster.test/scim/v2/${org.id}/Groups/${id}`);
    expect(created.headers.etag).toBe(created.body.meta.version);
    expect(created.body).toMatchObject({
      schemas: [GROUP],
      displayName: 'Okta Engineering',
      members: [{ value: ann, $ref: `http://roster.test/scim/v2/${org.id}/Users/${ann}`, display: 'ANN' }],
      meta: { resourceType: 'Group', location: created.headers.location },
    });
    expect(created.body).not.toHaveProperty('externalId');

    const steps = [
      patchOf({ op: 'add', path: 'members', value: [{ value: bob, display: 'bob@acme.test' }] }),
      patchOf({ op: 'remove', path: `members[value eq "${ann}"]` }),
      patchOf({ op: 'replace', value: { id, displayName: 'Engineering' } }),
    ];
    let etag = created.headers.etag;
    for (const body of steps) {
      const res = await okta.send('PATCH', `/Groups/${id}`, body);
      expect(res.status).toBe(204);
      expect(res.headers.etag).not.toBe(etag);
      etag = res.headers.etag;
    }
    const group = await okta.send('GET', `/Groups/${id}`);
    expect(group.body).toMatchObject({ displayName: 'Engineering', meta: { version: etag } });
    expect(memberValues(group.body)).toEqual([bob]);

    const bobUser = await okta.send('GET', `/Users/${bob}`);
    expect(bobUser.body.groups).toEqual([
      { value: id, $ref: `http://roster.test/scim/v2/${org.id}/Groups/${id}`, display: 'Engineering' },
    ]);
    const annUser = await okta.send('GET', `/Users/${ann}`);
    expect(annUser.status).toBe(200); // removed from the group, still a member of the organization
    expect(annUser.body.groups).toBeUndefined();
  });

  it('Entra: probe, create, find by externalId without members, add (twice), remove by value, rename, delete twice', async () => {
    const [ann, bob, cat] = users;
    const headers = { adscimversion: '2.0' };
    const probe = await entra.send(
      'GET',
      `/Groups?excludedAttributes=members&filter=${filterOf(`displayName eq "${randomUUID()}"`)}`,
      undefined,
      headers,
    );
    expect(probe.body).toMatchObject({ totalResults: 0, Resources: [] });

    const created = await entra.send(
      'POST',
      '/Groups',
      { schemas: [GROUP], displayName: 'Entra Sales', externalId: 'aad-1', members: [] },
      headers,
    );
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    expect(created.body.members).toEqual([]);

    const found = await entra.send(
      'GET',
      `/Groups?excludedAttributes=members&filter=${filterOf('externalId eq "aad-1"')}`,
      undefined,
      headers,
    );
    expect(found.body.totalResults).toBe(1);
    expect(found.body.Resources[0]).toMatchObject({ id, displayName: 'Entra Sales', externalId: 'aad-1' });
    expect(found.body.Resources[0]).not.toHaveProperty('members');

    const add = patchOf({
      op: 'Add',
      path: 'members',
      value: [{ value: ann }, { value: bob }, { value: cat }],
    });
    const first = await entra.send('PATCH', `/Groups/${id}`, add, headers);
    expect(first.status).toBe(204);
    const again = await entra.send('PATCH', `/Groups/${id}`, add, headers);
    expect(again.status).toBe(204);
    expect(again.headers.etag).toBe(first.headers.etag); // re-adding members is no change

    const removal = patchOf({ op: 'Remove', path: 'members', value: [{ value: ann }] });
    expect((await entra.send('PATCH', `/Groups/${id}`, removal, headers)).status).toBe(204);
    const renamed = await entra.send(
      'PATCH',
      `/Groups/${id}`,
      patchOf({ op: 'Replace', path: 'displayName', value: 'Entra Sales EMEA' }),
      headers,
    );
    expect(renamed.status).toBe(204);

    const group = await entra.send('GET', `/Groups/${id}`, undefined, headers);
    expect(group.body.displayName).toBe('Entra Sales EMEA');
    expect(memberValues(group.body)).toEqual([bob, cat].sort());

    expect((await entra.send('DELETE', `/Groups/${id}`, undefined, headers)).status).toBe(204);
    const twice = await entra.send('DELETE', `/Groups/${id}`, undefined, headers);
    expect(twice.status).toBe(404);
    expect(twice.body).toMatchObject({ schemas: [SCIM_ERROR], status: '404' });
    expect((await entra.send('GET', `/Groups/${id}`)).status).toBe(404);
    expect((await entra.send('PATCH', `/Groups/${id}`, add)).status).toBe(404);
    expect((await entra.send('GET', `/Users/${bob}`)).status).toBe(200); // deleting a group removes no user
  });

  it('keeps tenants apart: a group cannot gain another organization’s user, and unknown ids are skipped with a warning', async () => {
    const [ann] = users;
    const unknown = randomUUID();
    const created = await okta.send('POST', '/Groups', {
      schemas: [GROUP],
      displayName: 'Isolated',
      members: [{ value: ann }, { value: foreignUser }],
    });
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    expect(memberValues(created.body)).toEqual([ann]);
    const patched = await okta.send(
      'PATCH',
      `/Groups/${id}`,
      patchOf({
        op: 'add',
        path: 'members',
        value: [{ value: foreignUser }, { value: unknown }, { value: 'not-an-id' }],
      }),
    );
    expect(patched.status).toBe(204);
    expect(patched.headers.etag).toBe(created.headers.etag);
    expect(memberValues((await okta.send('GET', `/Groups/${id}`)).body)).toEqual([ann]);

    const warnings = (await logWarnings(org.id, id)).join('\n');
    for (const skipped of [foreignUser, unknown, 'not-an-id']) expect(warnings).toContain(skipped);

    const otherIdp = idpClient(stack, other.id, other.key);
    expect((await otherIdp.send('GET', `/Groups/${id}`)).status).toBe(404);
    expect(
      (
        await otherIdp.send(
          'PATCH',
          `/Groups/${id}`,
          patchOf({ op: 'add', path: 'members', value: [{ value: foreignUser }] }),
        )
      ).status,
    ).toBe(404);
    expect((await otherIdp.send('GET', '/Groups')).body.totalResults).toBe(0);
  });

  it('keeps displayName unique case-insensitively (409 uniqueness), and stores externalId as sent', async () => {
    const first = await okta.send('POST', '/Groups', {
      schemas: [GROUP],
      displayName: 'Finance',
      externalId: 'Ext-CaSe',
    });
    expect(first.body.externalId).toBe('Ext-CaSe');
    const duplicate = await okta.send('POST', '/Groups', { schemas: [GROUP], displayName: 'FINANCE' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({ schemas: [SCIM_ERROR], status: '409', scimType: 'uniqueness' });
    expect(duplicate.body.detail).toMatch(/displayName "FINANCE"/);

    const second = await okta.send('POST', '/Groups', { schemas: [GROUP], displayName: 'Legal' });
    const clash = await okta.send(
      'PATCH',
      `/Groups/${second.body.id}`,
      patchOf(
        { op: 'add', path: 'members', value: [{ value: users[0] }] },
        { op: 'replace', path: 'displayName', value: 'finance' },
      ),
    );
    expect(clash.status).toBe(409);
    const unchanged = await okta.send('GET', `/Groups/${second.body.id}`);
    expect(unchanged.body).toMatchObject({ displayName: 'Legal', meta: { version: second.headers.etag } });
    expect(unchanged.body.members).toEqual([]);
  });

  it('is atomic: one bad operation fails the PATCH with an error naming it, and nothing changes', async () => {
    const created = await okta.send('POST', '/Groups', { schemas: [GROUP], displayName: 'Atomic' });
    const id: string = created.body.id;
    const res = await okta.send(
      'PATCH',
      `/Groups/${id}`,
      patchOf(
        { op: 'add', path: 'members', value: [{ value: users[0] }] },
        { op: 'replace', value: { displayName: 'Renamed' } },
        { op: 'remove', path: 'displayName' },
      ),
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ scimType: 'invalidValue' });
    expect(res.body.detail).toMatch(/^Operations\[2\]: .*displayName/);
    const after = await okta.send('GET', `/Groups/${id}`);
    expect(after.body).toMatchObject({
      displayName: 'Atomic',
      members: [],
      meta: { version: created.headers.etag },
    });
  });

  it.each<[string, string, unknown, number, string]>([
    ['POST without displayName', 'POST', { schemas: [GROUP] }, 400, 'invalidValue'],
    ['POST with a User body', 'POST', newUser('x@acme.test'), 400, 'invalidSyntax'],
    [
      'PATCH selecting members by display',
      'PATCH',
      patchOf({ op: 'remove', path: 'members[display eq "ANN"]' }),
      400,
      'invalidFilter',
    ],
    [
      'PATCH of the read-only id',
      'PATCH',
      patchOf({ op: 'replace', path: 'id', value: 'x' }),
      400,
      'mutability',
    ],
    [
      'PATCH of an unknown attribute',
      'PATCH',
      patchOf({ op: 'replace', path: 'owner', value: 'x' }),
      400,
      'invalidPath',
    ],
    ['PATCH without Operations', 'PATCH', { schemas: [PATCH] }, 400, 'invalidSyntax'],
    ['a filter on an unknown attribute', 'GET?filter=title eq "x"', undefined, 400, 'invalidFilter'],
  ])('answers %s with a SCIM error', async (_name, method, body, status, scimType) => {
    const target = await okta.send('POST', '/Groups', {
      schemas: [GROUP],
      displayName: `Errors ${randomUUID()}`,
    });
    const [verb, query] = method.split('?');
    const path =
      verb === 'PATCH'
        ? `/Groups/${target.body.id}`
        : verb === 'GET'
          ? `/Groups?${query.replace(/=(.*)$/, (_m, v: string) => `=${filterOf(v)}`)}`
          : '/Groups';
    const res = await okta.send(verb as 'POST' | 'PATCH' | 'GET', path, body);
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ schemas: [SCIM_ERROR], status: String(status), scimType });
    expect(res.body.detail.length).toBeGreaterThan(10);
  });

  it('PUT replaces name and externalId; members only when present', async () => {
    const [ann, bob] = users;
    const created = await okta.send('POST', '/Groups', {
      schemas: [GROUP],
      displayName: 'Put Me',
      externalId: 'p-1',
      members: [{ value: ann }],
    });
    const id: string = created.body.id;
    const withoutMembers = await okta.send('PUT', `/Groups/${id}`, {
      schemas: [GROUP],
      id,
      displayName: 'Put Renamed',
    });
    expect(withoutMembers.status).toBe(200);
    expect(withoutMembers.body).toMatchObject({ displayName: 'Put Renamed' });
    expect(withoutMembers.body).not.toHaveProperty('externalId');
    expect(memberValues(withoutMembers.body)).toEqual([ann]);
    const withMembers = await okta.send('PUT', `/Groups/${id}`, {
      schemas: [GROUP],
      displayName: 'Put Renamed',
      members: [{ value: bob }],
    });
    expect(memberValues(withMembers.body)).toEqual([bob]);
    const cleared = await okta.send('PUT', `/Groups/${id}`, {
      schemas: [GROUP],
      displayName: 'Put Renamed',
      members: [],
    });
    expect(cleared.body.members).toEqual([]);
  });

  it('honours If-Match and If-None-Match like Users, and returns the resource from PATCH when attributes are asked for', async () => {
    const created = await okta.send('POST', '/Groups', { schemas: [GROUP], displayName: 'Versioned' });
    const id: string = created.body.id;
    const etag = created.headers.etag as string;
    expect((await okta.send('GET', `/Groups/${id}`, undefined, { 'if-none-match': etag })).status).toBe(304);
    const add = patchOf({ op: 'add', path: 'members', value: [{ value: users[2] }] });
    const withResource = await okta.send('PATCH', `/Groups/${id}?attributes=members`, add, {
      'if-match': etag,
    });
    expect(withResource.status).toBe(200);
    expect(Object.keys(withResource.body).sort()).toEqual(['id', 'members', 'meta', 'schemas']);
    expect(withResource.headers.etag).not.toBe(etag);
    const stale = await okta.send('PATCH', `/Groups/${id}`, add, { 'if-match': etag });
    expect(stale.status).toBe(412);
    expect((await okta.send('DELETE', `/Groups/${id}`, undefined, { 'if-match': etag })).status).toBe(412);
    expect(
      (
        await okta.send('DELETE', `/Groups/${id}`, undefined, {
          'if-match': withResource.headers.etag as string,
        })
      ).status,
    ).toBe(204);
  });

  it('lists with filters, paging, projection and .search', async () => {
    const names = ['List A', 'List B', 'List C'];
    const ids: string[] = [];
    for (const displayName of names) {
      ids.push(
        (
          await okta.send('POST', '/Groups', {
            schemas: [GROUP],
            displayName,
            members: [{ value: users[3] }],
          })
        ).body.id,
      );
    }
    const page = await okta.send(
      'GET',
      `/Groups?filter=${filterOf('displayName sw "list"')}&startIndex=2&count=1`,
    );
    expect(page.body).toMatchObject({ totalResults: 3, startIndex: 2, itemsPerPage: 1 });
    expect(page.body.Resources[0].displayName).toBe('List B');
    expect(memberValues(page.body.Resources[0])).toEqual([users[3]]);

    const byId = await okta.send(
      'GET',
      `/Groups?filter=${filterOf(`id eq "${ids[2]}"`)}&attributes=displayName`,
    );
    expect(byId.body.Resources).toEqual([
      { schemas: [GROUP], id: ids[2], displayName: 'List C', meta: expect.any(Object) },
    ]);
    const byMember = await okta.send(
      'GET',
      `/Groups?filter=${filterOf(`members[value eq "${users[3]}"] and displayName sw "List"`)}&excludedAttributes=members`,
    );
    expect(byMember.body.totalResults).toBe(3);
    expect(byMember.body.Resources.some((r: any) => 'members' in r)).toBe(false);

    const search = await okta.send('POST', '/Groups/.search', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
      filter: 'displayName eq "list a"',
      excludedAttributes: ['members'],
    });
    expect(search.status).toBe(200);
    expect(search.body.Resources.map((r: any) => r.id)).toEqual([ids[0]]);
    const totalOnly = await okta.send('GET', '/groups?count=0');
    expect(totalOnly.body).toMatchObject({ itemsPerPage: 0, Resources: [] });
    expect(totalOnly.body.totalResults).toBeGreaterThanOrEqual(3);
  });

  it('deleting a user takes it out of its groups and changes their ETag', async () => {
    const doomed = (await okta.send('POST', '/Users', newUser('doomed@acme.test', { active: false }))).body
      .id;
    const created = await okta.send('POST', '/Groups', {
      schemas: [GROUP],
      displayName: 'Doomed',
      members: [{ value: doomed }, { value: users[0] }],
    });
    expect((await okta.send('DELETE', `/Users/${doomed}`)).status).toBe(204);
    const after = await okta.send('GET', `/Groups/${created.body.id}`);
    expect(memberValues(after.body)).toEqual([users[0]]);
    expect(after.headers.etag).not.toBe(created.headers.etag);
  });

  it('shows admins the groups with their members', async () => {
    const res = await admin.send('GET', `/api/organizations/${org.id}/groups`);
    expect(res.status).toBe(200);
    const engineering = (res.body.groups as any[]).find((group) => group.displayName === 'Engineering');
    expect(engineering).toMatchObject({
      memberCount: 1,
      members: [{ id: users[1], userName: 'bob@acme.test', displayName: 'BOB' }],
    });
    expect((await admin.send('GET', `/api/organizations/${randomUUID()}/groups`)).status).toBe(404);
  });
});
