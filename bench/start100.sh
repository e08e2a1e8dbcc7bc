#!/usr/bin/env bash
# 100 objects started at once on 3 nodes (issue 10, Performance): an om-lab of 3 nodes with the test profile
# (heartbeats every 1 s, timeout 3 s, node.ready_period 1 s), N (100) app-only failover services with
# placement = spread (their leaders spread over the nodes), node.max_parallel = MAXP (10, the default); one
# `om 'svc*' start --wait` on n1 sends one request per object. Timed: the command's return, and the launch to the
# last app start in the journals (read from outside om). Each app start "works" START_SLEEP (0.5) seconds between
# a begin and a start line of its journal, so the most app starts in progress at once on a node, replayed from the
# journals, shows whether max_parallel was respected. Asserts nothing.
# Usage (root, after a build: mvn -B -o verify -DskipTests): bench/start100.sh [N] ; MAXP=10, START_SLEEP=0.5,
# OM_LAB_PREFIX (default labtests-start100) names the lab, KEEP=1 leaves it up at the end.
N=${1:-100}
MAXP=${MAXP:-10}
START_SLEEP=${START_SLEEP:-0.5}
export OM_LAB_PREFIX=${OM_LAB_PREFIX:-labtests-start100}
NODE_CONF="max_parallel = $MAXP
"
. "$(dirname "$0")/orch-lib.sh"

echo "== $N objects started at once: om-lab of 3 nodes, heartbeats 1s/3s, node.ready_period $READY, node.max_parallel $MAXP, app start ${START_SLEEP}s ($(nproc) cores, load $(load))"
lab_up 3
echo "$START_SLEEP" >"$APPS/start_sleep"
# the same object files on every node, written before the daemons read them (the same content and mtime: nothing
# to replicate): installed with the daemons stopped
"$LAB" stop >/dev/null
etc1=$("$LAB" root n1)/etc
for i in $(seq 1 "$N"); do app_conf "orchestrate = no" "placement = spread" >"$etc1/svc$i.conf"; done
for n in n2 n3; do cp -p "$etc1"/svc*.conf "$("$LAB" root $n)/etc/"; done
BOOT_WAIT=120 lab_start
all_seen() { # every node shows every instance of the N objects
  ex n1 om 'svc*' daemon status --format json 2>/dev/null | js "
ok = all(len([p for p in nd.get('services', {}).get('status', {}) if p.startswith('svc')]) >= $N
         for nd in d['monitor']['nodes'].values()) and len(d['monitor']['nodes']) == 3
sys.exit(0 if ok else 1)" 2>/dev/null
}
await 120 "n1 seeing every instance" all_seen
sleep 3

t0=$(now_ms)
rc=0
ex n1 om 'svc*' start --wait --time 5m >"$APPS/start.out" 2>&1 || rc=$?
t1=$(now_ms)
last=$(cat "$APPS"/svc*.journal 2>/dev/null | awk '$2 == "start" && $3 + 0 > m + 0 { m = $3 } END { printf "%.0f\n", m }')
started=$(cat "$APPS"/svc*.journal 2>/dev/null | awk '$2 == "start"' | wc -l)
upnow=0
for i in $(seq 1 "$N"); do [ -n "$(up_on "svc$i")" ] && upnow=$((upnow + 1)); done
echo "-- results"
row "om 'svc*' start --wait on n1 ($N requests): returned" "$((t1 - t0)) ms" "exit $rc$([ $rc = 0 ] || echo ": $(tail -n 1 "$APPS/start.out")")"
first=$(cat "$APPS"/svc*.journal 2>/dev/null | awk '$2 == "begin" && (m == "" || $3 + 0 < m + 0) { m = $3 } END { printf "%.0f\n", m }')
row "launch to the first app start begun (journals)" "$((first - t0)) ms" "ready_period $READY included"
row "launch to the last app start (journals)" "$((last - t0)) ms" "$started starts for $N objects; $upnow up now"
# starts by node, and the most in progress at once per node (begin .. start intervals)
cat "$APPS"/svc*.journal | awk '$2 == "begin" { print $3, $1, 1 } $2 == "start" { print $3, $1, -1 }' | sort -n -k1,1 -k3,3n \
  | awk -v maxp="$MAXP" '{ c[$2] += $3; if (c[$2] > top[$2]) top[$2] = c[$2]; if ($3 > 0) n[$2]++ }
    END { for (k in n) printf "  %-62s %22s   %s\n", k ": app starts, most in progress at once", n[k] " / " top[k], \
      "max_parallel " maxp (top[k] > maxp ? ": EXCEEDED" : ": respected") }' | sort
twice=0
for i in $(seq 1 "$N"); do [ "$(up_on "svc$i" | wc -w)" -gt 1 ] && twice=$((twice + 1)); done
row "objects up on more than one node" "$twice" "must be 0"
