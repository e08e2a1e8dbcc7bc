#!/usr/bin/env bash
# The cluster in one command (as root, on Linux): builds om unless OM_DIST names a built distribution, makes a
# 3-node lab with bin/om-lab, creates a service on n1 that the daemons replicate to n2 and n3, starts it on n1,
# shows om mon from n2, crashes n1's daemon and shows its death seen from n2, restarts it.
# The lab stays up for you to explore (om-lab exec n2 om mon, om-lab cut n2 net1, ...); `--down` removes it at the
# end, `om-lab down` later.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" = 0 ] || { echo "demo/cluster.sh: must run as root (the lab makes namespaces and bridges)" >&2; exit 1; }
dist=${OM_DIST:-}
if [ -z "$dist" ]; then
  mvn -B -q package -DskipTests
  dist=distribution/target/om
fi
lab="$dist/bin/om-lab"
step() { echo; echo "+ $*"; "$@"; }
awaiting() { # awaiting SECONDS NODE CMD... : until CMD succeeds in NODE
  local end=$((SECONDS + $1)) node=$2; shift 2
  until "$lab" exec "$node" "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $end ] || { echo "demo/cluster.sh: gave up waiting for: $*" >&2; return 1; }
    sleep 0.5
  done
}

down_at_exit=no
if [ "${1:-}" = --down ]; then
  down_at_exit=yes
  trap '"$lab" down' EXIT
fi
step "$lab" up 3 --fast
"$lab" exec n1 sh -c 'cat >/tmp/demo-web.conf' <<'EOF'
[DEFAULT]
nodes = n1 n2 n3
orchestrate = no

[app#0]
type = simple
start = /bin/sleep 86400
EOF
step "$lab" exec n1 om web create --config /tmp/demo-web.conf
"$lab" exec n1 rm -f /tmp/demo-web.conf
echo "(waiting for the config to reach n3)"
awaiting 20 n3 om web print config
step "$lab" exec n1 om web start --local
sleep 2
step "$lab" exec n2 om mon
step "$lab" kill n1
echo "(n1's daemon is dead: its cells turn X on n2 within timeout + interval)"
sleep 5
step "$lab" exec n2 om mon
step "$lab" start n1
sleep 3
step "$lab" exec n3 om mon
if [ $down_at_exit = no ]; then
  echo
  echo "The lab is up: $lab exec n2 om mon | cut n2 net1 | heal | kill n3 | start n3 | status | down"
fi
