#!/usr/bin/env bash
# Benchmark: reading a 1,000,000-row CSV (a generated parcel ledger) through wancun's
# exchange layer (`wancun file inspect --digest`) against Python's csv module reading the same
# file. Both sides read every cell and print the same SHA-256 over all of them
# (scripts/bench_tables.py says how), so neither wins by skipping work; the script checks that
# they printed the same before timing them. An earlier build timed beside it (WANCUN_BEFORE)
# runs `file inspect` without --digest where it has none: it still reads every cell.
# Usage, from the repository root: scripts/bench-csv-read.sh [ROWS] [RUNS]
set -euo pipefail
source "$(dirname "$0")/bench-lib.sh"
rows=${1:-1000000}
runs=${2:-5}
[ -f "$tmp/divisions-national.csv" ] || python3 scripts/generate.py divisions --scale national --out "$tmp/divisions-national.csv"
csv="$tmp/parcels-$rows.csv"
[ -f "$csv" ] || python3 scripts/generate.py parcels --points-from "$tmp/divisions-national.csv" --rows "$rows" --out "$csv"
python3 scripts/bench_tables.py check $wancun "$csv"
compare=()
[ -z "$before" ] || compare=(--baseline "wancun-before=$before file inspect $($before file inspect --help | grep -q -- --digest && echo --digest || true) $csv")
python3 scripts/bench.py --name "read a $rows-row CSV, every cell" --runs "$runs" \
  --candidate "wancun=$wancun file inspect --digest $csv" \
  --baseline "python-csv=python3 scripts/bench_tables.py digest-csv $csv" "${compare[@]}"
