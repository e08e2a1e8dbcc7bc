# Shared by bench/failover.sh, bench/switch.sh and bench/start100.sh (sourced, not run): an om-lab with the test
# profile (heartbeats every 1 s, timeout 3 s, node.ready_period 1 s unless READY says otherwise), and the test app
# of the orchestrator lab tests: a script whose start leaves one process with its pid in <name>.<node>.pid and
# appends "<node> <action> <epoch ms>" to <name>.journal once done, so what runs where is read from outside om.
# Needs OM_LAB_PREFIX; sources bench/lib.sh (the distribution, die, await, ex, js, node_idle, stats, row...).
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ROOT=${OM_LAB_ROOT:-/var/tmp/$OM_LAB_PREFIX}
LAB_ROOT=$ROOT
APPS=$ROOT/apps
READY=${READY:-1s}

# lab_up N: the lab, node.ready_period (and NODE_CONF's lines), the app, the daemons, every node idle with every
# node's data
lab_up() {
  local k
  lab_create "$1"
  for k in $NODES; do printf '[node]\nready_period = %s\n%s' "$READY" "${NODE_CONF:-}" \
    >"$("$LAB" root "$k")/etc/node.conf"; done
  mkdir -p "$APPS"
  app_script >"$APPS/app.sh"
  chmod 755 "$APPS/app.sh"
  lab_start
}

# the app: start (after START_SLEEP seconds of "work", with a begin line first when it is set), stop, check
app_script() {
  cat <<'EOF'
#!/bin/sh
d=$(dirname "$0"); n=$(hostname); o=${OPENSVC_NAME:?}
j="$d/$o.journal"; p="$d/$o.$n.pid"
ms() { date +%s%3N; }
# alive and not a zombie: a killed app's process is adopted by an init that may reap it seconds later
running() { [ -n "$1" ] && kill -0 "$1" 2>/dev/null && [ "$(cut -d' ' -f3 "/proc/$1/stat" 2>/dev/null)" != Z ]; }
alive() { [ -s "$p" ] && running "$(cat "$p")"; }
case "$1" in
start)
  alive && exit 0
  w=$(cat "$d/start_sleep" 2>/dev/null || echo 0)
  if [ "$w" != 0 ]; then echo "$n begin $(ms)" >>"$j"; sleep "$w"; fi
  setsid sleep 100000 </dev/null >/dev/null 2>&1 &
  echo $! >"$p"
  echo "$n start $(ms)" >>"$j" ;;
stop)
  if alive; then pid=$(cat "$p"); kill "$pid"; while running "$pid"; do sleep 0.02; done; fi
  rm -f "$p"
  echo "$n stop $(ms)" >>"$j" ;;
check) alive ;;
*) exit 2 ;;
esac
EOF
}

# app_conf DEFAULTS...: an object config running the app (extra DEFAULT lines as arguments)
app_conf() {
  printf '[DEFAULT]\nnodes = %s\n' "$NODES"
  local l
  for l in "$@"; do printf '%s\n' "$l"; done
  printf '\n[app#0]\nscript = %s\nstart = true\nstop = true\ncheck = true\n' "$APPS/app.sh"
}

# up_on NAME: the nodes whose app process of NAME runs (pid files)
up_on() {
  local k p out=""
  for k in $NODES; do
    p=$(cat "$APPS/$1.$k.pid" 2>/dev/null) || continue
    [ -n "$p" ] && kill -0 "$p" 2>/dev/null && [ "$(cut -d' ' -f3 "/proc/$p/stat" 2>/dev/null)" != Z ] \
      && out="$out $k"
  done
  echo "${out# }"
}

# no_target NAME: every node sees no target and no step in progress on every instance of NAME
no_target() {
  local v
  for v in $NODES; do
    ex "$v" om "$1" daemon status --format json 2>/dev/null | js "
for n, nd in d['monitor']['nodes'].items():
    m = nd.get('services', {}).get('status', {}).get('$1', {}).get('monitor', {})
    st = m.get('state', 'idle')
    if m.get('global_expect', 'none') != 'none' or st.endswith('ing') or st == 'ready' or st.startswith('wait'):
        sys.exit(1)" 2>/dev/null || return 1
  done
}
