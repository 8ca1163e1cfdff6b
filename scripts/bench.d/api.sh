#!/usr/bin/env bash
# API-call benchmarks of the Salesforce destination, against the sandbox (see docs/benchmarks.md).
#
# Planner (ApiCallsBenchmark, the destination alone):
#   BENCH bulk_crossover_records             the batch size from which the planner picks Bulk API 2.0
#                                            (latency budget 60 s; with maxDelay 2 s it never does)
#   BENCH bulk_crossover_collections_calls   API calls sObject Collections used for that batch
#   BENCH bulk_crossover_bulk_calls          API calls a Bulk API 2.0 job used for that batch
#   BENCH bulk_crossover_bulk_calls_modelled the bulk cost model's estimate (real orgs poll longer)
# End to end (CoalescingBenchmark: the runner jar in its own JVM, configured by
# examples/contacts-salesforce.yaml, a disposable Postgres, the sandbox counting calls as Salesforce
# counts them), 100,000 upserts over 10,000 keys:
#   BENCH api_calls_ratio_to_min             catch-up, contacts naming accounts: calls after the
#                                            start-up describes ÷ ⌈keys/200⌉ (target <= 1.02)
#   BENCH api_calls_ratio_to_min_with_startup  the same with the start's describes counted in
#   BENCH api_calls_reduction_pct            catch-up: vs one call per change (target >= 99.5)
#   BENCH api_calls_*_streaming, api_records_per_key_streaming, api_batch_fill_pct_streaming
#                                            the same while the application writes (the demo)
# HubSpot (HubSpotCatchUpBenchmark: the same catch-up, 100,000 upserts over 10,000 keys, drained into
# the sandbox's HubSpot contacts, configured by examples/contacts-hubspot.yaml):
#   BENCH hubspot_catchup_calls              every HubSpot call of the drain (the sandbox's hubspot.*)
#   BENCH hubspot_catchup_calls_per_bound    calls ÷ (⌈keys/100⌉ + start-up calls: properties and
#                                            account-info); fails unless calls <= 1.02 × ⌈keys/100⌉
#                                            + start-up calls
# Exits non-zero when a run is invalid (a delivery incomplete, a key different in the sandbox).
# Environment: BENCH_RUNNER_OPTS (runner JVM, default -Xmx256m -XX:+UseSerialGC), BENCH_LOG_LEVEL.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo"
# One invocation, so that the reactor resolves the sibling modules to their target/classes.
mvn -B -ntp -q -pl sync-runner -am package dependency:build-classpath -DskipTests \
  -Dspotless.check.skip=true -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >&2
cp="sync-runner/target/test-classes:sync-runner/target/classes:$(cat sync-runner/target/bench-classpath.txt)"
java -cp "$cp" io.serversidesync.runner.destination.salesforce.ApiCallsBenchmark
java -Xms512m -Xmx512m -cp "$cp" io.serversidesync.runner.bench.CoalescingBenchmark sync-runner/target/sync-runner.jar
java -Xms512m -Xmx512m -cp "$cp" io.serversidesync.runner.bench.HubSpotCatchUpBenchmark sync-runner/target/sync-runner.jar
