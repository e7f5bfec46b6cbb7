import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DomainErrorCode, MembershipPatterns, type ScimCredentials, type UserWrite } from '@roster/contracts';
import { randomUUID } from 'node:crypto';
import { createGateway } from './gateway.bootstrap';
import { generateScimKey } from './scim/auth/scim-key';
import { FakeMembership, uniqueSubjectPrefix } from './testing/fake-membership';
import { TEST_ADMIN_TOKEN, testGatewayConfig, userRecord } from './testing/gateway-test-config';

const SCIM_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const SCIM_JSON = 'application/scim+json; charset=utf-8';
const MAX_PAYLOAD_BYTES = 16_384;

// Transport-level behaviour of the gateway against real NATS: what membership answers is faked
// (patterns, replies, errors, silence); HTTP goes through Fastify's inject.
describe('gateway over real NATS', () => {
  const organizationId = randomUUID();
  const otherOrganizationId = randomUUID();
  const disabledOrganizationId = randomUUID();
  const key = generateScimKey();
  const otherKey = generateScimKey();
  const disabledKey = generateScimKey();
  const credentials = new Map<string, ScimCredentials>([
    [organizationId, { enabled: true, keys: [{ id: randomUUID(), digest: key.digest }] }],
    [otherOrganizationId, { enabled: true, keys: [{ id: randomUUID(), digest: otherKey.digest }] }],
    [disabledOrganizationId, { enabled: false, keys: [{ id: randomUUID(), digest: disabledKey.digest }] }],
  ]);
  const scim = `/scim/v2/${organizationId}`;
  const auth = { authorization: `Bearer ${key.key}` };
  let fake: FakeMembership;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    const prefix = uniqueSubjectPrefix();
    fake = await FakeMembership.start(prefix, Object.values(MembershipPatterns));
    fake.on(MembershipPatterns.scimCredentials, (data) => {
      return (
        credentials.get((data as { organizationId: string }).organizationId) ?? { enabled: false, keys: [] }
      );
    });
    fake.on(MembershipPatterns.health, () => ({ status: 'ok' }));
    fake.on(MembershipPatterns.scimKeyUsed, () => undefined);
    app = await createGateway(testGatewayConfig(prefix, { MAX_PAYLOAD_BYTES: String(MAX_PAYLOAD_BYTES) }));
  });

  afterAll(async () => {
    await app?.close();
    await fake?.close();
  });

  describe('authentication (SPEC §2)', () => {
    // Protects: no failure kind can be told apart from another by status, body or headers.
    it('answers every kind of failure with the same 401, body and headers', async () => {
      const mutated = key.key.slice(0, -1) + (key.key.endsWith('a') ? 'b' : 'a');
      const attempts: [string, string, Record<string, string>][] = [
        ['no header', scim, {}],
        ['malformed key', scim, { authorization: 'Bearer not-a-roster-key' }],
        ['mutated key (bad checksum)', scim, { authorization: `Bearer ${mutated}` }],
        ['well-formed unknown key', scim, { authorization: `Bearer ${generateScimKey().key}` }],
        ["another organization's key", scim, { authorization: `Bearer ${otherKey.key}` }],
        ['unknown organization', `/scim/v2/${randomUUID()}`, auth],
        ['organization id that is not a UUID', '/scim/v2/not-a-uuid', auth],
        [
          'SCIM disabled',
          `/scim/v2/${disabledOrganizationId}`,
          { authorization: `Bearer ${disabledKey.key}` },
        ],
        ['Basic scheme', scim, { authorization: 'Basic dXNlcjpwYXNz' }],
      ];
      const responses = await Promise.all(
        attempts.map(([, base, headers]) => app.inject({ method: 'GET', url: `${base}/Users`, headers })),
      );
      for (const [index, response] of responses.entries()) {
        const kind = attempts[index][0];
        expect({ kind, status: response.statusCode }).toEqual({ kind, status: 401 });
        expect(response.json()).toEqual({
          schemas: [SCIM_ERROR],
          status: '401',
          detail: 'Authentication failed: a valid SCIM API key for this organization is required.',
        });
        expect(response.headers['www-authenticate']).toBe('Bearer realm="roster"');
        expect(response.headers['content-type']).toBe(SCIM_JSON);
        expect(Object.keys(response.headers).sort()).toEqual(Object.keys(responses[0].headers).sort());
      }
    });

    // Protects: the raw key (no scheme) and any case of "bearer" are accepted, as IdPs send them.
    it.each([key.key, `bearer ${key.key}`, `BEARER  ${key.key}`])(
      'accepts the key as %#',
      async (authorization) => {
        fake.on(MembershipPatterns.usersQuery, () => ({ totalResults: 0, items: [] }));
        const response = await app.inject({
          method: 'GET',
          url: `${scim}/Users`,
          headers: { authorization },
        });
        expect(response.statusCode).toBe(200);
      },
    );
  });

  describe('membership failures', () => {
    // Protects: a timeout is an outage (503 + Retry-After), and arrives within the RPC timeout.
    it('answers 503 with Retry-After when membership does not answer in time', async () => {
      fake.silence(MembershipPatterns.usersGet);
      const started = Date.now();
      const response = await app.inject({
        method: 'GET',
        url: `${scim}/Users/${randomUUID()}`,
        headers: auth,
      });
      expect(response.statusCode).toBe(503);
      expect(response.headers['retry-after']).toBe('5');
      expect(response.json()).toMatchObject({ schemas: [SCIM_ERROR], status: '503' });
      expect(Date.now() - started).toBeLessThan(3_000);
    });

    // Protects: domain errors are worded by the gateway, naming the id or the attribute.
    it('maps not_found to 404 naming the user', async () => {
      const id = randomUUID();
      fake.failWith(MembershipPatterns.usersGet, {
        code: DomainErrorCode.notFound,
        message: 'no such member',
      });
      const response = await app.inject({ method: 'GET', url: `${scim}/Users/${id}`, headers: auth });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual({
        schemas: [SCIM_ERROR],
        status: '404',
        detail: `User ${id} not found.`,
      });
    });

    it('maps uniqueness on create to 409 uniqueness naming userName', async () => {
      fake.failWith(MembershipPatterns.usersCreate, {
        code: DomainErrorCode.uniqueness,
        message: 'duplicate key',
        target: 'userName',
      });
      const response = await app.inject({
        method: 'POST',
        url: `${scim}/Users`,
        headers: { ...auth, 'content-type': 'application/scim+json' },
        payload: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'bjensen@example.com' },
      });
      expect(response.statusCode).toBe(409);
      expect(response.json()).toEqual({
        schemas: [SCIM_ERROR],
        status: '409',
        scimType: 'uniqueness',
        detail: 'userName "bjensen@example.com" is already taken in this organization.',
      });
    });

    // Protects: an unexpected error reply from membership is a 500 that leaks nothing of it.
    it('answers 500 with a generic detail when membership fails unexpectedly', async () => {
      fake.failWith(MembershipPatterns.usersGet, {
        code: 'boom',
        message: 'SELECT secret FROM keys',
      } as never);
      const response = await app.inject({
        method: 'GET',
        url: `${scim}/Users/${randomUUID()}`,
        headers: auth,
      });
      expect(response.statusCode).toBe(500);
      expect(response.body).not.toMatch(/SELECT|secret/);
      expect(response.json()).toMatchObject({ schemas: [SCIM_ERROR], status: '500' });
    });
  });

  describe('users over the wire', () => {
    // Protects: application/scim+json bodies are parsed like application/json (SPEC §3).
    it.each(['application/scim+json', 'application/json', 'application/scim+json; charset=utf-8'])(
      'creates a user from a %s body: 201, Location, ETag',
      async (contentType) => {
        const id = randomUUID();
        let received: UserWrite | undefined;
        fake.on(MembershipPatterns.usersCreate, (data) => {
          received = (data as { user: UserWrite }).user;
          return userRecord(organizationId, id, { userName: received.userName, version: 1 });
        });
        const response = await app.inject({
          method: 'POST',
          url: `${scim}/Users`,
          headers: { ...auth, 'content-type': contentType },
          payload: JSON.stringify({
            schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
            userName: 'Babs@Example.com',
            password: 'never-stored',
          }),
        });
        expect(response.statusCode).toBe(201);
        expect(response.headers.location).toBe(`https://roster.test/scim/v2/${organizationId}/Users/${id}`);
        expect(response.headers.etag).toBe('W/"1"');
        expect(response.headers['content-type']).toBe(SCIM_JSON);
        expect(response.json()).toMatchObject({ id, userName: 'Babs@Example.com' });
        expect(received?.userName).toBe('Babs@Example.com');
        expect(JSON.stringify(received)).not.toContain('never-stored');
      },
    );

    // Protects: If-None-Match with the current version is 304 with the ETag and no body (SPEC §3).
    it('answers 304 to If-None-Match with the current version, 200 otherwise', async () => {
      const id = randomUUID();
      fake.on(MembershipPatterns.usersGet, () => userRecord(organizationId, id, { version: 3 }));
      const notModified = await app.inject({
        method: 'GET',
        url: `${scim}/Users/${id}`,
        headers: { ...auth, 'if-none-match': 'W/"3"' },
      });
      expect(notModified.statusCode).toBe(304);
      expect(notModified.headers.etag).toBe('W/"3"');
      expect(notModified.body).toBe('');

      const modified = await app.inject({
        method: 'GET',
        url: `${scim}/Users/${id}`,
        headers: { ...auth, 'if-none-match': 'W/"2"' },
      });
      expect(modified.statusCode).toBe(200);
      expect(modified.json()).toMatchObject({ id, meta: { version: 'W/"3"' } });
    });

    // Protects: lower-case resource names, trailing slashes and upper-case ids all route (SPEC §3).
    it.each([
      (id: string) => `${scim}/users/${id}`,
      (id: string) => `${scim}/Users/${id}/`,
      (id: string) => `/SCIM/V2/${organizationId.toUpperCase()}/USERS/${id.toUpperCase()}`,
    ])('routes tolerant spelling %#', async (url) => {
      const id = randomUUID();
      fake.on(MembershipPatterns.usersGet, (data) => {
        expect(data).toEqual({ organizationId, id });
        return userRecord(organizationId, id);
      });
      const response = await app.inject({ method: 'GET', url: url(id), headers: auth });
      expect(response.statusCode).toBe(200);
    });
  });

  describe('request bodies', () => {
    const post = (payload: string, contentType = 'application/scim+json') =>
      app.inject({
        method: 'POST',
        url: `${scim}/Users`,
        headers: { ...auth, 'content-type': contentType },
        payload,
      });

    // Protects: MAX_PAYLOAD_BYTES is enforced before parsing, with a SCIM 413.
    it('answers 413 to a body larger than MAX_PAYLOAD_BYTES', async () => {
      const response = await post(JSON.stringify({ userName: 'x'.repeat(MAX_PAYLOAD_BYTES) }));
      expect(response.statusCode).toBe(413);
      expect(response.headers['content-type']).toBe(SCIM_JSON);
      expect(response.json()).toMatchObject({ schemas: [SCIM_ERROR], status: '413' });
    });

    // Protects: hostile nesting is refused at once, before anything walks it.
    it('answers 400 invalidSyntax quickly to JSON nested deeper than 32', async () => {
      const started = Date.now();
      const response = await post('['.repeat(5_000) + ']'.repeat(5_000));
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ status: '400', scimType: 'invalidSyntax' });
      expect(response.json().detail).toMatch(/nested deeper than 32/);
      expect(Date.now() - started).toBeLessThan(1_000);
    });

    it.each([
      ['invalid JSON', '{"userName": '],
      ['an empty body', ''],
      ['a __proto__ key', '{"userName":"x","__proto__":{"admin":true}}'],
      ['a constructor.prototype key', '{"userName":"x","constructor":{"prototype":{"admin":true}}}'],
    ])('answers 400 invalidSyntax to %s', async (_name, payload) => {
      const response = await post(payload);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        schemas: [SCIM_ERROR],
        status: '400',
        scimType: 'invalidSyntax',
      });
    });

    // Protects: IdPs that send a JSON Content-Type on a bodiless DELETE are served (SPEC §3: be liberal).
    it('accepts a DELETE with a JSON content type and no body', async () => {
      fake.on(MembershipPatterns.usersDelete, () => undefined);
      const response = await app.inject({
        method: 'DELETE',
        url: `${scim}/Users/${randomUUID()}`,
        headers: { ...auth, 'content-type': 'application/scim+json' },
      });
      expect(response.statusCode).toBe(204);
      expect(response.body).toBe('');
    });

    it('answers 415 to a body that is not JSON', async () => {
      const response = await post('userName=x', 'application/x-www-form-urlencoded');
      expect(response.statusCode).toBe(415);
      expect(response.headers['content-type']).toBe(SCIM_JSON);
      expect(response.json()).toMatchObject({ schemas: [SCIM_ERROR], status: '415' });
    });
  });

  describe('unrouted and unsupported', () => {
    // Protects: SCIM clients get SCIM error bodies for paths Roster does not serve.
    it('answers 404 with a SCIM body for an unknown path under /scim', async () => {
      const response = await app.inject({ method: 'GET', url: `${scim}/Nonsense`, headers: auth });
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toBe(SCIM_JSON);
      expect(response.json()).toMatchObject({ schemas: [SCIM_ERROR], status: '404' });
    });

    it('answers 501 to /Bulk', async () => {
      const response = await app.inject({
        method: 'POST',
        url: `${scim}/Bulk`,
        headers: auth,
        payload: { schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'], Operations: [] },
      });
      expect(response.statusCode).toBe(501);
      expect(response.json()).toEqual({
        schemas: [SCIM_ERROR],
        status: '501',
        detail: 'Bulk operations are not supported.',
      });
    });
  });

  describe('admin API and health', () => {
    const admin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

    // Protects: the key is generated in the gateway, only its digest reaches membership, and it
    // works at once on this gateway (the credentials cache is invalidated on issue).
    it('issues a key that membership only sees as a digest and that authenticates at once', async () => {
      const id = randomUUID();
      const keyId = randomUUID();
      credentials.set(id, { enabled: true, keys: [] });
      fake.on(MembershipPatterns.usersQuery, () => ({ totalResults: 0, items: [] }));
      const before = await app.inject({ method: 'GET', url: `/scim/v2/${id}/Users`, headers: auth });
      expect(before.statusCode).toBe(401);

      let sent: Record<string, unknown> = {};
      fake.on(MembershipPatterns.scimKeysIssue, (data) => {
        sent = data as Record<string, unknown>;
        credentials.set(id, { enabled: true, keys: [{ id: keyId, digest: String(sent.digest) }] });
        return {
          id: keyId,
          organizationId: id,
          displayPrefix: sent.displayPrefix,
          createdAt: '2025-01-01T00:00:00.000Z',
        };
      });
      const issued = await app.inject({
        method: 'POST',
        url: `/api/organizations/${id}/scim/keys`,
        headers: admin,
      });
      expect(issued.statusCode).toBe(201);
      const { key: secret } = issued.json<{ key: string }>();
      expect(issued.json()).toEqual({
        id: keyId,
        key: expect.stringMatching(/^roster_scim_/),
        createdAt: '2025-01-01T00:00:00.000Z',
      });
      expect(JSON.stringify(sent)).not.toContain(secret);
      expect(sent).toEqual({
        organizationId: id,
        displayPrefix: secret.slice(0, 16),
        digest: expect.stringMatching(/^[0-9a-f]{64}$/),
      });

      const after = await app.inject({
        method: 'GET',
        url: `/scim/v2/${id}/Users`,
        headers: { authorization: secret },
      });
      expect(after.statusCode).toBe(200);
    });

    // Protects: the admin sees the SCIM URL to give the IdP (SPEC §1), built from PUBLIC_URL.
    it('creates an organization and shows its SCIM URL', async () => {
      const id = randomUUID();
      fake.on(MembershipPatterns.organizationsCreate, (data) => ({
        id,
        name: (data as { name: string }).name,
        scimEnabled: false,
        createdAt: '2025-01-01T00:00:00.000Z',
      }));
      const response = await app.inject({
        method: 'POST',
        url: '/api/organizations',
        headers: admin,
        payload: { name: ' Acme ' },
      });
      expect(response.statusCode).toBe(201);
      expect(response.json()).toEqual({
        id,
        name: 'Acme',
        scim: { enabled: false, url: `https://roster.test/scim/v2/${id}` },
      });
    });

    // Protects: DTO validation answers 400 listing the problem, before membership is asked.
    it.each([
      ['a missing name', {}, /name/],
      ['an unknown property', { name: 'Acme', plan: 'gold' }, /plan should not exist/],
    ])('answers 400 to %s', async (_name, payload, message) => {
      const response = await app.inject({
        method: 'POST',
        url: '/api/organizations',
        headers: admin,
        payload,
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        statusCode: 400,
        error: 'Bad Request',
        message: expect.stringMatching(message),
      });
    });

    it('answers 400 to a SCIM switch that is not a boolean', async () => {
      const response = await app.inject({
        method: 'PUT',
        url: `/api/organizations/${organizationId}/scim`,
        headers: admin,
        payload: { enabled: 'yes' },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().message).toMatch(/enabled must be true or false/);
    });

    it('answers 404 to an organization id that is not a UUID, and to one membership does not know', async () => {
      const malformed = await app.inject({ method: 'GET', url: '/api/organizations/acme', headers: admin });
      expect(malformed.statusCode).toBe(404);
      fake.failWith(MembershipPatterns.organizationsGet, {
        code: DomainErrorCode.notFound,
        message: 'x',
        target: 'organization',
      });
      const unknown = await app.inject({
        method: 'GET',
        url: `/api/organizations/${randomUUID()}`,
        headers: admin,
      });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json()).toEqual({
        statusCode: 404,
        error: 'Not Found',
        message: 'Organization not found.',
      });
    });

    it('lists members, filtered by status', async () => {
      let request: unknown;
      fake.on(MembershipPatterns.membersList, (data) => {
        request = data;
        return [];
      });
      const response = await app.inject({
        method: 'GET',
        url: `/api/organizations/${organizationId}/members?status=revoked`,
        headers: admin,
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ members: [] });
      expect(request).toEqual({ organizationId, status: 'revoked' });
    });

    it('refuses the admin API without the admin token', async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/api/organizations',
        payload: { name: 'Acme' },
      });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    });

    it('answers ready when membership answers its health check', async () => {
      expect((await app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
      const ready = await app.inject({ method: 'GET', url: '/health/ready' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toEqual({ status: 'ok' });
    });
  });
});

// Protects SPEC §2: with no membership at all, IdPs get 503 + Retry-After (never 401, which makes
// Entra ID quarantine the app), at once rather than after the RPC timeout.
describe('gateway with no membership listening', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createGateway(testGatewayConfig(uniqueSubjectPrefix(), { RPC_TIMEOUT_MS: '10000' }));
  });

  afterAll(async () => {
    await app?.close();
  });

  it('answers SCIM requests 503 with Retry-After within 5 s, not 401', async () => {
    const started = Date.now();
    const response = await app.inject({
      method: 'GET',
      url: `/scim/v2/${randomUUID()}/Users`,
      headers: { authorization: `Bearer ${generateScimKey().key}` },
    });
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(response.json()).toMatchObject({ schemas: [SCIM_ERROR], status: '503' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('answers the admin API 503 with Retry-After', async () => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/organizations/${randomUUID()}`,
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(response.json()).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });
  });

  it('is live but not ready', async () => {
    expect((await app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.headers['retry-after']).toBe('5');
  });
});
