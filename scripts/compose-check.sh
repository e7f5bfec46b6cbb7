#!/usr/bin/env bash
# Validates docker-compose.yml without a Docker engine (DESIGN.md §7): dclint for style and
# best practice, and Debian's docker-compose (v1) for the schema and interpolation. v1 predates the
# top-level `name:` key, so it checks a copy without it, with placeholder secrets.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/node24.sh dclint docker-compose.yml
if ! command -v docker-compose >/dev/null 2>&1; then
  echo "compose-check: docker-compose not found; install it with: apt-get install -y docker-compose" >&2
  exit 1
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
grep -v '^name:' docker-compose.yml > "$tmp/docker-compose.yml"
mkdir -p "$tmp/docker" && cp docker/nats.conf "$tmp/docker/"
cp docker/Dockerfile "$tmp/docker/"
(
  cd "$tmp"
  ADMIN_TOKEN=placeholder-admin-token-000000000 INVITATION_SECRET=placeholder-invitation-secret-0000000000 \
    POSTGRES_PASSWORD=placeholder docker-compose -f docker-compose.yml config -q
)
# Required secrets must stop `up` with a clear message when they are missing.
if (cd "$tmp" && env -u ADMIN_TOKEN docker-compose -f docker-compose.yml config -q 2>"$tmp/err"); then
  echo "compose-check: config accepted a missing ADMIN_TOKEN" >&2
  exit 1
fi
grep -q 'ADMIN_TOKEN' "$tmp/err" || { echo "compose-check: missing-secret message does not name the variable" >&2; cat "$tmp/err" >&2; exit 1; }
echo "compose-check: docker-compose.yml is valid"
