#!/usr/bin/env bash
# Seeded chaos soak with real daemons (issue 12, item 2): an om-lab of 3 nodes (heartbeats 1 s / 3 s,
# node.ready_period 1 s, cluster.quorum = true) running two failover objects (app + fs.tmpfs + ip.host, with
# orchestrate = ha and stonith = true) and one flex object (flex_target 2). A seeded RNG picks each step among:
#   R1  SIGKILL a daemon, then restart it          R2  cut one network of a node, then heal
#   R3  cut both networks of a node (quorum on: it must run its split_action, the pair takes over), then heal
#   R5  SIGSTOP a daemon past the heartbeat timeout, SIGCONT (it must not act on its stale view)
#   R6  restart every daemon at once               R12 rolling restart (nothing stopped, nothing started)
#   R7  kill -9 an `om set` while it writes, or truncate a config file on one node (it must not spread)
#   R9  start / stop / switch from the three nodes at once (the last accepted target wins)
#   R10 fill the node's log filesystem (a tmpfs on log/) while the node takes an object over
#   R11 clock steps: skipped (the host clock is never stepped; time namespaces do not offset the real-time clock)
# "Power" is the lab's: the stonith#<node> command and the split_action hook run apps/fence.sh, which SIGKILLs
# every process of that node's network namespace (daemon and apps; sshd and the namespace holder stay), removes
# its service addresses and unmounts its service filesystems; a fenced node is "rebooted" (its daemon started).
# After each step, an audit from outside om: no failover object up on two nodes at once, ever (a 5 Hz sampler of
# the app pid files, `ip addr` in the node namespaces and the node mount tables, plus a replay of the app
# journals); within BOUND seconds every node idle, every object without target and in its expected state (each
# failover up on exactly one node with its address and mount there only, the flex on flex_target nodes), the
# configs under etc/ identical on every node; no ERROR or stack trace in the node logs but those the step provokes.
# One line per step, a summary; on the first violation: exit 1 with the seed and the step.
# Usage (root, after a build: mvn -B -o verify -DskipTests -pl distribution -am):
#   bench/soak.sh [iterations (10)] [seed (from the clock, printed)]
# Env: STEPS (default "R1 R2 R3 R5 R6 R7 R9 R10 R11 R12"), BOUND (20 s), OM_LAB_PREFIX (soak1), KEEP=1 leaves the
# lab up after a violation, OM_DIST (the distribution tree).
BENCH=bench/soak.sh
cd "$(dirname "$0")/.."
ITER=${1:-10}
SEED=${2:-$(($(date +%s) % 100000))}
DIST=${OM_DIST:-$PWD/distribution/target/om}
export OM_LAB_PREFIX=${OM_LAB_PREFIX:-soak1}
case "$OM_LAB_PREFIX" in omlt*) echo "$BENCH: OM_LAB_PREFIX omlt* belongs to the itests" >&2; exit 2 ;; esac
LAB=$DIST/bin/om-lab
. bench/orch-lib.sh
# the steps judge exit codes themselves; and no pipefail: `... | grep -q` closes early and a SIGPIPE to the writer
# would make a match look like a miss
set +e +o pipefail
BOUND=${BOUND:-20}
read -r -a STEPS <<<"${STEPS:-R1 R2 R3 R5 R6 R7 R9 R10 R11 R12}"
[ ${#STEPS[@]} -gt 0 ] || { echo "$BENCH: STEPS is empty" >&2; exit 2; }
for s in "${STEPS[@]}"; do
  case " R1 R2 R3 R5 R6 R7 R9 R10 R11 R12 " in *" $s "*) ;; *) echo "$BENCH: unknown step $s (R1 R2 R3 R5 R6 R7 R9 R10 R11 R12)" >&2; exit 2 ;; esac
done
FOS="fo1 fo2"
FLEX_TARGET=2
OBJS="$FOS fx1"
VIOL=$ROOT/violations
RANDOM=$SEED
FAILED=""

# ---- lab, power, objects

