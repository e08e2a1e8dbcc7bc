#!/usr/bin/env bash
# The simulation scale run (issue 12): N nodes x M failover ha objects (each on 3 nodes) in virtual time, one seed.
# Prints messages per second (virtual and wall), when every object was first up, the convergence after the faults
# stop, and the violations seen (the run goes on after one).
# usage: bench/sim-scale.sh [NODESxOBJECTS (default 32x1000)] [seed (default 1)] [snapshots|daemon (default snapshots)]
#   daemon: heartbeats through the daemon's real dataset exchange (full/patch JSON), much slower
. "$(dirname "$0")/lib.sh"
scale="${1:-32x1000}"
seed="${2:-1}"
wire="${3:-snapshots}"
out=$(mktemp /tmp/om-bench-sim.XXXXXX)
trap 'rm -f "$out"' EXIT
nice mvn -B -o -q verify -pl bundles/om.simulation -am -Dtest=SimulationScaleTest \
  -Dsurefire.failIfNoSpecifiedTests=false -Dsim.scale="$scale" -Dseed="$seed" -Dsim.wire="$wire" 2>&1 \
  | sed 's/\x1b\[[0-9;]*m//g' | grep -E '^(sim-scale|  )' >"$out" \
  || die "the run failed (see: mvn ... -Dtest=SimulationScaleTest -Dsim.scale=$scale)"
cat "$out"
# the figures for bench/all.sh, read from the test's lines
result sim_scale "$scale"
result sim_msgs_virtual "$(sed -n 's|^  messages [0-9]*: \([0-9]*\)/s virtual.*|\1|p' "$out")"
result sim_msgs_wall "$(sed -n 's|^  messages .*, \([0-9]*\)/s wall.*|\1|p' "$out")"
result sim_wall_s "$(sed -n 's|^  virtual time .* in \([0-9.]*\) s wall.*|\1|p' "$out")"
result sim_all_up_s "$(sed -n 's|^  every object up first at \([0-9.]*\) s virtual.*|\1|p' "$out")"
result sim_converged_s "$(sed -n 's|^  convergence: last data change \([0-9.]*\) s after.*|\1|p
  s|^  convergence: no data change after.*|0|p' "$out")"
result sim_up "$(sed -n 's|^  objects up at the end: \([0-9]* of [0-9]*\).*|\1|p' "$out")"
# "none", or the count by kind: {D3=2, new=1} (new: not a known defect)
result sim_violations "$(sed -n 's/^  violations: \(none\|{[^}]*}\).*/\1/p' "$out")"
