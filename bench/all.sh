#!/usr/bin/env bash
# The benchmark table (issue 12): runs the benchmarks of bench/ one after the other and prints one Markdown table,
# each om figure beside its reference measured in the same run where one runs here, its goal, and pass or fail
# against that goal. A benchmark that fails gives "failed: <reason>" rows and the table goes on; the exit status is
# 1 when any did (a goal missed is a "fail" row, not an error).
#
# Usage (root: the labs use network namespaces; after a build: mvn -B -o verify -DskipTests -pl distribution -am):
#   bench/all.sh [--quick] [--ci-seconds N | --ci-log FILE] [--note TEXT] [--logs DIR] [ROW...]
#   bench/all.sh --list     the rows, and the benchmark each comes from
#   --quick       fewer runs and shorter windows (the header says so): a check that everything runs, not figures
#   --ci-seconds  the CI duration, as measured elsewhere; --ci-log: the log of a `.ci/run`, whose duration is read
#                 from Maven's "Total time" line (no CI row figure without one of them: CI is not run from here)
#   --note        a line added to the header (what else the machine was running)
#   --logs        where each benchmark's output goes (default /var/tmp/benchall-logs); ROW: only those rows
# Labs are named benchall-<benchmark> (OM_LAB_PREFIX) and removed after each benchmark, even one that failed.
set -uo pipefail
cd "$(dirname "$0")/.."
export NO_COLOR=1
# the scripts' knobs come from here only, not from the caller's environment (one lab root for all would clash)
unset RUNS IDLE SETTLE READY KEEP NODE_CONF OM_LAB_ROOT BENCH_RESULTS
DIST=${OM_DIST:-$PWD/distribution/target/om}
LAB=$DIST/bin/om-lab

# row -> benchmark
declare -A FROM=(
  [latency]=latency [selector]=latency
  [boot]=cluster [mon]=cluster [convergence]=cluster [heartbeat]=cluster [memory]=cluster [cpu]=cluster
  [death]=cluster
  [failover]=failover [switch]=switch [scheduler]=scheduler [sim]=sim [ci]=none
)
ORDER="latency selector mon convergence heartbeat memory cpu boot death failover switch scheduler sim ci"

help() { sed -n '7,15p' "$0" | sed 's/^# \{0,1\}//'; }
QUICK=""; CI_SECONDS=""; CI_LOG=""; NOTE=""; LOGS=/var/tmp/benchall-logs; ROWS=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --ci-seconds) CI_SECONDS=${2:?--ci-seconds needs a number}; shift ;;
    --ci-log) CI_LOG=${2:?--ci-log needs a file}; shift ;;
    --note) NOTE=${2:?--note needs a text}; shift ;;
    --logs) LOGS=${2:?--logs needs a folder}; shift ;;
    --list) for r in $ORDER; do printf '%-12s %s\n' "$r" "$([ "${FROM[$r]}" = none ] && echo "--ci-seconds / --ci-log" \
              || echo "bench/${FROM[$r]/sim/sim-scale}.sh")"; done; exit 0 ;;
    -h|--help) help; exit 0 ;;
    -*) echo "bench/all.sh: unknown option $1" >&2; help >&2; exit 2 ;;
    *) [ -n "${FROM[$1]:-}" ] || { echo "bench/all.sh: unknown row $1 (bench/all.sh --list)" >&2; exit 2; }
       ROWS="$ROWS $1" ;;
  esac
  shift
done
ROWS=${ROWS:-$ORDER}
[ -z "$CI_SECONDS" ] || [[ "$CI_SECONDS" =~ ^[0-9]+$ ]] \
  || { echo "bench/all.sh: --ci-seconds needs whole seconds" >&2; exit 2; }
[ -z "$CI_LOG" ] || [ -r "$CI_LOG" ] || { echo "bench/all.sh: cannot read $CI_LOG" >&2; exit 2; }
needs_lab=""
for r in $ROWS; do case "${FROM[$r]}" in cluster|failover|switch) needs_lab=1 ;; esac; done
[ -z "$needs_lab" ] || [ "$(id -u)" = 0 ] \
  || { echo "bench/all.sh: must run as root (the labs' network namespaces)" >&2; exit 2; }
mkdir -p "$LOGS"
log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