secs() { awk -v ms="$1" 'BEGIN { printf "%.1f", ms / 1000 }'; }
rnd() { R=$((RANDOM % $1)); } # R: 0..$1-1 (no $(...): a subshell would not advance the parent's sequence)
holder() { cat "$ROOT/nodes/$1/holder.pid"; }
nroot() { echo "$ROOT/nodes/$1/om"; }
# a node's file as its processes see it (the log folder is a tmpfs of the node's mount namespace)
inside() { echo "/proc/$(holder "$1")/root$2"; }
dpid() { local p; p=$(tr -dc 0-9 <"$(nroot "$1")/var/omd.pid" 2>/dev/null) && [ -n "$p" ] && kill -0 "$p" 2>/dev/null \
  && [ "$(cut -d' ' -f3 "/proc/$p/stat" 2>/dev/null)" != Z ] && echo "$p"; }
ipaddr() { echo "10.77.1.20${1#fo}"; } # fo1 -> 10.77.1.201

fence_script() {
  cat <<EOF
#!/bin/sh
# fence.sh NODE|self [why]: the lab's power switch for NODE (run by stonith#NODE and the split_action hook):
# every process of NODE's network namespace but its holder and sshd SIGKILLed, the service addresses removed,
# the service filesystems unmounted; journaled in fence.log and as "NODE fenced" in every app journal
R=$ROOT; A=$APPS
t=\$1; why=\${2:-stonith}
[ "\$t" = self ] && t=\$(hostname)
h=\$(cat "\$R/nodes/\$t/holder.pid") || exit 1
s=\$(cat "\$R/nodes/\$t/sshd.pid" 2>/dev/null)
# the daemon first and at once (a crash is instant: it must not act in between), then everything else
d=\$(tr -dc 0-9 <"\$R/nodes/\$t/om/var/omd.pid" 2>/dev/null)
[ -n "\$d" ] && [ "\$(stat -L -c %i /proc/\$d/ns/net 2>/dev/null)" = "\$(stat -L -c %i /proc/\$h/ns/net)" ] && kill -9 "\$d"
ns=\$(stat -L -c %i /proc/\$h/ns/net)
for p in \$(stat -L -c '%i %n' /proc/[0-9]*/ns/net 2>/dev/null | awk -v i="\$ns" '\$1 == i { split(\$2, a, "/"); print a[3] }'); do
  [ "\$p" = "\$h" ] || [ "\$p" = "\$s" ] || [ "\$p" = \$\$ ] && continue
  kill -9 "\$p" 2>/dev/null
done
nsenter -t "\$h" -n ip -o -4 addr show | awk '\$4 ~ /^10\\.77\\.1\\.20[0-9]\\// {print \$2, \$4}' |
  while read -r dev a; do nsenter -t "\$h" -n ip addr del "\$a" dev "\$dev"; done
awk '\$2 ~ "^/srv/fo" {print \$2}' /proc/\$h/mounts | sort -r | while read -r m; do nsenter -t "\$h" -m umount -l "\$m"; done
ms=\$(date +%s%3N)
for j in "\$A"/*.journal; do [ -e "\$j" ] && echo "\$t fenced \$ms" >>"\$j"; done
echo "\$t fenced \$ms by \$(hostname) \$why" >>"\$A/fence.log"
EOF
}

# the app of orch-lib, but "running" is the app's own sleep: on a busy machine a dead app's pid is soon reused
# (by a process or a thread id, which kill -0 accepts too)
soak_app_script() {
  app_script | sed 's/^running() .*/running() { [ -n "$1" ] \&\& [ "$(tr "\\0" " " 2>\/dev\/null <"\/proc\/$1\/cmdline")" = "sleep 100000 " ] \&\& [ "$(cut -d" " -f3 "\/proc\/$1\/stat" 2>\/dev\/null)" != Z ]; }/'
}
up_on() { # NAME: the nodes whose app of NAME runs (its pid file names its sleep)
  local k p out=""
  for k in $NODES; do
    p=$(cat "$APPS/$1.$k.pid" 2>/dev/null) || continue
    [ -n "$p" ] && [ "$(tr '\0' ' ' 2>/dev/null <"/proc/$p/cmdline")" = "sleep 100000 " ] \
      && [ "$(cut -d' ' -f3 "/proc/$p/stat" 2>/dev/null)" != Z ] && out="$out $k"
  done
  echo "${out# }"
}

