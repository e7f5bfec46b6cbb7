import { accountForEmails, expectDatabaseMatchesModel, withDatabase } from './support/consistency';
import { report, startFaultStack, type FaultStack } from './support/fault-stack';
import {
  IdpSimulator,
  provisionOrganization,
  send,
  type Reply,
  type SendOptions,
} from './support/idp-simulator';
import { waitUntil } from './support/infrastructure';

/**
 * The mail server misbehaves, and the IdP repeats itself (issue 6 §1, docs/reliability.md). The
 * mail server's outage lasts seconds here, not minutes: the retry schedule is the same doubling
 * from MAIL_BACKOFF_BASE_MS (shortened to 200 ms, a documented setting), only its first steps are run.
 */
describe('a failing mail server and a repeating IdP', () => {
  let stack: FaultStack;

  beforeAll(async () => {
    stack = await startFaultStack();
  });

  afterAll(async () => {
    await stack?.close();
  });

  async function simulator(name: string): Promise<IdpSimulator> {
    const org = await provisionOrganization(stack.roster.gatewayUrl, stack.roster.adminToken, name);
    return new IdpSimulator(stack.roster.gatewayUrl, org.id, org.key);
  }

  async function members(
    idp: IdpSimulator,
  ): Promise<{ email: string; lastEmail: { state: string; detail: string | null } | null }[]> {
    const reply = await send(
      `${stack.roster.gatewayUrl}/api/organizations/${idp.organizationId}/members`,
      'GET',
      { authorization: `Bearer ${stack.roster.adminToken}` },
    );
    expect(reply.status).toBe(200);
    return reply.body.members;
  }

  // Protects SPEC §7: a mail server that refuses connections, then answers 421, delays mail but
  // loses none (retried with backoff, shown as retrying meanwhile); a 550 is final and shown bounced.
  it('SMTP refusing connections, then 421s, then 550 for some recipients', async () => {
    const idp = await simulator('SMTP outage');
    const domain = `${idp.organizationId.slice(0, 8)}.test`;
    const userNames = Array.from({ length: 30 }, (_, i) => `smtp${i}@${domain}`);
    const refused = new Set(userNames.slice(0, 5));
    for (const address of refused) stack.sink.rejectRecipient(address, 550, 'No such user here');

    const started = Date.now();
    await stack.gate.refuse();
    await IdpSimulator.pool(userNames, 8, (name) => idp.createUser(name));
    // Every delivered-later member shows the retry to the admin while the server is away.
    await waitUntil(
      'every member shown as retrying',
      async () => (await members(idp)).every((m) => m.lastEmail?.state === 'retrying'),
      30_000,
      250,
    );
    const refusingMs = 8_000 - (Date.now() - started);
    if (refusingMs > 0) await new Promise((resolve) => setTimeout(resolve, refusingMs));
    expect(stack.sink.messages.filter((m) => m.to[0]?.endsWith(`@${domain}`))).toHaveLength(0);

    // The server comes back in a bad mood: the next 10 transactions get 421 at MAIL FROM.
    const rejectionsBefore = stack.sink.rejections.length;
    stack.sink.failNext(10, { code: 421, stage: 'mail', message: 'Service not available, try later' });
    await stack.gate.open();
    const refusedOutage = Date.now() - started;

    const { events, duplicates } = await accountForEmails(stack.databaseUrl, idp, stack.sink, {
      bounced: refused,
      timeoutMs: 90_000,
    });
    expect(duplicates.size).toBe(0);
    await waitUntil(
      'delivery states settled',
      async () =>
        (await members(idp)).every((m) => m.lastEmail?.state === (refused.has(m.email) ? 'bounced' : 'sent')),
      // The refused recipients' next try may be as far off as the others' was (doubling, jittered).
      90_000,
      250,
    );
    const rejections = stack.sink.rejections.slice(rejectionsBefore);
    expect(rejections.filter((r) => r.code === 421)).toHaveLength(10);
    // A 550 is not retried: each refused recipient was tried exactly once after the server came back.
    for (const address of refused) {
      expect(rejections.filter((r) => r.recipient === address)).toHaveLength(1);
    }
    expect((await members(idp)).find((m) => refused.has(m.email))?.lastEmail?.detail).toContain('550');

    // With backoff: a few attempts per email over the outage, not a retry storm.
    const attempts = await withDatabase(stack.databaseUrl, async (db) =>
      (
        await db.query<{ attempts: number }>(
          `SELECT attempts FROM mail_deliveries WHERE organization_id = $1`,
          [idp.organizationId],
        )
      ).rows.map((row) => row.attempts),
    );
    expect(Math.max(...attempts)).toBeGreaterThan(2);
    expect(Math.max(...attempts)).toBeLessThanOrEqual(12);
    await expectDatabaseMatchesModel(stack.databaseUrl, idp);
    report('smtp-outage', {
      emails: events.length,
      delivered: events.length - refused.size,
      bounced: refused.size,
      refusedForMs: refusedOutage,
      smtp421: 10,
      maxAttempts: Math.max(...attempts),
      duplicates: 0,
      lost: 0,
      totalMs: Date.now() - started,
    });
  });

  // Protects SPEC §7 "a repeated IdP request does not send a second invitation": every write repeated
  // 2–5 times at once, after a first try the client gave up on, ends in one state and one email.
  it('every IdP write repeated 2–5 times, concurrently and after a client timeout', async () => {
    const idp = await simulator('Repeating IdP');
    const domain = `${idp.organizationId.slice(0, 8)}.test`;
    const started = Date.now();
    let requests = 0;
    // Deterministic repeat counts 2..5.
    const times = (i: number) => 2 + (i % 4);
    /** A first try abandoned after 5 ms (it may still run), then `n` copies at once. */
    async function repeated(n: number, attempt: (options?: SendOptions) => Promise<Reply>): Promise<Reply[]> {
      await attempt({ timeoutMs: 5 });
      requests += n + 1;
      return Promise.all(Array.from({ length: n }, () => attempt()));
    }
    const ok = (r: Reply) => r.status >= 200 && r.status < 300;

    const userNames = Array.from({ length: 24 }, (_, i) => `rep${i}@${domain}`);
    const body = (userName: string) => ({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName,
      emails: [{ value: userName, primary: true }],
      active: true,
    });
    await Promise.all(
      userNames.map(async (userName, i) => {
        const replies = await repeated(times(i), (o = {}) =>
          idp.request('POST', '/Users', { ...o, body: body(userName) }),
        );
        // At most one create wins (the aborted first try may have been it); the rest are 409.
        expect(replies.filter((r) => r.status === 201).length).toBeLessThanOrEqual(1);
        expect(replies.every((r) => r.status === 201 || r.status === 409)).toBe(true);
        idp.users.set(userName, {
          userName,
          id: await idp.findUserId(userName),
          email: userName,
          active: true,
          deleted: false,
          emails: [{ kind: 'invitation', to: userName }],
        });
      }),
    );

    const patchActive = (active: boolean) => ({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', path: 'active', value: active ? 'True' : 'False' }],
    });
    // Deactivate 16, reactivate 8 of them, delete 4 others: each repeated.
    await Promise.all(
      userNames.slice(0, 16).map(async (userName, i) => {
        const user = idp.users.get(userName)!;
        const off = await repeated(times(i), (o = {}) =>
          idp.request('PATCH', `/Users/${user.id}`, { ...o, body: patchActive(false) }),
        );
        expect(off.every(ok)).toBe(true);
        user.active = false;
        user.emails.push({ kind: 'revocation', to: user.email });
        if (i >= 8) return;
        const on = await repeated(times(i + 1), (o = {}) =>
          idp.request('PATCH', `/Users/${user.id}`, { ...o, body: patchActive(true) }),
        );
        expect(on.every(ok)).toBe(true);
        user.active = true;
        user.emails.push({ kind: 'restored', to: user.email });
      }),
    );
    await Promise.all(
      userNames.slice(20).map(async (userName, i) => {
        const user = idp.users.get(userName)!;
        const replies = await repeated(times(i), (o = {}) => idp.request('DELETE', `/Users/${user.id}`, o));
        expect(replies.every((r) => r.status === 204 || r.status === 404)).toBe(true);
        expect(replies.filter((r) => r.status === 204).length).toBeLessThanOrEqual(1);
        user.deleted = true;
        user.emails.push({ kind: 'removal', to: user.email });
      }),
    );

    // Okta's profile update: a PUT moving 4 Invited members to a new address (a new invitation there).
    await Promise.all(
      userNames.slice(16, 20).map(async (userName, i) => {
        const user = idp.users.get(userName)!;
        const address = `moved-${userName}`;
        const replies = await repeated(times(i), (o = {}) =>
          idp.request('PUT', `/Users/${user.id}`, {
            ...o,
            body: { ...body(userName), emails: [{ value: address, primary: true }] },
          }),
        );
        expect(replies.every((r) => r.status === 200)).toBe(true);
        user.email = address;
        user.emails.push({ kind: 'invitation', to: address });
      }),
    );

    // Groups: the same create and member changes, repeated.
    const live = userNames.slice(0, 20).map((name) => idp.users.get(name)!.id!);
    for (const [g, displayName] of ['Engineering', 'Sales'].entries()) {
      const created = await repeated(times(g + 2), (o = {}) =>
        idp.request('POST', '/Groups', {
          ...o,
          body: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName },
        }),
      );
      expect(created.every((r) => r.status === 201 || r.status === 409)).toBe(true);
      const filter = encodeURIComponent(`displayName eq "${displayName}"`);
      const found = await idp.request('GET', `/Groups?filter=${filter}`);
      expect(found.body.totalResults).toBe(1);
      const id = found.body.Resources[0].id as string;
      const add = live.slice(g * 5, g * 5 + 12);
      const remove = add.slice(0, 3);
      const patch = (op: string, ids: string[]) => ({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op, path: 'members', value: ids.map((value) => ({ value })) }],
      });
      expect(
        (
          await repeated(4, (o = {}) =>
            idp.request('PATCH', `/Groups/${id}`, { ...o, body: patch('add', add) }),
          )
        ).every(ok),
      ).toBe(true);
      expect(
        (
          await repeated(3, (o = {}) =>
            idp.request('PATCH', `/Groups/${id}`, { ...o, body: patch('Remove', remove) }),
          )
        ).every(ok),
      ).toBe(true);
      idp.groups.set(displayName, { displayName, id, members: new Set(add.slice(3)) });
    }

    await expectDatabaseMatchesModel(stack.databaseUrl, idp);
    const { events, duplicates } = await accountForEmails(stack.databaseUrl, idp, stack.sink);
    expect(duplicates.size).toBe(0);
    expect(idp.violations).toEqual([]);
    report('repeated-writes', {
      requests,
      emails: events.length,
      duplicates: 0,
      lost: 0,
      totalMs: Date.now() - started,
    });
  });
});
