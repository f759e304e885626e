#!/usr/bin/env bash
# Benchmark: `wancun point export` of a registry of generated points with operators, to CSV and
# to XLSX, against the sqlite3 CLI writing the same join as CSV (no masking, no category names)
# and, for XLSX, against openpyxl's write-only mode writing those rows as text cells.
# Usage, from the repository root: scripts/bench-point-export.sh [POINTS] [RUNS] [county|province|national]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-500000}
runs=${2:-3}
scale=${3:-national}
tmp=${TMPDIR:-/tmp}/wancun-bench
mkdir -p "$tmp"
swift build -c release --product wancun >/dev/null
wancun=.build/release/wancun
export WANCUN_TODAY=2026-11-26 WANCUN_CLERK=bench
[ -f "$tmp/divisions-$scale.csv" ] || python3 scripts/generate.py divisions --scale "$scale" --out "$tmp/divisions-$scale.csv"
csv="$tmp/points-$scale-$count.csv"
[ -f "$csv" ] || python3 scripts/generate.py points --divisions "$tmp/divisions-$scale.csv" --count "$count" --out "$csv"
db="$tmp/points-registry-$scale-$count.sqlite"
if [ ! -f "$db" ]; then
  rm -f "$db.partial"*
  $wancun init --db "$db.partial" >/dev/null
  $wancun division import "$tmp/divisions-$scale.csv" --db "$db.partial" >/dev/null
  $wancun point import "$csv" --db "$db.partial" >/dev/null
  sqlite3 "$db.partial" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
  mv "$db.partial" "$db"
fi
join="SELECT p.code, v.code, t.name, v.name, p.name, p.address, p.latitude, p.longitude, p.plan_year, p.opened_on,
  o.name, o.id_number, o.phone, o.retirement_group, o.difficulty, o.certificate_no, o.certified_on,
  a.contract_type, a.contract_from, a.contract_to,
  (SELECT group_concat(kind || ifnull(':' || category, ''), ',') FROM service s WHERE s.point_id = p.id AND s.ended_on IS NULL)
  FROM point p JOIN division v ON v.id = p.village_id JOIN division t ON t.id = v.parent_id
  LEFT JOIN assignment a ON a.point_id = p.id AND a.ended_on IS NULL LEFT JOIN operator o ON o.id = a.operator_id
  ORDER BY p.code"
printf '%s\n' "$join" > "$tmp/export-join.sql"
cat > "$tmp/export-openpyxl.py" <<PY
import sqlite3, sys
from openpyxl import Workbook
book = Workbook(write_only=True)
sheet = book.create_sheet("服务点")
for row in sqlite3.connect(sys.argv[1]).execute(open(sys.argv[2]).read()):
    sheet.append(["" if v is None else str(v) for v in row])
book.save(sys.argv[3])
PY
python3 scripts/bench.py --name "point export to CSV, $count points with operators" --runs "$runs" \
  --candidate "wancun=$wancun point export --db $db --out $tmp/export.csv" \
  --baseline "sqlite3=sqlite3 -csv $db < $tmp/export-join.sql > $tmp/export-sqlite3.csv"
python3 scripts/bench.py --name "point export to XLSX, $count points with operators" --runs "$runs" \
  --candidate "wancun=$wancun point export --db $db --out $tmp/export.xlsx" \
  --baseline "openpyxl=python3 $tmp/export-openpyxl.py $db $tmp/export-join.sql $tmp/export-openpyxl.xlsx"
echo "rows: wancun CSV $(($(wc -l < "$tmp/export.csv") - 1)), sqlite3 CSV $(wc -l < "$tmp/export-sqlite3.csv")"