obj_conf() { # NAME: the object's config
  local o=$1
  case "$o" in
    fo*)
      local nodes="n1 n2 n3"; [ "$o" = fo2 ] && nodes="n2 n3 n1"
      printf '[DEFAULT]\nnodes = %s\norchestrate = ha\nstonith = true\n\n' "$nodes"
      printf '[ip#0]\nipname = %s\nipdev = eth1\nnetmask = 24\ncheck_carrier = false\n\n' "$(ipaddr "$o")"
      printf '[fs#0]\ntype = tmpfs\ndev = soak%s\nmnt = /srv/%s\nmnt_opt = size=1m\n\n' "$o" "$o" ;;
    fx*) printf '[DEFAULT]\nnodes = n1 n2 n3\ntopology = flex\nflex_target = %s\norchestrate = ha\n\n' "$FLEX_TARGET" ;;
  esac
  printf '[app#0]\nscript = %s\nstart = true\nstop = true\ncheck = true\n\n[env]\nsoak = 0\n' "$APPS/app.sh"
}

soak_up() {
  [ "$(id -u)" = 0 ] || die "must run as root"
  [ -x "$LAB" ] || die "no $LAB: build first (mvn -B -o verify -DskipTests -pl distribution -am)"
  "$LAB" up 3 --fast --no-start --root "$ROOT" >/dev/null || die "om-lab up failed"
  NODES="n1 n2 n3"
  mkdir -p "$APPS"
  soak_app_script >"$APPS/app.sh"
  fence_script >"$APPS/fence.sh"
  chmod 755 "$APPS/app.sh" "$APPS/fence.sh"
  : >"$APPS/fence.log"
  local k r
  for k in $NODES; do
    r=$(nroot "$k")
    printf '[node]\nready_period = 1s\n' >"$r/etc/node.conf"
    sed -i 's/^\[cluster\]$/[cluster]\nquorum = true/' "$r/etc/cluster.conf"
    for s in $NODES; do printf '\n[stonith#%s]\ncommand = %s %s stonith\n' "$s" "$APPS/fence.sh" "$s"; done \
      >>"$r/etc/cluster.conf"
    # the split_action crash of a lab node: its own power cut (detached: it kills the daemon that runs it)
    printf 'crash.command = setsid %s self split </dev/null >/dev/null 2>&1 &\nreboot.command = setsid %s self split </dev/null >/dev/null 2>&1 &\n' \
      "$APPS/fence.sh" "$APPS/fence.sh" >"$r/deploy/om.orchestrator.split.cfg"
    # a small log filesystem of its own (R10 fills it)
    ex "$k" mount -t tmpfs -o size=64m lablog "$r/log" || die "$k: cannot mount the log tmpfs"
  done
  "$LAB" start >/dev/null || die "om-lab start failed"
  for k in $NODES; do await 90 "$k idle" node_idle "$k"; done
  for o in $OBJS; do
    obj_conf "$o" >"$APPS/$o.conf"
    ex n1 om "$o" create --config "$APPS/$o.conf" >/dev/null || die "om $o create failed"
  done
}

boot() { # NODE: start its daemon when it is down (a fenced node reboots), until idle with every node
  dpid "$1" >/dev/null || "$LAB" start "$1" >/dev/null 2>&1 || { sleep 1; "$LAB" start "$1" >/dev/null 2>&1; }
}

# ---- what is seen from outside om

has_ip() { ip -n "$OM_LAB_PREFIX-$1" -o -4 addr show 2>/dev/null | grep -q " $(ipaddr "$2")/"; }
has_mnt() { grep -q " /srv/$2 " "/proc/$(holder "$1")/mounts" 2>/dev/null; }
ip_on() { local k o=""; for k in $NODES; do has_ip "$k" "$1" && o="$o $k"; done; echo "${o# }"; }
mnt_on() { local k o=""; for k in $NODES; do has_mnt "$k" "$1" && o="$o $k"; done; echo "${o# }"; }

# the sampler: every 200 ms, each failover object's app, address and mount on at most one node
sampler() {
  local o u
  while :; do
    for o in $FOS; do
      for u in "app:$(up_on "$o")" "ip:$(ip_on "$o")" "mount:$(mnt_on "$o")"; do
        case "${u#*:}" in *" "*) echo "$(now_ms) $o ${u%%:*} on ${u#*:}" >>"$VIOL" ;; esac
      done
    done
    sleep 0.2
  done
}

