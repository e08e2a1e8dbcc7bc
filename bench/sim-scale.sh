#!/usr/bin/env bash
# The simulation scale run (issue 12): N nodes x M failover ha objects in virtual time, one seed.
# Prints messages per second (virtual and wall) and the convergence time after the faults stop.
# usage: bench/sim-scale.sh [NODESxOBJECTS (default 32x1000)] [seed (default 1)]
set -euo pipefail
cd "$(dirname "$0")/.."
scale="${1:-32x1000}"
seed="${2:-1}"
nice mvn -B -o -q verify -pl bundles/om.simulation -am -Dtest=SimulationScaleTest \
  -Dsurefire.failIfNoSpecifiedTests=false -Dsim.scale="$scale" -Dseed="$seed" \
  -DtrimStackTrace=true 2>&1 | sed 's/\x1b\[[0-9;]*m//g' | grep -E '^(sim-scale|  )' || { echo "sim-scale: the run failed (see mvn output)" >&2; exit 1; }
