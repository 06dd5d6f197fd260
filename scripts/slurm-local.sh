#!/usr/bin/env bash
# slurm-local.sh - a real single-node Slurm cluster on localhost, for tests and CI.
#
# Target: Debian 12 (bookworm) running as root, with or without systemd; nothing is installed
# outside Debian's own packages, nothing touches /etc/slurm, /etc/munge or cgroups, and every
# daemon is ours, started and stopped by PID. Proven on a 2-CPU sandbox without systemd: cold
# (apt) start about 13 s, warm start under 1 s, stop about 5 s.
#
# Usage: slurm-local.sh install|start|stop|status|env
#   install  apt-get update, then install munge slurmctld slurmd slurm-client if missing
#   start    install, write the config, start munged + slurmctld + slurmd, wait until the node is
#            idle. Idempotent; a fresh start (daemons down) forgets every earlier job.
#   stop     cancel queued jobs, stop slurmd, slurmctld, munged by PID, check nothing is left
#   status   daemons, sinfo, squeue
#   env      print "export SLURM_CONF=...", for eval "$(slurm-local.sh env)": every Slurm
#            command (sbatch, squeue, scontrol) needs it to find this cluster
#
# Knobs (environment):
#   SLURM_LOCAL_BASE     config, state, logs and munge key  (default ${TMPDIR:-/tmp}/alliancesim-slurm)
#   SLURM_LOCAL_CPUS     CPUs the node advertises (default nproc; more oversubscribes, which
#                        runs more short tasks at once)
#   SLURM_LOCAL_PORT     slurmctld port; slurmd uses PORT+1 (default 6817)
#   SLURM_LOCAL_TIMEOUT  seconds to wait for daemons and jobs (default 120)
#
# Pitfalls this config avoids (details in the comments where each is handled):
#   * afterok on an array with a failed task leaves the dependent job PENDING forever, unless
#     DependencyParameters=kill_invalid_depend (in 22.05 it is ignored in SchedulerParameters).
#   * The default batch_sched_delay=3 adds about 2 s between waves of array tasks.
#   * munged refuses a socket directory that others cannot traverse: it must be 0755.
#   * No slurmdbd, so no sacct: use scontrol show job -o ID (kept MinJobAge=300 s after the end).
#   * squeue -j ID exits 1 once a job is purged: poll on its output, not its exit code.
set -Eeuo pipefail

BASE=${SLURM_LOCAL_BASE:-${TMPDIR:-/tmp}/alliancesim-slurm}
NPROC=$(nproc)
CPUS=${SLURM_LOCAL_CPUS:-$NPROC}
PORT=${SLURM_LOCAL_PORT:-6817}
TIMEOUT=${SLURM_LOCAL_TIMEOUT:-120}
NODE=$(hostname -s)
PKGS=(munge slurmctld slurmd slurm-client)
MUNGE_DIR=$BASE/munge
MUNGE_SOCK=$MUNGE_DIR/munge.socket
export SLURM_CONF=$BASE/etc/slurm.conf