# the journals replayed: a start adds the node, a stop or a fence removes it; never two at once
journal_overlap() {
  local o
  for o in $FOS; do
    [ -e "$APPS/$o.journal" ] || continue
    awk -v o="$o" '$2 == "start" { up[$1] = 1 } $2 == "stop" || $2 == "fenced" { delete up[$1] }
      { c = 0; s = ""; for (k in up) { c++; s = s " " k }; if (c > 1) { print o " up on" s " at journal line " NR ": " $0; exit } }' \
      "$APPS/$o.journal"
  done
}

jlines() { cat "$APPS"/*.journal 2>/dev/null | wc -l; }
jsince() { cat "$APPS"/*.journal 2>/dev/null | tail -n +"$(($1 + 1))"; } # journal lines (all objects) after N
fences_since() { tail -n +"$(($1 + 1))" "$APPS/fence.log"; }

# every node's status: node idle with every node, no target and no step in progress, avail up
VIEW_PY='
nodes = sys.argv[1].split(); me = sys.argv[2]; objs = sys.argv[3].split()
m = d["monitor"]["nodes"]
if not set(m) >= set(nodes): print(me + " sees only " + ",".join(sorted(m))); sys.exit(1)
for n in nodes:
    st = m[n]["monitor"]["state"]
    if st != "idle": print(me + " sees node " + n + " " + st); sys.exit(1)
    if m[n].get("frozen"): print(me + " sees node " + n + " frozen"); sys.exit(1)
for o in objs:
    for n in nodes:
        i = m[n].get("services", {}).get("status", {}).get(o)
        if i is None: print(me + " sees no instance of " + o + " on " + n); sys.exit(1)
        mo = i.get("monitor", {}); st = mo.get("state", "idle")
        if mo.get("global_expect", "none") != "none" or st != "idle":
            print(me + " sees " + o + "@" + n + " " + st + " (global expect " + mo.get("global_expect", "none") + ")"); sys.exit(1)
        if i.get("frozen"): print(me + " sees " + o + "@" + n + " frozen"); sys.exit(1)
    a = d["monitor"].get("services", {}).get(o, {}).get("avail")
    if a != "up": print(me + " sees " + o + " avail " + str(a)); sys.exit(1)
'
view_ok() { ex "$1" om daemon status --format json 2>/dev/null |
  python3 -c "import json, sys; d = json.load(sys.stdin)$VIEW_PY" "$NODES" "$1" "$OBJS" 2>&1 ||
  { [ -n "$(dpid "$1")" ] || echo "$1: daemon not running"; return 1; }; }

configs_same() { # etc/ identical on every node
  local k ref="" sum
  for k in $NODES; do
    sum=$(cd "$(nroot "$k")/etc" && find . -name '*.conf' -type f | sort | xargs md5sum | md5sum)
    [ -z "$ref" ] && ref=$sum
    [ "$sum" = "$ref" ] || { echo "etc/ of $k differs: $(cd "$(nroot "$k")/etc" && for f in *.conf; do
      cmp -s "$f" "$(nroot n1)/etc/$f" || printf '%s ' "$f"; done)(against n1)"; return 1; }
  done
}

expected() { # prints why not, else nothing (exit 0)
  local k o u why
  for k in $NODES; do why=$(view_ok "$k") || { echo "${why:-$k: no status}"; return 1; }; done
  for o in $FOS; do
    u=$(up_on "$o")
    [ "$(wc -w <<<"$u")" = 1 ] || { echo "$o app up on [$u]"; return 1; }
    [ "$(ip_on "$o")" = "$u" ] || { echo "$o up on $u, its address on [$(ip_on "$o")]"; return 1; }
    [ "$(mnt_on "$o")" = "$u" ] || { echo "$o up on $u, its mount on [$(mnt_on "$o")]"; return 1; }
  done
  u=$(up_on fx1)
  [ "$(wc -w <<<"$u")" = "$FLEX_TARGET" ] || { echo "fx1 up on [$u], flex_target $FLEX_TARGET"; return 1; }
  configs_same || return 1
}

# node logs: lines added since the last audit, ERROR or stack traces, but those matching ALLOW
declare -A LOGPOS
log_errors() {
  local k f sz pos
  for k in $NODES; do
    for f in $(inside "$k" "$(nroot "$k")/log")/*; do
      [ -f "$f" ] || continue
      case "$f" in */fill) continue ;; esac
      sz=$(stat -c %s "$f")
      pos=${LOGPOS[$f]:-0}
      [ "$sz" -lt "$pos" ] && pos=0
      LOGPOS[$f]=$sz
      tail -c +"$((pos + 1))" "$f" | head -c "$((sz - pos))" |
        grep -E ' ERROR |^[[:space:]]+at [a-zA-Z]|Exception|^Caused by' |
        grep -Ev "${ALLOW:-^$}" | sed "s|^|$k ${f##*/}: |" | head -n 5
    done
  done
}

