#!/usr/bin/env node
// `roster`: the admin CLI (issue 5). Built to dist/apps/gateway/cli/roster.js; in the gateway image,
// `docker compose exec gateway roster ...`. It only speaks HTTP to the admin API.
import { runRoster } from './roster-cli';

runRoster(process.argv.slice(2), {
  env: process.env,
  cwd: process.cwd(),
  io: {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  },
}).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = 1;
  },
);
