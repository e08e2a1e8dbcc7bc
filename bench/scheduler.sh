#!/usr/bin/env bash
# CPU used by the daemon's scheduler thread with N objects (default 1,000), each with a status job (@10m), a monitor
# job (@1m, the app is monitored) and one task job (@1h; the instances are down, so every task job stays due and
# blocked, "not up on this node", and is looked at again at every tick: the scheduler's worst steady case).
# Prints the scheduler thread's CPU per second of wall time beside the goal (5 ms/s) and the whole daemon's.
# Usage: bench/scheduler.sh [objects] [seconds]   (build first: mvn -B -q verify -DskipTests -pl distribution -am)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000}
SECS=${2:-60}
DIST=$PWD/distribution/target/om
OM=$DIST/bin/om
export OM_ROOT=$(mktemp -d /tmp/om-bench.XXXXXX)
export OM_NODENAME=bench1
export NO_COLOR=1
stop_and_clean() {
  local pid
  pid=$(cat "$OM_ROOT/var/omd.pid" 2>/dev/null || true)
  $OM daemon stop >/dev/null 2>&1 || true
  for _ in $(seq 100); do [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  rm -rf "$OM_ROOT"
}
trap stop_and_clean EXIT

mkdir -p "$OM_ROOT/etc"
for i in $(seq 1 "$N"); do
  printf '[DEFAULT]\nnodes = bench1\nstatus_schedule = @10m\nmonitor_schedule = @1m\n\n[app#0]\nstart = /bin/true\ncheck = /bin/false\nmonitor = true\n\n[task#1]\ncommand = /bin/true\nschedule = @1h\n' \
    > "$OM_ROOT/etc/s$i.conf"
done
$DIST/bin/omd --daemon
pid=$(cat "$OM_ROOT/var/omd.pid")
# the first evaluation of every object, then a quiet daemon
sleep "${SETTLE:-30}"
tid=""
for t in /proc/"$pid"/task/*; do
  [ "$(cat "$t/comm")" = scheduler ] && tid=${t##*/}
done
[ -n "$tid" ] || { echo "no scheduler thread in daemon $pid" >&2; exit 1; }
ticks() { awk '{print $14 + $15}' "$1"; }   # utime + stime, in clock ticks
hz=$(getconf CLK_TCK)
s0=$(ticks /proc/"$pid"/task/"$tid"/stat); d0=$(ticks /proc/"$pid"/stat); t0=$(date +%s%N)
sleep "$SECS"
s1=$(ticks /proc/"$pid"/task/"$tid"/stat); d1=$(ticks /proc/"$pid"/stat); t1=$(date +%s%N)
wall_ms=$(( (t1 - t0) / 1000000 ))
echo "objects: $N ($(( N * 3 )) jobs), window: ${wall_ms} ms"
awk -v s=$((s1 - s0)) -v d=$((d1 - d0)) -v hz="$hz" -v w="$wall_ms" 'BEGIN {
  printf "scheduler thread: %.2f ms CPU per s of wall time (goal < 5)\n", s * 1000 / hz / (w / 1000)
  printf "whole daemon:     %.2f ms CPU per s of wall time\n", d * 1000 / hz / (w / 1000) }'
