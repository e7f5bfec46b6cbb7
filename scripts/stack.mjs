// `npm run stack`: Roster on this machine without Docker. Creates .env from .env.example on first run
// (with fresh random secrets), builds, migrates, then runs gateway, membership and mailer in the
// foreground, as the Docker image would (`node dist/apps/<app>/main.js`). Ctrl-C stops all three;
// if one of them dies, the others are stopped too.
//
// Options (`npm run stack -- <options>`):
//   --env-file <path>  read settings from <path> instead of .env (it must exist; nothing is created)
//   --no-build         run the dist/ already built instead of building first
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';

const root = join(import.meta.dirname, '..');
const APPS = ['membership', 'mailer', 'gateway'];

const { values: options } = parseArgs({
  options: { 'env-file': { type: 'string' }, 'no-build': { type: 'boolean', default: false } },
});
const envFile = options['env-file'] ? resolve(options['env-file']) : join(root, '.env');
if (options['env-file'] && !existsSync(envFile)) {
  console.error(`stack: ${envFile} does not exist`);
  process.exit(1);
}
if (!existsSync(envFile)) {
  const example = readFileSync(join(root, '.env.example'), 'utf8')
    .replace(/^ADMIN_TOKEN=$/m, `ADMIN_TOKEN=${randomBytes(32).toString('hex')}`)
    .replace(/^INVITATION_SECRET=$/m, `INVITATION_SECRET=${randomBytes(32).toString('hex')}`);
  writeFileSync(envFile, example, { mode: 0o600 });
  console.log('stack: created .env from .env.example with fresh ADMIN_TOKEN and INVITATION_SECRET');
}
const fromFile = {};
for (const line of readFileSync(envFile, 'utf8').split('\n')) {
  const m = /^\s*([A-Z0-9_]+)\s*=\s*(.*)\s*$/.exec(line);
  if (m) fromFile[m[1]] = m[2].replace(/^(['"])(.*)\1$/, '$2');
}
// Variables already set in the shell win over .env, as with docker compose.
const env = { ...fromFile, ...process.env };

const step = (title, args) => {
  console.log(`stack: ${title}`);
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env });
  if (r.status !== 0) {
    console.error(`stack: ${title} failed`);
    process.exit(r.status ?? 1);
  }
};
if (!options['no-build']) step('building', ['scripts/build.mjs']);
step('migrating', ['dist/apps/membership/migrate.js']);

const children = new Map();
let stopping = false;
const stopAll = (code) => {
  if (stopping) return;
  stopping = true;
  process.exitCode = code;
  for (const child of children.values()) child.kill('SIGTERM');
  setTimeout(() => {
    for (const child of children.values()) child.kill('SIGKILL');
  }, 10_000).unref();
};
for (const app of APPS) {
  const child = spawn(process.execPath, ['--enable-source-maps', `dist/apps/${app}/main.js`], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.set(app, child);
  console.log(`stack: started ${app} (pid ${child.pid})`);
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => console.log(`${app.padEnd(10)} | ${line}`));
  }
  child.on('exit', (code, signal) => {
    children.delete(app);
    // 143 is a clean stop after SIGTERM (DESIGN.md §10.11). Ctrl-C in a terminal signals the whole
    // process group, so the apps get SIGINT themselves and re-raise it after their shutdown hooks.
    const clean =
      stopping && (code === 0 || code === 130 || code === 143 || signal === 'SIGTERM' || signal === 'SIGINT');
    if (!clean) console.error(`stack: ${app} exited (${signal ?? code}); stopping the others`);
    stopAll(clean ? 0 : 1);
    if (children.size === 0) process.exit(process.exitCode ?? 0);
  });
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
const url = env.PUBLIC_URL ?? 'http://localhost:8080';
console.log(`stack: starting; the gateway will answer at ${url} (GET ${url}/health/ready). Ctrl-C stops.`);
