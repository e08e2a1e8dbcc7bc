#!/usr/bin/env bash
# om mon over many objects, beside `om '*' ls` measured in the same run: for each N, creates N objects, starts the
# daemon, waits until its dataset holds every object, and prints the median of RUNS calls of `om mon`, of
# `om '*' ls` and their ratio, the first call after start, `daemon status --format json` alone and under 4
# concurrent callers, and the daemon's resident memory. Then the render alone inside a JVM (no bridge) over a
# synthetic dataset of 3 nodes x 1,000 and 1 and 3 nodes x 10,000 objects (bench/MonRenderBench.java): the part of
# om mon that grows with nodes. Asserts nothing; the 3-node figure over real daemons is bench/cluster.sh's.
# Usage: bench/mon.sh [N...]   (default: 1000 10000; RUNS=20; build first: mvn -B -o verify -DskipTests)
. "$(dirname "$0")/lib.sh"
SIZES=${*:-1000 10000}
RUNS=${RUNS:-20}
median_of_runs() { measure "$RUNS" "$@"; }

for N in $SIZES; do
  solo_root bench-mon
  for i in $(seq 1 "$N"); do
    printf '[DEFAULT]\nnodes = bench1\n\n[app#0]\nstart = /bin/true\ntimeout = %ss\n' "$((i % 7 + 1))" \
      > "$OM_ROOT/etc/svc$i.conf"
  done
  t0=$(now_ns); "$DIST/bin/omd" --daemon >/dev/null; t1=$(now_ns)
  heap=$(ps -o args= -p "$(solo_pid)" | grep -o -- '-Xmx[^ ]*' | head -1)
  echo "== $N objects, one node (daemon heap $heap)"
  echo "  daemon start                         $(ms "$t0" "$t1") ms"
  t0=$(now_ns); $OM mon >/dev/null; t1=$(now_ns)
  echo "  om mon, first call after start       $(ms "$t0" "$t1") ms"
  t0=$(now_ns)
  while [ "$($OM mon --sections services | grep -c '^ svc')" -lt "$N" ]; do sleep 0.5; done
  t1=$(now_ns)
  echo "  dataset holds every object after     $(ms "$t0" "$t1") ms more"
  for _ in 1 2 3; do $OM mon >/dev/null; $OM '*' ls >/dev/null; done
  mon=$(median_of_runs "$OM" mon)
  ls=$(median_of_runs "$OM" '*' ls)
  echo "  om mon, median of $RUNS                $mon ms"
  echo "  om '*' ls, median of $RUNS             $ls ms"
  echo "  om mon / om '*' ls                   $(awk -v a="$mon" -v b="$ls" 'BEGIN {printf "%.1f", a / b}')"
  echo "  om mon --color yes, median           $(median_of_runs "$OM" mon --color yes) ms"
  t0=$(now_ns); $OM daemon status --format json >/dev/null; t1=$(now_ns)
  echo "  daemon status --format json          $(ms "$t0" "$t1") ms"
  t0=$(now_ns)
  for _ in 1 2 3 4; do $OM daemon status --format json >/dev/null & done
  wait
  t1=$(now_ns)
  echo "  4 concurrent daemon status json      $(ms "$t0" "$t1") ms"
  rss=$(ps -o rss= -p "$(solo_pid)" 2>/dev/null || echo 0)
  echo "  daemon resident memory               $((rss / 1024)) MiB"
  solo_down
  trap - EXIT
done

B=$DIST/bundle
CP=$(ls "$B"/om.api-*.jar):$(ls "$B"/om.shell-*.jar):$(ls "$B"/jackson-*.jar | tr '\n' ':')
echo "== om mon render alone (in one JVM, warm, median of 60): synthetic datasets"
for shape in "3 1000" "1 10000" "3 10000"; do
  set -- $shape
  echo "  $1 node(s) x $2 objects                $(java -cp "$CP" bench/MonRenderBench.java "$1" "$2" 60)"
done