# -- the benchmarks: each run once, its figures ("KEY VALUE" lines, bench/lib.sh's result) read into R
declare -A R=() FAILED=()
# run_bench NAME SECONDS SCRIPT ARGS...: the script bounded to SECONDS, its lab (benchall-NAME) removed after
run_bench() {
  local name=$1 secs=$2 script=$3 rc=0 t0
  shift 3
  local res=$LOGS/$name.res out=$LOGS/$name.log err=$LOGS/$name.err
  : >"$res"
  log "bench/$script $* (log: $out)"
  t0=$SECONDS
  OM_LAB_PREFIX=benchall-$name BENCH_RESULTS=$res timeout -k 30 "$secs" bash "bench/$script" "$@" >"$out" 2>"$err" \
    || rc=$?
  OM_LAB_PREFIX=benchall-$name "$LAB" down >/dev/null 2>&1 || true
  local k v
  while read -r k v; do R[$k]=$v; done <"$res"
  case $rc in
    0) log "  done in $((SECONDS - t0)) s" ; return ;;
    124|137) FAILED[$name]="timed out after $secs s" ;;
    *) local last
       last=$(grep -v '^\s*$' "$err" | tail -n 1 | sed 's/^bench\/[a-z0-9-]*\.sh: //' | cut -c1-100)
       # no message: a command that failed under set -e; name where (the last line of its output)
       [ -n "$last" ] || last="exit $rc after '$(grep -v '^\s*$' "$out" | tail -n 1 | sed 's/^ *//' | cut -c1-70)'"
       FAILED[$name]=$last ;;
  esac
  log "  failed: ${FAILED[$name]} (see $err)"
}

declare -A WANTED
for r in $ROWS; do WANTED[${FROM[$r]}]=1; done
if [ -n "$QUICK" ]; then N_RUNS=3; LAT_RUNS=10; else N_RUNS=10; LAT_RUNS=50; fi
START=$(date -u '+%Y-%m-%d %H:%M UTC')
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
if [ -n "$QUICK" ]; then MON_RUNS=5 IDLE_S=10 SETTLE_S=10 SCHED_S=20
else MON_RUNS=20 IDLE_S=30 SETTLE_S=30 SCHED_S=60; fi
[ -z "${WANTED[latency]:-}" ] || run_bench latency 900 latency.sh "$LAT_RUNS"
[ -z "${WANTED[cluster]:-}" ] || RUNS=$MON_RUNS IDLE=$IDLE_S SETTLE=$SETTLE_S run_bench cluster 1200 cluster.sh 1000
[ -z "${WANTED[failover]:-}" ] || RUNS=$N_RUNS READY=1s run_bench failover 1200 failover.sh
[ -z "${WANTED[switch]:-}" ] || RUNS=$N_RUNS run_bench switch 900 switch.sh
[ -z "${WANTED[scheduler]:-}" ] || SETTLE=$((SCHED_S / 2)) run_bench scheduler 400 scheduler.sh 1000 "$SCHED_S"
[ -z "${WANTED[sim]:-}" ] || run_bench sim 900 sim-scale.sh 32x1000 1

# -- the table
LINES=()
emit() { LINES+=("$1"$'\t'"$2"$'\t'"$3"$'\t'"$4"$'\t'"$5"); }
# need WHAT BENCH KEY...: true when R holds every KEY; else a "failed" row for WHAT
need() {
  local what=$1 bench=$2 k
  shift 2
  for k in "$@"; do
    [ -n "${R[$k]:-}" ] && continue
    emit "$what" "failed: ${FAILED[$bench]:-no figure $k (see $LOGS/$bench.log)}" "" "" ""
    return 1
  done
}
# verdict VALUE... GOAL: pass when every VALUE <= GOAL
verdict() { awk -v g="${@: -1}" 'BEGIN { for (i = 1; i < ARGC; i++) if (ARGV[i] + 0 > g + 0) { print "fail"; exit }
  print "pass"; exit }' "${@:1:$#-1}"; }
sec() { awk -v v="$1" 'BEGIN { printf "%.2f s", v / 1000 }'; }   # ms -> "1.23 s"
th() { echo "$1" | sed ':a; s/\B[0-9]\{3\}\>/,&/; ta'; }         # 10000 -> 10,000
bytes() { awk -v v="$1" 'BEGIN { if (v !~ /^[0-9]+$/) print v; else if (v < 10000) print v " B"
  else printf "%.1f kB\n", v / 1000 }'; }
