#!/usr/bin/env bash
# Trigger capture benchmarks (TriggerBenchmark, TriggerWriteOverhead; see docs/benchmarks.md,
# "triggers"): a disposable Postgres, the runner jar in its own JVM with the JVM settings of a
# runner pod, a destination that acknowledges at once (InstantAckProvider).
#   BENCH trigger_write_overhead_ratio        rows/s of single-row autocommit upserts with the
#                                             sync's triggers / without, same round (4 connections,
#                                             10,000 keys; rounds alternate with/without)
#   BENCH trigger_write_overhead_ratio_batch  the same with 100-row upsert statements
#   BENCH trigger_write_rows_per_s_*          the absolute rates of each
#   BENCH trigger_capture_ratio               changes/s of trigger capture / logical replication,
#                                             each draining 200,000 changes over 20,000 keys written
#                                             while it was stopped, from launch to every change
#                                             acknowledged (rotated order, 3 rounds)
#   BENCH *_capture_changes_per_s*            the absolute rates of each
# Each figure is the median of the rounds, with their min and max. Exits non-zero when a run is
# invalid (a segment whose triggers did not record every row, a change not captured, a key whose
# last delivered values differ from the table's, a change left in the change table).
# Environment: MVN (default mvn -B -ntp; e.g. MVN="mvn -B -ntp -o" offline), BENCH_SCENARIO (write
# or capture: only that one), BENCH_CAPTURE_ROUNDS (default 3), BENCH_WRITE_ROUNDS (default 5),
# BENCH_WRITE_SECONDS (per segment, default 4), BENCH_RUNNER_OPTS (default the runner pod's, as in
# backlog.sh).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo"
export BENCH_RUNNER_OPTS=${BENCH_RUNNER_OPTS--XX:MaxRAM=512m -XX:MaxRAMPercentage=75 -XX:TieredStopAtLevel=1 -XX:+UseSerialGC}
# One invocation, so that the reactor resolves the sibling modules to their target/classes.
${MVN:-mvn -B -ntp} -q -pl sync-runner -am package dependency:build-classpath -DskipTests \
  -Dspotless.check.skip=true -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >&2
cp="sync-runner/target/test-classes:sync-runner/target/classes:$(cat sync-runner/target/bench-classpath.txt)"
java -Xms512m -Xmx512m ${BENCH_SCENARIO:+-Dbench.scenario=$BENCH_SCENARIO} \
  -Dbench.rounds="${BENCH_CAPTURE_ROUNDS:-3}" -Dbench.write.rounds="${BENCH_WRITE_ROUNDS:-5}" \
  -Dbench.write.seconds="${BENCH_WRITE_SECONDS:-4}" \
  -cp "$cp" io.serversidesync.runner.bench.TriggerBenchmark \
  "sync-runner/target/test-classes:sync-runner/target/sync-runner.jar"
