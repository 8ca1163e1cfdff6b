#!/usr/bin/env bash
# Prints the directory of the PostgreSQL server binaries (initdb, pg_ctl, postgres) the project's
# disposable clusters use, installing Debian's postgresql package with apt-get when none is found.
#
#   scripts/pg-bin.sh          the newest server on the machine (pg_config first, then
#                              /usr/lib/postgresql/<version>/bin)
#   PG_BINDIR=/path scripts/pg-bin.sh   that directory, checked
#
# Works as root (installs) and as a normal user (names the package to install). Exits non-zero
# when no usable server of version 15 or newer is found.
set -euo pipefail

usable() { [[ -x "$1/initdb" && -x "$1/pg_ctl" && -x "$1/postgres" ]]; }

find_bindir() {
  local dir
  if [[ -n "${PG_BINDIR:-}" ]]; then
    usable "$PG_BINDIR" && { echo "$PG_BINDIR"; return; }
    echo "pg-bin: PG_BINDIR=$PG_BINDIR holds no initdb, pg_ctl and postgres" >&2
    exit 1
  fi
  if command -v pg_config >/dev/null 2>&1; then
    dir=$(pg_config --bindir 2>/dev/null || true)
    usable "$dir" && { echo "$dir"; return; }
  fi
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r); do
    usable "$dir" && { echo "$dir"; return; }
  done
  return 1
}

if ! bindir=$(find_bindir); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "pg-bin: installing PostgreSQL with apt-get" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql postgresql-contrib >&2
    bindir=$(find_bindir) || { echo "pg-bin: PostgreSQL installed but initdb not found" >&2; exit 1; }
  else
    echo "pg-bin: PostgreSQL server binaries not found; install them (Debian: sudo apt-get install postgresql)" >&2
    exit 1
  fi
fi
# `postgres --version` prints one line, e.g. "postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)".
version_line=$("$bindir/postgres" --version)
major=$(sed -E 's/^[^0-9]*([0-9]+).*/\1/' <<<"$version_line")
if (( major < 15 )); then
  echo "pg-bin: PostgreSQL $major found in $bindir; 15 or newer is needed (publication column lists and row filters)" >&2
  exit 1
fi
echo "$bindir"
