#!/usr/bin/env bash
# Benchmark: `wancun point export` of a registry of generated points with operators, to CSV and
# to XLSX, against the sqlite3 CLI writing the same join as CSV (no masking, no category names)
# and, for XLSX, against openpyxl's write-only mode writing those rows as text cells.
# Usage, from the repository root: scripts/bench-point-export.sh [POINTS] [RUNS] [county|province|national]
set -euo pipefail
source "$(dirname "$0")/bench-lib.sh"
count=${1:-500000}
runs=${2:-3}
scale=${3:-national}
[ -f "$tmp/divisions-$scale.csv" ] || python3 scripts/generate.py divisions --scale "$scale" --out "$tmp/divisions-$scale.csv"
csv="$tmp/points-$scale-$count.csv"
[ -f "$csv" ] || python3 scripts/generate.py points --divisions "$tmp/divisions-$scale.csv" --count "$count" --out "$csv"
db="$tmp/points-registry-$scale-$count.sqlite"
[ -f "$db" ] || make_database "$wancun" "$db" "$scale" "$csv"
# The same rows and cells wancun writes, in SQL: codes as ="…" text, the village's short name,
# masked ID numbers and phones, retirement group, difficulty, contract and services by their
# Chinese labels, open services in the order added (finance and medicines left out, as the sheet
# has no columns for their partner and licence).
village="CASE
    WHEN v.name LIKE '_%村村民委员会' THEN substr(v.name, 1, length(v.name) - 6) || '村'
    WHEN v.name LIKE '_%村民委员会' THEN substr(v.name, 1, length(v.name) - 5) || '村'
    WHEN v.name LIKE '_%村委会' THEN substr(v.name, 1, length(v.name) - 3) || '村'
    WHEN v.name LIKE '_%社区居民委员会' THEN substr(v.name, 1, length(v.name) - 7) || '社区'
    WHEN v.name LIKE '_%社区居委会' THEN substr(v.name, 1, length(v.name) - 5) || '社区'
    WHEN v.name LIKE '_%居民委员会' THEN substr(v.name, 1, length(v.name) - 5) || '社区'
    WHEN v.name LIKE '_%居委会' THEN substr(v.name, 1, length(v.name) - 3) || '社区'
    ELSE v.name END"
join="SELECT '=\"' || p.code || '\"', '=\"' || v.code || '\"', t.name, $village, p.name, p.address, p.latitude, p.longitude,
  p.plan_year, p.opened_on, o.name, substr(o.id_number, 1, 6) || '********' || substr(o.id_number, 15),
  substr(o.phone, 1, 3) || '****' || substr(o.phone, 8),
  CASE o.retirement_group WHEN 'male' THEN '男（60岁起）' WHEN 'female-55' THEN '女干部（55岁起）' WHEN 'female-50' THEN '女工人（50岁起）' END,
  CASE o.difficulty WHEN '4050' THEN '4050人员（女40周岁、男50周岁以上）' WHEN 'disabled' THEN '残疾人' WHEN 'zero-employment' THEN '零就业家庭'
    WHEN 'minimum-income' THEN '最低生活保障家庭' WHEN 'land-lost' THEN '被征地农民' WHEN 'long-term-unemployed' THEN '连续失业一年以上'
    WHEN 'other' THEN '其他' END,
  o.certificate_no, o.certified_on, CASE a.contract_type WHEN 'labour' THEN '劳动合同' WHEN 'civil' THEN '民事协议' END,
  a.contract_from, a.contract_to,
  (SELECT group_concat(item, ',') FROM (SELECT CASE s.kind WHEN 'agent-purchase' THEN '代购' WHEN 'agent-sale' THEN '农产品代销'
      WHEN 'bill-payment' THEN '缴费' WHEN 'ticketing' THEN '购票' WHEN 'parcel' THEN '包裹存取' END
      || ifnull(':' || CASE s.category WHEN 'building-materials' THEN '建材'
      WHEN 'farm-inputs' THEN '农资' WHEN 'daily-goods' THEN '日用品' END, '') AS item
    FROM service s WHERE s.point_id = p.id AND s.ended_on IS NULL AND s.kind <> 'finance' AND s.category IS NOT 'medicines' ORDER BY s.id)),
  ''
  FROM point p JOIN division v ON v.id = p.village_id JOIN division t ON t.id = v.parent_id
  LEFT JOIN assignment a ON a.point_id = p.id AND a.ended_on IS NULL LEFT JOIN operator o ON o.id = a.operator_id
  ORDER BY p.code"
{ printf '%s\n' "$tuned_sqlite" ".headers off"; printf '%s;\n' "$join"; } > "$tmp/export-join.sql"
cat > "$tmp/export-openpyxl.py" <<PY
import sqlite3, sys
from openpyxl import Workbook
book = Workbook(write_only=True)
sheet = book.create_sheet("服务点")
sql = open(sys.argv[2]).read().split(".headers off")[1]
for row in sqlite3.connect(sys.argv[1]).execute(sql.strip().rstrip(";")):
    sheet.append(["" if v is None else str(v) for v in row])
