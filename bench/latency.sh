#!/usr/bin/env bash
# Median latency of `om <path> print status` and `om '*' ls`, through the daemon and without it, beside a bare
# process start (/bin/true) and, for the path without a daemon, a bare JVM start (java -version), measured in the
# same run; then a selector over 10,000 objects through the daemon,
# beside the same selection done by grep over the config files. Prints the figures; asserts nothing.
# Usage: bench/latency.sh [runs]   (build first: mvn -B -o verify -DskipTests -pl distribution -am); SETTLE=10
# seconds of rest after the daemon's dataset holds the 10,000 objects, before the selectors are timed
. "$(dirname "$0")/lib.sh"
RUNS=${1:-50}
solo_root bench
for i in $(seq 1 20); do
  printf '[DEFAULT]\nnodes = bench1\n\n[app#0]\nstart = /bin/true\ncheck = /bin/true\ntimeout = %ss\n' "$i" \
    > "$OM_ROOT/etc/web$i.conf"
done

echo "client: $(file -b "$OM" | cut -d, -f1)"
bare=$(measure "$RUNS" /bin/true)
echo "a bare process start (/bin/true), $RUNS runs: median $bare ms"
result lat_bare_ms "$bare"
jvm=$(measure 5 java -version)
echo "a bare JVM start (java -version), 5 runs: median $jvm ms"
result lat_jvm_ms "$jvm"
echo "without daemon (embedded framework), 5 runs:"
e_status=$(measure 5 "$OM" web1 print status)
echo "  print status  median $e_status ms"
echo "  '*' ls        median $(measure 5 "$OM" '*' ls) ms"
result lat_embedded_ms "$e_status"

"$DIST/bin/omd" --daemon
"$OM" web1 print status >/dev/null   # warm the status cache
echo "through the daemon, $RUNS runs:"
status=$(measure "$RUNS" "$OM" web1 print status)
ls=$(measure "$RUNS" "$OM" '*' ls)
echo "  print status  median $status ms"
echo "  '*' ls        median $ls ms"
result lat_status_ms "$status"
result lat_ls_ms "$ls"

for i in $(seq 21 10000); do
  printf '[DEFAULT]\nnodes = bench1\n\n[app#0]\nstart = /bin/true\ntimeout = %ss\n' "$((i % 7))" \
    > "$OM_ROOT/etc/svc$i.conf"
done
SEL='svc*+app.timeout>3'
t0=$(now_ns)
"$OM" "$SEL" ls >/dev/null   # first pass parses every config into the daemon's index
# the daemon's monitor evaluates each new object once (about 10 s for 10,000 on a quiet machine): measure the
# selectors once its dataset holds every object, and SETTLE seconds more
all_in() { [ "$("$OM" mon --sections services | grep -c '^ svc')" -ge 9980 ]; }
await 600 "the daemon's dataset holding every object" all_in
echo "the daemon's dataset held the 10,000 objects $(ms "$t0" "$(now_ns)") ms after the first selector"
sleep "${SETTLE:-10}"
objects=$(ls "$OM_ROOT"/etc/web*.conf "$OM_ROOT"/etc/svc*.conf | wc -l)
selected=$("$OM" "$SEL" ls | wc -l)
# the same selection without om: the svc configs whose app timeout is over 3 s
grepsel() ( cd "$OM_ROOT/etc" && grep -l '^timeout = [4-9]s$' svc*.conf | wc -l )
echo "selector over $objects objects through the daemon, 20 runs:"
sel=$(measure 20 "$OM" "$SEL" ls)
all=$(measure 20 "$OM" '**' ls)
grep_ms=$(measure 20 grepsel)
echo "  '$SEL' ls  median $sel ms ($selected selected)"
echo "  '**' ls                  median $all ms"
echo "  grep over the configs    median $grep_ms ms ($(grepsel) selected)"
result sel_ms "$sel"
result sel_all_ms "$all"
result sel_grep_ms "$grep_ms"
result sel_objects "$objects"
result sel_selected "$selected"