# ---- steps (each sets WHAT, may set ALLOW, returns non-zero with a reason in WHY on a violation)

pick_node() { rnd 3; N=n$((R + 1)); }
hosts_fo() { local o; for o in $FOS; do [[ " $(up_on "$o") " == *" $1 "* ]] && return 0; done; return 1; }
await_fence() { # NODE SINCE_LINE SECONDS
  local end=$((SECONDS + $3))
  until fences_since "$2" | grep -q "^$1 fenced"; do [ $SECONDS -lt $end ] || return 1; sleep 0.2; done
}

step_R1() {
  pick_node
  local f; f=$(wc -l <"$APPS/fence.log")
  WHAT="SIGKILL daemon of $N"
  ALLOW='the daemon died during'
  if hosts_fo "$N"; then
    "$LAB" kill "$N" >/dev/null
    # its failover object is taken over, after a fence of its node (which would kill a daemon restarted sooner)
    await_fence "$N" "$f" 30 || { WHY="$N held a failover object and was not fenced within 30 s"; return 1; }
    WHAT="$WHAT (fenced by a peer, rebooted)"
  else
    "$LAB" kill "$N" >/dev/null
    sleep 5
  fi
  boot "$N"
}

step_R2() {
  pick_node; rnd 2; local net=net$((R + 1)) j f
  WHAT="cut $N from $net 6 s"
  j=$(jlines); f=$(wc -l <"$APPS/fence.log")
  "$LAB" cut "$N" "$net"
  sleep 6
  "$LAB" heal "$N"
  sleep 2
  [ "$(jlines)" = "$j" ] || { WHY="a node still heard on one network changed something: $(jsince "$j" | tr '\n' ';')"; return 1; }
  [ "$(wc -l <"$APPS/fence.log")" = "$f" ] || { WHY="a fence though no node died: $(fences_since "$f")"; return 1; }
}

step_R3() {
  pick_node
  local f k; f=$(wc -l <"$APPS/fence.log")
  WHAT="cut $N from both networks (quorum on)"
  # a node crashed (split_action) or fenced during an action of its own finds the mark at its reboot
  ALLOW='split: votes|stonith|the daemon died during'
  "$LAB" cut "$N"
  local end=$((SECONDS + 20))
  until fences_since "$f" | grep -q "^$N fenced .* by $N split"; do
    [ $SECONDS -lt $end ] || { "$LAB" heal "$N"; WHY="$N alone (1 vote of 3) did not run its split_action within 20 s"; return 1; }
    sleep 0.2
  done
  sleep 6 # the pair takes over what it ran
  "$LAB" heal "$N"
  if fences_since "$f" | grep " split" | grep -vq "^$N "; then WHY="a node of the majority ran its split_action: $(fences_since "$f" | tr '\n' ';')"; return 1; fi
  WHAT="$WHAT: split_action on $N, healed, rebooted"
  boot "$N"
}

