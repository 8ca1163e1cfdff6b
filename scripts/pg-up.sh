#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster with wal_level=logical on a free loopback port.
#
#   scripts/pg-up.sh [ENV_FILE]        (default ENV_FILE: .pg/pg.env in the repository)
#   . .pg/pg.env && psql -c 'SHOW wal_level'
#   scripts/pg-down.sh [ENV_FILE]
#
# Finds (or installs) the server binaries with scripts/pg-bin.sh. Works as root (the server runs as
# the postgres user) and as a normal user. Writes PGHOST, PGPORT, PGUSER, PGDATABASE, PGPASSWORD
# and the cluster's directory to ENV_FILE and prints them.
# Environment: PG_EXTRA_CONF (lines appended to postgresql.conf), PG_TMP (parent directory).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
env_file=${1:-${PG_ENV_FILE:-$repo/.pg/pg.env}}
mkdir -p "$(dirname "$env_file")"
env_file=$(cd "$(dirname "$env_file")" && pwd)/$(basename "$env_file")

if [[ -f "$env_file" ]]; then
  # shellcheck disable=SC1090
  old_dir=$(. "$env_file" && echo "${PG_CLUSTER_DIR:-}")
  if [[ -n "$old_dir" && -f "$old_dir/data/postmaster.pid" ]]; then
    echo "pg-up: a cluster from $env_file is still running; run scripts/pg-down.sh $env_file first" >&2
    exit 1
  fi
fi

bindir=$("$repo/scripts/pg-bin.sh")
version=$("$bindir/postgres" --version | sed -E 's/^[^0-9]*([0-9]+).*/\1/')

# The server refuses to run as root: as root, run it as the postgres user.
run_as=()
if [[ $(id -u) -eq 0 ]]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  run_as=(runuser -u postgres --)
fi

cluster_dir=$(mktemp -d "${PG_TMP:-${TMPDIR:-/tmp}}/sss-pg.XXXXXX")
chmod 755 "$cluster_dir"
[[ ${#run_as[@]} -gt 0 ]] && chown postgres: "$cluster_dir"

# od stops after 16 bytes itself: no reader in this pipeline closes it early (a SIGPIPE under
# pipefail would fail the script).
password=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
printf '%s\n' "$password" > "$cluster_dir/pwfile"
[[ ${#run_as[@]} -gt 0 ]] && chown postgres: "$cluster_dir/pwfile"
chmod 600 "$cluster_dir/pwfile"

"${run_as[@]}" "$bindir/initdb" -D "$cluster_dir/data" -U postgres --pwfile="$cluster_dir/pwfile" \
  --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$cluster_dir/initdb.log" 2>&1 \
  || { cat "$cluster_dir/initdb.log" >&2; exit 1; }
rm -f "$cluster_dir/pwfile"

cat >>"$cluster_dir/data/postgresql.conf" <<CONF
# serversidesync disposable cluster
listen_addresses = '127.0.0.1'
unix_socket_directories = '$cluster_dir'
wal_level = logical
max_replication_slots = 64
max_wal_senders = 64
max_connections = 200
track_commit_timestamp = on
shared_buffers = 128MB
fsync = off
full_page_writes = off
log_min_messages = warning
log_line_prefix = '%m [%p] %u@%d '
${PG_EXTRA_CONF:-}
CONF
# Replication connections over TCP need their own pg_hba line.
echo "host replication all 127.0.0.1/32 scram-sha-256" >>"$cluster_dir/data/pg_hba.conf"

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
started=""
for _ in $(seq 1 20); do
  port=$(( 20000 + RANDOM % 30000 ))
  port_in_use "$port" && continue
  if "${run_as[@]}" "$bindir/pg_ctl" -D "$cluster_dir/data" -l "$cluster_dir/server.log" -w -t 60 \
      -o "-p $port" start >/dev/null 2>&1; then
    started=yes
    break
  fi
done
if [[ -z "$started" ]]; then
  echo "pg-up: the server did not start; its log:" >&2
  cat "$cluster_dir/server.log" >&2 || true
  rm -rf "$cluster_dir"
  exit 1
fi

cat >"$env_file" <<ENV
export PGHOST=127.0.0.1
export PGPORT=$port
export PGUSER=postgres
export PGDATABASE=postgres
export PGPASSWORD=$password
export PG_CLUSTER_DIR=$cluster_dir
export PG_BINDIR=$bindir
ENV
chmod 600 "$env_file"
cat "$env_file"
echo "pg-up: PostgreSQL $version listening on 127.0.0.1:$port (settings in $env_file)" >&2