NOREF="- (OpenSVC not installed)"

row_latency() {
  local w="\`om web1 print status\` through the daemon, median of $LAT_RUNS"
  need "$w" latency lat_status_ms lat_bare_ms lat_ls_ms || return 0
  emit "$w" "${R[lat_status_ms]} ms" "bare process start (/bin/true): ${R[lat_bare_ms]} ms" "-" "-"
  emit "\`om '*' ls\` (20 objects) through the daemon, median of $LAT_RUNS" "${R[lat_ls_ms]} ms" \
    "bare process start: ${R[lat_bare_ms]} ms" "-" "-"
  w="\`om web1 print status\` without a daemon (a JVM, embedded framework), median of 5"
  need "$w" latency lat_embedded_ms lat_jvm_ms || return 0
  emit "$w" "${R[lat_embedded_ms]} ms" "bare JVM start (java -version): ${R[lat_jvm_ms]} ms" "-" "-"
}
row_selector() {
  local w="selector \`svc*+app.timeout>3\` over 10,000 objects, through the daemon, median of 20"
  need "$w" latency sel_ms sel_grep_ms sel_selected sel_objects || return 0
  emit "\`om 'svc*+app.timeout>3' ls\`: $(th "${R[sel_objects]}") objects, $(th "${R[sel_selected]}") selected,\
 median of 20" \
    "${R[sel_ms]} ms" "grep over the config files: ${R[sel_grep_ms]} ms" "-" "-"
  need "\`'**' ls\` over 10,000 objects" latency sel_all_ms || return 0
  emit "\`om '**' ls\`: $(th "${R[sel_objects]}") objects, median of 20" "${R[sel_all_ms]} ms" "-" "-" "-"
}
CL="3 nodes x 1,000 objects"
row_mon() {
  local w="\`om mon\` on n1, $CL, median of $MON_RUNS"
  need "$w" cluster mon_ms mon_ls_ms || return 0
  emit "$w" "${R[mon_ms]} ms" "\`om '*' ls\` on n1: ${R[mon_ls_ms]} ms" "<= 100 ms" "$(verdict "${R[mon_ms]}" 100)"
}
row_convergence() {
  local w="status change on n2 (\`start\` / \`stop --local\`) seen in n1's \`om mon\`"
  need "$w" cluster seen_start_ms seen_stop_ms || return 0
  emit "$w" "${R[seen_start_ms]} / ${R[seen_stop_ms]} ms" "-" "<= 1000 ms" \
    "$(verdict "${R[seen_start_ms]}" "${R[seen_stop_ms]}" 1000)"
}
row_heartbeat() {
  local w="heartbeat message: idle / one instance change / full (1,000 instances)"
  need "$w" cluster hb_idle_b hb_patch_b hb_full || return 0
  emit "$w" "$(bytes "${R[hb_idle_b]}") / $(bytes "${R[hb_patch_b]}") / $(bytes "${R[hb_full]%% *}")" "$NOREF" "-" "-"
  w="idle heartbeat traffic sent per node, n1 / n2 / n3 (with headers)"
  need "$w" cluster n1_hb_tx_bps n2_hb_tx_bps n3_hb_tx_bps || return 0
  emit "$w" "$(awk -v a="${R[n1_hb_tx_bps]}" -v b="${R[n2_hb_tx_bps]}" -v c="${R[n3_hb_tx_bps]}" \
    'BEGIN { printf "%.1f / %.1f / %.1f kB/s", a / 1000, b / 1000, c / 1000 }')" "$NOREF" "-" "-"
}
row_memory() {
  local w="daemon resident memory, n1 / n2 / n3"
  need "$w" cluster n1_rss_kib n2_rss_kib n3_rss_kib || return 0
  local a=${R[n1_rss_kib]} b=${R[n2_rss_kib]} c=${R[n3_rss_kib]}
  # the goal is 300 MB: 292,968 KiB
  emit "$w" "$((a / 1024)) / $((b / 1024)) / $((c / 1024)) MiB" "-" "<= 300 MB (286 MiB)" \
    "$(verdict "$a" "$b" "$c" 292968)"
}
row_cpu() {
  local w="daemon idle CPU (one core = 100 %), n1 / n2 / n3"
  need "$w" cluster n1_idle_cpu_pct n2_idle_cpu_pct n3_idle_cpu_pct || return 0
  emit "$w" "${R[n1_idle_cpu_pct]} / ${R[n2_idle_cpu_pct]} / ${R[n3_idle_cpu_pct]} %" "-" "<= 2 %" \
    "$(verdict "${R[n1_idle_cpu_pct]}" "${R[n2_idle_cpu_pct]}" "${R[n3_idle_cpu_pct]}" 2)"
}
row_boot() {
  local w="boot to idle, 3 daemons at once (CPU time of each)"
  need "$w" cluster boot3_ms boot3_cpu || return 0
  local cpu
  cpu=$(echo "${R[boot3_cpu]}" | tr -dc '0-9 ' \
    | awk '{ for (i = 1; i <= NF; i++) printf "%s%.1f", (i > 1 ? " / " : ""), $i / 1000 }')
  emit "$w" "$(sec "${R[boot3_ms]}") ($cpu s)" "-" "<= 3 s" "$(verdict "${R[boot3_ms]}" 3000)"
  w="boot to idle, 1 daemon beside 2 live peers (its CPU time)"
  need "$w" cluster boot1_ms boot1_cpu_ms || return 0
  emit "$w" "$(sec "${R[boot1_ms]}") ($(sec "${R[boot1_cpu_ms]}"))" "-" "<= 3 s" "$(verdict "${R[boot1_ms]}" 3000)"
}
row_death() {
  local w="peer death: SIGKILL of n3 to X on n1's heartbeat rx rows"
  need "$w" cluster death_ms death_goal_ms || return 0
  emit "$w" "$(sec "${R[death_ms]}")" "-" "<= $(sec "${R[death_goal_ms]}") (timeout + 1 s)" \
    "$(verdict "${R[death_ms]}" "${R[death_goal_ms]}")"
}
row_failover() {
  local w="failover after SIGKILL (hb 1 s / 3 s, ready 1 s), median of $N_RUNS"
  need "$w" failover failover_median_ms failover_max_ms failover_twice || return 0
  emit "$w" "$(sec "${R[failover_median_ms]}")" "$NOREF" "<= 6 s" "$(verdict "${R[failover_median_ms]}" 6000)"
  emit "failover after SIGKILL, max of $N_RUNS" "$(sec "${R[failover_max_ms]}")" "$NOREF" "<= 6 s" \
    "$(verdict "${R[failover_max_ms]}" 6000)"
  emit "failover: app up on two nodes at once (journal)" "${R[failover_twice]}" "-" "none" \
    "$([ "${R[failover_twice]}" = none ] && echo pass || echo fail)"
}
row_switch() {
  local w="\`switch --node <other> --wait\`, 2 nodes, median / max of $N_RUNS"
  need "$w" switch switch_median_ms switch_max_ms switch_twice || return 0
  emit "$w" "$(sec "${R[switch_median_ms]}") / $(sec "${R[switch_max_ms]}")" "$NOREF" "-" "-"
  emit "switch: app up on both nodes at once (journal)" "${R[switch_twice]}" "-" "none" \
    "$([ "${R[switch_twice]}" = none ] && echo pass || echo fail)"
}
row_scheduler() {
  local w="scheduler thread CPU, 1,000 objects, 3,000 jobs"
  need "$w" scheduler sched_ms_per_s sched_daemon_ms_per_s || return 0
  emit "$w" "${R[sched_ms_per_s]} ms/s" "-" "< 5 ms/s" "$(verdict "${R[sched_ms_per_s]}" 4.999)"
  emit "whole daemon CPU meanwhile (1,000 app checks a minute)" "${R[sched_daemon_ms_per_s]} ms/s" \
    "-" "-" "-"
}
row_sim() {
  local w="simulation 32 nodes x 1,000 objects: messages/s, virtual / wall"
  need "$w" sim sim_msgs_virtual sim_msgs_wall sim_wall_s || return 0
  emit "simulation ${R[sim_scale]%x*} nodes x $(th "${R[sim_scale]#*x}") objects: messages/s, virtual / wall" \
    "${R[sim_msgs_virtual]} / ${R[sim_msgs_wall]}" "-" "-" "-"
  w="simulation: all objects up / converged after the faults (virtual)"
  need "$w" sim sim_converged_s || return 0
  emit "$w" "${R[sim_all_up_s]:-never} s / ${R[sim_converged_s]} s" "-" "-" "-"
  need "simulation: violations" sim sim_violations || return 0
  emit "simulation: violations (known defects, or new)" "${R[sim_violations]}" "-" "no new kind" \
    "$([[ "${R[sim_violations]}" == *new=* ]] && echo fail || echo pass)"
}
row_ci() {
  local w="CI duration (\`.ci/run\`: mvn -B verify)" s=$CI_SECONDS src="--ci-seconds"
  if [ -z "$s" ] && [ -n "$CI_LOG" ]; then
    src=$CI_LOG
    # Maven: "Total time:  12:34 min", "01:02 h" or "45.678 s"
    s=$(sed -n 's/.*Total time: *//p' "$CI_LOG" | tail -n 1 | awk '
      $2 == "h" { split($1, a, ":"); print a[1] * 3600 + a[2] * 60; exit }
      $2 == "min" { split($1, a, ":"); print a[1] * 60 + a[2]; exit }
      $2 == "s" { printf "%d\n", $1; exit }')
    if [ -z "$s" ]; then
      FAILED[ci]="no Maven \"Total time\" in $CI_LOG (still running?)"
      emit "$w" "failed: ${FAILED[ci]}" "" "" ""
      return 0
    fi
  fi
  [ -n "$s" ] || { emit "$w" "not given (--ci-seconds N or --ci-log FILE)" "-" "-" "-"; return 0; }
  local end=""
  # how the build ended, too: a failed build may have stopped before its last modules
  [ -z "$CI_LOG" ] || [ -n "$CI_SECONDS" ] || end=$(grep -o 'BUILD [A-Z]*' "$CI_LOG" | tail -n 1)
  emit "$w" "$((s / 60)) min $((s % 60)) s${end:+ ($end)}" "-" "-" "-"
}

for r in $ORDER; do [[ " $ROWS " == *" $r "* ]] && "row_$r"; done

commit=$(git rev-parse --short HEAD 2>/dev/null || echo '?')
branch=$(git rev-parse --abbrev-ref HEAD 2>/dev/null || echo '?')
dirty=$(git status --porcelain -- bench bundles distribution shell 2>/dev/null | head -n 1)
mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
jdk=$(java -version 2>&1 | head -n 1 | sed 's/.*version "\([^"]*\)".*/\1/')
opensvc=$(command -v nodemgr >/dev/null 2>&1 && echo "OpenSVC installed, not run by this table" \
  || echo "OpenSVC is not installed here: no reference figure of it")
echo "om benchmarks, $START$([ -n "$QUICK" ] && echo ", QUICK (fewer runs: a check, not figures)")"
echo "commit $commit ($branch)${dirty:+, with uncommitted changes}; $(nproc) cores, $mem, Linux $(uname -r), OpenJDK $jdk"
echo "load average $LOAD0 at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end:" \
  "the machine is shared, so the figures are upper bounds"
[ -z "$NOTE" ] || echo "$NOTE"
echo "$opensvc; goal \"-\": none set; each reference is measured in the same run"
echo "rows mon to death: an om-lab of 3 nodes x 1,000 objects, heartbeats every 1 s, timeout 3 s (bench/cluster.sh)"
echo
awk -F '\t' '
  { for (i = 1; i <= 5; i++) { c[NR, i] = $i; if (length($i) > w[i]) w[i] = length($i) } }
  END {
    split("what|om|reference (same run)|goal|verdict", h, "|")
    for (i = 1; i <= 5; i++) if (length(h[i]) > w[i]) w[i] = length(h[i])
    line = "|"; sep = "|"
    for (i = 1; i <= 5; i++) { line = line sprintf(" %-" w[i] "s |", h[i]); sep = sep sprintf("%s|", dash(w[i] + 2)) }
    print line; print sep
    for (r = 1; r <= NR; r++) {
      line = "|"
      for (i = 1; i <= 5; i++) line = line sprintf(" %-" w[i] "s |", c[r, i])
      print line
    }
  }
  function dash(n,  s) { s = ""; while (n-- > 0) s = s "-"; return s }' < <(printf '%s\n' "${LINES[@]}")
echo
if [ ${#FAILED[@]} -gt 0 ]; then
  for b in "${!FAILED[@]}"; do
    echo "failed: $b: ${FAILED[$b]}$([ "$b" = ci ] || echo " (logs: $LOGS/$b.log, $LOGS/$b.err)")"
  done
  exit 1
fi
echo "logs: $LOGS"
