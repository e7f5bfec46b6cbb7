// The stack `npm run bench` measures: the built apps started as the Docker image starts them
// (`migrate.js`, then `node dist/apps/<app>/main.js`), as separate processes, against a database,
// a BullMQ prefix and a NATS subject prefix of their own, so nothing else running on this machine
// can answer (or steal) their messages. Or a Roster that is already running (`--url`).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, globSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import Redis from 'ioredis';
import pg from 'pg';

export const root = join(import.meta.dirname, '..', '..');

/** Builds dist/ when it is missing or older than a source file (scripts/build.mjs, as `npm run build`). */
export function buildIfNeeded(dist, log) {
  const marker = join(dist, 'apps/gateway/main.js');
  if (dist !== join(root, 'dist')) {
    if (!existsSync(marker)) throw new Error(`${dist} has no build (${marker} is missing)`);
    return;
  }
  if (existsSync(marker)) {
    const built = statSync(marker).mtimeMs;
    const sources = globSync('{apps,libs/scim,libs/contracts,libs/config}/**/*.{ts,hbs}', { cwd: root });
    if (!sources.some((file) => statSync(join(root, file)).mtimeMs > built)) return;
  }
  log('building (scripts/build.mjs)');
  const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the build failed');
}

/**
 * Starts membership, mailer and gateway from `dist` and waits until each is ready. `profileDir` runs
 * gateway and membership under `--cpu-prof` (profiles are written when they stop).
 */
export async function startStack({ dist, adminDatabaseUrl, smtpUrl, profileDir, log }) {
  const [port, membershipHealth, mailerHealth] = [await freePort(), await freePort(), await freePort()];
  const suffix = randomBytes(4).toString('hex');
  const database = `roster_bench_${suffix}`;
  const prefix = `bench${suffix}`;
  const databaseUrl = new URL(adminDatabaseUrl);
  databaseUrl.pathname = `/${database}`;
  const env = {
    PATH: process.env.PATH,
    NODE_ENV: 'development',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    GATEWAY_PORT: String(port),
    GATEWAY_HOST: '127.0.0.1',
    // Any free port: a fixed one (9464 by default) clashes with any other gateway on this machine.
    METRICS_PORT: '0',
    DATABASE_URL: databaseUrl.toString(),
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    NATS_URL: process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222',
    NATS_SUBJECT_PREFIX: `${prefix}.`,
    BULLMQ_PREFIX: prefix,
    SMTP_URL: smtpUrl,
    MAIL_FROM: 'Roster <roster@roster.test>',
    ADMIN_TOKEN: randomBytes(24).toString('hex'),
    INVITATION_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    // The default (30,000 requests a minute per organization) would answer W2 with 429s after a few
    // seconds. The highest limit keeps the limiter and its Redis round trip in every measured request.
    SCIM_RATE_LIMIT_REQUESTS: process.env.BENCH_SCIM_RATE_LIMIT ?? '10000000',
  };
  const dropAll = () => dropDatabaseAndKeys(adminDatabaseUrl, database, env.REDIS_URL, prefix);
  const migrate = spawnSync(process.execPath, [join(dist, 'apps/membership/migrate.js')], {
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (migrate.status !== 0) {
    await dropAll();
    throw new Error(`migrate failed: ${migrate.stdout}${migrate.stderr}`);
  }
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const healthPorts = { membership: membershipHealth, mailer: mailerHealth };
  const apps = {};
  for (const app of ['membership', 'mailer', 'gateway']) {
    const flags =
      profileDir && app !== 'mailer'
        ? [
            '--cpu-prof',
            `--cpu-prof-dir=${profileDir}`,
            `--cpu-prof-name=${app}.cpuprofile`,
            '-r',
            join(import.meta.dirname, 'exit-on-sigusr2.cjs'),
          ]
        : [];
    const child = spawn(process.execPath, [...flags, join(dist, `apps/${app}/main.js`)], {
      env: { ...env, HEALTH_PORT: String(healthPorts[app] ?? 0) },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr.on('data', (chunk) => process.stderr.write(`[${app}] ${chunk}`));
    apps[app] = child;
  }
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await Promise.all(
      Object.entries(apps).map(
        ([app, child]) =>
          new Promise((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
            child.once('exit', () => (clearTimeout(timer), resolve()));
            child.kill(profileDir && app !== 'mailer' ? 'SIGUSR2' : 'SIGTERM');
          }),
      ),
    );
    await dropAll();
  };
  try {
    await waitReady(
      [
        `${url}/health/ready`,
        `http://127.0.0.1:${membershipHealth}/health/ready`,
        `http://127.0.0.1:${mailerHealth}/health/ready`,
      ],
      apps,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  log(`stack ready at ${url} (database ${database}, prefix ${prefix})`);
  return {
    url,
    adminToken: env.ADMIN_TOKEN,
    databaseUrl: env.DATABASE_URL,
    pids: Object.fromEntries(Object.entries(apps).map(([app, child]) => [app, child.pid])),
    stop,
  };
}

/** A Roster already running; seeding the large W2 tiers needs its database URL. */
export function externalStack({ url, adminToken, databaseUrl, pids }) {
  if (!adminToken) throw new Error('--url needs --admin-token (or ADMIN_TOKEN)');
  return { url: url.replace(/\/+$/, ''), adminToken, databaseUrl, pids: pids ?? {}, stop: async () => {} };
}

async function waitReady(urls, apps, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (const target of urls) {
    for (;;) {
      const dead = Object.entries(apps).find(([, child]) => child.exitCode !== null);
      if (dead) throw new Error(`${dead[0]} exited (${dead[1].exitCode}) before it was ready`);
      const ready = await fetch(target).then(
        (res) => res.status === 200,
        () => false,
      );
      if (ready) break;
      if (Date.now() > deadline) throw new Error(`${target} was not ready within ${timeoutMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

async function dropDatabaseAndKeys(adminDatabaseUrl, database, redisUrl, prefix) {
  const client = new pg.Client({ connectionString: adminDatabaseUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Resident memory of a process in MB (VmRSS), or null when it is gone or not ours to read. */
export function residentMb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(status);
    return kb ? Number(kb[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Samples each app's RSS every `intervalMs` until stopped; returns the peak of each, in MB. */
export function sampleRss(pids, intervalMs = 100) {
  const peaks = Object.fromEntries(Object.keys(pids).map((app) => [app, null]));
  const sample = () => {
    for (const [app, pid] of Object.entries(pids)) {
      const mb = residentMb(pid);
      if (mb !== null && (peaks[app] === null || mb > peaks[app])) peaks[app] = mb;
    }
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return () => {
    clearInterval(timer);
    sample();
    return Object.fromEntries(
      Object.entries(peaks).map(([app, mb]) => [app, mb === null ? null : Math.round(mb)]),
    );
  };
}
