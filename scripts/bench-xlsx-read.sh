#!/usr/bin/env bash
# Benchmark: reading a 1,000,000-row workbook (the parcel ledger of bench-csv-read.sh, written
# with shared strings as Excel writes them, by scripts/bench_tables.py) through
# `wancun file inspect --digest` against openpyxl's read-only mode. Both sides read every cell
# and print the same SHA-256 over all of them; the script checks that they printed the same.
# Needs openpyxl (pip install openpyxl). An earlier build timed beside it (WANCUN_BEFORE) runs
# `file inspect` without --digest where it has none: it still reads every cell.
# Usage, from the repository root: scripts/bench-xlsx-read.sh [ROWS] [RUNS]
set -euo pipefail
source "$(dirname "$0")/bench-lib.sh"
rows=${1:-1000000}
runs=${2:-3}
[ -f "$tmp/divisions-national.csv" ] || python3 scripts/generate.py divisions --scale national --out "$tmp/divisions-national.csv"
csv="$tmp/parcels-$rows.csv"
[ -f "$csv" ] || python3 scripts/generate.py parcels --points-from "$tmp/divisions-national.csv" --rows "$rows" --out "$csv"
book="$tmp/parcels-$rows.xlsx"
[ -f "$book" ] || python3 scripts/bench_tables.py workbook "$csv" "$book"
python3 scripts/bench_tables.py check $wancun "$book"
compare=()
[ -z "$before" ] || compare=(--baseline "wancun-before=$before file inspect $($before file inspect --help | grep -q -- --digest && echo --digest || true) $book")
python3 scripts/bench.py --name "read a $rows-row workbook, every cell" --runs "$runs" \
  --candidate "wancun=$wancun file inspect --digest $book" \
  --baseline "openpyxl-read-only=python3 scripts/bench_tables.py digest-xlsx $book" "${compare[@]}"
