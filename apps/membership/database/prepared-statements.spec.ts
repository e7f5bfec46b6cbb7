import { Client } from 'pg';
import { MAX_PREPARED_STATEMENTS, PreparingClient, statementName } from './prepared-statements';

describe('statementName', () => {
  it('names the same text the same way, and different texts differently', () => {
    const a = statementName('SELECT $1::int AS spec_a');
    expect(a).toMatch(/^roster_\d+$/);
    expect(statementName('SELECT $1::int AS spec_a')).toBe(a);
    expect(statementName('SELECT $1::int AS spec_b')).not.toBe(a);
  });
});

describe('PreparingClient', () => {
  const calls: unknown[][] = [];
  beforeAll(() => {
    const recordCall = (...args: unknown[]): Promise<{ rows: [] }> => {
      calls.push(args);
      return Promise.resolve({ rows: [] });
    };
    // pg's query is overloaded (callback forms return void); the promise form is the one used.
    // eslint-disable-next-line @typescript-eslint/no-misused-promises
    jest.spyOn(Client.prototype, 'query').mockImplementation(recordCall);
  });
  afterAll(() => jest.restoreAllMocks());
  beforeEach(() => (calls.length = 0));

  it('sends a parameterised statement with its name, text and values', async () => {
    const client = new PreparingClient();
    await client.query('SELECT $1::text AS spec_named', ['x']);
    expect(calls[0]).toEqual([
      { name: expect.stringMatching(/^roster_\d+$/), text: 'SELECT $1::text AS spec_named', values: ['x'] },
    ]);
  });

  it('passes statements without values, and query objects, through unchanged', async () => {
    const client = new PreparingClient();
    await client.query('COMMIT');
    await client.query('SELECT 1', []);
    const config = { text: 'SELECT $1::int', values: [1] };
    await client.query(config);
    expect(calls).toEqual([['COMMIT'], ['SELECT 1', []], [config]]);
  });
});

// Last: it uses up this process's names.
describe('statementName bound', () => {
  it('names no more than MAX_PREPARED_STATEMENTS texts, but keeps the names it gave', () => {
    const first = statementName('SELECT $1::int AS spec_first');
    for (let i = 0; i < MAX_PREPARED_STATEMENTS; i++) statementName(`SELECT $1::int AS spec_${i}`);
    expect(statementName('SELECT $1::int AS spec_beyond')).toBeUndefined();
    expect(statementName('SELECT $1::int AS spec_first')).toBe(first);
  });
});
