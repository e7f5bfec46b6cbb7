// `npm run test:faults`: the fault-injection tests (test/faults/, docs/reliability.md). Builds dist/
// when it is missing or older than the sources (the tests run the built apps as processes), then runs
// Jest with jest.faults.config.js, one file at a time: each file starts its own PostgreSQL, Redis and
// NATS on random ports and kills them, so the machine's shared services are never touched.
// Extra arguments go to Jest (e.g. --json --outputFile=...).
import { spawnSync } from 'node:child_process';
import { existsSync, globSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const built = join(root, 'dist', 'apps', 'gateway', 'main.js');
const newestSource = Math.max(
  ...globSync('{apps,libs}/**/*.{ts,hbs}', { cwd: root }).map((file) => statSync(join(root, file)).mtimeMs),
);
if (!existsSync(built) || statSync(built).mtimeMs < newestSource) {
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const jest = spawnSync(
  join(root, 'node_modules', '.bin', 'jest'),
  ['--config', 'jest.faults.config.js', '--runInBand', '--testTimeout=180000', ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      NODE_OPTIONS:
        `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --disable-warning=ExperimentalWarning`.trim(),
    },
  },
);
process.exit(jest.status ?? 1);