log() { printf '[slurm-local %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# --- helpers -----------------------------------------------------------------------------------

# pid_of PIDFILE COMM: print the pid in PIDFILE if that process is alive and is COMM. Checking
# the name guards against a stale pid file whose pid now belongs to something else.
pid_of() {
  local file=$1 comm=$2 pid
  [[ -s $file ]] || return 1
  pid=$(<"$file")
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  [[ -r /proc/$pid/comm && $(<"/proc/$pid/comm") == "$comm" ]] || return 1
  echo "$pid"
}

# wait_for SECONDS CMD...: poll CMD every 0.2 s until it succeeds; fail after SECONDS.
wait_for() {
  local deadline=$((SECONDS + $1)); shift
  until "$@" >/dev/null 2>&1; do
    (( SECONDS < deadline )) || return 1
    sleep 0.2
  done
}

# listening PORT: whether something accepts connections on 127.0.0.1:PORT.
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# stop_pid NAME PIDFILE COMM: SIGTERM, wait up to 20 s, then SIGKILL - by PID only.
stop_pid() {
  local name=$1 pid
  pid=$(pid_of "$2" "$3") || { log "$name not running"; return 0; }
  log "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  if ! wait_for 20 bash -c "! kill -0 $pid"; then
    log "$name (pid $pid) ignored SIGTERM, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    wait_for 5 bash -c "! kill -0 $pid" || die "$name (pid $pid) will not die"
  fi
  rm -f "$2"  # the daemons remove their own on SIGTERM, but not on SIGKILL
}

# wait_jobs IDS: wait until none of the comma-separated job ids is pending or running.
wait_jobs() {
  local deadline=$((SECONDS + TIMEOUT))
  while squeue -h -j "$1" 2>/dev/null | grep -q .; do
    (( SECONDS < deadline )) || { squeue >&2 || true; log "jobs $1 still queued after ${TIMEOUT}s"; return 1; }
    sleep 0.2
  done
}

dump_logs() {
  local f
  for f in "$BASE"/log/*.log "$MUNGE_DIR"/munged.log; do
    [[ -f $f ]] || continue
    echo "----- tail $f" >&2; tail -n 25 "$f" >&2
  done
}

# --- install -----------------------------------------------------------------------------------

do_install() {
  if command -v munged >/dev/null && command -v slurmctld >/dev/null &&
     command -v slurmd >/dev/null && command -v sbatch >/dev/null; then
    return 0
  fi
  log "installing ${PKGS[*]} from Debian's packages"
  # The packages' postinst scripts run invoke-rc.d ... start. Without systemd that could start
  # the distribution's munged on /run/munge, or slurmd without a config: a policy-rc.d that
  # denies every start prevents it. Make one for the install if the image has none.
  local guard=""
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    guard=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\nexit 101\n' >"$guard"; chmod 755 "$guard"
  fi
  local rc=0
  apt-get update -qq || rc=$?
  if (( rc == 0 )); then
    # --no-install-recommends: the slurm-wlm metapackage and recommends pull in 40-odd
    # packages (hdf5, rrd, ipmi, ...) that batch jobs on one node do not need.
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "${PKGS[@]}" >/dev/null || rc=$?
  fi
  if [[ -n $guard ]]; then rm -f "$guard"; fi
  (( rc == 0 )) || die "apt-get failed (exit $rc)"
  log "installed: $(dpkg-query -W -f='${Package}=${Version} ' "${PKGS[@]}")"
}

# --- configure ---------------------------------------------------------------------------------

do_configure() {
  mkdir -p "$BASE"/{etc,log,state/ctld,state/d}
  # munged checks that everyone may traverse its socket's directory and each one above it
  # (else "Socket is inaccessible"), so a mktemp -d (0700) base must be opened up; the key
  # itself stays 0600.
  install -d -m 0755 "$MUNGE_DIR"
  local d=$MUNGE_DIR
  while [[ $d != / ]]; do
    d=$(dirname "$d")
    [[ $(( 0$(stat -c %a "$d") & 0111 )) -eq $(( 0111 )) ]] ||
      die "$d is not world-executable (mode $(stat -c %a "$d")): munged refuses a socket below it; chmod a+x it or set SLURM_LOCAL_BASE elsewhere"
  done
  if [[ ! -s $MUNGE_DIR/munge.key ]]; then
    mungekey --create --keyfile="$MUNGE_DIR/munge.key"
  fi
  chmod 0600 "$MUNGE_DIR/munge.key"

  local mem overrides=""
  mem=$(slurmd -C | sed -n 's/.*RealMemory=\([0-9]*\).*/\1/p')
  mem=$(( ${mem:-2048} * 9 / 10 ))  # below what slurmd measures, or it drains the node
  # Advertising more CPUs than the machine has needs config_overrides, else slurmd refuses.
  if (( CPUS > NPROC )); then overrides="SlurmdParameters=config_overrides"; fi

  # Why each line:
  #   SlurmctldHost/NodeAddr 127.0.0.1, slurmd -N NODE: nothing depends on DNS; loopback only.
  #   AuthInfo=socket=...: our own munged, key and socket under BASE (auth and cred both use it).
  #   SlurmUser/SlurmdUser=root: no ownership juggling of the state directories.
  #   proctrack/linuxproc, task/none, jobacct_gather/none: no cgroup plugin, no cgroup.conf.
  #   accounting_storage/none: no slurmdbd or database (hence no sacct).
  #   jobcomp/filetxt: one line per finished job, with its state and exit code, in jobcomp.log.
  #   MailProg=/bin/true: no "Configured MailProg is invalid" without a mail program.
  #   select/cons_tres + CR_Core: 1-CPU array tasks share the node (select/linear gives each
  #   job the whole node).
  #   batch_sched_delay=0: array waves start about 1 s apart instead of 2-3 s.
  #   DependencyParameters=kill_invalid_depend: a job whose afterok can no longer be met is
  #   CANCELLED instead of pending forever. (Not in SchedulerParameters: 22.05 ignores it there.)
  #   MinJobAge=300: finished jobs stay visible to scontrol show job for 5 minutes.
  cat >"$SLURM_CONF.tmp" <<EOF
# Generated by slurm-local.sh - single node, localhost only, no cgroups, no systemd.
ClusterName=localci
SlurmctldHost=$NODE(127.0.0.1)
SlurmctldPort=$PORT
SlurmdPort=$((PORT + 1))
AuthType=auth/munge
AuthInfo=socket=$MUNGE_SOCK
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$BASE/state/ctld
SlurmdSpoolDir=$BASE/state/d
SlurmctldPidFile=$BASE/slurmctld.pid
SlurmdPidFile=$BASE/slurmd.pid
SlurmctldLogFile=$BASE/log/slurmctld.log
SlurmdLogFile=$BASE/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$BASE/log/jobcomp.log
MpiDefault=none
MailProg=/bin/true
ReturnToService=2
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerParameters=batch_sched_delay=0
DependencyParameters=kill_invalid_depend
MinJobAge=300
$overrides
NodeName=$NODE NodeAddr=127.0.0.1 CPUs=$CPUS RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
  mv "$SLURM_CONF.tmp" "$SLURM_CONF"
}

# --- start -------------------------------------------------------------------------------------

node_state() { sinfo -h -n "$NODE" -o '%T' 2>/dev/null; }
node_idle() { [[ $(node_state) == idle ]]; }
munge_ok() { munge -S "$MUNGE_SOCK" -n | unmunge -S "$MUNGE_SOCK"; }
ctld_up() { scontrol ping | grep -q UP; }

do_start() {
  do_install
  local running=0
  if pid_of "$BASE/slurmctld.pid" slurmctld >/dev/null; then running=1; fi
  do_configure
  if (( ! running )); then
    # A fresh cluster: forget the jobs and node states of earlier runs. Otherwise old jobs
    # come back, and job ids repeat with the spool of a previous life.
    rm -rf "$BASE"/state/ctld/* "$BASE"/state/d/* "$BASE"/log/jobcomp.log
    # Another cluster (or anything) on our ports would make the daemons fail obscurely.
    local p
    for p in "$PORT" "$((PORT + 1))"; do
      if listening "$p"; then die "port $p is in use (another Slurm?); set SLURM_LOCAL_PORT"; fi
    done
  fi

  if ! pid_of "$MUNGE_DIR/munged.pid" munged >/dev/null; then
    log "starting munged"
    /usr/sbin/munged --socket="$MUNGE_SOCK" --key-file="$MUNGE_DIR/munge.key" \
      --pid-file="$MUNGE_DIR/munged.pid" --log-file="$MUNGE_DIR/munged.log" \
      --seed-file="$MUNGE_DIR/munged.seed"
  fi
  wait_for 15 munge_ok || { dump_logs; die "munged does not answer"; }

  # Both Slurm daemons daemonize and write their pid files. slurmctld forks a slurmscriptd
  # that exits with it.
  if (( running )); then
    scontrol reconfigure
  else
    log "starting slurmctld (port $PORT)"
    slurmctld -f "$SLURM_CONF"
  fi
  wait_for "$TIMEOUT" ctld_up || { dump_logs; die "slurmctld is not UP"; }

  if ! pid_of "$BASE/slurmd.pid" slurmd >/dev/null; then
    log "starting slurmd (node $NODE, $CPUS CPUs)"
    slurmd -f "$SLURM_CONF" -N "$NODE"
  fi
  if ! wait_for "$TIMEOUT" node_idle; then
    # E.g. left DOWN or DRAINED by an unclean stop: try to resume it once.
    scontrol update NodeName="$NODE" State=RESUME 2>/dev/null || true
    wait_for 15 node_idle || { sinfo -R >&2 || true; dump_logs; die "node $NODE is not idle (state: $(node_state))"; }
  fi
  log "cluster up: $(sinfo -h -o '%P %a %D %T %N %c')"
}

# --- stop --------------------------------------------------------------------------------------

do_stop() {
  if pid_of "$BASE/slurmctld.pid" slurmctld >/dev/null; then
    local ids
    local -a idlist
    ids=$(squeue -h -o '%A' 2>/dev/null | paste -sd, -) || true
    if [[ -n $ids ]]; then
      log "cancelling leftover jobs: $ids"
      IFS=, read -ra idlist <<<"$ids"
      scancel "${idlist[@]}" || true
      wait_jobs "$ids" || true
    fi
  fi
  # Compute daemon first, then the controller, then munge, which both still need.
  stop_pid slurmd "$BASE/slurmd.pid" slurmd
  stop_pid slurmctld "$BASE/slurmctld.pid" slurmctld
  stop_pid munged "$MUNGE_DIR/munged.pid" munged
  # Check, and only report: no Slurm daemon or job step left, and no munged on our socket.
  local left
  left=$(ps -eo pid=,comm=,args= | awk -v s="$MUNGE_SOCK" \
    '$2 ~ /^(slurmctld|slurmd|slurmstepd|slurmscriptd)$/ || ($2 == "munged" && index($0, s))') || true
  [[ -z $left ]] || die "processes left after stop:"$'\n'"$left"
  log "stopped; no slurm or munge process left"
}

do_status() {
  local d
  for d in "munged:$MUNGE_DIR/munged.pid" "slurmctld:$BASE/slurmctld.pid" "slurmd:$BASE/slurmd.pid"; do
    echo "${d%%:*}: $(pid_of "${d#*:}" "${d%%:*}" || echo 'not running')"
  done
  sinfo 2>/dev/null || true
  squeue 2>/dev/null || true
}

# --- main --------------------------------------------------------------------------------------

case ${1:-} in
  env) echo "export SLURM_CONF=$SLURM_CONF"; exit 0 ;;
esac
[[ $EUID -eq 0 ]] || die "must run as root (daemons run as root; apt installs)"
case ${1:-} in
  install) do_install ;;
  # A failed start leaves nothing running behind it.
  start) trap 'rc=$?; if (( rc )); then dump_logs; do_stop || true; fi; exit $rc' EXIT; do_start ;;
  stop) do_stop ;;
  status) do_status ;;
  *) die "usage: slurm-local.sh install|start|stop|status|env" ;;
esac
