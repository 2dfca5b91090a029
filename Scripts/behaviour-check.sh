#!/usr/bin/env bash
# Runs the seeded commands whose printed numbers a refactoring must not change, with a release
# build of the checkout in $1, writing everything to $2. Run it on the code before and after a
# change and compare the outputs with timings masked (the smoothing Table 1 run is limited to 15
# minutes: its KP (10) PFYL row takes over an hour, issue 15).
#   Scripts/behaviour-check.sh /path/to/checkout /tmp/before
set -u
cd "$1"; out="$2"; mkdir -p "$out"; D=.build/release/dfl
S=${DFLKIT_SHARED_DATA:-../shared/data}
swift build -c release --product dfl > "$out/build.log" 2>&1 || { echo "build failed: $out/build.log"; exit 1; }
$D demo --quiet --plot "$out/demo.svg" > "$out/demo.txt" 2>&1
for m in two-stage spo+ pfyl dbb nce; do
  $D train --problem shortest-path --grid 5x5 --train-data "$S/pyepo/sp5_deg6_e05_seed42_train.csv" \
    --test-data "$S/pyepo/sp5_deg6_e05_seed42_test.csv" --method "$m" --epochs 10 --quiet \
    --output "$out/parity_$m.json" > "$out/parity_$m.txt" 2>&1
done
for p in recursive energy; do
  DFLKIT_SHARED_DATA="$S" $D reproduce $p --quick --output "$out/rep-$p" > "$out/reproduce-$p.txt" 2> "$out/reproduce-$p.err"
done
$D reproduce smoothing --quick --part table2 --output "$out/rep-smoothing-t2" > "$out/reproduce-smoothing-table2.txt" 2>&1
timeout 900 $D reproduce smoothing --quick --output "$out/rep-smoothing" > "$out/reproduce-smoothing.txt" 2> "$out/reproduce-smoothing.err"
echo "done: $out"
