import { adminClient, startTestStack, type TestStack } from '@roster/testing';
import { Client } from 'pg';

const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const CONNECTIONS = 16;
const ADDS = 1000;
const REMOVES = 300;

/** Runs `tasks` on at most `limit` at a time; resolves with every result, in task order. */
async function inPool<T>(limit: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/**
 * SPEC §5, DESIGN.md §4: membership changes are set operations on a locked group row, so concurrent
 * PATCHes from an IdP lose no update. 16 real HTTP connections send 1,000 single-member adds and
 * 300 removes of added members, half in Okta's form and half in Entra's, all to one group.
 */
describe('concurrent group PATCHes over 16 connections (no lost update)', () => {
  let stack: TestStack;
  let base: string;
  let headers: Record<string, string>;
  let organizationId: string;

  beforeAll(async () => {
    // Credentials cached as in production: each request then costs what an IdP's request costs.
    stack = await startTestStack({ CREDENTIALS_CACHE_MS: '60000' });
    const org = await adminClient(stack).provisionOrganization('Busy');
    organizationId = org.id;
    await stack.gateway.listen({ port: 0, host: '127.0.0.1' });
    const address = stack.gateway.getHttpServer().address() as { port: number };
    base = `http://127.0.0.1:${address.port}/scim/v2/${org.id}`;
    headers = { authorization: `Bearer ${org.key}`, 'content-type': 'application/scim+json' };
  });
  afterAll(async () => {
    await stack?.close();
  });

  /** The users exist before the test starts: inserted in one statement, as the test is about groups. */
  async function insertUsers(count: number): Promise<string[]> {
    const db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query<{ id: string }>(
        `INSERT INTO members (id, organization_id, status, user_name, user_name_canonical)
         SELECT gen_random_uuid(), $1, 'invited', 'busy-' || n || '@acme.test', 'busy-' || n || '@acme.test'
           FROM generate_series(1, $2) AS n
         RETURNING id`,
        [organizationId, count],
      );
      return rows.map((row) => row.id);
    } finally {
      await db.end();
    }
  }

  const send = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, etag: res.headers.get('etag'), body: text ? JSON.parse(text) : undefined };
  };

  it('ends with exactly the expected member set and one version per change', async () => {
    const ids = await insertUsers(ADDS);
    const group = await send('POST', '/Groups', { schemas: [GROUP], displayName: 'Busy' });
    expect(group.status).toBe(201);
    const groupPath = `/Groups/${group.body.id}`;

    const add = (id: string, i: number) =>
      i % 2 === 0
        ? { schemas: [PATCH], Operations: [{ op: 'add', path: 'members', value: [{ value: id }] }] }
        : { schemas: [PATCH], Operations: [{ op: 'Add', path: 'members', value: [{ value: id }] }] };
    const remove = (id: string, i: number) =>
      i % 2 === 0
        ? { schemas: [PATCH], Operations: [{ op: 'remove', path: `members[value eq "${id}"]` }] }
        : { schemas: [PATCH], Operations: [{ op: 'Remove', path: 'members', value: [{ value: id }] }] };
    // Each user's remove follows its own add; across users everything interleaves.
    const statuses = await inPool(
      CONNECTIONS,
      ids.map((id, i) => async () => {
        const added = await send('PATCH', groupPath, add(id, i));
        if (i >= REMOVES) return [added.status];
        return [added.status, (await send('PATCH', groupPath, remove(id, i))).status];
      }),
    );
    expect(statuses.flat().filter((status) => status !== 204)).toEqual([]);

    const final = await send('GET', groupPath);
    const members = (final.body.members as { value: string }[]).map((member) => member.value).sort();
    expect(members).toEqual(ids.slice(REMOVES).sort());
    expect(final.body.meta.version).toBe(`W/"${1 + ADDS + REMOVES}"`);
  }, 120_000);
});
