#!/usr/bin/env bash
# Prints the PostgreSQL, helm, kubectl, Prometheus, promtool, Java and Maven that `make test` uses, one line each, so a
# failing run's log says what it ran with. Installs nothing: run scripts/tools.sh and
# scripts/pg-bin.sh first (make test does); the version matrix's servers are fetched here.
#
# Environment: SSS_TOOLS_BIN (default .tools/bin), PG_BINDIR (default: what scripts/pg-bin.sh finds),
# PROMETHEUS and PROMTOOL (default: prometheus and promtool on the PATH, as the tests find them).
set -euo pipefail
shopt -s extglob

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin=${SSS_TOOLS_BIN:-$repo/.tools/bin}
pg_bindir=${PG_BINDIR:-$("$repo/scripts/pg-bin.sh")}

# The first line a command prints, on stdout or stderr. The whole output is read into a variable
# first: piping a tool into `head` under pipefail fails the script with SIGPIPE (exit 141) when
# head exits before the tool has written everything.
first_line() {
  local out
  out=$("$@" 2>&1) || { echo "failed: $* (exit $?)"; return 0; }
  out=${out%%$'\n'*}
  # Maven prints colour resets even in batch mode.
  echo "${out//$'\e'\[+([0-9;])m/}"
}

echo "toolchain: PostgreSQL: $(first_line "$pg_bindir/postgres" --version) ($pg_bindir)"
# The version matrix (ServerVersionsIT): one capture run on each of these servers.
matrix=()
for major in $(awk '/^[0-9]/ { print $1 }' "$repo/scripts/pg-versions.txt"); do
  matrix+=("$(first_line "$(PG_MAJOR=$major "$repo/scripts/pg-bin.sh")/postgres" --version)")
done
echo "toolchain: PostgreSQL version matrix: $(IFS=';'; echo "${matrix[*]}" | sed 's/postgres (PostgreSQL) //g; s/;/, /g')"
echo "toolchain: helm: $(first_line "$bin/helm" version --short) ($bin/helm)"
echo "toolchain: kubectl: $(first_line "$bin/kubectl" version --client=true) ($bin/kubectl)"
echo "toolchain: prometheus: $(first_line "${PROMETHEUS:-prometheus}" --version) ($(command -v "${PROMETHEUS:-prometheus}" || echo "not found"))"
echo "toolchain: promtool: $(first_line "${PROMTOOL:-promtool}" --version) ($(command -v "${PROMTOOL:-promtool}" || echo "not found"))"
echo "toolchain: java: $(first_line java -version)"
echo "toolchain: maven: $(first_line mvn -B -v)"
