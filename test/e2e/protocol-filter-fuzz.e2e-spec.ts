import { adminClient, idpClient, newUser, startTestStack, type TestStack } from '@roster/testing';
import { FilterFuzzer } from '../../libs/testing/filter-fuzz';

const SEARCH_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
const CONCURRENCY = 16;

/**
 * SPEC §3 through the real HTTP API: 2,000 generated, malformed and hostile filters, by GET and by
 * POST /.search, answer 200 or 400 invalidFilter — never a 5xx — and change nothing.
 */
describe('filters fuzzed through the SCIM API', () => {
  let stack: TestStack;
  let idp: ReturnType<typeof idpClient>;

  beforeAll(async () => {
    stack = await startTestStack();
    const org = await adminClient(stack).provisionOrganization('Fuzz Ltd');
    idp = idpClient(stack, org.id, org.key);
    for (const userName of ['fz-a@example.com', 'fz-b@example.com']) {
      const created = await idp.send(
        'POST',
        '/Users',
        newUser(userName, {
          title: 'O\'Brien "quoted" -- ;',
          phoneNumbers: [{ value: '555', type: 'work' }],
        }),
      );
      expect(created.status).toBe(201);
    }
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('answers every filter with 200 or 400 invalidFilter', async () => {
    const fuzzer = new FilterFuzzer(20_250);
    const filters = [
      ...fuzzer.injections(),
      ...Array.from({ length: 700 }, () => fuzzer.valid()),
      ...Array.from({ length: 1000 }, () => fuzzer.mutated()),
    ];
    const requests = filters.map(
      (filter, index) => () =>
        index % 4 === 0
          ? idp.send('POST', '/Users/.search', { schemas: [SEARCH_REQUEST], filter, count: 5 })
          : idp.send('GET', `/Users?count=5&filter=${encodeURIComponent(filter)}`),
    );
    expect(requests.length).toBeGreaterThanOrEqual(1850);

    const outcomes: { filter: string; status: number; scimType?: string }[] = [];
    for (let start = 0; start < requests.length; start += CONCURRENCY) {
      const batch = requests.slice(start, start + CONCURRENCY);
      const results = await Promise.all(batch.map((send) => send()));
      results.forEach((res, offset) =>
        outcomes.push({ filter: filters[start + offset], status: res.status, scimType: res.body?.scimType }),
      );
    }

    const wrong = outcomes.filter(
      ({ status, scimType }) => status !== 200 && !(status === 400 && scimType === 'invalidFilter'),
    );
    expect(wrong.slice(0, 5)).toEqual([]);
    const statuses = new Set(outcomes.map(({ status }) => status));
    expect([...statuses].sort()).toEqual([200, 400]);
    // Valid filters with hostile operands were run, not refused: the fuzzing reached the database.
    expect(outcomes.filter(({ status }) => status === 200).length).toBeGreaterThan(700);
  }, 30_000); // ~3 s alone; room for a loaded CI machine

  it('is left with the same two users: no payload ran as SQL', async () => {
    const all = await idp.send('GET', '/Users');
    expect(all.status).toBe(200);
    expect(all.body.totalResults).toBe(2);
    const injected = await idp.send(
      'GET',
      `/Users?filter=${encodeURIComponent(`title eq "O'Brien \\"quoted\\" -- ;"`)}`,
    );
    expect(injected.body.totalResults).toBe(2);
    const tautology = await idp.send(
      'GET',
      `/Users?filter=${encodeURIComponent(`userName eq "' OR '1'='1"`)}`,
    );
    expect(tautology.body).toMatchObject({ totalResults: 0, Resources: [] });
  });
});
