#!/usr/bin/env bash
# Operator benchmark: 500 ServerSideSyncs on Fabric8's mock API server (fake runners served by the
# harness kubelet) until all are Ready, then 20 idle status polls each, counting status writes.
#   BENCH operator_500_ready_s            target <= 30 s
#   BENCH operator_status_writes_per_cr   target 0 after Ready
# Usage: scripts/bench.d/operator.sh [count]
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo"
count=${1:-500}
mvn -B -ntp -q -pl operator -am test-compile -Dspotless.check.skip=true >&2
mvn -B -ntp -q -pl operator -am dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >&2
cp="operator/target/test-classes:operator/target/classes:crds/target/classes:$(cat operator/target/bench-classpath.txt)"
exec java -Xmx2g -cp "$cp" io.serversidesync.operator.bench.OperatorBenchmark "$count"
