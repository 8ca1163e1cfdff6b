#!/usr/bin/env bash
# Operator benchmark (io.serversidesync.operator.bench.OperatorBenchmark; docs/operator.md explains
# it): 500 ServerSideSyncs on Fabric8's mock API server, fake runners served by the harness kubelet,
# the operator with its production settings, after a warm-up of 100 syncs on a throwaway cluster.
#   BENCH operator_500_ready_s               first create to last Ready seen by a watch; target <= 30 s
#   BENCH operator_api_requests_per_cr       the operator's API requests per sync until all Ready
#   BENCH operator_status_writes_per_cr      over 20+ polls of every sync by a restarted operator
#                                            polling every second (5 idle minutes at 15 s); target 0
#   BENCH operator_idle_api_writes_per_cr    any write in that window
#   BENCH operator_500_api_floor_s           baseline: the same syncs' least API requests replayed on
#                                            a fresh mock API server without an operator
#   BENCH operator_500_ready_vs_floor        ready / floor: what the operator adds
#
# The benchmark's JVM holds the mock API server, the harness and the operator, and lives two
# minutes: on 2 cores, C2 compiling that whole stack takes about a core for all of it (JFR: 2m40s of
# compilation in a 170 s run, still 15% of the machine after a 500-sync warm-up), a cost a
# long-running operator pays once. The main run therefore uses C1 only (-XX:TieredStopAtLevel=1:
# no compilation storm, somewhat slower code for the operator and the mock server alike). A second
# JVM with the default tiered JIT measures Ready and the floor again: the *_default_jit figures.
# Usage: scripts/bench.d/operator.sh [count]
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo"
count=${1:-500}
mvn -B -ntp -q -pl operator -am test-compile -Dspotless.check.skip=true >&2
mvn -B -ntp -q -pl operator -am dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >&2
cp="operator/target/test-classes:operator/target/classes:crds/target/classes:$(cat operator/target/bench-classpath.txt)"
java -Xmx2g -XX:TieredStopAtLevel=1 -cp "$cp" io.serversidesync.operator.bench.OperatorBenchmark "$count" 100
java -Xmx2g -cp "$cp" io.serversidesync.operator.bench.OperatorBenchmark "$count" 100 default_jit
