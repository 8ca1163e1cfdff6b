#!/usr/bin/env bash
# Capture benchmark: the runner capturing a WAL backlog through capture → decode → coalesce into a
# destination that acknowledges at once (InstantAckProvider: no network, no rate limit), against
# pg_recvlogical decoding the same WAL with the same publication to a file.
#
#   scripts/bench.d/capture.sh          (make bench ONLY=capture; needs the runner jar and its test
#                                        classes: make build, or mvn -o -pl sync-runner -am package)
#
# Backlog: 100,000 inserts, then 900,000 updates spread over the 100,000 keys (90 transactions of
# 10,000), 5 mapped columns, written with synchronous_commit=off. The backlog's end is
# pg_current_wal_insert_lsn() after the writer's last commit. Every consumer run reads the whole
# backlog from a slot of its own, created before the backlog was written, so every run decodes the
# same WAL. Rounds are interleaved in rotated order (round 1: pg_recvlogical then the runner,
# round 2: the runner then pg_recvlogical, ...), and each figure is the median of the rounds with
# their min and max. Each run must decode exactly 1,000,000 row changes, or the run is invalid
# (exit 1). Prints BENCH lines (see scripts/bench.sh).
#
# Both consumers are timed the same way, by this script, from outside:
#   with start-up     process launch → last change decoded
#   without start-up  first change decoded → last change decoded
# The first change is the first byte pg_recvlogical writes to its file, or the runner's status
# showing changesCaptured > 0; the last is pg_recvlogical's exit at the backlog's end (-E), or the
# runner's status showing every change captured (polled at most 50 ms apart for the first change,
# 10 ms near the last; the runner pays for these requests). CPU seconds are the consumer process's
# user + system time over its whole life (start-up and exit included), from wait4(2), the same
# figures /proc/<pid>/stat holds, and, for capture_cpu_ratio_after_startup, from the first change
# on; the walsender's CPU, the same for both, is not counted. The runner's CPU by thread (capture,
# JIT, GC, status) goes to stderr. Peak RSS is the runner's VmHWM.
#
# The runner's JVM settings are those that ship: the image sets -XX:MaxRAMPercentage=75 -XX:TieredStopAtLevel=1 and the
# operator gives runner pods a 512Mi memory limit, so the JVM sees 512 MiB. Outside a container
# -XX:MaxRAM=512m gives the same heap (384 MiB), but the JVM still sees this machine's memory and
# would pick G1; in the pod it sees 512 MiB (under 1792 MiB: not a "server class machine") and picks
# the serial collector, so the default adds -XX:+UseSerialGC (check: -XX:+PrintFlagsFinal). One
# extra runner run with the JVM's plain defaults on this machine reports its peak RSS too.
# Environment: BENCH_RUNNER_OPTS (runner JVM, default -XX:MaxRAM=512m -XX:MaxRAMPercentage=75
# -XX:TieredStopAtLevel=1 -XX:+UseSerialGC), BENCH_CAPTURE_ROUNDS (default 3), BENCH_DEFAULTS_RSS (1: the extra run with the
# JVM's defaults; 0: skip it), BENCH_ROWS (keys, default 100000), BENCH_ROUNDS (update rounds over
# all keys, default 9).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo"
runner_opts=${BENCH_RUNNER_OPTS:--XX:MaxRAM=512m -XX:MaxRAMPercentage=75 -XX:TieredStopAtLevel=1 -XX:+UseSerialGC}
bench_rounds=${BENCH_CAPTURE_ROUNDS:-3}
defaults_rss=${BENCH_DEFAULTS_RSS:-1}
rows=${BENCH_ROWS:-100000}
rounds=${BENCH_ROUNDS:-9}
expected=$(( rows + rows * rounds ))
jar=sync-runner/target/sync-runner.jar
classes=sync-runner/target/test-classes
[[ -f "$jar" && -d "$classes/io/serversidesync/runner/testing" ]] || {
  echo "capture: build first (make build, or mvn -q -pl sync-runner -am package -DskipTests)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/sss-bench-capture.XXXXXX")