step_R5() {
  pick_node
  local f p t; f=$(wc -l <"$APPS/fence.log")
  p=$(dpid "$N") || { WHY="$N: no daemon"; return 1; }
  WHAT="SIGSTOP daemon of $N 5 s, SIGCONT"
  ALLOW='the daemon died during'
  local nlog q0; nlog=$(inside "$N" "$(nroot "$N")/log/node.log"); q0=$(grep -c 'quorum lost' "$nlog")
  kill -STOP "$p"
  sleep 5
  t=$(wc -l <"$APPS/fence.log")
  kill -CONT "$p" 2>/dev/null || true  # fenced meanwhile: the stonith killed it
  sleep 5
  if fences_since "$f" | grep -q "^$N fenced .* stonith"; then
    WHAT="$WHAT (fenced by a peer, rebooted)"
    boot "$N"
  elif fences_since "$t" | grep -q " by $N "; then
    WHY="$N acted on its stale view after SIGCONT: $(fences_since "$t" | tr '\n' ';')"; return 1
  elif [ "$(grep -c 'quorum lost' "$nlog")" != "$q0" ]; then
    WHAT="$WHAT (stale view: quorum lost warned, votes back in time)"
  fi
}

step_R6() {
  local j pids; j=$(jlines); pids=$(cat "$APPS"/*.pid 2>/dev/null | sort | tr '\n' ' ')
  WHAT="restart every daemon at once"
  "$LAB" stop >/dev/null; "$LAB" start >/dev/null
  STEP_CHECK=unchanged
}

step_R12() {
  rnd 3; local k i
  WHAT="rolling restart from n$((R + 1))"
  for i in 0 1 2; do
    k=n$(((R + i) % 3 + 1))
    "$LAB" stop "$k" >/dev/null; "$LAB" start "$k" >/dev/null
    local end=$((SECONDS + 60))
    until node_idle "$k"; do [ $SECONDS -lt $end ] || { WHY="$k not idle 60 s after its restart"; return 1; }; sleep 0.2; done
  done
  STEP_CHECK=unchanged
}

step_R7() {
  pick_node; rnd 3; local o; o=$(echo $OBJS | cut -d' ' -f$((R + 1))); rnd 2
  local f; f="$(nroot "$N")/etc/$o.conf"
  if [ $R = 0 ]; then
    rnd 40; local ms=$((R * 10))
    WHAT="kill -9 'om $o set' on $N after $ms ms"
    setsid "$LAB" exec "$N" om "$o" set --kw "env.soak=$ITERATION" >/dev/null 2>&1 &
    local pid=$!
    sleep "$(printf '0.%03d' "$ms")"
    kill -9 -- -"$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    sleep 0.5 # the killed process group is gone (its java, adopted by init, may take a moment)
    grep -q '^\[app#0\]' "$f" || { WHY="$f is broken after a killed om set: $(head -c 300 "$f" | tr '\n' ';')"; return 1; }
  else
    local good="$APPS/$o.good" others=""
    cp -p "$f" "$good"
    local k; for k in $NODES; do [ "$k" = "$N" ] || others="$others $k"; done
    rnd 2
    if [ $R = 0 ]; then WHAT="truncate etc/$o.conf of $N to half"; truncate -s $(($(stat -c %s "$f") / 2)) "$f"
    else WHAT="corrupt etc/$o.conf of $N"; printf '[app#0\nscript = \x01\x02 garbage\n' >"$f"; fi
    ALLOW="$o"
    sleep 7 # the daemon reads changed files within 5 s
    for k in $others; do
      cmp -s "$good" "$(nroot "$k")/etc/$o.conf" || { WHY="the broken $o.conf of $N reached $k"; return 1; }
    done
    [ -n "$(dpid "$N")" ] || { WHY="$N: the daemon died of a broken $o.conf"; return 1; }
    cat "$good" >"$f" # repaired by the operator (newer mtime, same text)
    WHAT="$WHAT, 7 s, repaired"
  fi
}

step_R9() {
  rnd 2; local o=fo$((R + 1)) i v verbs=() res
  local choices=("start" "stop" "switch --node n1" "switch --node n2" "switch --node n3")
  for i in 0 1 2; do rnd 5; verbs+=("${choices[$R]}"); done
  WHAT="$o: n1 '${verbs[0]}', n2 '${verbs[1]}', n3 '${verbs[2]}' at once"
  res=$ROOT/r9; rm -rf "$res"; mkdir -p "$res"
  local bg=()
  for i in 0 1 2; do
    ( from=$(now_ms)
      ex "n$((i + 1))" om "$o" ${verbs[$i]} >"$res/$i.out" 2>"$res/$i.err"; echo "$? $from $(now_ms)" >"$res/$i.rc" ) &
    bg+=($!)
  done
  wait "${bg[@]}"
  local end=$((SECONDS + 60))
  until no_target "$o"; do [ $SECONDS -lt $end ] || { WHY="$o: a target still set 60 s after the requests"; return 1; }; sleep 0.2; done
  sleep 1.5
  # the accepted requests after whose acknowledgement no accepted request with another target began
  local up frozen ok=no acc=""
  up=$(up_on "$o")
  frozen=$(ex n1 om daemon status --format json | js "
m = d['monitor']['nodes']
print(' '.join(n for n in sorted(m) if m[n]['services']['status'].get('$o', {}).get('frozen')))")
  target() { case "$1" in start) echo started ;; stop) echo stopped ;; *) echo "placed@${1##* }" ;; esac; }
  for i in 0 1 2; do
    read -r rc from to <"$res/$i.rc"
    if [ "$rc" = 0 ] && [ ! -s "$res/$i.err" ]; then acc="$acc $i"
    elif ! grep -q 'orchestration in progress' "$res/$i.err"; then
      WHY="n$((i + 1)) '${verbs[$i]}' refused with: $(cat "$res/$i.err")"; return 1
    fi
  done
  [ -n "$acc" ] || { WHY="no request accepted"; return 1; }
  for i in $acc; do
    read -r rc from to <"$res/$i.rc"
    local later=no j
    for j in $acc; do
      read -r _ f2 _ <"$res/$j.rc"
      [ "$(target "${verbs[$j]}")" != "$(target "${verbs[$i]}")" ] && [ "$f2" -gt "$to" ] && later=yes
    done
    [ $later = yes ] && continue
    case "$(target "${verbs[$i]}")" in
      started) [ "$(wc -w <<<"$up")" = 1 ] && [ -z "$frozen" ] && ok=yes ;;
      stopped) [ -z "$up" ] && [ "$frozen" = "n1 n2 n3" ] && ok=yes ;;
      placed@*) [ "$up" = "${verbs[$i]##* }" ] && [ -z "$frozen" ] && ok=yes ;;
    esac
  done
  [ $ok = yes ] || { WHY="$o ends up on [$up] frozen [$frozen]: no last accepted target of$(for i in $acc; do printf " '%s'" "${verbs[$i]}"; done)"; return 1; }
  WHAT="$WHAT: accepted$(for i in $acc; do printf " n%d" $((i + 1)); done), up on [$up]"
  if [ -z "$up" ]; then ex n1 om "$o" start --wait --time=60s >/dev/null 2>&1 || { WHY="$o start after a stop failed"; return 1; }; fi
}

step_R10() {
  pick_node; rnd 2; local o=fo$((R + 1))
  local logd; logd=$(nroot "$N")/log
  WHAT="log filesystem of $N full, 'om $o switch --node $N'"
  ex "$N" sh -c "dd if=/dev/zero of=$logd/fill bs=1M 2>/dev/null; true"
  ex "$N" df -k "$logd" | awk 'NR == 2 && $4 > 64 { exit 1 }' || { WHY="could not fill $logd"; ex "$N" rm -f "$logd/fill"; return 1; }
  local r; r=$(ex n1 om "$o" switch --node "$N" --wait --time=60s 2>&1); local rc=$?
  ex "$N" rm -f "$logd/fill"
  [ $rc = 0 ] || { WHY="om $o switch --node $N with a full log filesystem: $r"; return 1; }
  [ "$(up_on "$o")" = "$N" ] || { WHY="$o up on [$(up_on "$o")] after its switch to $N"; return 1; }
  [ -n "$(dpid "$N")" ] || { WHY="$N: daemon died with a full log filesystem"; return 1; }
}

step_R11() {
  WHAT="skipped: a clock step needs the host clock, never stepped here (a time namespace offsets only the monotonic and boot clocks)"
  STEP_CHECK=skip
}

# ---- the run

cleanup() {
  local rc=$?
  [ -n "${SAMPLER:-}" ] && kill "$SAMPLER" 2>/dev/null
  for k in n1 n2 n3; do p=$(dpid "$k" 2>/dev/null) && kill -CONT "$p" 2>/dev/null; done
  if [ -n "$FAILED" ] && [ -n "${KEEP:-}" ]; then
    echo "$BENCH: lab left up (KEEP=1): OM_LAB_PREFIX=$OM_LAB_PREFIX $LAB down removes it; root $ROOT"
  else
    "$LAB" down >/dev/null 2>&1
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

violation() {
  FAILED=yes
  printf '%3d %-4s %-70s FAIL %5.1fs\n' "$ITERATION" "$STEP" "${WHAT:0:70}" "$(secs $(($(now_ms) - T0)))"
  echo "$BENCH: VIOLATION seed $SEED iteration $ITERATION step $STEP ($WHAT): $1"
  echo "$BENCH: replay: bench/soak.sh $ITER $SEED (STEPS='${STEPS[*]}')"
  exit 1
}

echo "== chaos soak: seed $SEED, $ITER steps from ${STEPS[*]}, om-lab of 3 nodes ($OM_LAB_PREFIX), bound ${BOUND}s ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
T_ALL=$(now_ms)
"$LAB" down >/dev/null 2>&1
soak_up
: >"$VIOL"
sampler &
SAMPLER=$!
ITERATION=0 STEP=setup WHAT="3 nodes, $OBJS created" T0=$T_ALL
end=$((SECONDS + 60))
until why=$(expected); do [ $SECONDS -lt $end ] || violation "not settled 60 s after setup: $why"; sleep 0.5; done
log_errors >/dev/null
printf '%3s %-4s %-70s %s\n' it step "what was done" "audit, duration"
declare -A COUNT DUR
for ITERATION in $(seq 1 "$ITER"); do
  rnd ${#STEPS[@]}; STEP=${STEPS[$R]}
  WHAT="" WHY="" ALLOW="" STEP_CHECK=""
  T0=$(now_ms)
  j0=$(jlines); pids0=$(cat "$APPS"/*.pid 2>/dev/null | sort | tr '\n' ' ')
  "step_$STEP" || violation "$WHY"
  [ -s "$VIOL" ] && violation "up on two nodes at once: $(head -n 3 "$VIOL" | tr '\n' ';')"
  ov=$(journal_overlap); [ -n "$ov" ] && violation "$ov"
  if [ "$STEP_CHECK" != skip ]; then
    for k in $NODES; do boot "$k"; done
    end=$((SECONDS + BOUND))
    until why=$(expected); do [ $SECONDS -lt $end ] || violation "not in the expected state ${BOUND}s after the step: $why"; sleep 0.3; done
  fi
  if [ "$STEP_CHECK" = unchanged ]; then
    [ "$(jlines)" = "$j0" ] || violation "a daemon restart started or stopped something: $(jsince "$j0" | tr '\n' ';')"
    [ "$(cat "$APPS"/*.pid 2>/dev/null | sort | tr '\n' ' ')" = "$pids0" ] || violation "app pids changed across the restart"
  fi
  [ -s "$VIOL" ] && violation "up on two nodes at once: $(head -n 3 "$VIOL" | tr '\n' ';')"
  log_errors >"$ROOT/errs"; errs=$(cat "$ROOT/errs"); [ -n "$errs" ] && violation "errors in the node logs: $(echo "$errs" | tr '\n' ';')"
  d=$(($(now_ms) - T0))
  COUNT[$STEP]=$((${COUNT[$STEP]:-0} + 1)); DUR[$STEP]=$((${DUR[$STEP]:-0} + d))
  printf '%3d %-4s %-70s ok   %5.1fs\n' "$ITERATION" "$STEP" "${WHAT:0:70}" "$(secs "$d")"
done
echo "-- summary: seed $SEED, $ITER steps, no violation, $(( ($(now_ms) - T_ALL) / 1000 )) s"
for s in "${STEPS[@]}"; do
  [ -n "${COUNT[$s]:-}" ] && printf '  %-4s %3d steps, mean %5.1f s\n' "$s" "${COUNT[$s]}" "$(secs $((${DUR[$s]} / ${COUNT[$s]})))"
done
exit 0
