#!/usr/bin/env bash
# Switch time between two nodes (issue 10, Performance): an om-lab of 2 nodes with the test profile (heartbeats
# every 1 s, timeout 3 s, node.ready_period 1 s: a switch has no ready period), an app-only failover service; each
# run is `om fo switch --node <the other node> --wait` on n1, timed inside the node, and, from the app's journal,
# the gap between the app's stop on the source and its start on the destination. Median and max over RUNS (10).
# Asserts nothing; also checks the app never ran on both nodes at once (journal).
# Usage (root, after a build: mvn -B -o verify -DskipTests): bench/switch.sh ; RUNS=10, OM_LAB_PREFIX (default
# labtests-switch) names the lab, KEEP=1 leaves it up at the end.
RUNS=${RUNS:-10}
export OM_LAB_PREFIX=${OM_LAB_PREFIX:-labtests-switch}
. "$(dirname "$0")/orch-lib.sh"

echo "== switch between two nodes: om-lab of 2 nodes, heartbeats 1s/3s, node.ready_period $READY, $RUNS runs ($(nproc) cores, load $(load))"
lab_up 2
app_conf "orchestrate = no" >"$APPS/fo.conf"
ex n1 om fo create --config "$APPS/fo.conf" >/dev/null
both_have() { ex n2 om fo print config >/dev/null 2>&1 && ex n2 om fo start --wait --time 30s 2>/dev/null; }
await 60 "fo started (the config on both nodes)" both_have
: >"$APPS/wait"; : >"$APPS/gap"; : >"$APPS/head"; : >"$APPS/tail"
for run in $(seq 1 "$RUNS"); do
  await 60 "fo settled" no_target fo
  sleep 1
  from=$(up_on fo)
  to=$([ "$from" = n1 ] && echo n2 || echo n1)
  lines=$(wc -l <"$APPS/fo.journal")
  read -r s e < <(ex n1 sh -c "s=\$(date +%s%3N); om fo switch --node $to --wait --time 60s >&2 || exit 1; echo \$s \$(date +%s%3N)") \
    || die "switch to $to failed"
  [ "$(up_on fo)" = "$to" ] || die "switch --wait returned with fo up on '$(up_on fo)', not $to"
  # the journal's stop on the source and start on the destination
  read -r stop start < <(tail -n +"$((lines + 1))" "$APPS/fo.journal" | awk -v f="$from" -v t="$to" \
    '$1 == f && $2 == "stop" { s = $3 } $1 == t && $2 == "start" && s { print s, $3; exit }')
  echo $((e - s)) >>"$APPS/wait"; echo $((start - stop)) >>"$APPS/gap"
  echo $((stop - s)) >>"$APPS/head"; echo $((e - start)) >>"$APPS/tail"
  printf '  run %2d: %s -> %s: switch --wait %d ms = to the stop done %d + to the start done %d + to the return %d\n' \
    "$run" "$from" "$to" $((e - s)) $((stop - s)) $((start - stop)) $((e - start))
done
echo "-- results"
read -r med max < <(stats <"$APPS/wait")
result switch_median_ms "$med"
result switch_max_ms "$max"
result switch_runs "$RUNS"
row "om fo switch --node <other> --wait, median of $RUNS" "$med ms" "max $max ms (no goal in the issue)"
read -r med max < <(stats <"$APPS/gap")
row "  of which: the request to the app stopped on the source" "$(stats <"$APPS/head" | cut -d' ' -f1) ms" "max $(stats <"$APPS/head" | cut -d' ' -f2) ms"
row "  of which: stopped on the source to started on the destination" "$med ms" "max $max ms"
row "  of which: started on the destination to the wait's return" "$(stats <"$APPS/tail" | cut -d' ' -f1) ms" "max $(stats <"$APPS/tail" | cut -d' ' -f2) ms"
twice=$(awk '$2 == "start" { up[$1] = 1 } $2 == "stop" { delete up[$1] }
  { c = 0; for (k in up) c++; if (c > 1) { print; exit } }' "$APPS/fo.journal")
result switch_twice "${twice:-none}"
row "moments the app was up on both nodes (journal)" "${twice:+at $twice}${twice:-none}" "must be none"
