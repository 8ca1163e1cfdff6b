#!/usr/bin/env bash
# `make test`: installs what the tests need (helm and kubectl, PostgreSQL), says which versions it
# uses, then runs `mvn verify` over every module.
#
# The console gets one line per module and per test class, every error and warning, and at the
# end the failures with their messages: a failure's cause is in the last lines. The whole Maven
# log is in target/test.log; each test's own output in <module>/target/*-reports/.
#
#   scripts/test.sh [extra Maven arguments]      (MVN overrides the Maven command)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
read -r -a mvn <<<"${MVN:-mvn -B -ntp}"

scripts/tools.sh >/dev/null
scripts/pg-bin.sh >/dev/null
scripts/toolchain.sh

mkdir -p target
log=target/test.log
touch target/.test-started
started=$SECONDS
set +e
# awk reads every line (it never exits early), so the pipeline cannot fail with SIGPIPE.
# -T 2: modules that do not depend on each other build side by side once their dependencies are
# built; the operator's tests then run beside the reliability module's chaos runs, which spend most
# of their time waiting on the clock, not the CPU.
"${mvn[@]}" -T 2 verify "$@" 2>&1 | tee "$log" | awk '
  /^\[INFO\] Building .*\[[0-9]+\/[0-9]+\]/ { sub(/^\[INFO\] /, ""); print "== " $0; fflush(); next }
  /^\[(INFO|WARNING|ERROR)\] Tests run: .* in / { print; fflush(); next }
  /^\[(WARNING|ERROR)\]/ { print; fflush(); next }
  /BUILD (SUCCESS|FAILURE)/ { print; fflush() }
'
status=${PIPESTATUS[0]}
set -e

# The bounded chaos runs print their verdict lines into their test output files (this run's only).
find reliability/target/failsafe-reports -name '*-output.txt' -newer target/.test-started \
  -exec awk '/^CHAOS /' {} + 2>/dev/null || true
if (( status != 0 )); then
  echo
  echo "make test FAILED after $(( SECONDS - started )) s (exit $status). What failed:"
  # Maven's own summary: the failing tests with their messages, or the build error.
  awk '/^\[ERROR\] (Failures|Errors):/ { on = 1 } on && /^\[ERROR\] Tests run:/ { print; on = 0 } on { print }
       /^\[ERROR\] Failed to execute goal/ { print }' "$log" | cut -c1-400
  echo "Full log: $log; each test's output: <module>/target/{surefire,failsafe}-reports/"
  exit "$status"
fi
echo "make test passed in $(( SECONDS - started )) s"
