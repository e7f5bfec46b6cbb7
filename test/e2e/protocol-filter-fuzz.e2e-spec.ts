import { adminClient, idpClient, newUser, startTestStack, type TestStack } from '@roster/testing';
import { FilterFuzzer, GROUP_FUZZ_SCHEMA } from '../../libs/testing/filter-fuzz';

const SEARCH_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const CONCURRENCY = 16;

/**
 * SPEC §3 through the real HTTP API: 2,000 generated, malformed and hostile filters per resource type
 * (/Users and /Groups), by GET and by POST /.search, answer 200 or 400 invalidFilter — never a 5xx —
 * and change nothing.
 */
describe('filters fuzzed through the SCIM API', () => {
  let stack: TestStack;
  let idp: ReturnType<typeof idpClient>;
  const userIds: string[] = [];

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
      userIds.push(created.body.id);
    }
    for (const [displayName, members] of [
      ['Fuzz "Admins" -- ;', userIds],
      ["O'Brien's team", userIds.slice(0, 1)],
    ] as const) {
      const group = { schemas: [GROUP], displayName, members: members.map((value) => ({ value })) };
      expect((await idp.send('POST', '/Groups', group)).status).toBe(201);
    }
  });

  /** Sends every filter (a quarter by POST /.search) 16 at a time; returns what each got. */
  async function fuzz(resource: 'Users' | 'Groups', filters: string[]) {
    const requests = filters.map(
      (filter, index) => () =>
        index % 4 === 0
          ? idp.send('POST', `/${resource}/.search`, { schemas: [SEARCH_REQUEST], filter, count: 5 })
          : idp.send('GET', `/${resource}?count=5&filter=${encodeURIComponent(filter)}`),
    );
    const outcomes: { filter: string; status: number; scimType?: string }[] = [];
    for (let start = 0; start < requests.length; start += CONCURRENCY) {
      const batch = requests.slice(start, start + CONCURRENCY);
      const results = await Promise.all(batch.map((send) => send()));
      results.forEach((res, offset) =>
        outcomes.push({ filter: filters[start + offset], status: res.status, scimType: res.body?.scimType }),
      );
    }
    return outcomes;
  }

  const generated = (fuzzer: FilterFuzzer) => [
    ...fuzzer.injections(),
    ...Array.from({ length: 700 }, () => fuzzer.valid()),
    ...Array.from({ length: 1000 }, () => fuzzer.mutated()),
  ];
  const notAllowed = (outcome: { status: number; scimType?: string }) =>
    outcome.status !== 200 && !(outcome.status === 400 && outcome.scimType === 'invalidFilter');
  afterAll(async () => {
    await stack?.close();
  });

  it('answers every filter with 200 or 400 invalidFilter', async () => {
    const filters = generated(new FilterFuzzer(20_250));
    expect(filters.length).toBeGreaterThanOrEqual(1850);
    const outcomes = await fuzz('Users', filters);

    expect(outcomes.filter(notAllowed).slice(0, 5)).toEqual([]);
    const statuses = new Set(outcomes.map(({ status }) => status));
    expect([...statuses].sort()).toEqual([200, 400]);
    // Valid filters with hostile operands were run, not refused: the fuzzing reached the database.
    expect(outcomes.filter(({ status }) => status === 200).length).toBeGreaterThan(700);
  }, 90_000); // ~3 s alone; over 20 s on a loaded 2-core machine

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
  it('answers every /Groups filter with 200 or 400 invalidFilter, by GET and POST /.search', async () => {
    const filters = generated(new FilterFuzzer(20_251, GROUP_FUZZ_SCHEMA));
    expect(filters.length).toBeGreaterThanOrEqual(1900);
    const outcomes = await fuzz('Groups', filters);

    expect(outcomes.filter(notAllowed).slice(0, 5)).toEqual([]);
    expect([...new Set(outcomes.map(({ status }) => status))].sort()).toEqual([200, 400]);
    expect(outcomes.filter(({ status }) => status === 200).length).toBeGreaterThan(500);
    // Both routes were exercised and both reached the database.
    const searched = outcomes.filter((_outcome, index) => index % 4 === 0);
    expect(searched.filter(({ status }) => status === 200).length).toBeGreaterThan(100);
  }, 90_000);

  it('is left with the same two groups and their members: no payload ran as SQL', async () => {
    const all = await idp.send('GET', '/Groups?sortBy=displayName');
    expect(all.status).toBe(200);
    expect(all.body.totalResults).toBe(2);
    expect(
      all.body.Resources.map((group: { displayName: string; members?: { value: string }[] }) => [
        group.displayName,
        (group.members ?? []).map((member) => member.value).sort(),
      ]),
    ).toEqual([
      ['Fuzz "Admins" -- ;', [...userIds].sort()],
      ["O'Brien's team", userIds.slice(0, 1)],
    ]);
    const quoted = await idp.send(
      'GET',
      `/Groups?filter=${encodeURIComponent(`displayName eq "o'brien's TEAM"`)}&excludedAttributes=members`,
    );
    expect(quoted.body).toMatchObject({ totalResults: 1, Resources: [{ displayName: "O'Brien's team" }] });
    const tautology = await idp.send('POST', '/Groups/.search', {
      schemas: [SEARCH_REQUEST],
      filter: `displayName eq "' OR '1'='1" or members[value eq "' OR 1=1 --"]`,
    });
    expect(tautology.body).toMatchObject({ totalResults: 0, Resources: [] });
  });
});
