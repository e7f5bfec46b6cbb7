import {
  createTestDatabase,
  databaseUrlFor,
  deleteBullmqKeys,
  uniqueTestPrefix,
  withAdminClient,
  type TestDatabase,
} from '../../libs/testing/database';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** What the image runs (DESIGN.md §7): the built entry points, started as processes. */
const DIST = join(__dirname, '..', '..', 'dist', 'apps', 'membership');
const MAIN = join(DIST, 'main.js');
const MIGRATE = join(DIST, 'migrate.js');

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function run(script: string, env: Record<string, string>, whileRunning?: () => Promise<void>): Promise<Exit> {
  return new Promise((resolve, reject) => {
    // Only what a container would have: PATH, and the variables given.
    const child = spawn(process.execPath, [script], { env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(killer);
      resolve({ code, signal, stdout, stderr });
    });
    if (whileRunning) {
      whileRunning().then(
        () => child.kill('SIGTERM'),
        (error: unknown) => {
          child.kill('SIGKILL');
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    }
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function ready(port: number): Promise<void> {
  for (let attempt = 0; attempt < 150; attempt++) {
    const response = await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => undefined);
    if (response?.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('membership never became ready');
}

describe('the built membership entry points', () => {
  const emptyDatabase = `roster_test_empty_${uniqueTestPrefix().replace(/\W/g, '_')}`;
  let database: TestDatabase;
  const prefix = uniqueTestPrefix();

  beforeAll(async () => {
    if (!existsSync(MAIN) || !existsSync(MIGRATE)) {
      throw new Error(`${DIST} has no main.js/migrate.js: build first (npm run build; npm test builds too)`);
    }
    database = await createTestDatabase();
    await withAdminClient((admin) => admin.query(`CREATE DATABASE "${emptyDatabase}"`));
  });

  afterAll(async () => {
    await withAdminClient((admin) => admin.query(`DROP DATABASE IF EXISTS "${emptyDatabase}" WITH (FORCE)`));
    await database?.drop();
    await deleteBullmqKeys(prefix);
  });

  it('migrate applies the migrations to an empty database, then finds nothing to do', async () => {
    const env = { DATABASE_URL: databaseUrlFor(emptyDatabase) };
    const migrations = readdirSync(join(DIST, 'database', 'migrations'))
      .filter((file) => file.endsWith('.js'))
      .map((file) => file.replace(/^(\d+)-(.*)\.js$/, '$1'));
    const first = await run(MIGRATE, env);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      new RegExp(`^migrate: applied ${migrations.length} migrations?: InitialSchema1763800000000`),
    );
    for (const timestamp of migrations) expect(first.stdout).toContain(timestamp);
    const second = await run(MIGRATE, env);
    expect(second).toMatchObject({
      code: 0,
      stdout: 'migrate: database is up to date (0 migrations applied)\n',
    });
  });

  it('migrate exits 1 with one line when the database cannot be reached', async () => {
    const result = await run(MIGRATE, { DATABASE_URL: 'postgres://roster:hunter2@127.0.0.1:1/roster' });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'migrate failed: cannot connect to postgres://roster:***@127.0.0.1:1/roster: connect ECONNREFUSED 127.0.0.1:1\n',
    );
  });

  it('main exits 1 with one line naming every missing variable', async () => {
    const result = await run(MAIN, {});
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(
      /^membership: invalid configuration: DATABASE_URL: .*; NATS_URL: .*; REDIS_URL: /,
    );
  });

  it('main exits 1 with one line when NATS cannot be reached', async () => {
    const result = await run(MAIN, {
      DATABASE_URL: database.url,
      NATS_URL: 'nats://127.0.0.1:1',
      REDIS_URL: 'redis://127.0.0.1:6379',
      HEALTH_PORT: '0',
      LOG_LEVEL: 'silent',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'membership: Cannot connect to NATS at nats://127.0.0.1:1: connection refused\n',
    );
  });

  it('main serves its health endpoints and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const result = await run(
      MAIN,
      {
        DATABASE_URL: database.url,
        NATS_URL: 'nats://127.0.0.1:4222',
        NATS_SUBJECT_PREFIX: `${prefix}.`,
        REDIS_URL: 'redis://127.0.0.1:6379',
        BULLMQ_PREFIX: prefix,
        HEALTH_PORT: String(port),
        LOG_LEVEL: 'info',
      },
      () => ready(port),
    );
    // Nest closes everything, then re-raises the signal (DESIGN.md §10.11).
    expect(result.signal === 'SIGTERM' || result.code === 143 || result.code === 0).toBe(true);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { msg: string });
    expect(lines.map((line) => line.msg)).toContain(`Membership ready; health on port ${port}`);
  });
});
