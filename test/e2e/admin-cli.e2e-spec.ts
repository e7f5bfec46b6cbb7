import { idpClient, newUser, startTestStack, type TestStack } from '@roster/testing';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT_FAILED, EXIT_USAGE, runRoster } from '../../apps/gateway/cli/roster-cli';

// Protects issue 5 item 5: an admin in a terminal does with `roster` what the admin API offers —
// against a real gateway listening on a port — with JSON on request, tables otherwise, and a
// non-zero exit and a message naming the problem when something is wrong.
describe('the roster CLI against a running gateway', () => {
  let stack: TestStack;
  let url: string;
  let emptyDir: string;
  let closedPort: number;

  beforeAll(async () => {
    stack = await startTestStack();
    await stack.gateway.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(stack.gateway.getHttpServer().address() as AddressInfo).port}`;
    emptyDir = mkdtempSync(join(tmpdir(), 'roster-cli-'));
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    closedPort = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
  });
  afterAll(async () => {
    await stack?.close();
    rmSync(emptyDir, { recursive: true, force: true });
  });

  /** Runs `roster` in-process; a string is split on spaces, an array is passed as a shell would. */
  async function roster(
    args: string | string[],
    env: Record<string, string | undefined> = {},
    cwd = emptyDir,
  ) {
    let out = '';
    let err = '';
    const argv = Array.isArray(args) ? args : args.split(' ').filter(Boolean);
    const code = await runRoster(argv, {
      env: { ROSTER_URL: url, ADMIN_TOKEN: stack.adminToken, ...env },
      cwd,
      io: { out: (text) => (out += `${text}\n`), err: (text) => (err += `${text}\n`) },
    });
    return { code, out, err, json: () => JSON.parse(out) };
  }

  it('creates an organization, enables SCIM, and issues, lists, rotates and revokes keys', async () => {
    const created = await roster('org create CLI Corp --json');
    expect([created.code, created.err]).toEqual([0, '']);
    const org = created.json();
    expect(org).toMatchObject({ name: 'CLI Corp', scim: { enabled: false } });

    const listed = await roster('org list');
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(/^ID\s+NAME\s+SCIM\s+CREATED/);
    expect(listed.out).toMatch(new RegExp(`${org.id}\\s+CLI Corp\\s+off`));

    // By exact name, in any case, as well as by id.
    const enabled = await roster(['scim', 'enable', 'cli corp']);
    expect([enabled.code, enabled.out]).toEqual([0, expect.stringContaining(`SCIM URL: ${org.scim.url}`)]);

    const issued = await roster(`scim key issue ${org.id}`);
    expect(issued.code).toBe(0);
    const key = /roster_scim_[0-9A-Za-z]{46}/.exec(issued.out)?.[0];
    expect(key).toBeDefined();
    expect(issued.out).toContain(
      'This API key has access to manage users within your organization. It should be kept secret.',
    );
    expect((await idpClient(stack, org.id, key!).send('GET', '/Users')).status).toBe(200);

    const keys = await roster(`scim key list ${org.id}`);
    expect(keys.out).toMatch(/^ID\s+PREFIX\s+STATE\s+CREATED\s+LAST USED\s+EXPIRES/);
    expect(keys.out).toContain(`${key!.slice(0, 16)}…`);
    expect(keys.out).not.toContain(key);

    // Without a key id, the one working key is rotated.
    const rotated = await roster(`scim key rotate ${org.id} --overlap-hours 0 --json`);
    expect(rotated.code).toBe(0);
    const next = rotated.json();
    expect(next.previousKey.state).toBe('expired');
    expect((await idpClient(stack, org.id, key!).send('GET', '/Users')).status).toBe(401);
    expect((await idpClient(stack, org.id, next.key).send('GET', '/Users')).status).toBe(200);

    const revoked = await roster(`scim key revoke ${org.id} ${next.displayPrefix}`);
    expect([revoked.code, revoked.out]).toEqual([0, expect.stringMatching(/^Revoked key roster_scim_/)]);
    expect((await idpClient(stack, org.id, next.key).send('GET', '/Users')).status).toBe(401);
    const none = await roster(`scim key revoke ${org.id}`);
    expect([none.code, none.err]).toEqual([
      EXIT_FAILED,
      expect.stringMatching(/has no working SCIM API key to revoke/),
    ]);

    const disabled = await roster(`scim disable ${org.id}`);
    expect([disabled.code, disabled.out]).toEqual([0, expect.stringMatching(/SCIM is off for CLI Corp/)]);
  });

  it('lists members as a table or JSON, filtered by status, and names a member it cannot find', async () => {
    const org = (await roster('org create Members Inc --json')).json();
    await roster(`scim enable ${org.id}`);
    const key = (await roster(`scim key issue ${org.id} --json`)).json().key as string;
    const created = await idpClient(stack, org.id, key).send(
      'POST',
      '/Users',
      newUser('cli.member@example.com'),
    );
    expect(created.status).toBe(201);

    const table = await roster(`members ${org.id}`);
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/^ID\s+EMAIL\s+NAME\s+STATUS\s+GROUPS\s+LAST EMAIL/);
    expect(table.out).toMatch(new RegExp(`${created.body.id}\\s+cli\\.member@example\\.com\\s+-\\s+invited`));
    expect((await roster(`members ${org.id} --status invited --json`)).json().members).toHaveLength(1);
    expect((await roster(`members ${org.id} --status confirmed`)).out).toBe(
      'Members Inc has no confirmed members.\n',
    );
    const bad = await roster(`members ${org.id} --status gone`);
    expect([bad.code, bad.err]).toEqual([
      EXIT_FAILED,
      expect.stringMatching(/status must be one of: invited.* \(HTTP 400\)/),
    ]);

    const unknown = await roster(`confirm ${org.id} nobody@example.com`);
    expect([unknown.code, unknown.err]).toEqual([
      EXIT_FAILED,
      expect.stringMatching(/Members Inc has no member nobody@example\.com/),
    ]);
  });

  it.each<[string, string, Record<string, string | undefined>, number, RegExp]>([
    [
      'an unreachable gateway',
      'org list',
      { ROSTER_URL: 'http://127.0.0.1:<closed>' },
      EXIT_FAILED,
      /cannot reach Roster at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\); is the gateway running\?/,
    ],
    [
      'a refused admin token',
      'org list',
      { ADMIN_TOKEN: 'wrong-token-0123456789abcdef' },
      EXIT_FAILED,
      /roster: error: the admin token was refused/,
    ],
    [
      'no admin token',
      'org list',
      { ADMIN_TOKEN: undefined },
      EXIT_FAILED,
      /ADMIN_TOKEN is not set: export it or put it in \.env/,
    ],
    [
      'a malformed ROSTER_URL',
      'org list',
      { ROSTER_URL: 'localhost' },
      EXIT_FAILED,
      /ROSTER_URL must be an http\(s\) URL/,
    ],
    [
      'an unknown organization id',
      'members 00000000-0000-4000-8000-000000000000',
      {},
      EXIT_FAILED,
      /Organization not found\. \(HTTP 404\)/,
    ],
    [
      'an unknown organization name',
      'scim enable Nobody',
      {},
      EXIT_FAILED,
      /no organization is named "Nobody"/,
    ],
    [
      'an unknown command',
      'org remove x',
      {},
      EXIT_USAGE,
      /unknown command: org remove x[\s\S]*Usage: roster/,
    ],
    ['an unknown option', 'org list --verbose', {}, EXIT_USAGE, /Unknown option '--verbose'/],
    [
      'an unknown command, before any configuration',
      'bogus',
      { ADMIN_TOKEN: undefined },
      EXIT_USAGE,
      /unknown command: bogus/,
    ],
    ['a missing argument', 'scim enable', {}, EXIT_USAGE, /scim enable <org>: expected one argument, got 0/],
    [
      'a bad overlap',
      'scim key rotate x --overlap-hours soon',
      {},
      EXIT_USAGE,
      /--overlap-hours must be a whole number/,
    ],
  ])('fails clearly on %s', async (_name, args, env, code, message) => {
    const url = env.ROSTER_URL?.replace('<closed>', String(closedPort));
    const result = await roster(args, url ? { ...env, ROSTER_URL: url } : env);
    expect([result.code, result.out, result.err]).toEqual([code, '', expect.stringMatching(message)]);
  });

  it('reads ROSTER_URL and ADMIN_TOKEN from .env when the environment does not set them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'roster-cli-env-'));
    try {
      writeFileSync(
        join(dir, '.env'),
        `# copied from .env.example\nROSTER_URL=${url}\nADMIN_TOKEN="${stack.adminToken}"\n`,
      );
      const result = await roster('org list --json', { ROSTER_URL: undefined, ADMIN_TOKEN: undefined }, dir);
      expect([result.code, result.err]).toEqual([0, '']);
      expect(Array.isArray(result.json().organizations)).toBe(true);
      const overridden = await roster('org list', { ADMIN_TOKEN: 'wrong-token-0123456789abcdef' }, dir);
      expect(overridden.err).toMatch(/the admin token was refused/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints its usage with --help and when called without a command', async () => {
    for (const args of ['--help', '']) {
      const result = await roster(args);
      expect([result.code, result.out]).toEqual([0, expect.stringMatching(/^Usage: roster <command>/)]);
    }
  });
});
