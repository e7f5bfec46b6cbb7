// `npm run bench` (issue 7): the SCIM workloads Roster is measured on, with autocannon over loopback.
// Not a test: nothing here fails on a time. It prints one table and writes it, with the machine it ran
// on, to bench/results/<timestamp>.json.
//
//   npm run bench                              builds if needed, starts the stack, runs W1–W6
//   npm run bench -- --quick                   a smoke run: small counts, 10k tier only (~20 s)
//   npm run bench -- --sizes 10k,100k          W2 tiers to run (default 10k,100k,1m)
//   npm run bench -- --only W2,W4              some workloads only
//   npm run bench -- --runs 3                  repeat the whole suite on one stack; medians reported
//   npm run bench -- --profile var/bench-prof  gateway and membership under --cpu-prof
//   npm run bench -- --url http://host:8080 --admin-token T [--database-url postgres://...]
//                                              a running Roster (W2 tiers above 10k need its database)
//
// The started stack: `migrate.js`, then `node dist/apps/<app>/main.js` for membership, mailer and
// gateway, on a fresh database (dropped at the end), a NATS subject prefix and BullMQ prefix of its
// own, and an in-process SMTP sink. PostgreSQL, Redis and NATS are the local ones (TEST_DATABASE_URL,
// TEST_REDIS_URL, TEST_NATS_URL override them). Apps log at warn (BENCH_LOG_LEVEL overrides).
import { cpus, freemem, loadavg, release, totalmem } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { cannon, cannonJobs, Latencies } from './lib/load.mjs';
import { GROUP, PATCH_OP, newOrganization, userBody, userIds } from './lib/scim.mjs';
import { createSeeder, seededUserName } from './lib/seed.mjs';
import { startSmtpSink } from './lib/smtp-sink.mjs';
import { buildIfNeeded, externalStack, root, sampleRss, startStack } from './lib/stack.mjs';
import { printTable, summarise } from './lib/report.mjs';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    'admin-token': { type: 'string' },
    'database-url': { type: 'string' },
    sizes: { type: 'string' },
    only: { type: 'string' },
    quick: { type: 'boolean', default: false },
    runs: { type: 'string', default: '1' },
    duration: { type: 'string' },
    profile: { type: 'string' },
    dist: { type: 'string' },
    out: { type: 'string' },
    label: { type: 'string' },
  },
});

const QUICK = args.quick;
const SIZES = { '1k': 1_000, '10k': 10_000, '100k': 100_000, '1m': 1_000_000 };
const config = {
  w1Users: QUICK ? 200 : 2_000,
  w2Seconds: Number(args.duration ?? (QUICK ? 2 : 10)),
  w2Sizes: (args.sizes ?? (QUICK ? '10k' : '10k,100k,1m')).split(',').map((size) => {
    const n = SIZES[size.trim().toLowerCase()];
    if (!n) throw new Error(`--sizes: unknown size ${size} (one of ${Object.keys(SIZES).join(', ')})`);
    return n;
  }),
  w3: QUICK
    ? [[100, 50]]
    : [
        [1_000, 500],
        [10_000, 5_000],
      ],
  w3Repeats: QUICK ? 1 : 3,
  w4Passes: QUICK ? 1 : 5,
  w5Invitations: QUICK ? 100 : 1_000,
  w6Users: QUICK ? 200 : 5_000,
  w6Groups: QUICK ? 4 : 50,
  w6GroupSize: QUICK ? 25 : 100,
};
const only = args.only ? new Set(args.only.toUpperCase().split(',')) : undefined;
const wanted = (workload) => !only || only.has(workload);
const log = (line) => console.error(`bench: ${line}`);
const ok = (status) => status >= 200 && status < 300;

