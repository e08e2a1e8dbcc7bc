#!/usr/bin/env bash
# Median latency of `om <path> print status` and `om '*' ls`, through the daemon and without it, and of a
# selector over 10,000 objects through the daemon. Prints the figures; asserts nothing.
# Usage: bench/latency.sh [runs]   (build first: mvn -B -q install -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-50}
DIST=$PWD/distribution/target/om
OM=$DIST/bin/om
export OM_ROOT=$(mktemp -d /tmp/om-bench.XXXXXX)
export OM_NODENAME=bench1
export NO_COLOR=1
# the daemon writes its last lines after 'daemon stop' answered: wait for its pid before removing the root
stop_and_clean() {
  local pid
  pid=$(cat "$OM_ROOT/var/omd.pid" 2>/dev/null || true)
  $OM daemon stop >/dev/null 2>&1 || true
  for _ in $(seq 100); do [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  rm -rf "$OM_ROOT"
}
trap stop_and_clean EXIT

mkdir -p "$OM_ROOT/etc"
for i in $(seq 1 20); do
  printf '[DEFAULT]\nnodes = bench1\n\n[app#0]\nstart = /bin/true\ncheck = /bin/true\ntimeout = %ss\n' "$i" \
    > "$OM_ROOT/etc/web$i.conf"
done

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.1f\n", (a[NR/2]+a[NR/2+1])/2}'; }
measure() { # runs, command...
  local n=$1; shift
  for _ in $(seq 1 "$n"); do
    local t0=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    local t1=$(date +%s%N)
    echo $(( (t1 - t0) / 1000000 ))
  done | median
}

echo "client: $(file -b "$OM" | cut -d, -f1)"
echo "without daemon (embedded framework), 5 runs:"
echo "  print status  median $(measure 5 $OM web1 print status) ms"
echo "  '*' ls        median $(measure 5 $OM '*' ls) ms"

$DIST/bin/omd --daemon
$OM web1 print status >/dev/null   # warm the status cache
echo "through the daemon, $RUNS runs:"
echo "  print status  median $(measure "$RUNS" $OM web1 print status) ms"
echo "  '*' ls        median $(measure "$RUNS" $OM '*' ls) ms"

for i in $(seq 21 10000); do
  printf '[DEFAULT]\nnodes = bench1\n\n[app#0]\nstart = /bin/true\ntimeout = %ss\n' "$((i % 7))" \
    > "$OM_ROOT/etc/svc$i.conf"
done
$OM 'svc*+app.timeout>3' ls >/dev/null   # first pass parses every config into the daemon's index
# the daemon's monitor evaluates each new object once (about 10 s for 10,000 here): measure the selector after it
sleep "${SETTLE:-20}"
echo "selector over $(ls "$OM_ROOT/etc" | wc -l) objects through the daemon, 20 runs:"
echo "  'svc*+app.timeout>3' ls  median $(measure 20 $OM 'svc*+app.timeout>3' ls) ms ($($OM 'svc*+app.timeout>3' ls | wc -l) selected)"
echo "  '**' ls                  median $(measure 20 $OM '**' ls) ms"
