// The test command (README): builds dist/ (some tests start the built apps as the image would),
// then runs Jest with the flags Nest 12 needs under Jest (DESIGN.md §10.2). Extra arguments go to Jest.
// The timeout is given here because Jest ignores `testTimeout` inside `projects`; end-to-end files that
// start the stack and run whole suites need more than Jest's 5 s under a loaded 2-core machine.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const args = process.argv.slice(2);
const env = {
  ...process.env,
  NODE_OPTIONS:
    `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --disable-warning=ExperimentalWarning`.trim(),
};
if (!args.includes('--selectProjects')) {
  const build = spawnSync('node', ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const jest = spawnSync(
  join(root, 'node_modules', '.bin', 'jest'),
  ['--maxWorkers=2', '--testTimeout=60000', ...args],
  {
    cwd: root,
    stdio: 'inherit',
    env,
  },
);
process.exit(jest.status ?? 1);