async function main() {
  const loadBefore = loadavg();
  const sink = await startSmtpSink();
  const dist = resolve(args.dist ?? join(root, 'dist'));
  let stack;
  if (args.url) {
    stack = externalStack({
      url: args.url,
      adminToken: args['admin-token'] ?? process.env.ADMIN_TOKEN,
      databaseUrl: args['database-url'],
    });
    log(`using the Roster at ${stack.url}; W5 is skipped (its mail does not reach this sink)`);
  } else {
    buildIfNeeded(dist, log);
    stack = await startStack({
      dist,
      adminDatabaseUrl: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
      smtpUrl: sink.url,
      profileDir: args.profile ? resolve(args.profile) : undefined,
      log,
    });
  }
  const runs = [];
  const interrupted = () => {
    log('interrupted: stopping the stack and dropping its database');
    void stack.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    for (let run = 1; run <= Number(args.runs); run++) {
      log(`run ${run} of ${args.runs}`);
      runs.push(await suite(stack, sink, run));
    }
  } finally {
    await stack.stop();
    await sink.close();
  }
  const rows = summarise(runs);
  printTable(rows);
  const machine = {
    cpu: cpus()[0]?.model,
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    freeMemoryGb: Math.round(freemem() / 2 ** 30),
    kernel: release(),
    node: process.version,
    loadAverageBefore: loadBefore.map((n) => Math.round(n * 100) / 100),
    loadAverageAfter: loadavg().map((n) => Math.round(n * 100) / 100),
  };
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = join(
    args.out ?? join(root, 'bench/results'),
    `${stamp}${args.label ? `-${args.label}` : ''}.json`,
  );
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(
    file,
    `${JSON.stringify({ date: new Date().toISOString(), machine, quick: QUICK, config, target: args.url ? 'external' : 'started', rows, runs }, null, 2)}\n`,
  );
  log(`load average before ${machine.loadAverageBefore.join(' ')}; written ${file}`);
}