book.save(sys.argv[3])
PY
compare_csv=() compare_xlsx=()
if [ -n "$before" ]; then
  # The earlier build exports the same points from a registry it made itself.
  mkdir -p "$before_tmp"
  db_before="$before_tmp/points-registry-$scale-$count.sqlite"
  [ -f "$db_before" ] || make_database "$before" "$db_before" "$scale" "$csv"
  compare_csv=(--setup "wancun-before=rm -f $tmp/export-before.csv"
    --baseline "wancun-before=$before point export --db $db_before --out $tmp/export-before.csv")
  compare_xlsx=(--setup "wancun-before=rm -f $tmp/export-before.xlsx"
    --baseline "wancun-before=$before point export --db $db_before --out $tmp/export-before.xlsx")
fi
python3 scripts/bench.py --name "point export to CSV, $count points with operators" --runs "$runs" \
  --setup "wancun=rm -f $tmp/export.csv" \
  --candidate "wancun=$wancun point export --db $db --out $tmp/export.csv" \
  --baseline "sqlite3=sqlite3 -bail -csv $db < $tmp/export-join.sql > $tmp/export-sqlite3.csv" "${compare_csv[@]}"
python3 scripts/bench.py --name "point export to XLSX, $count points with operators" --runs "$runs" \
  --setup "wancun=rm -f $tmp/export.xlsx" \
  --candidate "wancun=$wancun point export --db $db --out $tmp/export.xlsx" \
  --baseline "openpyxl=python3 $tmp/export-openpyxl.py $db $tmp/export-join.sql $tmp/export-openpyxl.xlsx" "${compare_xlsx[@]}"
# Both sides must have written the same cells (coordinates compared as numbers: each side prints
# a double its own way), and wancun's workbook the same cells as its CSV.
python3 - "$tmp/export.csv" "$tmp/export-sqlite3.csv" "$tmp/export.xlsx" <<'PY'
import csv, sys
from openpyxl import load_workbook
def same(a, b):
    if len(a) != len(b):
        return False
    return all(x == y or (i in (6, 7) and x and y and float(x) == float(y)) for i, (x, y) in enumerate(zip(a, b)))
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    wancun = list(csv.reader(f))[1:]
with open(sys.argv[2], encoding="utf-8", newline="") as f:
    baseline = list(csv.reader(f))
bad = next((i for i, (a, b) in enumerate(zip(wancun, baseline)) if not same(a, b)), None)
if len(wancun) != len(baseline) or bad is not None:
    sys.exit(f"wancun and sqlite3 wrote different CSV rows (first at data row {bad}): the baseline needs fixing")
sheet = load_workbook(sys.argv[3], read_only=True).worksheets[0]
text = lambda v: "" if v is None else str(v)
rows = sheet.iter_rows(min_row=2, values_only=True)
for i, (row, expected) in enumerate(zip(rows, wancun)):
    cells = [text(v) for v in row] + [""] * (len(expected) - len(row))
    if [c.removeprefix('="').removesuffix('"') for c in expected] != [c.removeprefix('="').removesuffix('"') for c in cells[:len(expected)]]:
        sys.exit(f"wancun's workbook and its CSV differ at data row {i + 1}")
print(f"wancun and sqlite3 wrote the same {len(wancun)} rows; wancun's workbook holds the same cells")
PY
