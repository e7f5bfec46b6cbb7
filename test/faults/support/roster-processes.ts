import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { freePort, waitUntil, type Infrastructure } from './infrastructure';

const ROOT = join(__dirname, '..', '..', '..');
export const APPS = ['membership', 'mailer', 'gateway'] as const;
export type AppName = (typeof APPS)[number];

/** One JSON log line of an app (pino), with the app it came from. */
export interface LogLine {
  app: AppName;
  msg?: string;
  level?: number;
  [field: string]: unknown;
}

/**
 * Roster as the Docker image runs it: `migrate.js` once, then `node dist/apps/<app>/main.js` per app,
 * each a separate process that the fault tests kill (by pid) and start again with the same settings.
 */
export interface RosterProcesses {
  env: Record<string, string>;
  gatewayUrl: string;
  adminToken: string;
  /** Every log line of every app so far, in arrival order. */
  logs: LogLine[];
  pid(app: AppName): number | undefined;
  start(app: AppName): Promise<void>;
  kill(app: AppName, signal?: NodeJS.Signals): Promise<void>;
  stop(): Promise<void>;
}

export async function startRoster(
  infrastructure: Infrastructure,
  overrides: Record<string, string> & { SMTP_URL: string },
): Promise<RosterProcesses> {
  for (const app of APPS) {
    if (!existsSync(join(ROOT, 'dist', 'apps', app, 'main.js'))) {
      throw new Error(`dist/apps/${app}/main.js is missing: npm run test:faults builds it first`);
    }
  }
  const gatewayPort = await freePort();
  const healthPorts: Record<AppName, number> = {
    membership: await freePort(),
    mailer: await freePort(),
    gateway: gatewayPort,
  };
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  const adminToken = randomBytes(24).toString('hex');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    PUBLIC_URL: gatewayUrl,
    GATEWAY_PORT: String(gatewayPort),
    GATEWAY_HOST: '127.0.0.1',
    DATABASE_URL: `${infrastructure.postgres.url}/roster`,
    REDIS_URL: infrastructure.redis.url,
    NATS_URL: infrastructure.nats.url,
    MAIL_FROM: 'Roster <roster@roster.test>',
    ADMIN_TOKEN: adminToken,
    INVITATION_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'info',
    ...overrides,
  };
  const migrate = spawnSync(process.execPath, ['dist/apps/membership/migrate.js'], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (migrate.status !== 0) throw new Error(`migrate failed: ${migrate.stderr}`);

  const logs: LogLine[] = [];
  const children = new Map<AppName, ChildProcess>();
  const exits = new Map<AppName, Promise<void>>();

  async function start(app: AppName): Promise<void> {
    const running = children.get(app);
    if (running && running.exitCode === null && running.signalCode === null) return;
    const child = spawn(process.execPath, [`dist/apps/${app}/main.js`], {
      cwd: ROOT,
      env: { ...env, HEALTH_PORT: String(healthPorts[app]) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.set(app, child);
    exits.set(app, new Promise((resolve) => child.once('exit', () => resolve())));
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        try {
          logs.push({ ...(JSON.parse(line) as object), app });
        } catch {
          logs.push({ app, msg: line });
        }
      });
    }
    // Membership answers ready once PostgreSQL and Redis do; the gateway once membership answers it.
    const path = '/health/ready';
    await waitUntil(
      `${app} ready`,
      async () => {
        if (child.exitCode !== null) {
          const last = logs.filter((l) => l.app === app).slice(-5);
          throw new Error(`${app} exited with ${child.exitCode}: ${JSON.stringify(last)}`);
        }
        const response = await fetch(`http://127.0.0.1:${healthPorts[app]}${path}`);
        return response.status === 200;
      },
      45_000,
    );
  }

  async function kill(app: AppName, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = children.get(app);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    process.kill(child.pid!, signal);
    await exits.get(app);
  }

  for (const app of APPS) await start(app);
  return {
    env,
    gatewayUrl,
    adminToken,
    logs,
    pid: (app) => children.get(app)?.pid,
    start,
    kill,
    async stop() {
      await Promise.all(
        APPS.map(async (app) => {
          const child = children.get(app);
          if (!child || child.exitCode !== null || child.signalCode !== null) return;
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          await exits.get(app);
          clearTimeout(timer);
        }),
      );
    },
  };
}