/** One pass of every wanted workload on the running stack; returns its rows. */
async function suite(stack, sink, run) {
  const rows = [];
  const measure = async (workload, name, target, work) => {
    const stopSampling = sampleRss(stack.pids);
    const result = await work();
    rows.push({ workload, name, target, ...result, rss: stopSampling() });
    const row = rows[rows.length - 1];
    log(
      `${name}: ${row.rate.toFixed(0)} ${row.unit}, p50 ${row.p50} ms, p99 ${row.p99} ms, max ${row.max} ms, errors ${row.errors}` +
        (row.firstFailure ? ` (first: ${row.firstFailure})` : ''),
    );
  };
  const tag = `${Date.now().toString(36)}r${run}`;

  if (wanted('W1')) {
    const org = await newOrganization(stack, `bench-w1-${tag}`);
    let next = 0;
    await measure(
      'W1',
      `W1 create ${config.w1Users} users (POST, 16 conn)`,
      '≥ 1,300 creates/s',
      async () => ({
        unit: 'creates/s',
        ...(await cannon({
          url: stack.url,
          connections: 16,
          amount: config.w1Users,
          headers: org.headers,
          expect: (status) => status === 201,
          requests: [
            {
              method: 'POST',
              path: `${org.path}/Users`,
              headers: org.withBody,
              setupRequest: (request) => ({
                ...request,
                body: JSON.stringify(userBody(`w1-${tag}-${next++}`, `w1${tag}.bench.test`)),
              }),
            },
          ],
        })),
      }),
    );
    // Their invitations go out now; later workloads should not share the machine with them.
    if (!args.url) await drainMail(sink, `w1${tag}.bench.test`, config.w1Users);
  }

  if (wanted('W5') && !args.url) {
    const org = await newOrganization(stack, `bench-w5-${tag}`);
    const domain = `w5${tag}.bench.test`;
    let next = 0;
    await measure(
      'W5',
      `W5 ${config.w5Invitations} invitations, POST to SMTP sink`,
      '≥ 500 emails/s',
      async () => {
        const started = performance.now();
        const posted = await cannon({
          url: stack.url,
          connections: 16,
          amount: config.w5Invitations,
          headers: org.headers,
          expect: (status) => status === 201,
          requests: [
            {
              method: 'POST',
              path: `${org.path}/Users`,
              headers: org.withBody,
              setupRequest: (request) => ({
                ...request,
                body: JSON.stringify(userBody(`w5-${next++}`, domain)),
              }),
            },
          ],
        });
        const last = await sink.waitForCount(domain, config.w5Invitations, 300_000);
        const seconds = (last - started) / 1000;
        return {
          ...posted,
          unit: 'emails/s',
          seconds,
          rate: config.w5Invitations / seconds,
          postRate: posted.rate,
        };
      },
    );
  }

  if (wanted('W6')) {
    const org = await newOrganization(stack, `bench-w6-${tag}`);
    const domain = `w6${tag}.bench.test`;
    await measure(
      'W6',
      `W6 Entra initial sync: ${config.w6Users} users + ${config.w6Groups}×${config.w6GroupSize} groups (8 conn)`,
      'zero errors',
      async () => {
        const latencies = new Latencies();
        const started = performance.now();
        const created = [];
        const userJobs = Array.from({ length: config.w6Users }, (_, i) => ({
          state: { name: `w6-${i}` },
          steps: [
            {
              request: (state) => ({
                method: 'GET',
                headers: org.headers,
                body: undefined,
                path: `${org.path}/Users?filter=${encodeURIComponent(`userName eq "${state.name}@${domain}"`)}`,
              }),
              expect: (status, body) => status === 200 && body.includes('"totalResults":0'),
            },
            {
              request: (state) => ({
                method: 'POST',
                path: `${org.path}/Users`,
                headers: org.withBody,
                body: JSON.stringify(userBody(state.name, domain)),
              }),
              expect: (status) => status === 201,
              onResponse: (state, status, body) => {
                if (status === 201) created[Number(state.name.slice(3))] = JSON.parse(body).id;
              },
            },
          ],
        }));
        const expect = (current, status, body) => current.step.expect(status, body);
        const users = await cannonJobs({
          url: stack.url,
          connections: 8,
          jobs: userJobs,
          headers: org.headers,
          expect,
          latencies,
        });
        const groupJobs = Array.from({ length: config.w6Groups }, (_, g) => ({
          state: {
            name: `W6 Group ${g}`,
            members: created.slice(g * config.w6GroupSize, (g + 1) * config.w6GroupSize),
          },
          steps: [
            {
              request: (state) => ({
                method: 'GET',
                headers: org.headers,
                body: undefined,
                path: `${org.path}/Groups?excludedAttributes=members&filter=${encodeURIComponent(`displayName eq "${state.name}"`)}`,
              }),
              expect: (status, body) => status === 200 && body.includes('"totalResults":0'),
            },
            {
              request: (state) => ({
                method: 'POST',
                path: `${org.path}/Groups`,
                headers: org.withBody,
                body: JSON.stringify({
                  schemas: [GROUP],
                  displayName: state.name,
                  externalId: `ext-${state.name}`,
                  members: [],
                }),
              }),
              expect: (status) => status === 201,
              onResponse: (state, status, body) => {
                if (status === 201) state.id = JSON.parse(body).id;
              },
            },
            {
              request: (state) => ({
                method: 'PATCH',
                path: `${org.path}/Groups/${state.id}`,
                headers: org.withBody,
                body: JSON.stringify({
                  schemas: [PATCH_OP],
                  Operations: [
                    { op: 'Add', path: 'members', value: state.members.map((value) => ({ value })) },
                  ],
                }),
              }),
              expect: (status) => status === 204,
            },
          ],
        }));
        const groups = await cannonJobs({
          url: stack.url,
          connections: 8,
          jobs: groupJobs,
          headers: org.headers,
          expect,
          latencies,
        });
        const seconds = (performance.now() - started) / 1000;
        return {
          unit: 'req/s',
          requests: users.requests + groups.requests,
          seconds,
          rate: (users.requests + groups.requests) / seconds,
          errors: users.errors + groups.errors,
          firstFailure: users.firstFailure ?? groups.firstFailure,
          ...latencies.summary(),
        };
      },
    );
    if (!args.url) await drainMail(sink, domain, config.w6Users);
  }

  const needsDirectory = ['W2', 'W3', 'W4'].some(wanted);
  if (needsDirectory) {
    const org = await newOrganization(stack, `bench-directory-${tag}`);
    const seeder = stack.databaseUrl ? await createSeeder(stack.databaseUrl, org) : undefined;
    const tiers = wanted('W2') ? config.w2Sizes : [10_000];
    try {
      for (const [index, size] of tiers.entries()) {
        if (seeder) {
          log(`seeding ${size} users into PostgreSQL`);
          log(`seeded in ${(await seeder.growTo(size)).toFixed(1)} s`);
        } else if (size > 10_000) {
          log(`skipping W2 over ${size} users: seeding that many needs --database-url`);
          continue;
        } else {
          await seedOverHttp(org, size);
        }
        if (wanted('W2'))
          await measure(
            'W2',
            `W2 userName eq lookup over ${label(size)} users (16 conn, ${config.w2Seconds} s)`,
            '≥ 4,000/s, p99 < 25 ms',
            () => lookups(stack, org, size),
          );
        if (index === 0) {
          const ids = wanted('W3') || wanted('W4') ? await userIds(org, Math.min(size, 10_000)) : [];
          if (wanted('W4')) await paging(stack, org, ids.length, measure);
          if (wanted('W3')) await groupPatches(org, ids, measure);
        }
      }
    } finally {
      await seeder?.close();
    }
  }
  return rows;
}

