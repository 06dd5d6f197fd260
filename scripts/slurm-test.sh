#!/usr/bin/env bash
# slurm-test.sh - end-to-end test of alliancesim slurm on a real single-node Slurm cluster
# (scripts/slurm-local.sh). Needs root, on Debian 12; installs Slurm with apt when missing.
#
# Checks:
#   1. alliancesim slurm --submit of a sweep (--param rep.init=0.3:0.9:3) in 4 shards of 2000
#      runs a point (with --partition, --time, --cpus, so real sbatch reads every directive):
#      every array task and the dependent merge complete, and the merged sweep.csv, sweep.json
#      and chart are byte-identical to those of one local unsharded alliancesim sweep.
#   2. A failing shard cancels the merge (the cluster's kill_invalid_depend, and the script's
#      --kill-on-invalid-dep) rather than leaving it pending forever. This submission runs the
#      shell snippet alliancesim slurm prints, as a user would. The failure is injected with
#      --binary: a wrapper that exits 3 as array task 1 and runs alliancesim otherwise, so the
#      generated scripts carry no test hook.
#   3. alliancesim merge of the parts that exist then exits 1 and names the missing shard.
#   4. alliancesim slurm --precision --submit of a run: one job array per stage of the adaptive
#      rule, each afterok on the one before, then the merge; the shards of the stages the rule
#      does not need exit at once, and the merged summary.json and runs.csv are byte-identical
#      to those of one local run --precision.
#   5. Stopping the cluster leaves no slurm or munge process.
# It ends with "slurm-test: N passed, M failed" and exits 1 if any check failed. Whatever
# happens, a trap stops every daemon it started.
#
# Knobs: GO (go command), SLURM_TEST_KEEP=1 keeps the work directory, SLURM_LOCAL_* (see
# slurm-local.sh; SLURM_LOCAL_CPUS defaults to 4 here, oversubscribing small machines so
# that the 4 shards run at once).
set -Eeuo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
LOCAL=$ROOT/scripts/slurm-local.sh
GO=${GO:-go}
RUNS=2000
SHARDS=4
T0=$SECONDS

