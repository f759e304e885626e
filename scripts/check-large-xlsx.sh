#!/usr/bin/env bash
# Check that a genuine large workbook reads whole within the XLSX reader's limits: generates
# ROWS points with operators (scripts/generate.py), writes them as a workbook with
# `wancun file convert`, reads the workbook back to CSV and compares the two CSV files cell by
# cell, printing the reading's time and peak memory.
# Usage, from the repository root: scripts/check-large-xlsx.sh [ROWS]   (1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
tmp=${TMPDIR:-/tmp}/wancun-bench
mkdir -p "$tmp"
swift build -c release --product wancun >/dev/null
wancun=.build/release/wancun
[ -f "$tmp/divisions-national.csv" ] || python3 scripts/generate.py divisions --scale national --out "$tmp/divisions-national.csv"
csv="$tmp/points-national-$rows.csv"
[ -f "$csv" ] || python3 scripts/generate.py points --divisions "$tmp/divisions-national.csv" --count "$rows" --out "$csv"
book="$tmp/large-$rows.xlsx"
$wancun file convert "$csv" "$book" >/dev/null
sheet=$(python3 -c 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).getinfo("xl/worksheets/sheet1.xml").file_size)' "$book")
echo "workbook: $(du -h "$book" | cut -f1), its sheet unpacks to $sheet bytes"
/usr/bin/time -f "read back: %e s, %M KB at the peak" $wancun file convert "$book" "$tmp/large-$rows.back.csv" >/dev/null
python3 - "$csv" "$tmp/large-$rows.back.csv" <<'PY'
import csv, sys
def rows(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return [[c[1:] if c.startswith("'") else c for c in row] for row in csv.reader(f)]
a, b = rows(sys.argv[1]), rows(sys.argv[2])
same = len(a) == len(b) and all(x == y for x, y in zip(a, b))
print(f"{len(a) - 1} rows written, {len(b) - 1} read back: " + ("the same cells" if same else "DIFFERENT"))
sys.exit(0 if same else 1)
PY
