#!/usr/bin/env bash
# Builds om, starts a single-node daemon on the distribution tree, installs and starts two sample services,
# then shows them.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q package -DskipTests
OM=distribution/target/om/bin/om
OMD=distribution/target/om/bin/omd
echo "+ $OMD --daemon"
$OMD --daemon || true
for s in web db; do
  echo "+ om $s create --config demo/$s.conf --force"
  $OM $s create --config demo/$s.conf --force
done
for s in web db; do
  echo "+ om $s start --local"
  $OM $s start --local || true
done
echo "+ om '*' ls"
$OM '*' ls
for s in web db; do
  echo "+ om $s print status"
  $OM $s print status
done
echo "+ om mon"
$OM mon
