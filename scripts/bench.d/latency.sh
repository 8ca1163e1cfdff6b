#!/usr/bin/env bash
# Latency benchmark (see docs/benchmarks.md): commit -> destination acknowledgement per change while
# the application writes 1,000 changes/s (one upsert per transaction, 10,000 keys) for 60 s, the
# sandbox adds 50 ms to every API call and the sync has maxDelay 1s. The runner jar runs in its own
# JVM with a benchmark provider that wraps the real Salesforce destination and logs when each
# record's acknowledgement arrived; commit times are Postgres's (track_commit_timestamp).
#   BENCH latency_p50_ms, latency_p99_ms (target <= maxDelay + 250 ms), latency_max_ms
# Exits non-zero when a change stayed unacknowledged, a key differs in the sandbox, or the writer
# could not keep 95% of its rate (the machine is too busy to measure).
# Environment: BENCH_RUNNER_OPTS (default -Xmx256m -XX:+UseSerialGC), BENCH_LATENCY_SECONDS (60),
# BENCH_LATENCY_RPS (10) and BENCH_LATENCY_CONCURRENCY (2): the sync's rateLimit; BENCH_LOG_LEVEL.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo"
mvn -B -ntp -q -pl sync-runner -am package dependency:build-classpath -DskipTests \
  -Dspotless.check.skip=true -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >&2
cp="sync-runner/target/test-classes:sync-runner/target/classes:$(cat sync-runner/target/bench-classpath.txt)"
exec java -Xms512m -Xmx512m -cp "$cp" io.serversidesync.runner.bench.LatencyBenchmark \
  "sync-runner/target/test-classes:sync-runner/target/sync-runner.jar"