log() { printf '[slurm-test %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
[[ $EUID -eq 0 ]] || { log "must run as root: it starts Slurm's daemons (and may apt-get install them)"; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/alliancesim-slurm-test.XXXXXX")
chmod 755 "$WORK"  # munged refuses a socket below a directory others cannot traverse
export SLURM_LOCAL_BASE=$WORK/cluster
nproc=$(nproc)
export SLURM_LOCAL_CPUS=${SLURM_LOCAL_CPUS:-$(( nproc > SHARDS ? nproc : SHARDS ))}
TIMEOUT=${SLURM_LOCAL_TIMEOUT:-120}
BIN=$WORK/bin/alliancesim

# Always stop the cluster, even after a failure or an interrupt; keep the work directory
# for a look when something failed.
stopped=0 finished=0 pass=0 fail=0
cleanup() {
  local rc=$?
  if (( ! stopped )); then bash "$LOCAL" stop || rc=1; fi
  if (( ! finished )); then echo "slurm-test: aborted after $pass passed, $fail failed"; rc=1; fi
  if (( rc == 0 )) && [[ -z ${SLURM_TEST_KEEP:-} ]]; then
    rm -rf "$WORK"
  else
    log "work directory kept: $WORK"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

check() {  # check NAME FUNCTION: run one check, count it, never abort the others
  local name=$1 t=$SECONDS; shift
  if "$@"; then
    pass=$((pass + 1)); log "PASS $name ($((SECONDS - t)) s)"
  else
    fail=$((fail + 1)); log "FAIL $name"
  fi
}

# wait_jobs IDS: wait until none of the comma-separated job ids is pending or running.
# (squeue -j exits 1 once a job is purged, so poll on its output.)
wait_jobs() {
  local deadline=$((SECONDS + TIMEOUT))
  while squeue -h -j "$1" 2>/dev/null | grep -q .; do
    if (( SECONDS >= deadline )); then squeue >&2 || true; log "jobs $1 still queued after ${TIMEOUT}s"; return 1; fi
    sleep 0.2
  done
}

# job_states ID: the JobState of each task of a job, one per line (no sacct without a database).
job_states() { scontrol show job -o "$1" | grep -o 'JobState=[A-Z_]*' | cut -d= -f2; }

# submit OUTDIR [FLAGS]: alliancesim slurm --submit; sets SHARDS_JOB and MERGE_JOB.
submit() {
  local out=$1 stdout; shift
  stdout=$("$BIN" slurm europe-2025 --shards "$SHARDS" --runs "$RUNS" --out "$out" --submit "$@") || return 1
  SHARDS_JOB=$(awk '$1 == "shards" && $2 == "job" { sub(":", "", $3); print $3 }' <<<"$stdout")
  MERGE_JOB=$(awk '$1 == "merge" && $2 == "job" { sub(":", "", $3); print $3 }' <<<"$stdout")
  [[ $SHARDS_JOB =~ ^[0-9]+$ && $MERGE_JOB =~ ^[0-9]+$ ]] || { log "no job ids in: $stdout"; return 1; }
  log "submitted shards $SHARDS_JOB (array 0-$((SHARDS - 1))) and merge $MERGE_JOB with --submit"
}

# submit_printed OUTDIR [FLAGS]: alliancesim slurm without --submit, then run the shell snippet
# it printed, as a user would; sets SHARDS_JOB and MERGE_JOB.
submit_printed() {
  local out=$1 snippet stdout; shift
  snippet=$("$BIN" slurm europe-2025 --shards "$SHARDS" --runs "$RUNS" --out "$out" "$@") || return 1
  stdout=$(bash -euc "$snippet"$'\n''echo "shards job ${jobid%%;*}"') || { log "the printed commands failed:"$'\n'"$snippet"; return 1; }
  SHARDS_JOB=$(awk '/^shards job / { print $3 }' <<<"$stdout")
  MERGE_JOB=$(awk '/^Submitted batch job / { print $4 }' <<<"$stdout")
  [[ $SHARDS_JOB =~ ^[0-9]+$ && $MERGE_JOB =~ ^[0-9]+$ ]] || { log "no job ids in: $stdout"; return 1; }
  log "submitted shards $SHARDS_JOB (array 0-$((SHARDS - 1))) and merge $MERGE_JOB with the printed commands"
}

show_logs() { tail -n 20 "$1"/logs/*.log >&2 2>/dev/null || true; }

check_merged_identical() {
  local out=$WORK/ok t=$SECONDS states f
  submit "$out" --partition debug --time 00:10:00 --cpus 1 "${SWEEP[@]}" || return 1
  wait_jobs "$SHARDS_JOB,$MERGE_JOB" || return 1
  log "shards and merge done $((SECONDS - t)) s after submission"
  states=$(job_states "$SHARDS_JOB" | sort | uniq -c | xargs)
  [[ $states == "$SHARDS COMPLETED" ]] || { log "array tasks: $states, want $SHARDS COMPLETED"; show_logs "$out"; return 1; }
  [[ $(job_states "$MERGE_JOB") == COMPLETED ]] || { log "merge: $(job_states "$MERGE_JOB")"; show_logs "$out"; return 1; }
  for f in sweep.csv sweep.json sweep.png; do
    cmp "$WORK/ref/$f" "$out/$f" || { log "$f: merged shards differ from the unsharded sweep"; return 1; }
  done
}

check_failed_shard_cancels_merge() {
  local out=$WORK/fail
  submit_printed "$out" --binary "$WORK/bin/fail-task-1" || return 1
  wait_jobs "$SHARDS_JOB,$MERGE_JOB" || return 1
  local task1
  task1=$(scontrol show job -o "${SHARDS_JOB}_1" | grep -o ' \(JobState\|ExitCode\)=[^ ]*' | xargs)
  [[ $task1 == "JobState=FAILED ExitCode=3:0" ]] || { log "task 1: $task1, want FAILED with exit 3"; show_logs "$out"; return 1; }
  [[ $(job_states "$MERGE_JOB") == CANCELLED ]] || { log "merge: $(job_states "$MERGE_JOB"), want CANCELLED"; return 1; }
}

check_merge_names_missing() {
  local rc=0 err
  err=$("$BIN" merge "$WORK/fail/parts" --out "$WORK/fail/merged" 2>&1 >/dev/null) || rc=$?
  [[ $rc -eq 1 && $err == *"missing shard(s): part-1-of-$SHARDS"* ]] || {
    log "merge of the parts left: exit $rc, want 1 naming part-1-of-$SHARDS: $err"; return 1; }
}

check_precision_chain() {
  local out=$WORK/precision stdout ids merge f
  local flags=(--runs 1024 --precision 0.015 --max-runs 8192)
  "$BIN" run europe-2025 "${flags[@]}" --out "$WORK/ref-precision" --quiet >/dev/null || return 1
  stdout=$("$BIN" slurm europe-2025 --shards "$SHARDS" "${flags[@]}" --out "$out" --submit) || return 1
  ids=$(awk '$1 == "stage" && $3 == "job" { sub(":", "", $4); print $4 }' <<<"$stdout" | paste -sd,)
  merge=$(awk '$1 == "merge" && $2 == "job" { sub(":", "", $3); print $3 }' <<<"$stdout")
  [[ $ids =~ ^[0-9,]+$ && $merge =~ ^[0-9]+$ ]] || { log "no job ids in: $stdout"; return 1; }
  log "submitted the stages' arrays $ids and merge $merge with --submit"
  wait_jobs "$ids,$merge" || return 1
  [[ $(job_states "$merge") == COMPLETED ]] || { log "merge: $(job_states "$merge")"; show_logs "$out"; return 1; }
  for f in summary.json runs.csv; do
    cmp "$WORK/ref-precision/$f" "$out/$f" || { log "$f: merged stages differ from one run --precision"; return 1; }
  done
}

check_stopped() {
  stopped=1
  bash "$LOCAL" stop  # it fails if any slurm or munge process is left
}

# --- main --------------------------------------------------------------------------------------

log "building alliancesim"
(cd "$ROOT" && "$GO" build -o "$BIN" ./cmd/alliancesim)
cat >"$WORK/bin/fail-task-1" <<EOF
#!/bin/sh
# slurm-test's injected failure: array task 1 fails; everything else is alliancesim.
if [ "\${SLURM_ARRAY_TASK_ID:-}" = 1 ]; then echo "slurm-test: injected failure of task 1" >&2; exit 3; fi
exec $BIN "\$@"
EOF
chmod 755 "$WORK/bin/fail-task-1"

bash "$LOCAL" start
eval "$(bash "$LOCAL" env)"
log "cluster ready after $((SECONDS - T0)) s"
# The reference: the same sweep, unsharded, on this machine.
SWEEP=(--param rep.init=0.3:0.9:3)
"$BIN" sweep europe-2025 --runs "$RUNS" "${SWEEP[@]}" --out "$WORK/ref" --quiet >/dev/null

check "sharded sweep merged byte-identical to one sweep" check_merged_identical
check "failed shard cancels the merge" check_failed_shard_cancels_merge
check "merge names the missing shard" check_merge_names_missing
check "precision stages chained and merged byte-identical to one run --precision" check_precision_chain
check "no slurm or munge process left" check_stopped

finished=1
log "took $((SECONDS - T0)) s"
echo "slurm-test: $pass passed, $fail failed"
(( fail == 0 ))
