#!/usr/bin/env bash
# Stops the cluster that scripts/pg-up.sh started and removes its directory.
#   scripts/pg-down.sh [ENV_FILE]      (default ENV_FILE: .pg/pg.env in the repository)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
env_file=${1:-${PG_ENV_FILE:-$repo/.pg/pg.env}}
if [[ ! -f "$env_file" ]]; then
  echo "pg-down: no $env_file; nothing to stop" >&2
  exit 0
fi
# shellcheck disable=SC1090
. "$env_file"
run_as=()
[[ $(id -u) -eq 0 ]] && run_as=(runuser -u postgres --)
if [[ -n "${PG_CLUSTER_DIR:-}" && -d "$PG_CLUSTER_DIR/data" ]]; then
  "${run_as[@]}" "$PG_BINDIR/pg_ctl" -D "$PG_CLUSTER_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  # A server that ignored pg_ctl (or was started by hand) must not outlive its directory.
  if [[ -f "$PG_CLUSTER_DIR/data/postmaster.pid" ]]; then
    pid=$(head -1 "$PG_CLUSTER_DIR/data/postmaster.pid")
    kill -KILL "$pid" 2>/dev/null || true
  fi
fi
[[ -n "${PG_CLUSTER_DIR:-}" && "$PG_CLUSTER_DIR" == */sss-pg.* ]] && rm -rf "$PG_CLUSTER_DIR"
rm -f "$env_file"
echo "pg-down: stopped and removed ${PG_CLUSTER_DIR:-the cluster}" >&2
