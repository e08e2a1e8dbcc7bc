#!/usr/bin/env bash
# Median latency of `om daemon status` and `om ls` through the daemon: alone, then beside 64 `om web logs --follow`
# clients and 64 idle connections (connected, never writing), then after those clients were killed. Issue 8 item 1:
# before the thread-per-connection bridge, the followers held the 64 workers and `daemon status` hung forever.
# Prints the figures; asserts nothing.
# Usage: bench/bridge-contention.sh [runs]   (build first: mvn -B -o verify -DskipTests)
. "$(dirname "$0")/lib.sh"
RUNS=${1:-20}
CLIENTS=64
PIDS=()
solo_root bench
cleanup() {
  for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  solo_down
}
trap cleanup EXIT
printf '[DEFAULT]\nnodes = bench1\n\n[app#0]\nstart = /bin/true\ncheck = /bin/true\n' > "$OM_ROOT/etc/web.conf"
# bounded: a wedged bridge shows as 30000 ms rather than a hung script
bounded() { measure "$1" timeout 30 "${@:2}"; }

echo "client: $(file -b "$OM" | cut -d, -f1)"
"$DIST/bin/omd" --daemon
bounded 20 "$OM" daemon status >/dev/null   # warm up the daemon's JIT
bounded 20 "$OM" ls >/dev/null
echo "alone, $RUNS runs:"
echo "  daemon status  median $(bounded "$RUNS" "$OM" daemon status) ms"
echo "  ls             median $(bounded "$RUNS" "$OM" ls) ms"

for _ in $(seq 1 $CLIENTS); do
  "$OM" web logs --follow </dev/null >/dev/null 2>&1 &
  PIDS+=($!)
  disown
done
# idle connections: connected, never a byte written
python3 - "$OM_ROOT/var/lsnr/cli.sock" $CLIENTS <<'PY' &
import socket, sys, time
conns = []
for _ in range(int(sys.argv[2])):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(sys.argv[1])
    conns.append(s)
time.sleep(3600)
PY
PIDS+=($!)
disown
sleep 3
echo "beside $CLIENTS 'logs --follow' clients and $CLIENTS idle connections, $RUNS runs:"
echo "  daemon status  median $(bounded "$RUNS" "$OM" daemon status) ms"
echo "  ls             median $(bounded "$RUNS" "$OM" ls) ms"

for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done
PIDS=()
sleep 1
echo "after those clients were killed, $RUNS runs:"
echo "  daemon status  median $(bounded "$RUNS" "$OM" daemon status) ms"
t0=$(date +%s%N)
"$OM" daemon stop >/dev/null
while [ -e "$OM_ROOT/var/omd.pid" ]; do sleep 0.05; done
echo "daemon stop until the daemon is gone: $(( ($(date +%s%N) - t0) / 1000000 )) ms"