runner_pid=""
cleanup() {
  mkdir -p target/bench && cp "$work/runner.log" target/bench/capture-runner.log 2>/dev/null || true
  [[ -n "$runner_pid" ]] && kill "$runner_pid" 2>/dev/null && wait "$runner_pid" 2>/dev/null || true
  [[ -f "$work/pg.env" ]] && scripts/pg-down.sh "$work/pg.env" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

PG_EXTRA_CONF="synchronous_commit = off" scripts/pg-up.sh "$work/pg.env" >/dev/null
# shellcheck disable=SC1091
. "$work/pg.env"
export PGDATABASE=bench
psql -q -d postgres -c "CREATE DATABASE bench"
psql -q -c "CREATE TABLE contacts (id bigint PRIMARY KEY, customer_ref text UNIQUE NOT NULL,
  first_name text, last_name text, email text, score integer, notes text)"

# One runner sync (own slot and publication) per round, plus one for the run with JVM defaults.
syncs=()
for (( r = 1; r <= bench_rounds; r++ )); do syncs+=("bench-$r"); done
[[ "$defaults_rss" == 1 ]] && syncs+=("bench-defaults")
for sync in "${syncs[@]}"; do
cat >"$work/$sync.yaml" <<YAML
apiVersion: serversidesync.io/v1alpha1
kind: ServerSideSync
metadata: {name: $sync}
spec:
  source:
    postgres: {host: $PGHOST, port: $PGPORT, database: bench, credentialsSecretRef: {name: db}, sslMode: disable}
    table: public.contacts
    upsertKey: customer_ref
  destination:
    salesforce: {loginUrl: "https://bench.my.salesforce.com", apiVersion: "64.0", auth: {flow: ClientCredentials, secretRef: {name: sf}}}
    object: Contact
    externalIdField: Customer_Ref__c
  mapping:
    - {column: customer_ref, field: Customer_Ref__c}
    - {column: first_name, field: FirstName}
    - {column: last_name, field: LastName}
    - {column: email, field: Email}
    - {column: score, field: Score__c}
  batching: {maxDelay: 100ms}
YAML
done
cat >"$work/secrets.yaml" <<YAML
apiVersion: v1
kind: Secret
metadata: {name: db}
stringData: {username: $PGUSER, password: "$PGPASSWORD"}
YAML

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
runner_cmd() {  # runner_cmd SYNC JVM_OPTS...: the runner's command line
  local sync=$1; shift
  echo java "$@" -Dsss.bench.instant=1 -cp "$classes:$jar" io.serversidesync.runner.cli.SyncRunnerCommand \
    run --config "$work/$sync.yaml" --secrets "$work/secrets.yaml" --status-port "$port"
}

# 1. A first run of each sync creates its slot and publication on the empty table, then stops.
for sync in "${syncs[@]}"; do
# shellcheck disable=SC2046
$(runner_cmd "$sync" $runner_opts) >>"$work/runner.log" 2>&1 &
runner_pid=$!
python3 - "$port" <<'PY'
import json, sys, time, urllib.request
port = sys.argv[1]
deadline = time.time() + 120
while time.time() < deadline:
    try:
        s = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/status", timeout=2))
        if s.get("phase") == "Streaming":
            sys.exit(0)
    except Exception:
        pass
    time.sleep(0.1)
sys.exit("capture: the runner did not reach Streaming")
PY
kill -TERM "$runner_pid"; wait "$runner_pid" || { echo "capture: first runner did not stop cleanly" >&2; cat "$work/runner.log" >&2; exit 1; }
runner_pid=""
done
for (( r = 1; r <= bench_rounds; r++ )); do
  psql -q -c "SELECT pg_create_logical_replication_slot('recvlogical_$r', 'pgoutput')" >/dev/null
done

# 2. The backlog.
echo "capture: writing $expected changes" >&2
psql -q <<SQL
INSERT INTO contacts SELECT i, 'C-' || i, 'First' || i, 'Last' || i, 'user' || i || '@example.com', 0, 'not synced'
  FROM generate_series(1, $rows) i;
