#!/usr/bin/env bash
# Reverse-direction benchmark of two-way sync: 10,000 records changed in Salesforce (the sandbox,
# in-process) applied to a synced Postgres table (a disposable cluster), against reading the same
# pages only. Each round times both over the same pages from the same start (the first read is
# issued) to the same stop (the last page done), alternating which goes first; a warm-up round is
# not counted, then 5 rounds, then 3 rounds with 100 ms added to every API call. Medians, min-max.
#   BENCH reverse_rows_per_s              rows applied per second (read pages + lock, decide, write)
#   BENCH reverse_read_only_rows_per_s    baseline: the same pages through a second reader, not applied
#   BENCH reverse_ratio_to_read           reverse / read-only, per round: how close applying comes
#   BENCH reverse_api_calls               API calls per round of the reverse pass
#   BENCH reverse_ratio_to_read_api_100ms the ratio when every API call takes 100 ms longer
#   BENCH reverse_machine_load            1-minute load average at the end (the machine is shared)
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
