// Times the Groups operations of a 10,000-member group (issue 3, item 8): create with 10,000 members,
// read and list it with and without members, one PATCH adding 5,000 and one removing 5,000. Not a
// test: it prints the time of each step and checks only that each step did what it should.
//
//   npm run bench:groups                         starts the built apps (dist/, `npm run build` first)
//   ROSTER_DIST=/path/to/dist npm run bench:groups    another build of the same tree
//   ROSTER_URL=http://host:8080 ADMIN_TOKEN=... npm run bench:groups   a running Roster instead
//
// Started apps use a fresh database on TEST_DATABASE_URL's server (default: local trust PostgreSQL),
// the local Redis and NATS under a prefix of their own, and are stopped (and the database dropped)
// at the end. Users are created over SCIM with active=false, so no invitation email is sent.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import Redis from 'ioredis';
import pg from 'pg';

const root = join(import.meta.dirname, '..');
const GROUP_SIZE = 10_000;
const CHANGE_SIZE = 5_000;
const CONNECTIONS = 16;
const ADMIN_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

async function main() {
  const roster = process.env.ROSTER_URL ? externalRoster() : await startBuiltRoster();
  try {
    await run(roster);
  } finally {
    await roster.stop();
  }
}

async function run({ url, adminToken }) {
  const admin = { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' };
  const org = await json(
    await fetch(`${url}/api/organizations`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ name: `bench-${Date.now()}` }),
    }),
    201,
  );
  await json(
    await fetch(`${url}/api/organizations/${org.id}/scim`, {
      method: 'PUT',
      headers: admin,
      body: JSON.stringify({ enabled: true }),
    }),
    200,
  );
  const { key } = await json(
    await fetch(`${url}/api/organizations/${org.id}/scim/keys`, {
      method: 'POST',
      headers: admin,
      body: '{}',
    }),
    201,
  );
  const scim = (method, path, body) =>
    fetch(`${url}/scim/v2/${org.id}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/scim+json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  console.log(`Roster at ${url}; organization ${org.id}`);
  const users = await step(
    `seed: create ${GROUP_SIZE + CHANGE_SIZE} users (POST /Users, ${CONNECTIONS} connections)`,
    () =>
      inPool(CONNECTIONS, GROUP_SIZE + CHANGE_SIZE, async (i) => {
        const res = await scim('POST', '/Users', {
          schemas: [USER],
          userName: `bench-${i}@example.com`,
          displayName: `Bench User ${i}`,
          active: false,
        });
        return (await json(res, 201)).id;
      }),
  );
  const initial = users.slice(0, GROUP_SIZE);
  const added = users.slice(GROUP_SIZE);
  const removed = initial.slice(0, CHANGE_SIZE);
  const members = (ids) => ids.map((value) => ({ value }));

  console.log('');
  const created = await step(`POST /Groups with ${GROUP_SIZE} members`, async () =>
    json(
      await scim('POST', '/Groups', {
        schemas: [GROUP],
        displayName: 'Bench Group',
        externalId: 'bench-1',
        members: members(initial),
      }),
      201,
    ),
  );
  check(created.members.length === GROUP_SIZE, 'the created group has every member');
  const id = created.id;
  const one = await step(`GET /Groups/{id} (${GROUP_SIZE} members)`, async () =>
    json(await scim('GET', `/Groups/${id}`), 200),
  );
  check(one.members.length === GROUP_SIZE, 'GET returns every member');
  await step('GET /Groups/{id}?excludedAttributes=members', async () =>
    json(await scim('GET', `/Groups/${id}?excludedAttributes=members`), 200),
  );
  const filter = encodeURIComponent('displayName eq "Bench Group"');
  const listed = await step('GET /Groups?filter=displayName eq (list, with members)', async () =>
    json(await scim('GET', `/Groups?filter=${filter}`), 200),
  );
  check(listed.Resources[0].members.length === GROUP_SIZE, 'the list shows every member');
  await step('GET /Groups?filter=displayName eq&excludedAttributes=members (Entra)', async () =>
    json(await scim('GET', `/Groups?filter=${filter}&excludedAttributes=members`), 200),
  );
  await step(`PATCH add ${CHANGE_SIZE} members (one request, Okta form)`, async () =>
    expectStatus(
      await scim('PATCH', `/Groups/${id}`, {
        schemas: [PATCH],
        Operations: [{ op: 'add', path: 'members', value: members(added) }],
      }),
      204,
    ),
  );
  await step(`PATCH remove ${CHANGE_SIZE} members (one request, Entra form)`, async () =>
    expectStatus(
      await scim('PATCH', `/Groups/${id}`, {
        schemas: [PATCH],
        Operations: [{ op: 'Remove', path: 'members', value: members(removed) }],
      }),
      204,
    ),
  );
  const after = await step(`GET /Groups/{id} (${GROUP_SIZE} members again)`, async () =>
    json(await scim('GET', `/Groups/${id}`), 200),
  );
  const expected = new Set([...initial.slice(CHANGE_SIZE), ...added]);
  check(
    after.members.length === expected.size && after.members.every((m) => expected.has(m.value)),
    'the member set is exactly the expected one',
  );
  await step(`PUT /Groups/{id} replacing all ${GROUP_SIZE} members`, async () =>
    json(
      await scim('PUT', `/Groups/${id}`, {
        schemas: [GROUP],
        displayName: 'Bench Group',
        members: members(initial),
      }),
      200,
    ),
  );
  await step('DELETE /Groups/{id}', async () => expectStatus(await scim('DELETE', `/Groups/${id}`), 204));
}

async function step(label, work) {
  const started = performance.now();
  const result = await work();
  console.log(`${(performance.now() - started).toFixed(0).padStart(8)} ms  ${label}`);
  return result;
}

async function inPool(limit, count, task) {
  const results = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      results[index] = await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
  return results;
}

async function json(res, status) {
  await expectStatus(res, status, false);
  return res.json();
}

async function expectStatus(res, status, consume = true) {
  if (res.status !== status)
    throw new Error(`expected ${status}, got ${res.status}: ${(await res.text()).slice(0, 300)}`);
  if (consume) await res.arrayBuffer();
}

function check(condition, what) {
  if (!condition) throw new Error(`check failed: ${what}`);
}

function externalRoster() {
  if (!process.env.ADMIN_TOKEN) throw new Error('ROSTER_URL needs ADMIN_TOKEN');
  return {
    url: process.env.ROSTER_URL.replace(/\/+$/, ''),
    adminToken: process.env.ADMIN_TOKEN,
    stop: async () => {},
  };
}

/** The commands the Docker image runs (migrate, then membership and gateway), as child processes. */
async function startBuiltRoster() {
  const dist = process.env.ROSTER_DIST ?? join(root, 'dist');
  const port = await freePort();
  const database = `roster_bench_${randomBytes(4).toString('hex')}`;
  const prefix = `bench${randomBytes(4).toString('hex')}`;
  const adminUrl = new URL(ADMIN_DATABASE_URL);
  const databaseUrl = new URL(ADMIN_DATABASE_URL);
  databaseUrl.pathname = `/${database}`;
  const env = {
    PATH: process.env.PATH,
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    GATEWAY_PORT: String(port),
    GATEWAY_HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl.toString(),
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    NATS_URL: process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222',
    NATS_SUBJECT_PREFIX: `${prefix}.`,
    BULLMQ_PREFIX: prefix,
    MAIL_FROM: 'Roster <roster@roster.test>',
    ADMIN_TOKEN: randomBytes(24).toString('hex'),
    INVITATION_SECRET: randomBytes(32).toString('hex'),
    HEALTH_PORT: '0',
    LOG_LEVEL: 'warn',
  };
  const migrate = spawnSync(process.execPath, [join(dist, 'apps/membership/migrate.js')], {
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (migrate.status !== 0) throw new Error(`migrate failed: ${migrate.stdout}${migrate.stderr}`);
  const children = ['membership', 'gateway'].map((app) =>
    spawn(process.execPath, [join(dist, `apps/${app}/main.js`)], {
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    }),
  );
  const stop = async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise((resolve) =>
            child.exitCode !== null ? resolve() : (child.once('exit', resolve), child.kill('SIGTERM')),
          ),
      ),
    );
    const client = new pg.Client({ connectionString: adminUrl.toString() });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await client.end();
    // Membership's BullMQ queues leave a few keys under the prefix.
    const redis = new Redis(env.REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ready = await fetch(`${url}/health/ready`).then(
      (res) => res.status === 200,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error('the built apps did not become ready within 30 s');
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { url, adminToken: env.ADMIN_TOKEN, stop };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