async function lookups(stack, org, size) {
  return {
    unit: 'lookups/s',
    size,
    ...(await cannon({
      url: stack.url,
      connections: 16,
      duration: config.w2Seconds,
      headers: org.headers,
      expect: (status, body) => status === 200 && body.includes('"totalResults":1'),
      requests: [
        {
          method: 'GET',
          setupRequest: (request) => {
            const i = 1 + Math.floor(Math.random() * size);
            return {
              ...request,
              path: `${org.path}/Users?filter=${encodeURIComponent(`userName eq "${seededUserName(i)}"`)}`,
            };
          },
        },
      ],
    })),
  };
}

async function paging(stack, org, users, measure) {
  const pages = Math.ceil(users / 100);
  const pageRequest = (connections, amount) => {
    let next = 0;
    return cannon({
      url: stack.url,
      connections,
      amount,
      headers: org.headers,
      expect: (status, body) => status === 200 && body.includes('"itemsPerPage":100'),
      requests: [
        {
          method: 'GET',
          setupRequest: (request) => ({
            ...request,
            path: `${org.path}/Users?startIndex=${(next++ % pages) * 100 + 1}&count=100`,
          }),
        },
      ],
    });
  };
  const asUsers = (result) => ({
    ...result,
    unit: 'users/s',
    pages: result.requests,
    rate: result.rate * 100,
  });
  await measure(
    'W4',
    `W4 page ${label(users)} users, count=100 (16 conn, ${config.w4Passes} passes)`,
    '≥ 9,000 users/s',
    async () => asUsers(await pageRequest(16, pages * config.w4Passes)),
  );
  await measure('W4', `W4 page ${label(users)} users, count=100 (1 client, in order)`, '—', async () =>
    asUsers(await pageRequest(1, pages)),
  );
}

async function groupPatches(org, ids, measure) {
  for (const [add, remove] of config.w3) {
    if (ids.length < add) continue;
    const adds = new Latencies();
    const removes = new Latencies();
    let errors = 0;
    for (let repeat = 0; repeat < config.w3Repeats; repeat++) {
      const group = await org.request(
        'POST',
        '/Groups',
        { schemas: [GROUP], displayName: `W3 ${add} ${repeat} ${Date.now()}` },
        201,
      );
      // Each repeat starts a little further on, but always sends exactly `add` members.
      const offset = Math.min(repeat * 7, ids.length - add);
      const members = ids.slice(offset, offset + add).map((value) => ({ value }));
      const timed = async (latencies, body) => {
        const started = performance.now();
        const res = await fetch(`${org.base}/Groups/${group.id}`, {
          method: 'PATCH',
          headers: org.withBody,
          body: JSON.stringify(body),
        });
        await res.arrayBuffer();
        latencies.add(performance.now() - started);
        if (res.status !== 204) errors++;
      };
      await timed(adds, {
        schemas: [PATCH_OP],
        Operations: [{ op: 'add', path: 'members', value: members }],
      });
      await timed(removes, {
        schemas: [PATCH_OP],
        Operations: [{ op: 'Remove', path: 'members', value: members.slice(0, remove) }],
      });
      const after = await org.request('GET', `/Groups/${group.id}?attributes=members`, undefined, 200);
      if ((after.members ?? []).length !== add - remove) errors++;
      await org.request('DELETE', `/Groups/${group.id}`, undefined, 204);
    }
    const row = (latencies) => ({
      unit: 'ms (one PATCH)',
      requests: latencies.values.length,
      errors,
      ...latencies.summary(),
    });
    await measure(
      'W3',
      `W3 PATCH add ${add.toLocaleString('en')} members (one request)`,
      add === 1000 ? '< 60 ms' : '—',
      async () => ({ ...row(adds), rate: adds.summary().p50 }),
    );
    await measure(
      'W3',
      `W3 PATCH remove ${remove.toLocaleString('en')} members (one request)`,
      remove === 500 ? '< 30 ms' : '—',
      async () => ({ ...row(removes), rate: removes.summary().p50 }),
    );
  }
}

/** Without database access: the 10k tier is created over SCIM (inactive users, so no email). */
async function seedOverHttp(org, size) {
  log(`creating ${size} users over SCIM (no --database-url)`);
  let next = 1;
  const worker = async () => {
    while (next <= size) {
      const i = next++;
      await org.request(
        'POST',
        '/Users',
        userBody(seededUserName(i).split('@')[0], seededUserName(i).split('@')[1], { active: false }),
        201,
      );
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
}

async function drainMail(sink, domain, count) {
  const started = performance.now();
  await sink.waitForCount(domain, count, 300_000);
  log(
    `${count} invitations to @${domain} delivered ${((performance.now() - started) / 1000).toFixed(1)} s after the last request`,
  );
}

const label = (n) => (n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1000}k`);

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
