import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { startSmtpSink, type SmtpSink } from '@roster/testing';

/**
 * The commands the Docker image and `npm run stack` run — `migrate.js`, then `node dist/apps/<app>/main.js`
 * for each app — work as separate processes against the real services, and stop cleanly on SIGTERM.
 * Runs on the dist/ that `npm test` builds first.
 */
const root = join(__dirname, '..', '..');
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

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

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('the built apps as separate processes (docker image commands)', () => {
  const dbName = `roster_built_${randomBytes(4).toString('hex')}`;
  const children: ChildProcess[] = [];
  const output: string[] = [];
  let sink: SmtpSink;
  let env: NodeJS.ProcessEnv;
  let base: string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const prefix = `built${randomBytes(4).toString('hex')}`;
    env = {
      PATH: process.env.PATH,
      PUBLIC_URL: base,
      GATEWAY_PORT: String(port),
      GATEWAY_HOST: '127.0.0.1',
      DATABASE_URL: ADMIN_URL.replace(/\/[^/]*$/, `/${dbName}`),
      REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      NATS_URL: process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222',
      NATS_SUBJECT_PREFIX: `${prefix}.`,
      BULLMQ_PREFIX: prefix,
      SMTP_URL: sink.url,
      MAIL_FROM: 'Roster <roster@roster.test>',
      ADMIN_TOKEN: randomBytes(24).toString('hex'),
      INVITATION_SECRET: randomBytes(32).toString('hex'),
      HEALTH_PORT: '0',
      LOG_LEVEL: 'info',
      OUTBOX_POLL_MS: '200',
    };
  });

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await sink?.close();
    const admin = new Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  });

  it('refuses to start with a missing setting and names it', () => {
    const { ADMIN_TOKEN: _omit, ...withoutToken } = env;
    const run = spawnSync(process.execPath, ['dist/apps/gateway/main.js'], {
      cwd: root,
      env: withoutToken,
      encoding: 'utf8',
      timeout: 20000,
    });
    expect(run.status).not.toBe(0);
    expect(run.stdout + run.stderr).toContain('ADMIN_TOKEN');
  });

  it('migrates a database that does not exist yet, then runs, provisions and emails, and stops on SIGTERM', async () => {
    const migrate = spawnSync(process.execPath, ['dist/apps/membership/migrate.js'], {
      cwd: root,
      env,
      encoding: 'utf8',
      timeout: 60000,
    });
    expect(migrate.status).toBe(0);
    const again = spawnSync(process.execPath, ['dist/apps/membership/migrate.js'], {
      cwd: root,
      env,
      encoding: 'utf8',
      timeout: 60000,
    });
    expect(again.status).toBe(0);

    // Each app's metrics port: membership's and the mailer's health port, the gateway's own port.
    const metricsPorts = {
      membership: await freePort(),
      mailer: await freePort(),
      gateway: await freePort(),
    };
    const ownEnv = {
      membership: { HEALTH_PORT: String(metricsPorts.membership) },
      mailer: { HEALTH_PORT: String(metricsPorts.mailer) },
      gateway: { METRICS_PORT: String(metricsPorts.gateway) },
    };
    for (const app of ['membership', 'mailer', 'gateway'] as const) {
      const child = spawn(process.execPath, [`dist/apps/${app}/main.js`], {
        cwd: root,
        env: { ...env, ...ownEnv[app] },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.on('data', (d: Buffer) => output.push(d.toString()));
      child.stderr.on('data', (d: Buffer) => output.push(d.toString()));
      children.push(child);
    }
    await until('gateway ready', async () =>
      (await fetch(`${base}/health/ready`)).status === 200 ? true : undefined,
    );

    const admin = { authorization: `Bearer ${env.ADMIN_TOKEN}`, 'content-type': 'application/json' };
    const org = (await (
      await fetch(`${base}/api/organizations`, {
        method: 'POST',
        headers: admin,
        body: JSON.stringify({ name: 'Built' }),
      })
    ).json()) as { id: string };
    await fetch(`${base}/api/organizations/${org.id}/scim`, {
      method: 'PUT',
      headers: admin,
      body: JSON.stringify({ enabled: true }),
    });
    const { key } = (await (
      await fetch(`${base}/api/organizations/${org.id}/scim/keys`, {
        method: 'POST',
        headers: admin,
        body: '{}',
      })
    ).json()) as { key: string };
    const created = await fetch(`${base}/scim/v2/${org.id}/Users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/scim+json' },
      body: JSON.stringify({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: 'proc@example.com',
      }),
    });
    expect(created.status).toBe(201);
    const invitation = await sink.waitFor((m) => m.to.includes('proc@example.com'), 20000);
    const token = /token=([A-Za-z0-9_.-]+)/.exec(invitation.text)![1];

    const logs = output.join('');
    expect(logs).not.toContain(token);
    expect(logs).not.toContain(key);
    expect(logs).not.toContain(env.ADMIN_TOKEN!);

    // Prometheus metrics (SPEC §8) on every app's internal port, never on the public one; route
    // templates as labels, so no organization id, key or filter value reaches the metrics.
    const metrics = async (port: number) => (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const gatewayMetrics = await metrics(metricsPorts.gateway);
    expect(gatewayMetrics).toMatch(
      /roster_http_requests_total\{method="POST",route="\/scim\/v2\/:organizationId\/Users",status="201",app="gateway"\} 1/,
    );
    expect(gatewayMetrics).toContain('roster_process_resident_memory_bytes{app="gateway"}');
    expect(gatewayMetrics).not.toContain(org.id);
    expect((await fetch(`${base}/metrics`)).status).toBe(404);
    expect(await metrics(metricsPorts.membership)).toMatch(/roster_outbox_pending\{app="membership"\} \d+/);
    const mailerMetrics = await until('the sent invitation counted', async () => {
      const text = await metrics(metricsPorts.mailer);
      return /roster_mail_attempts_total\{kind="invitation",outcome="sent",app="mailer"\} 1/.test(text)
        ? text
        : undefined;
    });
    expect(mailerMetrics).toMatch(/roster_mail_queue_jobs\{state="waiting",app="mailer"\} \d+/);

    // A clean stop: exit 0, or the SIGTERM re-raised after shutdown hooks ran (shell status 143).
    const exits = children.map(
      (child) =>
        new Promise<number | string | null>((resolve) =>
          child.on('exit', (code, signal) => resolve(code ?? signal)),
        ),
    );
    for (const child of children) child.kill('SIGTERM');
    for (const outcome of await Promise.all(exits)) expect([0, 143, 'SIGTERM']).toContain(outcome);
  });
});
