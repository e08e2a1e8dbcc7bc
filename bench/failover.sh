#!/usr/bin/env bash
# Failover time after a SIGKILL (issue 10, Performance): an om-lab of 3 nodes with the test profile (heartbeats
# every 1 s, timeout 3 s, node.ready_period 1 s), an app-only failover service with orchestrate = ha; each run
# SIGKILLs the daemon of the node running it and its app (a crash), and times the kill to the app's start on the
# next node (the app journals it, read from outside om). The killed daemon is restarted and the lab left to settle
# before the next run. Median and max over RUNS (10), beside the goal and the OpenSVC reference. Asserts nothing;
# also checks that the app never ran on two nodes at once (journal).
# Usage (root, after a build: mvn -B -o verify -DskipTests): bench/failover.sh ; RUNS=10, READY=1s
# (node.ready_period), OM_LAB_PREFIX (default labtests-failover) names the lab, KEEP=1 leaves it up at the end.
RUNS=${RUNS:-10}
export OM_LAB_PREFIX=${OM_LAB_PREFIX:-labtests-failover}
. "$(dirname "$0")/orch-lib.sh"

echo "== failover after SIGKILL: om-lab of 3 nodes, heartbeats 1s/3s, node.ready_period $READY, $RUNS runs ($(nproc) cores, load $(load))"
lab_up 3
app_conf "orchestrate = ha" >"$APPS/fo.conf"
ex n1 om fo create --config "$APPS/fo.conf" >/dev/null
one_up() { [ "$(up_on fo | wc -w)" = 1 ]; }
await 60 "fo up on one node" one_up
: >"$APPS/times"
for run in $(seq 1 "$RUNS"); do
  await 60 "fo settled" no_target fo
  sleep 2
  from=$(up_on fo)
  pid=$(cat "$APPS/fo.$from.pid")
  lines=$(wc -l <"$APPS/fo.journal")
  t0=$(now_ms)
  "$LAB" kill "$from" >/dev/null
  kill -9 "$pid"
  echo "$from killed $(now_ms)" >>"$APPS/fo.journal"
  moved() { tail -n +"$((lines + 1))" "$APPS/fo.journal" | grep -q ' start '; }
  await 60 "fo started elsewhere after the kill of $from" moved
  read -r to at < <(tail -n +"$((lines + 1))" "$APPS/fo.journal" | awk '$2 == "start" {print $1, $3; exit}')
  echo $((at - t0)) >>"$APPS/times"
  printf '  run %2d: %s killed, up on %s after %d ms\n' "$run" "$from" "$to" $((at - t0))
  "$LAB" start "$from" >/dev/null
  await 90 "$from idle again" node_idle "$from"
done
read -r med max < <(stats <"$APPS/times")
result failover_median_ms "$med"
result failover_max_ms "$max"
result failover_runs "$RUNS"
echo "-- results"
row "failover after SIGKILL, median of $RUNS" "$med ms" "goal <= 6000 ms (issue 12), <= 4500 ms (issue 10; floor timeout + ready_period + start ~ 4100 ms)"
row "failover after SIGKILL, max" "$max ms" "goal <= 6000 ms; OpenSVC on this machine: 6100 ms (ready_period 1s), 10-11.5 s (default)"
# the journal replayed: a start adds its node, a stop or a kill removes it; never two at once
twice=$(awk '$2 == "start" { up[$1] = 1 } $2 == "stop" || $2 == "killed" { delete up[$1] }
  { c = 0; for (k in up) c++; if (c > 1) { print; exit } }' "$APPS/fo.journal")
result failover_twice "${twice:-none}"
row "runs where the app was up on two nodes at once (journal)" "${twice:+at $twice}${twice:-none}" "must be none"