DO \$\$ BEGIN
  FOR r IN 1..$rounds LOOP
    FOR c IN 0..(($rows - 1) / 10000) LOOP
      UPDATE contacts SET score = score + 1, email = 'u' || r || '.' || id || '@example.com'
        WHERE id > c * 10000 AND id <= (c + 1) * 10000;
      COMMIT;
    END LOOP;
  END LOOP;
END \$\$;
SQL
end_lsn=$(psql -Atc "SELECT pg_current_wal_insert_lsn()")
wal_mb=$(psql -Atc "SELECT round(pg_wal_lsn_diff('$end_lsn', confirmed_flush_lsn) / 1048576.0) FROM pg_replication_slots WHERE slot_name = 'recvlogical_1'")
echo "capture: backlog of ${wal_mb} MB of WAL up to $end_lsn" >&2
psql -q -c "CHECKPOINT"

# 3. The rounds.
# shellcheck disable=SC2046,SC2086
python3 - "$work" "$port" "$expected" "$bench_rounds" "$defaults_rss" "$runner_opts" \
  "$PG_BINDIR/pg_recvlogical" "$end_lsn" $(runner_cmd RUNNER_SYNC) <<'PY'
import json, os, shlex, signal, statistics, struct, subprocess, sys, time, urllib.request

work, port, expected, nrounds, defaults_rss, runner_opts, recvlogical, end_lsn = sys.argv[1:9]
expected, nrounds = int(expected), int(nrounds)
runner_cmd = sys.argv[9:]
tick = os.sysconf("SC_CLK_TCK")
POLL = 0.05  # the longest wait between two looks at a consumer's start (each look at the runner costs it a request)


def fail(message):
    print(f"capture: INVALID: {message}", file=sys.stderr)
    try:
        with open(f"{work}/runner.log", errors="replace") as f:
            print("capture: the runner's log ends with:", *f.readlines()[-30:], sep="\n", file=sys.stderr)
    except OSError:
        pass
    sys.exit(1)


def cpu_seconds(rusage):
    return rusage.ru_utime + rusage.ru_stime


def proc_cpu(pid, task=None):
    """utime + stime of a process (or one of its threads) from /proc, in seconds."""
    path = f"/proc/{pid}/stat" if task is None else f"/proc/{pid}/task/{task}/stat"
    fields = open(path).read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / tick


def thread_groups(pid):
    """The runner's CPU seconds by kind of thread: where its CPU goes."""
    groups = {}
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            name = open(f"/proc/{pid}/task/{task}/comm").read().strip()
            cpu = proc_cpu(pid, task)
        except OSError:
            continue
        group = ("capture" if name == "java" else "jit" if "Compiler" in name
                 else "gc" if name.startswith(("VM Thread", "GC Thread", "G1")) else
                 "status-http" if name in ("status-http", "HTTP-Dispatcher") else "other")
        groups[group] = groups.get(group, 0.0) + cpu
    return groups


def count_changes(path):
    """Row changes in pg_recvlogical's pgoutput file (one message per line)."""
    data = open(path, "rb").read()
    pos, n, changes = 0, len(data), 0
    def cstr(p):
        return data.index(b"\0", p) + 1
    def tuple_end(p):
        cols = struct.unpack_from(">H", data, p)[0]; p += 2
        for _ in range(cols):
            kind = data[p]; p += 1
            if kind in (0x74, 0x62):  # t, b
                p += 4 + struct.unpack_from(">I", data, p)[0]
        return p
    while pos < n:
        t = data[pos]
        if t == 0x42: pos += 21                                   # B
        elif t == 0x43: pos += 26                                 # C
        elif t == 0x4F: pos = cstr(pos + 9)                       # O
        elif t == 0x59: pos = cstr(cstr(pos + 5))                 # Y
        elif t == 0x52:                                           # R
            p = cstr(cstr(pos + 5)) + 1
            cols = struct.unpack_from(">H", data, p)[0]; p += 2
            for _ in range(cols):
                p = cstr(p + 1) + 8
            pos = p
        elif t == 0x49: pos = tuple_end(pos + 6); changes += 1    # I
        elif t == 0x44: pos = tuple_end(pos + 6); changes += 1    # D
        elif t == 0x55:                                           # U
            p = pos + 5
            if data[p] in (0x4B, 0x4F):
                p = tuple_end(p + 1)
            pos = tuple_end(p + 1); changes += 1
        elif t == 0x54: pos += 6 + 4 * struct.unpack_from(">I", data, pos + 1)[0]
        else: fail(f"unknown pgoutput message {t:#x} at {pos} of pg_recvlogical's file")
        if data[pos] != 0x0A: fail(f"no newline after the message at {pos} of pg_recvlogical's file")
        pos += 1
    return changes


