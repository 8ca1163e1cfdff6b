#!/usr/bin/env bash
# Backlog benchmarks (BacklogBenchmark; see docs/benchmarks.md): the runner jar in its own JVM with
# the JVM settings of a runner pod, a disposable Postgres, the sandbox counting calls as Salesforce
# counts them.
#   BENCH api_calls_backlog_1m               calls to drain 1,000,000 changes over 100,000 keys
#                                            written while the runner was stopped
#   BENCH api_calls_backlog_ratio_to_floor   those calls / the cheapest path's floor (one Bulk job)
#   BENCH backlog_peak_rss_mb                the runner's peak RSS during that drain
#   BENCH api_calls_big_txn                  calls for one transaction of 50,000 inserts + 3
#                                            updates of every row
#   BENCH big_txn_uncommitted_images_seen    records seen in the sandbox with an image no
#                                            committed transaction had (must be 0)
# Exits non-zero when a run is invalid (a change not captured, a key different in the sandbox, a
# key sent twice, an uncommitted image seen).
# Environment: BENCH_SCENARIO (backlog or bigtxn: only that one); BENCH_RUNNER_OPTS, default the
# runner pod's: the image's JAVA_TOOL_OPTIONS (-XX:MaxRAMPercentage=75 -XX:TieredStopAtLevel=1) in
# the operator's default 512Mi memory limit, where the JVM picks the serial collector by itself
# (less than 1792 MiB); outside a container MaxRAM stands for the limit.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo"
export BENCH_RUNNER_OPTS=${BENCH_RUNNER_OPTS--XX:MaxRAM=512m -XX:MaxRAMPercentage=75 -XX:TieredStopAtLevel=1 -XX:+UseSerialGC}
# One invocation, so that the reactor resolves the sibling modules to their target/classes.
mvn -B -ntp -q -pl sync-runner -am package dependency:build-classpath -DskipTests \
  -Dspotless.check.skip=true -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >&2
cp="sync-runner/target/test-classes:sync-runner/target/classes:$(cat sync-runner/target/bench-classpath.txt)"
java -Xms1g -Xmx1g ${BENCH_SCENARIO:+-Dbench.scenario=$BENCH_SCENARIO} -cp "$cp" io.serversidesync.runner.bench.BacklogBenchmark sync-runner/target/sync-runner.jar
