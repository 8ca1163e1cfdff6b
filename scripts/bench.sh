#!/usr/bin/env bash
# Runs the benchmarks and records their figures in docs/benchmarks.md.
#
#   scripts/bench.sh            every group
#   scripts/bench.sh capture    one group (make bench ONLY=capture)
#
# Each group is scripts/bench.d/<group>.sh. It prints one line per figure,
#   BENCH <name> <value> <unit>
# (anything else it prints is passed through) and exits non-zero when a run is invalid, e.g. when
# it decoded fewer changes than it wrote. This script collects the BENCH lines and replaces the
# group's block in docs/benchmarks.md (between <!-- bench:<group> --> and <!-- /bench:<group> -->)
# with the figures, the date and the machine. A group may also leave data for its plot in
# target/bench/<group>-*.csv. After the groups, scripts/bench-plots.sh draws the plots of those
# that succeeded (docs/benchmarks/<group>.png: latency, api, capture), which docs/benchmarks.md
# shows; a failed group's plot is left as it was.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
only=${1:-}
groups=()
if [[ -n "$only" ]]; then
  [[ -x "scripts/bench.d/$only.sh" ]] || { echo "bench: no group '$only' (have: $(ls scripts/bench.d | sed 's/\.sh$//' | tr '\n' ' '))" >&2; exit 2; }
  groups=("$only")
else
  for f in scripts/bench.d/*.sh; do groups+=("$(basename "$f" .sh)"); done
fi

mkdir -p target/bench
# No pipeline here ends in a reader that stops early (head): under pipefail its writer's SIGPIPE
# would fail the script.
java_version=$(java -version 2>&1)
machine="$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM, ${java_version%%$'\n'*}, $(. /etc/os-release && echo "$PRETTY_NAME")"
status=0
succeeded=()
for group in "${groups[@]}"; do
  echo "== bench $group" >&2
  out="target/bench/$group.txt"
  rm -f "$out" "target/bench/$group"-*.csv  # a plot shows this run's data or none
  if ! "scripts/bench.d/$group.sh" 2>&1 | tee "target/bench/$group.log" | grep --line-buffered '^BENCH ' | tee "$out"; then
    status=1
  fi
  if [[ ${PIPESTATUS[0]:-0} -ne 0 ]] || ! grep -q '^BENCH ' "$out"; then
    echo "bench: group $group failed; see target/bench/$group.log" >&2
    status=1
    continue
  fi
  python3 - "$group" "$out" "$machine" <<'PY'
import re, sys, datetime, pathlib
group, out, machine = sys.argv[1], sys.argv[2], sys.argv[3]
doc = pathlib.Path("docs/benchmarks.md")
text = doc.read_text() if doc.exists() else "# Benchmarks\n"
lines = [l.split(None, 3) for l in pathlib.Path(out).read_text().splitlines() if l.startswith("BENCH ")]
today = datetime.date.today().isoformat()
block = [f"<!-- bench:{group} -->",
         f"Latest run: {today} on {machine}. Reproduce: `make bench ONLY={group}`.",
         "",
         "| Figure | Value | Unit |",
         "|---|---|---|"]
block += [f"| `{l[1]}` | {l[2]} | {l[3] if len(l) > 3 else ''} |" for l in lines]
block.append(f"<!-- /bench:{group} -->")
pattern = re.compile(rf"<!-- bench:{re.escape(group)} -->.*?<!-- /bench:{re.escape(group)} -->", re.S)
new = "\n".join(block)
if pattern.search(text):
    text = pattern.sub(lambda m: new, text)
else:
    text = text.rstrip("\n") + f"\n\n## {group}\n\n" + new + "\n"
doc.write_text(text)
PY
  succeeded+=("$group")
done
if [[ ${#succeeded[@]} -gt 0 ]]; then
  echo "== bench plots" >&2
  scripts/bench-plots.sh "$machine" "${succeeded[@]}" || { echo "bench: the plots failed" >&2; status=1; }
fi
exit $status
