#!/usr/bin/env bash
# API-call benchmarks of the Salesforce destination, measured against the sandbox (in-process).
#   BENCH bulk_crossover_records             the batch size from which the planner picks Bulk API 2.0
#                                            (latency budget 60 s; with maxDelay 2 s it never does)
#   BENCH bulk_crossover_collections_calls   API calls sObject Collections used for that batch
#   BENCH bulk_crossover_bulk_calls          API calls a Bulk API 2.0 job used for that batch
#   BENCH bulk_crossover_bulk_calls_modelled the bulk cost model's estimate (real orgs poll longer)
# The whole-runner figures of issue 5 (api_calls_ratio_to_min, api_calls_reduction_pct, latency_p50_ms,
# latency_p99_ms) need the runner's engine and are wired separately.
# Exits non-zero when a delivery was incomplete.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo"
# One invocation, so that the reactor resolves the sibling modules to their target/classes.
mvn -B -ntp -q -pl sync-runner -am test-compile dependency:build-classpath -Dspotless.check.skip=true \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >&2
cp="sync-runner/target/test-classes:sync-runner/target/classes:$(cat sync-runner/target/bench-classpath.txt)"
exec java -cp "$cp" io.serversidesync.runner.destination.salesforce.ApiCallsBenchmark
