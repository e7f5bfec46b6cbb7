import { adminClient, idpClient, newUser, startTestStack, type TestStack } from '@roster/testing';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/**
 * SPEC §3 "Versioning" (RFC 7644 §3.14): meta.version is the ETag of every response, a stale If-Match
 * on PUT, PATCH or DELETE is 412 and changes nothing, If-None-Match with the current version is 304.
 */
describe('resource versions', () => {
  let stack: TestStack;
  let idp: ReturnType<typeof idpClient>;

  beforeAll(async () => {
    stack = await startTestStack();
    const org = await adminClient(stack).provisionOrganization('Versions');
    idp = idpClient(stack, org.id, org.key);
  });
  afterAll(async () => {
    await stack?.close();
  });

  const retitle = (id: string, title: string, headers: Record<string, string> = {}) =>
    idp.send(
      'PATCH',
      `/Users/${id}`,
      { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'title', value: title }] },
      headers,
    );

  it('sends ETag = meta.version on POST, GET, PUT and PATCH, and a new one on every change', async () => {
    const created = await idp.send('POST', '/Users', newUser('v@example.com', { active: false }));
    const id = created.body.id;
    const versions = [created.headers.etag];
    expect(created.headers.etag).toBe(created.body.meta.version);
    expect(created.headers.etag).toMatch(/^W\/"\d+"$/);

    const read = await idp.send('GET', `/Users/${id}`);
    expect(read.headers.etag).toBe(read.body.meta.version);
    expect(read.headers.etag).toBe(versions[0]);

    const replaced = await idp.send('PUT', `/Users/${id}`, { ...read.body, title: 'A' });
    expect(replaced.headers.etag).toBe(replaced.body.meta.version);
    versions.push(replaced.headers.etag);

    const patched = await retitle(id, 'B');
    expect(patched.status).toBe(204);
    versions.push(patched.headers.etag);
    expect((await idp.send('GET', `/Users/${id}`)).body.meta.version).toBe(patched.headers.etag);
    expect(new Set(versions).size).toBe(3);

    // A request that changes nothing keeps the version (no spurious conflicts for the IdP).
    expect((await retitle(id, 'B')).headers.etag).toBe(patched.headers.etag);
  });

  it('answers If-None-Match with the current version (or *) 304, and a stale one 200', async () => {
    const id = (await idp.send('POST', '/Users', newUser('inm@example.com', { active: false }))).body.id;
    const v1 = (await idp.send('GET', `/Users/${id}`)).headers.etag as string;
    for (const header of [v1, '*', `W/"999", ${v1}`, v1.replace('W/', '')]) {
      const res = await idp.send('GET', `/Users/${id}`, undefined, { 'if-none-match': header });
      expect([header, res.status, res.headers.etag, res.text]).toEqual([header, 304, v1, '']);
    }
    await retitle(id, 'changed');
    const stale = await idp.send('GET', `/Users/${id}`, undefined, { 'if-none-match': v1 });
    expect(stale.status).toBe(200);
    expect(stale.body.title).toBe('changed');
  });

  it.each<['PUT' | 'PATCH' | 'DELETE']>([['PUT'], ['PATCH'], ['DELETE']])(
    '%s with a stale If-Match is 412 and changes nothing; with the current one or * it applies',
    async (method) => {
      const id = (await idp.send('POST', '/Users', newUser(`im-${method}@example.com`, { active: false })))
        .body.id;
      const v1 = (await idp.send('GET', `/Users/${id}`)).headers.etag as string;
      const v2 = (await retitle(id, 'second')).headers.etag as string;
      const send = (ifMatch: string) =>
        method === 'PATCH'
          ? retitle(id, `third-${ifMatch}`, { 'if-match': ifMatch })
          : method === 'PUT'
            ? idp.send('PUT', `/Users/${id}`, newUser(`im-${method}@example.com`, { title: ifMatch }), {
                'if-match': ifMatch,
              })
            : idp.send('DELETE', `/Users/${id}`, undefined, { 'if-match': ifMatch });

      const stale = await send(v1);
      expect(stale.status).toBe(412);
      expect(stale.body).toMatchObject({ status: '412', detail: expect.stringMatching(/If-Match/) });
      const after = await idp.send('GET', `/Users/${id}`);
      expect([after.status, after.body.title, after.headers.etag]).toEqual([200, 'second', v2]);

      const current = await send(v2);
      expect(current.status).toBe(method === 'PUT' ? 200 : 204);
      if (method !== 'DELETE') expect((await send('*')).status).toBe(method === 'PUT' ? 200 : 204);
      else expect((await idp.send('GET', `/Users/${id}`)).status).toBe(404);
    },
  );
});
