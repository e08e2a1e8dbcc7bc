# Shared by the bench/*.sh scripts (sourced, not run): strict mode, the distribution's paths, timing and stats,
# waiting, one daemon in a scratch install root, an om-lab, and the figures each script hands to bench/all.sh.
# Sourcing it moves to the checkout's top folder. Needs: BENCH (the script's name, for messages; default
# bench/<script>). Honours OM_DIST (the distribution, default distribution/target/om) and BENCH_RESULTS.
set -euo pipefail
export NO_COLOR=1
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BENCH=${BENCH:-bench/$(basename "$0")}
DIST=${OM_DIST:-$PWD/distribution/target/om}
OM=$DIST/bin/om
LAB=$DIST/bin/om-lab
# a TERM (bench/all.sh's timeout) or an interrupt ends the script through its EXIT trap: no daemon or lab left
trap 'exit 143' TERM
trap 'exit 130' INT

die() { echo "$BENCH: $*" >&2; exit 1; }
now_ns() { date +%s%N; }
now_ms() { date +%s%3N; }
ms() { echo $(( ($2 - $1) / 1000000 )); }   # ms A_NS B_NS: the milliseconds from A to B
load() { cut -d' ' -f1-3 /proc/loadavg; }
row() { printf '  %-62s %22s   %s\n' "$1" "$2" "$3"; }
js() { python3 -c "import json,sys; d=json.load(sys.stdin); $1"; }

# result KEY VALUE: one figure for bench/all.sh ("KEY VALUE" lines in $BENCH_RESULTS), nothing when run alone
result() { [ -z "${BENCH_RESULTS:-}" ] || printf '%s %s\n' "$1" "$2" >>"$BENCH_RESULTS"; }

# numbers on stdin: "median max" (integers), "? ?" when there are none
stats() { sort -n | awk '{a[NR]=$1} END { if (NR == 0) { print "? ?"; exit }
  m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%d %d\n", m, a[NR] }'; }
# numbers on stdin: their median, with one decimal when it falls between two
median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.1f\n", (a[NR/2]+a[NR/2+1])/2}'; }
# measure RUNS CMD...: the median wall time of RUNS runs of CMD in ms (0.1 ms steps), failed runs timed too
measure() {
  local n=$1 t0 t1
  shift
  for _ in $(seq 1 "$n"); do
    t0=$(now_ns)
    "$@" >/dev/null 2>&1 || true
    t1=$(now_ns)
    echo $(( (t1 - t0) / 100000 ))
  done | median | awk '{printf "%.1f\n", $1 / 10}'
}

# await SECONDS WHAT CMD...: until CMD succeeds (every AWAIT_POLL, 0.1 s); dies after SECONDS
await() {
  local end=$((SECONDS + $1)) what=$2
  shift 2
  until "$@"; do
    [ $SECONDS -lt $end ] || die "gave up waiting for $what"
    sleep "${AWAIT_POLL:-0.1}"
  done
}

need_dist() { [ -x "$OM" ] || die "no $OM: build first (mvn -B -o verify -DskipTests -pl distribution -am)"; }
need_lab() {
  [ "$(id -u)" = 0 ] || die "must run as root (the lab's network namespaces)"
  [ -x "$LAB" ] || die "no $LAB: build first (mvn -B -o verify -DskipTests -pl distribution -am)"
  command -v python3 >/dev/null || die "needs python3 (reads the JSON documents)"
}

# -- one daemon in a scratch install root (OM_ROOT, node bench1), stopped and removed at exit
solo_root() {
  need_dist
  OM_ROOT=$(mktemp -d "/tmp/om-${1:-bench}.XXXXXX")
  export OM_ROOT OM_NODENAME=bench1
  mkdir -p "$OM_ROOT/etc"
  trap solo_down EXIT
}
solo_pid() { tr -dc 0-9 2>/dev/null <"$OM_ROOT/var/omd.pid"; }
# the daemon writes its last lines after 'daemon stop' answered: wait for its pid before removing the root
solo_down() {
  local pid
  pid=$(solo_pid || true)
  "$OM" daemon stop >/dev/null 2>&1 || true
  for _ in $(seq 100); do [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  [ -z "$pid" ] || kill -9 "$pid" 2>/dev/null || true
  rm -rf "$OM_ROOT"
}

# -- an om-lab (OM_LAB_PREFIX names it), removed at exit unless KEEP is set
# lab_create N [--slow]: the lab of N nodes n1..nN, daemons not started (--fast heartbeats, 1 s / 3 s, unless
# --slow: the defaults, 5 s / 15 s); sets NODES, INTERVAL and TIMEOUT
lab_create() {
  local n=$1 fast=--fast
  [ "${2:-}" != --slow ] || fast=""
  need_lab
  trap lab_down EXIT
  "$LAB" up "$n" $fast --no-start ${LAB_ROOT:+--root "$LAB_ROOT"} >/dev/null
  NODES=$(seq -f 'n%g' 1 "$n" | tr '\n' ' ')
  if [ -n "$fast" ]; then INTERVAL=1; TIMEOUT=3; else INTERVAL=5; TIMEOUT=15; fi
}
lab_down() { [ -n "${KEEP:-}" ] || "$LAB" down >/dev/null 2>&1 || true; }
ex() { "$LAB" exec "$@"; }
# lab_start: every daemon started, every node idle with every node's data
lab_start() {
  local k
  "$LAB" start >/dev/null
  for k in $NODES; do await "${BOOT_WAIT:-90}" "$k idle" node_idle "$k"; done
}
# a node's daemon status; limited to the object LAB_PROBE when set (a small document, cheap to poll)
lab_status() { ex "$1" om ${LAB_PROBE:+"$LAB_PROBE"} daemon status --format json 2>/dev/null; }
node_idle() { # $1 sees itself idle with every node's data
  lab_status "$1" | js "
m = d['monitor']['nodes']
ok = set(m) >= set('$NODES'.split()) and m['$1']['monitor']['state'] == 'idle'
sys.exit(0 if ok else 1)" 2>/dev/null
}
dpid() { head -n 1 "$("$LAB" root "$1")/var/omd.pid" | tr -dc 0-9; }
# CPU time (ms, utime + stime) node $1's daemon has used since it started
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%d", ($14 + $15) * 1000 / hz }' "/proc/$(dpid "$1")/stat"; }
