#!/usr/bin/env bash
# The simulation scale run (issue 12): N nodes x M failover ha objects (each on 3 nodes) in virtual time, one seed.
# Prints messages per second (virtual and wall), when every object was first up, the convergence after the faults
# stop, and the violations seen (the run goes on after one).
# usage: bench/sim-scale.sh [NODESxOBJECTS (default 32x1000)] [seed (default 1)] [snapshots|daemon (default snapshots)]
#   daemon: heartbeats through the daemon's real dataset exchange (full/patch JSON), much slower
set -euo pipefail
cd "$(dirname "$0")/.."
scale="${1:-32x1000}"
seed="${2:-1}"
wire="${3:-snapshots}"
nice mvn -B -o -q verify -pl bundles/om.simulation -am -Dtest=SimulationScaleTest \
  -Dsurefire.failIfNoSpecifiedTests=false -Dsim.scale="$scale" -Dseed="$seed" -Dsim.wire="$wire" 2>&1 \
  | sed 's/\x1b\[[0-9;]*m//g' | grep -E '^(sim-scale|  )' \
  || { echo "sim-scale: the run failed (see: mvn ... -Dtest=SimulationScaleTest -Dsim.scale=$scale)" >&2; exit 1; }
