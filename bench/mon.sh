#!/usr/bin/env bash
# om mon and daemon status over many objects: for each N, creates N objects, starts the daemon, and prints the
# cold and warm `om mon` times, how long the dataset takes to hold every object, and `daemon status --format json`
# under 4 concurrent callers. Prints the figures beside the ones measured before the daemon kept a dataset
# (issue 8 item 14); asserts nothing.
# Usage: bench/mon.sh [N...]   (default: 1000 10000; build first: mvn -B -q verify -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${*:-1000 10000}
DIST=$PWD/distribution/target/om
OM=$DIST/bin/om
export OM_NODENAME=bench1
export NO_COLOR=1

ms() { echo $(( ($2 - $1) / 1000000 )); }
now() { date +%s%N; }

declare -A BEFORE_COLD=([1000]="16 s" [10000]="188 s")
declare -A BEFORE_WARM=([1000]="134 ms" [10000]="1.7 s")

for N in $SIZES; do
  export OM_ROOT=$(mktemp -d /tmp/om-bench-mon.XXXXXX)
  trap '$OM daemon stop >/dev/null 2>&1 || true; sleep 1; rm -rf "$OM_ROOT"' EXIT
  mkdir -p "$OM_ROOT/etc"
  for i in $(seq 1 "$N"); do
    printf '[DEFAULT]\nnodes = bench1\n\n[app#0]\nstart = /bin/true\ntimeout = %ss\n' "$((i % 7 + 1))" \
      > "$OM_ROOT/etc/svc$i.conf"
  done
  t0=$(now); $DIST/bin/omd --daemon >/dev/null; t1=$(now)
  heap=$(ps -o args= -p "$(cat "$OM_ROOT/var/omd.pid")" | grep -o -- '-Xmx[^ ]*' | head -1)
  echo "== $N objects (daemon heap $heap)"
  echo "  daemon start                     $(ms "$t0" "$t1") ms"
  t0=$(now); $OM mon >/dev/null; t1=$(now)
  echo "  om mon, cold (first call)        $(ms "$t0" "$t1") ms   (before: ${BEFORE_COLD[$N]:-n/a})"
  t0=$(now)
  while [ "$($OM mon --sections services | grep -c '^ svc')" -lt "$N" ]; do sleep 0.5; done
  t1=$(now)
  echo "  dataset holds every object after $(ms "$t0" "$t1") ms more"
  for _ in 1 2 3; do $OM mon >/dev/null; done
  t0=$(now); for _ in 1 2 3 4 5; do $OM mon >/dev/null; done; t1=$(now)
  echo "  om mon, warm (mean of 5)         $(( $(ms "$t0" "$t1") / 5 )) ms   (before: ${BEFORE_WARM[$N]:-n/a})"
  t0=$(now); $OM daemon status --format json >/dev/null; t1=$(now)
  echo "  daemon status --format json      $(ms "$t0" "$t1") ms"
  t0=$(now)
  for _ in 1 2 3 4; do $OM daemon status --format json >/dev/null & done
  wait
  t1=$(now)
  echo "  4 concurrent daemon status json  $(ms "$t0" "$t1") ms   (before: OutOfMemoryError in workers at 10,000)"
  rss=$(ps -o rss= -p "$(cat "$OM_ROOT/var/omd.pid")" 2>/dev/null || echo 0)
  echo "  daemon resident memory           $((rss / 1024)) MiB"
  $OM daemon stop >/dev/null 2>&1 || true
  sleep 2
  rm -rf "$OM_ROOT"
  trap - EXIT
done
