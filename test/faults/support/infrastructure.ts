import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * PostgreSQL, Redis and NATS of the fault tests' own, on random loopback ports in a temporary
 * directory, so they can be killed and restarted without touching the machine's shared services
 * (5432, 6379, 4222) that other test runs use.
 */

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Polls `probe` until it returns true, failing with `what` after `timeoutMs` (no fixed sleeps). */
export async function waitUntil(
  what: string,
  probe: () => Promise<boolean> | boolean,
  timeoutMs = 30_000,
  intervalMs = 100,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await Promise.resolve(probe()).catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export function tcpOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** A server process of ours: started, killed by pid and started again on the same port and data. */
export interface Service {
  readonly name: string;
  readonly port: number;
  readonly url: string;
  pid(): number | undefined;
  start(): Promise<void>;
  /** Sends `signal` to the process and waits for it to exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Where PostgreSQL's server binaries are (Debian puts them outside PATH). */
function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) throw new Error('no PostgreSQL server binaries under /usr/lib/postgresql/*/bin');
  return join(root, versions[0], 'bin');
}

/** PostgreSQL refuses to run as root: as root, run it as the `postgres` system user. */
function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

class ProcessService implements Service {
  private child: ChildProcess | undefined;
  readonly log: string[] = [];

  constructor(
    readonly name: string,
    readonly port: number,
    readonly url: string,
    private readonly command: string,
    private readonly args: string[],
    private readonly ready: () => Promise<boolean>,
    private readonly user?: { uid: number; gid: number },
  ) {}

  pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) return;
    const child = spawn(this.command, this.args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(this.user ?? {}),
    });
    this.child = child;
    const keep = (chunk: Buffer) => this.log.push(chunk.toString());
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    await waitUntil(
      `${this.name} on port ${this.port}`,
      async () => {
        if (child.exitCode !== null) {
          throw new Error(`${this.name} exited (${child.exitCode}): ${this.log.join('').slice(-2000)}`);
        }
        return this.ready();
      },
      30_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}; log: ${this.log.join('').slice(-2000)}`);
    });
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    process.kill(child.pid!, signal);
    await exited(child);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited(child);
    clearTimeout(timer);
  }
}

export interface Infrastructure {
  directory: string;
  postgres: Service;
  redis: Service & { log: string[] };
  nats: Service;
  stop(): Promise<void>;
}

/**
 * Starts PostgreSQL (initdb, trust auth, loopback only), Redis (AOF on and `noeviction`, as
 * production requires — DESIGN.md §5 — and no RDB snapshots) and NATS (8 MB max_payload, as in
 * docker/nats.conf), each on a free port, all under one temporary directory removed by `stop()`.
 */
export async function startInfrastructure(): Promise<Infrastructure> {
  const directory = mkdtempSync(join(tmpdir(), 'roster-faults-'));
  const services: Service[] = [];
  try {
    const bin = postgresBin();
    const user = postgresUser();
    const pgData = join(directory, 'pgdata');
    if (user) chownSync(directory, user.uid, user.gid);
    const initdb = spawnSync(
      join(bin, 'initdb'),
      ['-D', pgData, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
      { encoding: 'utf8', ...(user ?? {}) },
    );
    if (initdb.status !== 0) throw new Error(`initdb failed: ${initdb.stderr}`);
    const pgPort = await freePort();
    const postgres = new ProcessService(
      'PostgreSQL',
      pgPort,
      `postgres://postgres@127.0.0.1:${pgPort}`,
      join(bin, 'postgres'),
      [
        '-D',
        pgData,
        '-p',
        String(pgPort),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        `unix_socket_directories=${directory}`,
        '-c',
        'max_connections=100',
        '-c',
        'shared_buffers=32MB',
      ],
      () => {
        const r = spawnSync(join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(pgPort)]);
        return Promise.resolve(r.status === 0);
      },
      user,
    );
    services.push(postgres);
    await postgres.start();

    const redisPort = await freePort();
    const redis = new ProcessService(
      'Redis',
      redisPort,
      `redis://127.0.0.1:${redisPort}`,
      'redis-server',
      [
        '--bind',
        '127.0.0.1',
        '--port',
        String(redisPort),
        '--dir',
        directory,
        '--save',
        '',
        '--appendonly',
        process.env.FAULTS_REDIS_WITHOUT_AOF ? 'no' : 'yes',
        '--maxmemory-policy',
        'noeviction',
      ],
      () => {
        const r = spawnSync('redis-cli', ['-p', String(redisPort), 'ping'], { encoding: 'utf8' });
        return Promise.resolve(r.stdout.trim() === 'PONG');
      },
    );
    services.push(redis);
    await redis.start();

    const natsPort = await freePort();
    const natsConfig = join(directory, 'nats.conf');
    writeFileSync(natsConfig, 'max_payload: 8MB\n');
    const nats = new ProcessService(
      'NATS',
      natsPort,
      `nats://127.0.0.1:${natsPort}`,
      'nats-server',
      ['-c', natsConfig, '-a', '127.0.0.1', '-p', String(natsPort)],
      () => tcpOpen(natsPort),
    );
    services.push(nats);
    await nats.start();

    return {
      directory,
      postgres,
      redis,
      nats,
      async stop() {
        for (const service of services.reverse()) await service.stop().catch(() => undefined);
        rmSync(directory, { recursive: true, force: true });
      },
    };
  } catch (error) {
    for (const service of services.reverse()) await service.kill('SIGKILL').catch(() => undefined);
    rmSync(directory, { recursive: true, force: true });
    throw error;
  }
}
