#!/usr/bin/env bash
# Reverse-direction benchmark of two-way sync: 10,000 records changed in Salesforce (the sandbox,
# in-process) applied to a synced Postgres table (a disposable cluster from scripts/pg-up.sh), timed
# from the start of the poll to the last row written.
#   BENCH reverse_rows_per_s            rows applied per second (read pages + lock, decide, write)
#   BENCH reverse_read_only_rows_per_s  baseline, same run: reading the same 10,000 records through
#                                       the same reader (5 pages) without applying them
#   BENCH reverse_ratio_to_read         reverse / read-only: how close applying comes to reading
#   BENCH reverse_api_calls             API calls the reverse pass used
# Exits non-zero when not every change arrived. Environment: BENCH_ROWS (default 10000).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo"
rows=${BENCH_ROWS:-10000}
# One invocation, so that the reactor resolves the sibling modules to their target/classes.
mvn -B -ntp -q -pl sync-runner -am test-compile dependency:build-classpath -Dspotless.check.skip=true \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >&2
cp="sync-runner/target/test-classes:sync-runner/target/classes:$(cat sync-runner/target/bench-classpath.txt)"
exec java -Dbench.rows="$rows" -Dlogback.configurationFile=sync-runner/src/test/resources/logback-test.xml \
  -cp "$cp" io.serversidesync.runner.reverse.ReverseBenchmark
