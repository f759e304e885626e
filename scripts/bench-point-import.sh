#!/usr/bin/env bash
# Benchmark: `wancun point import` of generated points with operators (CSV), every check on,
# against three baselines, each tuned as for a bulk load (one transaction, a 64 MB page cache,
# temporary tables in memory, foreign keys on):
# - sqlite3: the sqlite3 CLI doing the same database work without checks (`.import` into a
#   staging table, then INSERT … SELECT into the same tables the import writes, with the same
#   indexes: point, point_status, operator, assignment, service and one audit line per point, with
#   the same values and the same audit JSON and reason as wancun writes, so both write the same
#   bytes). It leaves out the audit chain: the sqlite3 shell cannot compute SHA-256, so its audit
#   lines carry 64 zeros for the chain's hash and the content comparison leaves the hash out.
#   It writes the copy of the file that wancun writes beside it (`NAME.result.csv`: every row as
#   it came, text kept from being read as a formula as wancun's CSV writer does, then the point
#   code and what was done), in its own CSV mode, which quotes more cells than wancun does: the
#   comparison checks both copies hold the same cells.
# - per-row C (where a C compiler and the headers of SQLite and OpenSSL's libcrypto are at hand):
#   the import's own lookups and writes, row by row through SQLite's C API, the audit chain's
#   SHA-256 included (scripts/per-row-floor.c): what checking row by row costs SQLite, apart from
#   anything wancun adds. It writes the same rows and audit lines as wancun (its lines' time is
#   fixed, wancun's the clock's, so their hashes differ: `wancun audit verify` checks its chain).
# - sqlite-utils (pip install sqlite-utils; left out when it is not installed): the rows into one
#   flat table, without checks, through its Python API in one transaction, in batches as large as
#   SQLite's variable limit allows. The comparison checks it holds the file's points and operators.
# The issue's scale is 500,000 points.
# Usage, from the repository root: scripts/bench-point-import.sh [POINTS] [RUNS] [county|province|national]
set -euo pipefail
source "$(dirname "$0")/bench-lib.sh"
count=${1:-500000}
runs=${2:-3}
scale=${3:-national}
points_input "$scale" "$count"
# The copy's cells: text that starts like a formula gets a `'` before it (but a plain number), as
# wancun's CSV writer does; sqlite3's CSV mode does the quoting.
copy_cell() {
  local bare="ltrim($1, '''')"
  # Most cells start with a digit, a letter or a Chinese character: nothing more to look at.
  echo "CASE WHEN unicode($1) >= 48 AND unicode($1) NOT IN (61, 64, 65291, 65293, 65309, 65312) THEN $1
    WHEN $bare GLOB '[=@]*' OR substr($bare, 1, 1) IN (char(9), char(13), '＝', '＋', '－', '＠')
      OR ($bare GLOB '[+-]*' AND NOT (substr($bare, 2) GLOB '[0-9]*' AND substr($bare, 2) NOT GLOB '*[^0-9.]*'))
    THEN '''' || $1 ELSE $1 END"
}
copy_cells() {
  local columns=(village_code name address latitude longitude plan_year opened_on operator_name id_number phone
    retirement_group difficulty certificate_no certified_on contract_type contract_from contract_to services) cells=()
  for column in "${columns[@]}"; do cells+=("$(copy_cell "$column"), "); done
  echo "${cells[*]}"
}
# The file's header row as SQL text values, with the column wancun adds.
copy_header() { head -1 "$csv" | sed $'s/^\xEF\xBB\xBF//; s/\r$//; s/\'/\'\'/g; s/,/\', \'/g; s/^/\'/; s/$/\', \'导入结果\'/'; }
cat > "$tmp/points-baseline.sql" <<SQL
$tuned_sqlite
BEGIN IMMEDIATE;
CREATE TEMP TABLE staging (village_code TEXT, name TEXT, address TEXT, latitude TEXT, longitude TEXT, plan_year TEXT,
  opened_on TEXT, operator_name TEXT, id_number TEXT, phone TEXT, retirement_group TEXT, difficulty TEXT, certificate_no TEXT,
  certified_on TEXT, contract_type TEXT, contract_from TEXT, contract_to TEXT, services TEXT);
.import --csv --skip 1 $csv staging
CREATE TEMP TABLE numbered AS
  SELECT s.*, CAST(s.latitude AS REAL) AS lat, CAST(s.longitude AS REAL) AS lon, CAST(s.plan_year AS INTEGER) AS year,
    s.rowid AS line, d.id AS village_id, s.village_code || printf('%03d', row_number() OVER (PARTITION BY s.village_code ORDER BY s.rowid)) AS code
  FROM staging s JOIN division d ON d.code = s.village_code;
INSERT INTO point (code, village_id, name, address, latitude, longitude, plan_year, opened_on, status)
  SELECT code, village_id, name, address, lat, lon, year, opened_on, 'operating' FROM numbered;
INSERT INTO point_status (point_id, status, on_date, reason, clerk)
  SELECT p.id, 'operating', n.opened_on, '登记', 'bench' FROM numbered n JOIN point p ON p.code = n.code;
INSERT INTO operator (id_number, name, phone, difficulty, certificate_no, certified_on, retirement_group)
  SELECT id_number, operator_name, phone, NULLIF(difficulty, ''), NULLIF(certificate_no, ''), NULLIF(certified_on, ''), retirement_group FROM numbered;
INSERT INTO assignment (point_id, operator_id, started_on, contract_type, contract_from, contract_to)
  SELECT p.id, o.id, n.contract_from, n.contract_type, n.contract_from, NULLIF(n.contract_to, '')
  FROM numbered n JOIN operator o ON o.id_number = n.id_number JOIN point p ON p.code = n.code;
INSERT INTO service (point_id, kind, started_on)
  SELECT p.id, j.value, n.opened_on FROM numbered n JOIN point p ON p.code = n.code,
    json_each('["' || replace(n.services, ',', '","') || '"]') j;
INSERT INTO audit (at, clerk, action, point_code, operator_id_number, after, reason, hash)
  SELECT '2026-11-26T09:00:00+08:00', 'bench', 'point.import', code, id_number,
    json_object('action', 'created',
      'point', json_object('name', name, 'address', address, 'latitude', lat, 'longitude', lon,
        'plan_year', year, 'opened_on', opened_on, 'business_name', NULL, 'credit_code', NULL),
      'operator', json_object('name', operator_name, 'id_number', id_number, 'phone', phone,
        'difficulty', NULLIF(difficulty, ''), 'difficulty_note', NULL, 'certificate_no', NULLIF(certificate_no, ''),
        'certified_on', NULLIF(certified_on, ''), 'retirement_group', retirement_group),
      'assignment', json_object('started_on', contract_from, 'ended_on', NULL, 'contract_type', contract_type,
        'contract_from', contract_from, 'contract_to', NULLIF(contract_to, '')),
      'services', json((SELECT json_group_array(json_object('kind', j.value, 'category', NULL, 'partner', NULL,
        'licence', NULL, 'started_on', n.opened_on, 'ended_on', NULL))
        FROM json_each('["' || replace(n.services, ',', '","') || '"]') j))),
    '导入 $(basename "$csv") 第 ' || (line + 1) || ' 行', printf('%064d', 0)
  FROM numbered n;
COMMIT;
.mode csv
.headers off
.output --bom $tmp/run-q.result.csv
SELECT $(copy_header);
SELECT $(copy_cells) code || ' 新建 [created]' FROM numbered ORDER BY line;
.output stdout
SQL
floor=()
if cc -O2 -o "$tmp/per-row-floor" scripts/per-row-floor.c -lsqlite3 -lcrypto 2>/dev/null; then
  floor=(--setup "per-row C=rm -f $tmp/run-c.sqlite*; cp $base $tmp/run-c.sqlite"
    --baseline "per-row C=$tmp/per-row-floor $tmp/run-c.sqlite $csv")
fi
utils=()
if python3 -c 'import sqlite_utils' 2>/dev/null; then
  cat > "$tmp/points-sqlite-utils.py" <<'PY'
import csv, itertools, sqlite3, sys
import sqlite_utils
import sqlite_utils.db
db = sqlite_utils.Database(sys.argv[1])
db.execute("PRAGMA cache_size = -65536")
db.execute("PRAGMA temp_store = MEMORY")
db.execute("PRAGMA foreign_keys = ON")
# sqlite-utils keeps each batch within 999 variables unless told the real limit.
limit = db.conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
sqlite_utils.db.SQLITE_MAX_VARS = limit
with open(sys.argv[2], newline="", encoding="utf-8-sig") as f:
    rows = csv.reader(f)
    header = next(rows)
    with db.atomic():
        # Rows as lists, the first one naming the columns.
        db["points"].insert_all(itertools.chain([header], rows), batch_size=limit // len(header))
PY
  utils=(--setup "sqlite-utils (flat table, no checks)=rm -f $tmp/run-u.sqlite*"
    --baseline "sqlite-utils (flat table, no checks)=python3 $tmp/points-sqlite-utils.py $tmp/run-u.sqlite $csv")
fi
compare=()
[ -z "$before" ] || compare=(--setup "wancun-before=rm -f $tmp/run-pb.sqlite* ${csv%.csv}.result.csv; cp $before_base $tmp/run-pb.sqlite"
  --baseline "wancun-before=$before point import $csv --db $tmp/run-pb.sqlite")
python3 scripts/bench.py --name "point import, $count points with operators" --runs "$runs" \
  --setup "wancun=rm -f $tmp/run-p.sqlite* ${csv%.csv}.result.csv; cp $base $tmp/run-p.sqlite" \
  --setup "sqlite3=rm -f $tmp/run-q.sqlite* $tmp/run-q.result.csv; cp $base $tmp/run-q.sqlite" \
  --candidate "wancun=$wancun point import $csv --db $tmp/run-p.sqlite" \
  --baseline "sqlite3=sqlite3 -bail $tmp/run-q.sqlite < $tmp/points-baseline.sql" \
  "${utils[@]}" "${floor[@]}" "${compare[@]}"
count_rows='SELECT (SELECT count(*) FROM point) || " points, " || (SELECT count(*) FROM operator) || " operators, " || (SELECT count(*) FROM service) || " services"'
echo "wancun: $(sqlite3 "$tmp/run-p.sqlite" "$count_rows"); sqlite3: $(sqlite3 "$tmp/run-q.sqlite" "$count_rows")"
# The baseline is only fair if it writes what wancun writes: compare every row and audit line
# (but the audit chain's hash, which the baseline cannot compute).
contents="SELECT p.code, p.name, p.address, p.latitude, p.longitude, p.plan_year, p.opened_on, p.status,
    s.from_status, s.status, s.on_date, s.reason, s.clerk, o.id_number, o.name, o.phone, o.difficulty,
    o.certificate_no, o.certified_on, o.retirement_group, a.started_on, a.ended_on, a.contract_type,
    a.contract_from, a.contract_to,
    (SELECT group_concat(kind || '/' || started_on, ',') FROM service WHERE point_id = p.id),
    (SELECT group_concat(operator_id_number || after || reason) FROM audit WHERE point_code = p.code)
  FROM point p JOIN point_status s ON s.point_id = p.id JOIN assignment a ON a.point_id = p.id
    JOIN operator o ON o.id = a.operator_id ORDER BY p.code"
same() {
  if cmp -s <(sqlite3 "$tmp/run-p.sqlite" "$1") <(sqlite3 "$2" "$1"); then
    echo "wancun and $3 wrote the same rows and audit lines"
  else
    echo "wancun and $3 wrote different rows or audit lines: the baseline needs fixing" >&2
    exit 1
  fi
}
same "$contents" "$tmp/run-q.sqlite" sqlite3
copies='import csv, sys
def rows(path):
    with open(path, encoding="utf-8-sig", newline="") as f: return list(csv.reader(f))
sys.exit(rows(sys.argv[1]) != rows(sys.argv[2]))'
if python3 -c "$copies" "${csv%.csv}.result.csv" "$tmp/run-q.result.csv"; then
  echo "wancun and sqlite3 wrote copies of the file with the same cells"
else
  echo "wancun and sqlite3 wrote copies of the file with different cells: the baseline needs fixing" >&2
  exit 1
fi
if [ ${#floor[@]} -gt 0 ]; then
  same "$contents" "$tmp/run-c.sqlite" "per-row C"
  # Its hashes differ from wancun's (wancun stamps each line with the clock's time), but its
  # chain must hold as wancun's does.
  for db in run-p run-c; do
    $wancun audit verify --db "$tmp/$db.sqlite" >/dev/null || { echo "the audit chain of $db.sqlite is broken" >&2; exit 1; }
  done
  echo "both audit chains verify"
fi
if [ ${#utils[@]} -gt 0 ]; then
  flat="SELECT 村代码, 服务点名称, 公民身份号码, 手机号 FROM points ORDER BY 公民身份号码"
  wancun_flat="SELECT d.code, p.name, o.id_number, o.phone FROM point p JOIN division d ON d.id = p.village_id
    JOIN assignment a ON a.point_id = p.id JOIN operator o ON o.id = a.operator_id ORDER BY o.id_number"
  if cmp -s <(sqlite3 "$tmp/run-p.sqlite" "$wancun_flat") <(sqlite3 "$tmp/run-u.sqlite" "$flat"); then
    echo "sqlite-utils holds the file's points and operators, as wancun does"
  else
    echo "sqlite-utils holds other points or operators than wancun: the baseline needs fixing" >&2
    exit 1
  fi
fi
