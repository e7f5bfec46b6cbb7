import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/**
 * `npm run stack` (scripts/stack.mjs, issue 2 §3): migrates, runs the three apps in the foreground
 * until the gateway is ready, and Ctrl-C stops all of them promptly, leaving no process behind.
 * Runs on the dist/ that `npm test` builds first (`--no-build`), against a throw-away database, its
 * own env file, NATS subject prefix and BullMQ prefix: a membership on the shared NATS without its
 * own prefix would answer other test files' requests (DESIGN.md §10.12).
 */
const root = join(__dirname, '..', '..');
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const APPS = ['membership', 'mailer', 'gateway'];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Whether a process (or, negative, a process group) still exists. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

describe('npm run stack (scripts/stack.mjs)', () => {
  const dbName = `roster_stack_${randomBytes(4).toString('hex')}`;
  const dir = mkdtempSync(join(tmpdir(), 'roster-stack-'));
  let stack: ChildProcess | undefined;
  let output = '';

  afterAll(async () => {
    // Whatever happened, nothing of this test keeps running: the stack runs in its own process group.
    if (stack?.pid && alive(-stack.pid)) process.kill(-stack.pid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    const admin = new Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  });

  it('migrates, runs the three apps until ready, and stops them all on Ctrl-C', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const prefix = `stack${randomBytes(4).toString('hex')}`;
    const adminToken = randomBytes(24).toString('hex');
    const envFile = join(dir, 'stack.env');
    // The settings come from the env file only (the shell passes PATH alone), as a first-time user's.
    writeFileSync(
      envFile,
      [
        `PUBLIC_URL=${base}`,
        `GATEWAY_PORT=${port}`,
        'GATEWAY_HOST=127.0.0.1',
        `DATABASE_URL=${ADMIN_URL.replace(/\/[^/]*$/, `/${dbName}`)}`,
        `REDIS_URL=${process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'}`,
        `NATS_URL=${process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222'}`,
        `NATS_SUBJECT_PREFIX=${prefix}.`,
        `BULLMQ_PREFIX=${prefix}`,
        `MAIL_DIR=${join(dir, 'mail')}`,
        "MAIL_FROM='Roster <roster@roster.test>'",
        `ADMIN_TOKEN=${adminToken}`,
        `INVITATION_SECRET=${randomBytes(32).toString('hex')}`,
        // Any free port for each app's health and metrics server, so the three cannot collide.
        'HEALTH_PORT=0',
        'METRICS_PORT=0',
        'LOG_LEVEL=info',
        '',
      ].join('\n'),
      { mode: 0o600 },
    );

    stack = spawn(process.execPath, ['scripts/stack.mjs', '--no-build', '--env-file', envFile], {
      cwd: root,
      env: { PATH: process.env.PATH },
      // Its own process group, as a terminal's foreground job: Ctrl-C signals the whole group.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const pid = stack.pid!;
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      stack!.on('exit', (code, signal) => resolve({ code, signal })),
    );
    stack.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    stack.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));

    await until(
      'the gateway ready (membership answering over NATS)',
      async () => ((await fetch(`${base}/health/ready`)).status === 200 ? true : undefined),
      90_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${output.slice(-3000)}`);
    });
    expect(output).toContain('stack: migrating');
    expect(output).not.toContain('stack: building');
    // The gateway works end to end on the migrated database, over the stack's own NATS prefix.
    const created = await fetch(`${base}/api/organizations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Stacked' }),
    });
    expect(created.status).toBe(201);

    const pids = Object.fromEntries(
      APPS.map((app) => [
        app,
        Number(new RegExp(`stack: started ${app} \\(pid (\\d+)\\)`).exec(output)?.[1]),
      ]),
    );
    for (const app of APPS) expect([app, alive(pids[app])]).toEqual([app, true]);

    const stopping = Date.now();
    process.kill(-pid, 'SIGINT');
    const exit = await Promise.race([
      exited,
      new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 15_000)),
    ]);
    expect(exit).toEqual({ code: 0, signal: null });
    // Well before the script's 10 s SIGKILL fallback: every app stopped by itself.
    expect(Date.now() - stopping).toBeLessThan(10_000);
    for (const app of APPS) expect([app, alive(pids[app])]).toEqual([app, false]);
    expect(alive(-pid)).toBe(false);
    expect(output).not.toMatch(/exited \(.*\); stopping the others/);
    // No secret reached the console.
    expect(output).not.toContain(adminToken);
  }, 150_000);
});
