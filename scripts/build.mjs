// Compiles apps and libs with tsc into dist/ (dist/apps/<app>/main.js is what the image runs),
// rewrites the @roster/* aliases to relative requires, and copies mail templates beside the JS.
import { execFileSync } from 'node:child_process';
import { cpSync, globSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

const root = join(import.meta.dirname, '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (cmd, args) => execFileSync(bin(cmd), args, { cwd: root, stdio: 'inherit' });

rmSync(join(root, 'dist'), { recursive: true, force: true });
run('tsc', ['-p', 'tsconfig.build.json']);
run('tsc-alias', ['-p', 'tsconfig.build.json']);
for (const file of globSync('apps/**/*.hbs', { cwd: root })) {
  const target = join(root, 'dist', file);
  mkdirSync(dirname(target), { recursive: true });
  cpSync(join(root, file), target);
}
