#!/usr/bin/env bash
# Draws the benchmarks' plots (docs/benchmarks/<group>.png) from the data of a run in target/bench:
#
#   scripts/bench-plots.sh MACHINE GROUP...
#
# scripts/bench.sh runs it after its groups, naming those that ran and succeeded, so a plot always
# shows the run whose figures the tables hold. Groups with a plot: latency (latency.txt and
# latency-samples.csv), api (api.txt), capture (capture.txt); others are ignored. The plots are
# drawn by io.serversidesync.runner.bench.plots.BenchPlots (JFreeChart, a test-scoped dependency of
# sync-runner: no product jar carries it), headless.
# Environment: MVN (default mvn -B -ntp), e.g. MVN="mvn -B -ntp -o" offline.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
machine=$1; shift
plotted=()
for group in "$@"; do
  case "$group" in latency | api | capture) plotted+=("$group") ;; esac
done
[[ ${#plotted[@]} -gt 0 ]] || exit 0
# shellcheck disable=SC2086
${MVN:-mvn -B -ntp} -q -pl sync-runner -am test-compile dependency:build-classpath -Dspotless.check.skip=true \
  -Dmdep.outputFile=target/bench-plots-classpath.txt -Dmdep.includeScope=test >&2
cp="sync-runner/target/test-classes:$(cat sync-runner/target/bench-plots-classpath.txt)"
java -Djava.awt.headless=true -cp "$cp" io.serversidesync.runner.bench.plots.BenchPlots \
  target/bench docs/benchmarks "$machine" "${plotted[@]}"