def recv_run(r):
    out = f"{work}/recvlogical.out"
    if os.path.exists(out):
        os.remove(out)
    launch = time.monotonic()
    proc = subprocess.Popen([recvlogical, "-d", "bench", "--slot", f"recvlogical_{r}", "--start",
                             "--no-loop", "-E", end_lsn, "-o", "proto_version=1",
                             "-o", "publication_names=sss_bench_1", "-f", out])
    first = None
    while first is None:
        pid, status, rusage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            fail(f"pg_recvlogical exited with status {status} before writing a change")
        try:
            if os.stat(out).st_size > 0:
                first = time.monotonic()
                first_cpu = proc_cpu(proc.pid)
                break
        except FileNotFoundError:
            pass
        time.sleep(POLL)
    _, status, rusage = os.wait4(proc.pid, 0)
    last = time.monotonic()
    proc.returncode = status
    if status != 0:
        fail(f"pg_recvlogical exited with status {status}")
    changes = count_changes(out)
    if changes != expected:
        fail(f"pg_recvlogical decoded {changes} changes, {expected} were written")
    return dict(launch=launch, first=first, last=last, cpu=cpu_seconds(rusage), first_cpu=first_cpu)


def status():
    try:
        return json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/status", timeout=2))
    except Exception:
        return None


