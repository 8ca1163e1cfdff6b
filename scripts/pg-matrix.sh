#!/usr/bin/env bash
# `make test-pg-versions`: the runner's capture tests on every PostgreSQL major version of
# scripts/pg-versions.txt (server binaries from Maven Central), one Maven run per version, then a
# line per version. `make test` runs only ServerVersionsIT, one representative run per version.
#
#   scripts/pg-matrix.sh [major ...]      (default: every major in scripts/pg-versions.txt)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
read -r -a mvn <<<"${MVN:-mvn -B -ntp}"

# Snapshot and stream handover, coalescing, idle-slot advance, the pending bound (CaptureFlowIT);
# deletes and unchanged TOAST (RowShapesIT); kills, restarts and a dropped slot recreated
# (ResilienceIT); interrupted snapshots (SnapshotRecoveryIT); two-way origin filtering
# (OwnOriginIT); truncate, origin and every type's text form (PgOutputDecoderIT); the publication's
# row filter (SnapshotReaderIT, 15+); the preflight (PreflightIT).
tests=CaptureFlowIT,RowShapesIT,ResilienceIT,SnapshotRecoveryIT,OwnOriginIT,PgOutputDecoderIT,SnapshotReaderIT,PreflightIT

majors=("$@")
if (( ${#majors[@]} == 0 )); then
  mapfile -t majors < <(awk '/^[0-9]/ { print $1 }' scripts/pg-versions.txt)
fi
"${mvn[@]}" -q install -DskipTests -pl sync-runner -am
mkdir -p target
results=()
failed=0
for major in "${majors[@]}"; do
  log=target/pg-matrix-$major.log
  echo "== PostgreSQL $major: $tests"
  started=$SECONDS
  if SSS_PG_MAJOR=$major "${mvn[@]}" verify -pl sync-runner -Dit.test="$tests" -Dtest=NoSuch \
      -Dsurefire.failIfNoSpecifiedTests=false >"$log" 2>&1; then
    verdict=passed
  else
    verdict=FAILED
    failed=1
  fi
  summary=$(awk '/^\[(INFO|ERROR|WARNING)\] Tests run: [0-9]+, .*[0-9]$/ { line = $0 } END { sub(/^\[[A-Z]+\] /, "", line); print line }' "$log")
  results+=("PostgreSQL $major: $verdict in $(( SECONDS - started )) s ($summary; log $log)")
  echo "${results[-1]}"
done
echo
printf '%s\n' "${results[@]}"
exit "$failed"
