# Sourced by scripts/backup and scripts/restore: reading Roster's settings and handing a database URL
# to the PostgreSQL client tools without putting its password on a command line.

# The variable's value from the environment, else from .env (as `npm run stack` and compose read it).
setting() {
  local name=$1
  if [ -n "${!name:-}" ]; then printf '%s' "${!name}"; return; fi
  [ -f "$root/.env" ] || return 0
  sed -n "s/^[[:space:]]*$name[[:space:]]*=[[:space:]]*//p" "$root/.env" | tail -n1 |
    sed -E "s/^(['\"])(.*)\1\$/\2/"
}

# Splits the password off a postgres:// URL into PGPASSWORD, so that `ps` never shows it, and sets
# PG_URL to the URL without it.
connection_without_password() {
  local url=$1
  if [[ "$url" =~ ^(postgres(ql)?://)([^:@/]*):([^@/]*)@(.*)$ ]]; then
    local encoded="${BASH_REMATCH[4]}"
    PGPASSWORD="$(printf '%b' "${encoded//%/\\x}")"
    export PGPASSWORD
    PG_URL="${BASH_REMATCH[1]}${BASH_REMATCH[3]}@${BASH_REMATCH[5]}"
  else
    PG_URL="$url"
  fi
}

# SHA-256 prefix of a secret: tells two values apart without revealing either.
fingerprint() { printf '%s' "$1" | sha256sum | cut -c1-16; }
