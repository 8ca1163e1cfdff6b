#!/usr/bin/env bash
# Capture benchmark: how fast the runner drains a WAL backlog through capture → decode → coalesce
# into a destination that acknowledges at once, against pg_recvlogical decoding the same WAL with
# the same publication to a file, in the same run.
#
#   scripts/bench.d/capture.sh          (make bench ONLY=capture; needs `make build` first)
#
# Backlog: 100,000 inserts, then 900,000 updates spread over the 100,000 keys (90 transactions of
# 10,000), 5 mapped columns, written with synchronous_commit=off. The backlog's end is
# pg_current_wal_insert_lsn() after the writer's last commit. Both readers must decode exactly
# 1,000,000 row changes, or the run is invalid (exit 1). Prints BENCH lines (see scripts/bench.sh).
# The runner runs with -Xmx$BENCH_XMX and the serial collector: the collector the JVM picks by
# itself in a container with less than 2 CPUs or 1792 MiB (the runner pod's size); on this larger
# box it would pick G1, whose concurrent work competes with the walsender for the two cores.
# Environment: BENCH_XMX (runner heap, default 128m), BENCH_JAVA_OPTS (default -XX:+UseSerialGC),
# BENCH_ROWS (keys, default 100000), BENCH_ROUNDS (update rounds over all keys, default 9).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo"
xmx=${BENCH_XMX:-128m}
java_opts=${BENCH_JAVA_OPTS--XX:+UseSerialGC}
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
fail() { echo "capture: $1; the runner's log:" >&2; tail -30 "$work/runner.log" >&2; exit 1; }

PG_EXTRA_CONF="synchronous_commit = off" scripts/pg-up.sh "$work/pg.env" >/dev/null
# shellcheck disable=SC1091
. "$work/pg.env"
export PGDATABASE=bench
psql -q -d postgres -c "CREATE DATABASE bench"
psql -q -c "CREATE TABLE contacts (id bigint PRIMARY KEY, customer_ref text UNIQUE NOT NULL,
  first_name text, last_name text, email text, score integer, notes text)"

for sync in bench-a bench-b; do
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
start_runner() {  # start_runner SYNC
  java "-Xmx$xmx" $java_opts -Dsss.bench.instant=1 -cp "$classes:$jar" io.serversidesync.runner.cli.SyncRunnerCommand \
    run --config "$work/$1.yaml" --secrets "$work/secrets.yaml" --status-port "$port" >>"$work/runner.log" 2>&1 &
  runner_pid=$!
}

# 1. A first run of each sync creates its slot and publication on the empty table, then stops.
for sync in bench-a bench-b; do
start_runner "$sync"
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
for slot in recvlogical_a recvlogical_b; do
  psql -q -c "SELECT pg_create_logical_replication_slot('$slot', 'pgoutput')" >/dev/null
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
wal_mb=$(psql -Atc "SELECT round(pg_wal_lsn_diff('$end_lsn', confirmed_flush_lsn) / 1048576.0) FROM pg_replication_slots WHERE slot_name = 'recvlogical_a'")
echo "capture: backlog of ${wal_mb} MB of WAL up to $end_lsn" >&2

# 3. Baseline: pg_recvlogical (pgoutput, same publication) to a file, stopping at the backlog's end.
recv_run() {  # recv_run SLOT: prints changes/s
rm -f "$work/recvlogical.out"
t0=$(date +%s.%N)
"$PG_BINDIR/pg_recvlogical" -d bench --slot "$1" --start --no-loop -E "$end_lsn" \
  -o proto_version=1 -o publication_names=sss_bench_a -f "$work/recvlogical.out"
t1=$(date +%s.%N)
recv_changes=$(python3 - "$work/recvlogical.out" <<'PY'
import struct, sys
data = open(sys.argv[1], "rb").read()
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
    else: sys.exit(f"unknown message {t:#x} at {pos}")
    if data[pos] != 0x0A: sys.exit(f"no newline after message at {pos}")
    pos += 1
print(changes)
PY
)
echo "capture: pg_recvlogical decoded $recv_changes changes in $(python3 -c "print(round($t1 - $t0, 2))") s" >&2
if [[ "$recv_changes" -ne "$expected" ]]; then
  echo "capture: INVALID: pg_recvlogical decoded $recv_changes changes, $expected were written" >&2; exit 1
fi
python3 -c "print(round($recv_changes / ($t1 - $t0)))"
}

# 4. The runner drains the same backlog from its own slot; prints changes/s and peak RSS (MB).
runner_run() {  # runner_run SYNC
start_runner "$1"
python3 - "$port" "$runner_pid" "$expected" "-Xmx$xmx $java_opts" <<'PY' || fail "invalid run"
import json, sys, time, urllib.request
port, pid, expected, xmx = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
def status():
    try:
        return json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/status", timeout=2))
    except Exception:
        return None
def alive():
    try:
        with open(f"/proc/{pid}/status") as f:
            return not any(l.startswith("State:") and "Z" in l.split()[1] for l in f)
    except OSError:
        return False
def hwm_kb():
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0
deadline = time.time() + 600
t0 = None
while time.time() < deadline:
    s = status()
    if s and s.get("phase") == "Streaming":
        t0 = time.time(); break
    if not alive():
        sys.exit("capture: the runner exited; see its log")
    time.sleep(0.005)
if t0 is None:
    sys.exit("capture: the runner did not start streaming")
done = None
while time.time() < deadline:
    s = status()
    if s and s["counters"]["changesCaptured"] >= expected and s["lag"]["seconds"] == 0:
        done = time.time(); break
    if not alive():
        sys.exit("capture: the runner exited before draining the backlog; see its log")
    time.sleep(0.05)
if done is None:
    sys.exit("capture: the runner did not drain the backlog within 10 minutes")
captured = s["counters"]["changesCaptured"]
rate = round(captured / (done - t0))
cpu = sum(int(x) for x in open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[11:13]) / 100
print(f"capture: runner used {cpu:.1f} s of CPU (since its start)", file=sys.stderr)
print(f"capture: runner decoded {captured} changes in {done - t0:.2f} s, wrote {s['counters']['recordsWritten']} records with {xmx}", file=sys.stderr)
if captured != expected:
    sys.exit(f"capture: INVALID: the runner captured {captured} changes, {expected} were written")
print(rate, hwm_kb() // 1024)
PY
kill -TERM "$runner_pid"; wait "$runner_pid" || true
runner_pid=""
}

# 5. Alternate the two readers twice (the box is shared: best of two each), then report.
recv1=$(recv_run recvlogical_a); read -r run1 rss1 < <(runner_run bench-a)
recv2=$(recv_run recvlogical_b); read -r run2 rss2 < <(runner_run bench-b)
python3 - "$recv1" "$recv2" "$run1" "$run2" "$rss1" "$rss2" "-Xmx$xmx $java_opts" <<'PY'
import sys
recv1, recv2, run1, run2, rss1, rss2 = map(int, sys.argv[1:7])
opts = sys.argv[7]
recv, run = max(recv1, recv2), max(run1, run2)
print(f"BENCH capture_runner_changes_per_s {run} changes/s (best of 2)")
print(f"BENCH capture_pg_recvlogical_changes_per_s {recv} changes/s (best of 2)")
print(f"BENCH capture_ratio {run / recv:.2f} runner/pg_recvlogical (target >= 0.6)")
print(f"BENCH capture_peak_rss_mb {max(rss1, rss2)} MB ({opts}; target <= 300)")
PY
