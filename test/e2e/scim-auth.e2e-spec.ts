import { adminClient, idpClient, newUser, startTestStack, type TestStack } from '@roster/testing';

describe('SCIM authentication and outages (SPEC §2)', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('gives the same 401 for no key, a wrong key, another organization key and SCIM disabled', async () => {
    const admin = adminClient(stack);
    const a = await admin.provisionOrganization('Org A');
    const b = await admin.provisionOrganization('Org B');
    expect((await idpClient(stack, b.id, b.key).send('GET', '/Users')).status).toBe(200);

    const wrongKey = b.key.slice(0, -8) + (b.key.endsWith('AAAAAAAA') ? 'BBBBBBBB' : 'AAAAAAAA');
    const attempts = [
      await idpClient(stack, b.id, a.key).send('GET', '/Users'),
      await idpClient(stack, b.id, wrongKey).send('GET', '/Users'),
      await idpClient(stack, b.id, '').send('GET', '/Users', undefined, { authorization: '' }),
      await idpClient(stack, b.id, 'not-a-key').send('GET', '/Users'),
      await idpClient(stack, '00000000-0000-4000-8000-000000000000', b.key).send('GET', '/Users'),
      await idpClient(stack, b.id, a.key).send('POST', '/Users', newUser('x@example.com')),
    ];
    expect((await admin.send('PUT', `/api/organizations/${b.id}/scim`, { enabled: false })).status).toBe(200);
    attempts.push(await idpClient(stack, b.id, b.key).send('GET', '/Users'));

    for (const res of attempts) {
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(res.text).toBe(attempts[0].text);
    }
    expect(attempts[0].body).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '401',
    });

    expect((await admin.send('PUT', `/api/organizations/${b.id}/scim`, { enabled: true })).status).toBe(200);
    expect((await idpClient(stack, b.id, b.key).send('GET', '/Users')).status).toBe(200);
  });

  it('accepts the raw key without "Bearer " as some IdPs send it', async () => {
    const org = await adminClient(stack).provisionOrganization('Raw');
    const res = await idpClient(stack, org.id, org.key).send('GET', '/Users', undefined, {
      authorization: org.key,
    });
    expect(res.status).toBe(200);
  });

  it('answers 503 with Retry-After within 5 s, never 401, while membership is down', async () => {
    const org = await adminClient(stack).provisionOrganization('Outage');
    const idp = idpClient(stack, org.id, org.key);
    await stack.stopMembership();
    const started = Date.now();
    const res = await idp.send('GET', '/Users?filter=userName%20eq%20%22x%22');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBeDefined();
    expect(res.body).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '503',
    });
    const ready = await stack.gateway.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(503);
  });
});
