#!/usr/bin/env bash
# The sweep on a real (single-node, local) Slurm cluster, as .ci/run runs it after the tests:
#  1. a 6-run plan submitted as a 3-task job array, waited for, the shard stores merged: every run
#     recorded exactly once, the merged store passing PRAGMA integrity_check;
#  2. the same with one task killed by scancel midway and the sweep resubmitted: nothing lost,
#     nothing duplicated.
# Needs root (Scripts/slurm-local.sh brings the cluster up) and a built dfl (argument 1, default
# .build/debug/dfl). When the cluster cannot start on this machine it says so and exits 0; a
# sweep that runs but loses or duplicates runs exits 1.
set -uo pipefail
dfl=$(realpath "${1:-.build/debug/dfl}")
here=$(cd "$(dirname "$0")" && pwd)
if ! bash "$here/slurm-local.sh" > /tmp/slurm-local.log 2>&1; then
    echo "slurm-sweep-test: SKIPPED, the local cluster did not start: $(tail -1 /tmp/slurm-local.log)"
    exit 0
fi
work=$(mktemp -d); cd "$work"
fail() { echo "slurm-sweep-test: FAILED: $*" >&2; exit 1; }
wait_for() {  # job id
    for _ in $(seq 1 600); do
        squeue -h -j "$1" 2>/dev/null | grep -q . || return 0
        sleep 1
    done
    fail "job $1 still queued after 600 s"
}
check() {  # store, expected count
    out=$("$dfl" runs merge --store "$1" "$1".shard-*.sqlite) || fail "merge: $out"
    n=$("$dfl" runs list --store "$1" | tail -n +3 | grep -c finished)
    ids=$("$dfl" runs list --store "$1" | tail -n +3 | awk '{print $1}' | sort | uniq -d | wc -l)
    [ "$n" -eq "$2" ] || fail "$1 holds $n finished runs, expected $2"
    [ "$ids" -eq 0 ] || fail "$1 holds duplicated runs"
    echo "slurm-sweep-test: $1: $n runs, each once, integrity ok"
}
cat > plan.yaml <<PLAN
base:
  problem: shortest-path
  grid: 3x3
  train: 40
  test: 40
  epochs: 2
grid:
  method: [two-stage, spo+]
seeds: [1, 2, 3]
PLAN
job=$("$dfl" sweep plan.yaml --slurm --tasks 3 --store a.sqlite | awk '{print $4}') || fail "submit"
wait_for "$job"
check a.sqlite 6

sed -e 's/epochs: 2/epochs: 40/' -e 's/train: 40/train: 200/' plan.yaml > slow.yaml
job=$("$dfl" sweep slow.yaml --slurm --tasks 3 --store b.sqlite | awk '{print $4}') || fail "submit"
for _ in $(seq 1 120); do
    squeue -h -j "${job}_2" -t RUNNING 2>/dev/null | grep -q . && break
    sleep 0.5
done
sleep 2
scancel "${job}_2"
wait_for "$job"
job=$("$dfl" sweep slow.yaml --slurm --tasks 3 --store b.sqlite | awk '{print $4}') || fail "resubmit"
wait_for "$job"
check b.sqlite 6
rm -rf "$work"
