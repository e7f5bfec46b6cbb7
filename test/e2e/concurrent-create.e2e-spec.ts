import { adminClient, idpClient, newUser, startTestStack, type TestStack } from '@roster/testing';

/**
 * userName uniqueness is decided by the database's unique index on the canonical form (RFC 8265),
 * not by a pre-check: concurrent creates of one name in different case, width and normalisation give
 * exactly one 201, the rest 409, one member and one invitation (SPEC §4, issue 6 §2).
 */
describe('concurrent creates of the same userName', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('gives exactly one 201 and 19 × 409 uniqueness for 20 spellings of one name', async () => {
    const org = await adminClient(stack).provisionOrganization('Race');
    const idp = idpClient(stack, org.id, org.key);
    const base = [
      'zoë@example.com',
      'ZOË@EXAMPLE.COM',
      'Zoë@Example.com',
      'zoe\u0308@example.com',
      'ＺＯË@example.com',
    ];
    const spellings = Array.from({ length: 20 }, (_, i) => base[i % base.length]);
    const results = await Promise.all(
      spellings.map((userName) =>
        idp.send(
          'POST',
          '/Users',
          newUser(userName, { emails: [{ value: 'zoe@example.com', primary: true }] }),
        ),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    for (const conflict of results.filter((r) => r.status === 409)) {
      expect(conflict.body).toMatchObject({ status: '409', scimType: 'uniqueness' });
    }
    expect((await idp.send('GET', '/Users?count=0')).body.totalResults).toBe(1);
    await stack.sink.waitFor((m) => m.to.includes('zoe@example.com'));
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(stack.sink.messages.filter((m) => m.to.includes('zoe@example.com'))).toHaveLength(1);
  });
});
