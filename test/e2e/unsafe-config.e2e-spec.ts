import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOwnRedis, type OwnRedis } from './support/own-redis';

/**
 * The built apps (`node dist/apps/<app>/main.js`, what the Docker image runs) refuse unsafe
 * configuration before serving anything, with one line naming the variable or Redis setting.
 * Runs on the dist/ that `npm test` builds first.
 */
const root = join(__dirname, '..', '..');

/** .env.example as an environment: what an admin who copied it without editing would run. */
function exampleEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of readFileSync(join(root, '.env.example'), 'utf8').split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line);
    if (match) env[match[1]] = match[2];
  }
  return env;
}

function run(app: 'gateway' | 'mailer', env: Record<string, string>) {
  const result = spawnSync(process.execPath, [`dist/apps/${app}/main.js`], {
    cwd: root,
    env: { PATH: process.env.PATH, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, output: result.stdout + result.stderr };
}

const secret = () => randomBytes(32).toString('hex');
const prefix = () => `unsafe${randomBytes(4).toString('hex')}`;

// Protects issue 6 §7 and SPEC §8: example secrets, secrets under 32 bytes, an evicting Redis and
// (in production) a Redis without persistence stop start-up with a clear message.
describe('unsafe configuration refuses to start', () => {
  const gatewayEnv = () => ({
    PUBLIC_URL: 'http://127.0.0.1:1',
    GATEWAY_PORT: '0',
    METRICS_PORT: '0',
    NATS_URL: 'nats://127.0.0.1:4222',
    REDIS_URL: 'redis://127.0.0.1:6379',
    ADMIN_TOKEN: secret(),
    INVITATION_SECRET: secret(),
  });
  const mailerEnv = (redisUrl: string) => ({
    REDIS_URL: redisUrl,
    BULLMQ_PREFIX: prefix(),
    MAIL_FROM: 'Roster <roster@roster.test>',
    PUBLIC_URL: 'http://roster.test',
    INVITATION_SECRET: secret(),
    HEALTH_PORT: '0',
    MAIL_DIR: join(tmpdir(), 'roster-unsafe-config-mail'),
  });

  it.each<[string, Record<string, string>, string, RegExp]>([
    ['a copied .env.example (secrets left blank)', exampleEnv(), 'ADMIN_TOKEN', /ADMIN_TOKEN: is required/],
    [
      'an example INVITATION_SECRET',
      { INVITATION_SECRET: 'placeholder-invitation-secret-0000000000' },
      'INVITATION_SECRET',
      /INVITATION_SECRET: is an example value/,
    ],
    [
      'an ADMIN_TOKEN of 24 bytes',
      { ADMIN_TOKEN: randomBytes(12).toString('hex') },
      'ADMIN_TOKEN',
      /ADMIN_TOKEN: must be at least 32 bytes/,
    ],
    [
      'a hand-typed ADMIN_TOKEN',
      { ADMIN_TOKEN: 'a'.repeat(48) },
      'ADMIN_TOKEN',
      /ADMIN_TOKEN: looks typed by hand/,
    ],
  ])('gateway: %s', (_case, override, variable, message) => {
    const env: Record<string, string> = { ...gatewayEnv(), ...override };
    const { status, output } = run('gateway', env);
    expect(status).toBe(1);
    expect(output).toMatch(message);
    expect(output).toContain(variable);
    if (env[variable]) expect(output).not.toContain(env[variable]);
  });

  it('mailer: a copied .env.example and a short secret, naming INVITATION_SECRET', () => {
    expect(run('mailer', exampleEnv()).output).toMatch(/INVITATION_SECRET: is required/);
    const short = run('mailer', {
      ...mailerEnv('redis://127.0.0.1:6379'),
      INVITATION_SECRET: 'shortsecret-123',
    });
    expect(short.status).toBe(1);
    expect(short.output).toMatch(/INVITATION_SECRET: must be at least 32 bytes/);
    expect(short.output).not.toContain('shortsecret-123');
  });

  describe('Redis that may lose mail', () => {
    const servers: OwnRedis[] = [];
    afterAll(async () => {
      for (const server of servers) await server.kill();
    });

    it('refuses an evicting maxmemory-policy, in any mode', async () => {
      const redis = await startOwnRedis(['--maxmemory-policy', 'allkeys-lru', '--appendonly', 'yes']);
      servers.push(redis);
      const { status, output } = run('mailer', { ...mailerEnv(redis.url), NODE_ENV: 'development' });
      expect(status).toBe(1);
      expect(output).toMatch(/maxmemory-policy is 'allkeys-lru'; set it to 'noeviction'/);
    });

    it('refuses a Redis without AOF in production, and only warns outside it', async () => {
      const redis = await startOwnRedis(['--maxmemory-policy', 'noeviction', '--appendonly', 'no']);
      servers.push(redis);
      const production = run('mailer', { ...mailerEnv(redis.url), NODE_ENV: 'production' });
      expect(production.status).toBe(1);
      expect(production.output).toMatch(/append-only file is off; run Redis with '--appendonly yes'/);

      // In development the same Redis is a warning: the mailer starts (and is stopped again).
      const child = spawn(process.execPath, ['dist/apps/mailer/main.js'], {
        cwd: root,
        env: { PATH: process.env.PATH, ...mailerEnv(redis.url), NODE_ENV: 'development', LOG_LEVEL: 'info' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr.on('data', (d: Buffer) => (output += d.toString()));
      const exited = new Promise<number | string | null>((resolve) =>
        child.on('exit', (code, signal) => resolve(code ?? signal)),
      );
      const deadline = Date.now() + 20_000;
      while (!/mailer ready/.test(output) && child.exitCode === null && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
      }
      child.kill('SIGTERM');
      await exited;
      expect(output).toMatch(/append-only file is off/);
      expect(output).toMatch(/mailer ready/);
    });
  });
});
