#!/usr/bin/env bash
# CPU used by the daemon's scheduler thread with N objects (default 1,000), each with a status job (@10m), a monitor
# job (@1m, the app is monitored) and one task job (@1h; the instances are down, so every task job stays due and
# blocked, "not up on this node", and is looked at again at every tick: the scheduler's worst steady case).
# Prints the scheduler thread's CPU per second of wall time beside the goal (5 ms/s) and the whole daemon's.
# Usage: bench/scheduler.sh [objects] [seconds]   (build first: mvn -B -q verify -DskipTests -pl distribution -am)
. "$(dirname "$0")/lib.sh"
N=${1:-1000}
SECS=${2:-60}
solo_root bench
for i in $(seq 1 "$N"); do
  printf '[DEFAULT]\nnodes = bench1\nstatus_schedule = @10m\nmonitor_schedule = @1m\n\n[app#0]\nstart = /bin/true\ncheck = /bin/false\nmonitor = true\n\n[task#1]\ncommand = /bin/true\nschedule = @1h\n' \
    > "$OM_ROOT/etc/s$i.conf"
done
"$DIST/bin/omd" --daemon
pid=$(solo_pid)
# the first evaluation of every object, then a quiet daemon
sleep "${SETTLE:-30}"
tid=""
for t in /proc/"$pid"/task/*; do
  [ "$(cat "$t/comm")" = scheduler ] && tid=${t##*/}
done
[ -n "$tid" ] || die "no scheduler thread in daemon $pid"
ticks() { awk '{print $14 + $15}' "$1"; }   # utime + stime, in clock ticks
hz=$(getconf CLK_TCK)
s0=$(ticks /proc/"$pid"/task/"$tid"/stat); d0=$(ticks /proc/"$pid"/stat); t0=$(date +%s%N)
sleep "$SECS"
s1=$(ticks /proc/"$pid"/task/"$tid"/stat); d1=$(ticks /proc/"$pid"/stat); t1=$(date +%s%N)
wall_ms=$(( (t1 - t0) / 1000000 ))
per_s() { awk -v t="$1" -v hz="$hz" -v w="$wall_ms" 'BEGIN { printf "%.2f", t * 1000 / hz / (w / 1000) }'; }
sched=$(per_s $((s1 - s0)))
daemon=$(per_s $((d1 - d0)))
echo "objects: $N ($(( N * 3 )) jobs), window: ${wall_ms} ms"
echo "scheduler thread: $sched ms CPU per s of wall time (goal < 5)"
echo "whole daemon:     $daemon ms CPU per s of wall time"
result sched_ms_per_s "$sched"
result sched_daemon_ms_per_s "$daemon"
result sched_objects "$N"
