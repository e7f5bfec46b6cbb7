import { adminClient, idpClient, newUser, startTestStack, type TestStack } from '@roster/testing';

interface Entry {
  id: string;
  at: string;
  idp: string;
  method: string;
  path: string;
  resourceType: string | null;
  resourceId: string | null;
  outcome: string;
  status: number;
  durationMs: number;
  warnings: string[];
}

// Protects SPEC §1 and §6: every SCIM request an IdP makes shows in its organization's provisioning
// log — time, detected IdP, method, path, resource, outcome, status — and no secret, filter value
// or body ever does.
describe('admin API: the provisioning log', () => {
  let stack: TestStack;
  let admin: ReturnType<typeof adminClient>;
  let org: Awaited<ReturnType<ReturnType<typeof adminClient>['provisionOrganization']>>;
  let userId: string;
  const FILTER_VALUE = 'filter-secret-7f3a@example.com';
  const BODY_VALUE = 'Body-Secret-Given-Name-91c2';
  const UNKNOWN_ID = '00000000-0000-4000-8000-00000000abcd';

  const logOf = (organizationId: string, query = '') =>
    admin.send('GET', `/api/organizations/${organizationId}/provisioning-log${query}`);

  async function waitForEntries(organizationId: string, count: number): Promise<Entry[]> {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const res = await logOf(organizationId, '?limit=500');
      expect(res.status).toBe(200);
      if (res.body.entries.length >= count || Date.now() > deadline) return res.body.entries as Entry[];
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  beforeAll(async () => {
    stack = await startTestStack();
    admin = adminClient(stack);
    org = await admin.provisionOrganization('Logged');
    const okta = idpClient(stack, org.id, org.key, 'Okta SCIM Client 1.0.0');
    const entra = idpClient(stack, org.id, org.key, 'Mozilla/5.0');
    const created = await okta.send(
      'POST',
      '/Users',
      newUser('log@example.com', { name: { givenName: BODY_VALUE } }),
    );
    expect(created.status).toBe(201);
    userId = created.body.id;
    const requests = [
      okta.send('GET', `/Users?filter=${encodeURIComponent(`userName eq "${FILTER_VALUE}"`)}`),
      entra.send(
        'PATCH',
        `/Users/${userId}`,
        {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
        },
        { adscimversion: '2.0' },
      ),
      okta.send('GET', `/Users/${UNKNOWN_ID}`),
      idpClient(
        stack,
        org.id,
        org.key.slice(0, -1) + (org.key.endsWith('a') ? 'b' : 'a'),
        'JumpCloud SCIM',
      ).send('GET', '/Users'),
    ];
    expect((await Promise.all(requests)).map((res) => res.status)).toEqual([200, 204, 404, 401]);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('records each request with its IdP, resource and outcome, newest first', async () => {
    const entries = await waitForEntries(org.id, 5);
    expect(entries).toHaveLength(5);
    const byStatus = new Map(entries.map((entry) => [entry.status, entry]));
    const base = `/scim/v2/${org.id}`;
    expect(byStatus.get(201)).toMatchObject({
      idp: 'okta',
      method: 'POST',
      path: `${base}/Users`,
      resourceType: 'User',
      resourceId: userId,
      outcome: 'success',
      warnings: [],
    });
    expect(byStatus.get(200)).toMatchObject({
      idp: 'okta',
      method: 'GET',
      path: `${base}/Users`,
      resourceType: 'User',
      resourceId: null,
      outcome: 'success',
    });
    expect(byStatus.get(204)).toMatchObject({
      idp: 'entra',
      method: 'PATCH',
      path: `${base}/Users/${userId}`,
      resourceId: userId,
      outcome: 'success',
    });
    expect(byStatus.get(404)).toMatchObject({ idp: 'okta', resourceId: UNKNOWN_ID, outcome: 'client_error' });
    expect(byStatus.get(401)).toMatchObject({ idp: 'jumpcloud', outcome: 'client_error' });
    for (const entry of entries) {
      expect(entry.durationMs).toBeGreaterThanOrEqual(0);
      expect(Math.abs(Date.parse(entry.at) - Date.now())).toBeLessThan(60_000);
    }
    const times = entries.map((entry) => entry.at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('contains no key, no filter value and nothing of a body', async () => {
    await waitForEntries(org.id, 5);
    const text = (await logOf(org.id, '?limit=500')).text;
    for (const secret of [
      org.key,
      org.key.slice(12),
      FILTER_VALUE,
      encodeURIComponent(FILTER_VALUE),
      BODY_VALUE,
      'filter=',
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it.each<[string, string, (entry: Entry) => boolean, number]>([
    ['outcome', '?outcome=client_error', (e) => e.outcome === 'client_error', 2],
    ['method (any case)', '?method=patch', (e) => e.method === 'PATCH', 1],
    ['resource type by endpoint name', '?resourceType=users', (e) => e.resourceType === 'User', 5],
    ['time window', `?since=2000-01-01T00:00:00Z&until=2000-01-02T00:00:00Z`, () => false, 0],
  ])('filters by %s', async (_name, query, expected, count) => {
    await waitForEntries(org.id, 5);
    const res = await logOf(org.id, query);
    expect(res.status).toBe(200);
    expect(res.body.entries).toHaveLength(count);
    expect((res.body.entries as Entry[]).every(expected)).toBe(true);
  });

  it('pages newest first with a cursor, without repeating or skipping an entry', async () => {
    const all = await waitForEntries(org.id, 5);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await logOf(org.id, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.entries.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.entries.map((entry: Entry) => entry.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((entry) => entry.id));
  });

  it('keeps organizations apart', async () => {
    const other = await admin.provisionOrganization('Other');
    expect((await idpClient(stack, other.id, other.key).send('GET', '/Users')).status).toBe(200);
    const entries = await waitForEntries(other.id, 1);
    expect(entries.map((entry) => entry.path)).toEqual([`/scim/v2/${other.id}/Users`]);
  });

  it.each([
    [
      'an unknown outcome',
      '?outcome=fine',
      400,
      /outcome must be one of: success, client_error, server_error, unavailable/,
    ],
    ['a malformed date', '?since=yesterday', 400, /since must be an ISO 8601 date-time/],
    [
      'an empty window',
      '?since=2030-01-02T00:00:00Z&until=2030-01-01T00:00:00Z',
      400,
      /since must be earlier than until/,
    ],
    ['a made-up cursor', '?cursor=bm90LWEtY3Vyc29y', 400, /cursor is not one this API returned/],
    ['a limit above 500', '?limit=501', 400, /limit must be a whole number from 1 to 500/],
    ['an unknown parameter', '?filter=x', 400, /property filter should not exist/],
  ])('refuses %s with a message naming it', async (_name, query, status, message) => {
    const res = await logOf(org.id, query);
    expect([res.status, res.body.message]).toEqual([status, expect.stringMatching(message)]);
  });

  it('answers 404 for an organization that does not exist', async () => {
    const res = await logOf(UNKNOWN_ID);
    expect([res.status, res.body.message]).toEqual([404, 'Organization not found.']);
  });
});
