#!/usr/bin/env bash
# The 200-run fault check, as .ci/run runs it after the tests: a 200-run plan on 2 workers with one
# worker (a `dfl train` child of the sweep) killed by SIGKILL midway. The sweep records that run as
# failed and exits 70; run again, it reruns only what is missing. Then every run of the plan must be
# in the store exactly once, finished, and the store must pass PRAGMA integrity_check.
#   Scripts/sweep-kill-test.sh [path/to/dfl]      (default .build/debug/dfl; needs sqlite3)
set -uo pipefail
dfl=$(realpath "${1:-.build/debug/dfl}")
work=$(mktemp -d); cd "$work"
fail() { echo "sweep-kill-test: FAILED: $*" >&2; exit 1; }
command -v sqlite3 > /dev/null || fail "sqlite3 is not installed"
cat > plan.yaml <<PLAN
base:
  problem: shortest-path
  grid: 3x3
  train: 20
  test: 20
  epochs: 1
grid:
  method: [two-stage, spo+, pfyl, dbb]
  lr: [0.1, 0.05, 0.02, 0.01, 0.005]
seeds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
PLAN
runs=$("$dfl" sweep plan.yaml --store s.sqlite --dry-run | wc -l)
[ "$runs" -eq 200 ] || fail "the plan expands to $runs runs, expected 200"
start=$(date +%s)
"$dfl" sweep plan.yaml --store s.sqlite --workers 2 --quiet > first.out 2> first.err &
sweep=$!
# Midway: once 60 runs are in the store, SIGKILL one running worker.
victim=""
for _ in $(seq 1 1200); do
    n=$(sqlite3 s.sqlite "SELECT COUNT(*) FROM run" 2> /dev/null || echo 0)
    if [ "${n:-0}" -ge 60 ]; then
        victim=$(pgrep -P "$sweep" -f " train " | head -1)
        [ -n "$victim" ] && kill -KILL "$victim" && break
    fi
    sleep 0.05
done
[ -n "$victim" ] || fail "no worker to kill (the sweep finished or never started)"
wait "$sweep"; first=$?
second_out=$("$dfl" sweep plan.yaml --store s.sqlite --workers 2 --quiet) || fail "second pass: $second_out"
elapsed=$(( $(date +%s) - start ))
total=$(sqlite3 s.sqlite "SELECT COUNT(*) FROM run")
distinct=$(sqlite3 s.sqlite "SELECT COUNT(DISTINCT id) FROM run WHERE status = 'finished'")
integrity=$(sqlite3 s.sqlite "PRAGMA integrity_check")
[ "$first" -eq 70 ] || fail "the first pass exited $first, expected 70 (one run failed): $(tail -1 first.err)"
[ "$total" -eq 200 ] || fail "the store holds $total runs, expected 200"
[ "$distinct" -eq 200 ] || fail "$distinct distinct finished runs, expected 200"
[ "$integrity" = "ok" ] || fail "integrity_check: $integrity"
echo "sweep-kill-test: 200 runs on 2 workers, worker $victim killed midway; first pass exit $first," \
    "second pass: $second_out; 200 finished runs, each once, integrity ok (${elapsed} s)"
cd / && rm -rf "$work"
