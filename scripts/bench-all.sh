#!/usr/bin/env bash
# Every benchmark at the issues' scales, one after another, each result appended as a JSON line
# to RESULTS (then: python3 scripts/bench-table.py RESULTS).
# Usage, from the repository root: scripts/bench-all.sh RESULTS [RUNS]
#   WANCUN_BEFORE=PATH also times that build (e.g. the starting commit's) in the same runs.
# Run it on a quiet machine: every other process takes from the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
export WANCUN_BENCH_RESULTS=$(realpath -m "${1:?RESULTS file}")
runs=${2:-3}
if [ -z "${WANCUN_BIN:-}" ]; then
  swift build -c release --product wancun >/dev/null
  export WANCUN_BIN=$PWD/.build/release/wancun
fi
for bench in \
  "bench-csv-read.sh 1000000 $runs" \
  "bench-xlsx-read.sh 1000000 $runs" \
  "bench-point-import.sh 500000 $runs" \
  "bench-xlsx-import.sh 100000 $runs" \
  "bench-xlsx-import.sh 500000 $runs" \
  "bench-parcel-import.sh 1000000 $runs" \
  "bench-reconcile-parcels.sh $runs" \
  "bench-subsidy-check.sh $runs" \
  "bench-point-export.sh 500000 $runs" \
  "bench-web-load.sh 60 20 $runs"; do
  set -- $bench
  if [ -f "scripts/$1" ]; then
    echo "== scripts/$bench"
    bash "scripts/$@"
  fi
done
