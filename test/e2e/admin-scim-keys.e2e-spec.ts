import { adminClient, idpClient, startTestStack, type TestStack } from '@roster/testing';
import { createHash } from 'node:crypto';

const HOUR_MS = 3_600_000;

async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, ms = 5_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// Protects SPEC §1: keys rotate with an overlap window, are revoked at once, are listed without their
// secret and record their last use — with a credentials cache long enough that only invalidation,
// not expiry, can make a change visible.
describe('admin API: SCIM key rotation, revocation and listing', () => {
  let stack: TestStack;
  let admin: ReturnType<typeof adminClient>;

  beforeAll(async () => {
    stack = await startTestStack({ CREDENTIALS_CACHE_MS: '60000' });
    admin = adminClient(stack);
  });
  afterAll(async () => {
    await stack?.close();
  });

  const status = async (organizationId: string, key: string) =>
    (await idpClient(stack, organizationId, key).send('GET', '/Users?count=1')).status;
  const keysOf = async (organizationId: string) => {
    const res = await admin.send('GET', `/api/organizations/${organizationId}/scim/keys`);
    expect(res.status).toBe(200);
    return res;
  };

  it('keeps the old key working during the overlap, ends it at once with 0, and revokes at once', async () => {
    const org = await admin.provisionOrganization('Rotation');
    const keysUrl = `/api/organizations/${org.id}/scim/keys`;
    const [first] = (await keysOf(org.id)).body.keys;
    expect(await status(org.id, org.key)).toBe(200);

    const started = Date.now();
    const rotated = await admin.send('POST', `${keysUrl}/${first.id}/rotate`);
    expect(rotated.status).toBe(201);
    expect(rotated.body.key).toMatch(/^roster_scim_/);
    expect(rotated.body.displayPrefix).toBe(rotated.body.key.slice(0, 16));
    expect(rotated.body.previousKey).toMatchObject({ id: first.id, state: 'expiring', revokedAt: null });
    const overlapEnd = Date.parse(rotated.body.previousKey.expiresAt);
    expect(overlapEnd).toBeGreaterThanOrEqual(started + 24 * HOUR_MS - 1_000);
    expect(overlapEnd).toBeLessThanOrEqual(Date.now() + 24 * HOUR_MS + 1_000);
    const second: string = rotated.body.key;
    expect([await status(org.id, org.key), await status(org.id, second)]).toEqual([200, 200]);

    const immediate = await admin.send('POST', `${keysUrl}/${rotated.body.id}/rotate`, { overlapHours: 0 });
    expect(immediate.status).toBe(201);
    expect(immediate.body.previousKey.state).toBe('expired');
    const third: string = immediate.body.key;
    expect([
      await status(org.id, second),
      await status(org.id, third),
      await status(org.id, org.key),
    ]).toEqual([401, 200, 200]);

    const revoked = await admin.send('POST', `${keysUrl}/${first.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id: first.id, state: 'revoked', revokedAt: expect.any(String) });
    expect(await status(org.id, org.key)).toBe(401);
    expect(await status(org.id, third)).toBe(200);

    const listed = await keysOf(org.id);
    expect(listed.body.keys.map((key: { id: string; state: string }) => [key.id, key.state])).toEqual([
      [immediate.body.id, 'active'],
      [rotated.body.id, 'expired'],
      [first.id, 'revoked'],
    ]);
    for (const secret of [org.key, second, third]) {
      expect(listed.text).not.toContain(secret);
      expect(listed.text).not.toContain(createHash('sha256').update(secret).digest('hex'));
    }
    expect(Object.keys(listed.body.keys[0]).sort()).toEqual(
      ['createdAt', 'displayPrefix', 'expiresAt', 'id', 'lastUsedAt', 'revokedAt', 'state'].sort(),
    );
  });

  it('records when a key was last used', async () => {
    const org = await admin.provisionOrganization('Last used');
    const [before] = (await keysOf(org.id)).body.keys;
    expect(before.lastUsedAt).toBeNull();
    expect(await status(org.id, org.key)).toBe(200);
    const used = await eventually(
      async () => (await keysOf(org.id)).body.keys[0].lastUsedAt as string | null,
      (lastUsedAt) => lastUsedAt !== null,
    );
    expect(used).not.toBeNull();
    expect(Math.abs(Date.parse(used!) - Date.now())).toBeLessThan(60_000);
  });

  it.each<[string, (orgId: string, keyId: string) => [string, string, unknown?], number, RegExp]>([
    [
      'an overlap above a week',
      (o, k) => ['POST', `/api/organizations/${o}/scim/keys/${k}/rotate`, { overlapHours: 169 }],
      400,
      /overlapHours must be a whole number from 0 to 168/,
    ],
    [
      'a negative overlap',
      (o, k) => ['POST', `/api/organizations/${o}/scim/keys/${k}/rotate`, { overlapHours: -1 }],
      400,
      /overlapHours/,
    ],
    [
      'an unknown property',
      (o, k) => ['POST', `/api/organizations/${o}/scim/keys/${k}/rotate`, { overlap: 1 }],
      400,
      /property overlap should not exist/,
    ],
    [
      'a key id that is not a UUID',
      (o) => ['POST', `/api/organizations/${o}/scim/keys/abc/revoke`],
      404,
      /^SCIM API key not found\.$/,
    ],
    [
      'an unknown key',
      (o) => ['POST', `/api/organizations/${o}/scim/keys/00000000-0000-4000-8000-000000000000/rotate`],
      404,
      /^SCIM API key not found\.$/,
    ],
    [
      'an unknown organization',
      () => ['GET', `/api/organizations/00000000-0000-4000-8000-000000000000/scim/keys`],
      404,
      /^Organization not found\.$/,
    ],
  ])('refuses %s without changing a key', async (_name, build, expected, message) => {
    const org = await admin.provisionOrganization('Refusals');
    const [key] = (await keysOf(org.id)).body.keys;
    const [method, path, body] = build(org.id, key.id);
    const res = await admin.send(method as 'GET' | 'POST', path, body);
    expect([res.status, res.body.message]).toEqual([expected, expect.stringMatching(message)]);
    expect((await keysOf(org.id)).body.keys).toEqual([key]);
    expect(await status(org.id, org.key)).toBe(200);
  });

  it('refuses to rotate a revoked key: a dead key is replaced by issuing a new one', async () => {
    const org = await admin.provisionOrganization('Dead key');
    const [key] = (await keysOf(org.id)).body.keys;
    const url = `/api/organizations/${org.id}/scim/keys/${key.id}`;
    expect((await admin.send('POST', `${url}/revoke`)).status).toBe(200);
    const again = await admin.send('POST', `${url}/revoke`);
    expect([again.status, again.body.revokedAt]).toEqual([200, expect.any(String)]);
    const res = await admin.send('POST', `${url}/rotate`, { overlapHours: 1 });
    expect([res.status, res.body.message]).toEqual([400, expect.stringMatching(/revoked; issue a new key/)]);
    expect((await keysOf(org.id)).body.keys).toHaveLength(1);
  });
});
