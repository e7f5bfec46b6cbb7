import { adminClient, idpClient, newUser, request, startTestStack, type TestStack } from '@roster/testing';

const SCIM_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

/**
 * Hostile or broken input gets a clear SCIM error quickly and changes nothing (SPEC §3; issue 6 §5):
 * nothing here may be a 5xx, and nothing may be stored.
 */
describe('hostile input', () => {
  let stack: TestStack;
  let idp: ReturnType<typeof idpClient>;
  let orgId: string;

  beforeAll(async () => {
    stack = await startTestStack();
    const org = await adminClient(stack).provisionOrganization('Hostile');
    orgId = org.id;
    idp = idpClient(stack, org.id, org.key);
  });
  afterAll(async () => {
    await stack?.close();
  });

  const userCount = async () => (await idp.send('GET', '/Users?count=0')).body.totalResults as number;

  it('answers a body over the payload limit with 413', async () => {
    const huge = newUser('huge@example.com', { title: 'x'.repeat(2 * 1024 * 1024) });
    const res = await idp.send('POST', '/Users', huge);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ schemas: [SCIM_ERROR], status: '413' });
    expect(await userCount()).toBe(0);
  });

  it('answers JSON nested deeper than the cap with 400 invalidSyntax, fast', async () => {
    const deep = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
    const started = Date.now();
    const res = await idp.send('POST', '/Users', deep);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ schemas: [SCIM_ERROR], scimType: 'invalidSyntax' });
  });

  it('rejects __proto__ keys and does not pollute prototypes', async () => {
    const res = await idp.send(
      'POST',
      '/Users',
      '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"proto@example.com","__proto__":{"polluted":true}}',
    );
    expect(res.status).toBe(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await userCount()).toBe(0);
  });

  it('answers malformed JSON with 400 invalidSyntax naming the problem', async () => {
    const res = await idp.send('POST', '/Users', '{"userName": "x",');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ schemas: [SCIM_ERROR], status: '400', scimType: 'invalidSyntax' });
    expect(res.body.detail).toMatch(/JSON/i);
  });

  it.each([
    ['a 10 KB filter', `userName eq "${'a'.repeat(10_240)}"`],
    ['1,000 nested parentheses', `${'('.repeat(1000)}userName eq "x"${')'.repeat(1000)}`],
    ['an SQL injection attempt as an unquoted value', `userName eq x' OR '1'='1`],
    ['an unknown attribute', 'doesNotExist eq "x"'],
    ['trailing garbage', 'userName eq "x" garbage'],
  ])('answers %s with 400 invalidFilter, never 5xx', async (_name, filter) => {
    const res = await idp.send('GET', `/Users?filter=${encodeURIComponent(filter)}`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ schemas: [SCIM_ERROR], scimType: 'invalidFilter' });
  });

  it('treats SQL in a quoted filter value as data', async () => {
    const res = await idp.send(
      'GET',
      `/Users?filter=${encodeURIComponent(`userName eq "x'; DROP TABLE members; --"`)}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.totalResults).toBe(0);
    expect((await idp.send('POST', '/Users', newUser('still-works@example.com'))).status).toBe(201);
  });

  it('answers an unsupported content type with 415 and a SCIM body', async () => {
    const res = await request(stack.gateway, 'POST', `/scim/v2/${orgId}/Users`, {
      body: 'userName=x',
      headers: { 'content-type': 'text/plain', authorization: (await adminKey()).authorization },
    });
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ schemas: [SCIM_ERROR], status: '415' });
  });

  it('answers a missing userName with 400 invalidValue naming it', async () => {
    const res = await idp.send('POST', '/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'] });
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/userName/);
  });

  it('builds invitation links from PUBLIC_URL whatever the Host header says', async () => {
    const res = await idp.send('POST', '/Users', newUser('host@example.com'), { host: 'evil.example' });
    expect(res.status).toBe(201);
    expect(res.headers.location).toMatch(/^http:\/\/roster\.test\//);
    const mail = await stack.sink.waitFor((m) => m.to.includes('host@example.com'));
    expect(mail.text).toContain('http://roster.test/invitations/accept?token=');
    expect(mail.text).not.toContain('evil.example');
  });

  async function adminKey() {
    const org = await adminClient(stack).provisionOrganization('Content');
    return { authorization: `Bearer ${org.key}` };
  }
});
