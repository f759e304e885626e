#!/usr/bin/env bash
# Benchmark: reading a 1,000,000-row CSV (a generated parcel ledger) through wancun's
# exchange layer (`wancun file inspect`) against Python's csv module reading the same file.
# Usage, from the repository root: scripts/bench-csv-read.sh [ROWS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
runs=${2:-5}
tmp=${TMPDIR:-/tmp}/wancun-bench
mkdir -p "$tmp"
swift build -c release --product wancun >/dev/null
[ -f "$tmp/divisions-national.csv" ] || python3 scripts/generate.py divisions --scale national --out "$tmp/divisions-national.csv"
[ -f "$tmp/parcels-$rows.csv" ] || python3 scripts/generate.py parcels --points-from "$tmp/divisions-national.csv" --rows "$rows" --out "$tmp/parcels-$rows.csv"
python3 scripts/bench.py --name "read a $rows-row CSV" --runs "$runs" \
  --candidate "wancun=.build/release/wancun file inspect $tmp/parcels-$rows.csv" \
  --baseline "python-csv=python3 -c 'import csv, sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], encoding=\"utf-8-sig\", newline=\"\"))))' $tmp/parcels-$rows.csv"