def hwm_kb(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def runner_run(sync, opts):
    cmd = [runner_cmd[0]] + shlex.split(opts) + [a.replace("RUNNER_SYNC", sync) for a in runner_cmd[1:]]
    with open(f"{work}/runner.log", "ab") as log:
        launch = time.monotonic()
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
    def exited():
        pid, status, _ = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = status
            fail(f"the runner ({sync}) exited with status {status}; see its log")
    deadline = launch + 600
    first = None
    while first is None and time.monotonic() < deadline:
        s = status()
        if s and s["counters"]["changesCaptured"] > 0:
            first = time.monotonic()
            first_cpu = proc_cpu(proc.pid)
            first_groups = thread_groups(proc.pid)
            break
        exited()
        time.sleep(POLL)
    last = None
    while last is None and time.monotonic() < deadline:
        s = status()
        now = time.monotonic()
        captured = s["counters"]["changesCaptured"] if s else 0
        if captured >= expected:
            last = now
            break
        exited()
        # look rarely while far from the end (each look costs the runner a request), often near it
        rate = captured / max(now - first, 1e-3)
        time.sleep(min(0.5, max(0.01, (expected - captured) / max(rate, 1.0) / 4)))
    if last is None:
        fail(f"the runner ({sync}) did not capture the backlog within 10 minutes")
    while s["lag"]["seconds"] != 0 and time.monotonic() < deadline:  # the last cut acknowledged
        time.sleep(0.05)
        s = status() or s
    rss = hwm_kb(proc.pid) // 1024
    groups = thread_groups(proc.pid)
    proc.send_signal(signal.SIGTERM)
    _, exit_status, rusage = os.wait4(proc.pid, 0)
    proc.returncode = exit_status
    captured = s["counters"]["changesCaptured"]
    print(f"capture: runner ({sync}, {opts}) wrote {s['counters']['recordsWritten']} records", file=sys.stderr)
    if captured != expected:
        fail(f"the runner captured {captured} changes, {expected} were written")
    print("capture: runner CPU s by thread (until the first change / until the last): " + ", ".join(
        f"{g} {first_groups.get(g, 0):.2f}/{v:.2f}" for g, v in sorted(groups.items(), key=lambda kv: -kv[1])),
        file=sys.stderr)
    return dict(launch=launch, first=first, last=last, cpu=cpu_seconds(rusage), first_cpu=first_cpu, rss=rss,
                groups=groups)


def describe(name, m):
    print(f"capture: {name}: start-up {m['first'] - m['launch']:.2f} s, {expected} changes in "
          f"{m['last'] - m['first']:.2f} s ({m['last'] - m['launch']:.2f} s with start-up), "
          f"{m['cpu']:.2f} CPU s ({m['first_cpu']:.2f} of them before the first change)"
          + (f", peak RSS {m['rss']} MB" if "rss" in m else ""), file=sys.stderr)


results = []
for r in range(1, nrounds + 1):
    order = ["recv", "runner"] if r % 2 == 1 else ["runner", "recv"]
    got = {}
    for consumer in order:
        got[consumer] = recv_run(r) if consumer == "recv" else runner_run(f"bench-{r}", runner_opts)
        describe(f"round {r} {consumer}", got[consumer])
    results.append(got)
defaults = None
if defaults_rss == "1":
    defaults = runner_run("bench-defaults", "")
    describe("runner with the JVM's defaults", defaults)


def rate(m, startup):
    return expected / (m["last"] - (m["launch"] if startup else m["first"]))


def summary(values, fmt):
    return (statistics.median(values),
            f"median of {len(values)} rounds; min {fmt.format(min(values))}, max {fmt.format(max(values))}")


def bench(name, values, fmt, unit):
    median, spread = summary(values, fmt)
    print(f"BENCH {name} {fmt.format(median)} {unit} ({spread})")


for label, startup in (("", False), ("_with_startup", True)):
    what = "from process launch" if startup else "from the first change"
    bench(f"capture_runner_changes_per_s{label}", [rate(g["runner"], startup) for g in results], "{:.0f}",
          f"changes/s, {what}")
    bench(f"capture_pg_recvlogical_changes_per_s{label}", [rate(g["recv"], startup) for g in results],
          "{:.0f}", f"changes/s, {what}")
    bench(f"capture_ratio{label}", [rate(g["runner"], startup) / rate(g["recv"], startup) for g in results],
          "{:.2f}", f"runner/pg_recvlogical, {what}; target >= 0.6")
bench("capture_runner_startup_s", [g["runner"]["first"] - g["runner"]["launch"] for g in results], "{:.2f}",
      "s, launch to first change")
bench("capture_pg_recvlogical_startup_s", [g["recv"]["first"] - g["recv"]["launch"] for g in results],
      "{:.2f}", "s, launch to first change")
bench("capture_runner_cpu_s", [g["runner"]["cpu"] for g in results], "{:.2f}",
      "CPU s (user+system, whole process life)")
bench("capture_pg_recvlogical_cpu_s", [g["recv"]["cpu"] for g in results], "{:.2f}",
      "CPU s (user+system, whole process life)")
bench("capture_cpu_ratio", [g["runner"]["cpu"] / g["recv"]["cpu"] for g in results], "{:.2f}",
      "runner/pg_recvlogical CPU s, whole process life; goal <= 1.2")
bench("capture_runner_startup_cpu_s", [g["runner"]["first_cpu"] for g in results], "{:.2f}",
      "CPU s from launch to the first change")
bench("capture_cpu_ratio_after_startup",
      [(g["runner"]["cpu"] - g["runner"]["first_cpu"]) / (g["recv"]["cpu"] - g["recv"]["first_cpu"])
       for g in results], "{:.2f}", "runner/pg_recvlogical CPU s from the first change to the exit")
peak = max(g["runner"]["rss"] for g in results)
print(f"BENCH capture_peak_rss_mb {peak} MB (max of {nrounds} rounds; {runner_opts}, the pod's settings; target <= 300)")
if defaults:
    print(f"BENCH capture_peak_rss_mb_jvm_defaults {defaults['rss']} MB (one run, no JVM options: "
          f"the JVM's defaults on this machine)")
PY
