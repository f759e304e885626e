#!/usr/bin/env bash
# Benchmark: `wancun subsidy check` for one month on a generated province of 20,000 in-plan
# points with operators and 12 months of ledgers (20 parcels and 5 purchases per point-month:
# 4.8 million parcels, 1.2 million purchases) and the month's list of other departments' posts
# (200 people), against the same work in SQL: scripts/subsidy-check.sql, the subsidy rules
# written a second time, run by the sqlite3 shell in one transaction (64 MB cache, temp tables
# in memory, foreign keys on, synchronous=NORMAL as wancun opens its database), reading the
# policy and the registry and writing one result row per point (operator, scope, eligibility,
# amount, months, the rule outcomes as JSON) into a table of the database.
# What wancun does besides, that the SQL does not: the evidence of every rule outcome, the
# point and operator snapshot for the roster, the canonical inputs line of every point with
# its sha256 and the run's inputs and policy hashes, the run row, the audit line chained to
# the previous one, and the checks on opening the database.
# After the timed runs the last run's results of the two are compared point by point
# (scripts/subsidy-check-compare.sql): any difference fails the benchmark.
# Usage, from the repository root: scripts/bench-subsidy-check.sh [RUNS] [POINTS]
# (POINTS, 20,000 unless given, sizes the registry, for a quicker check of the script itself;
# each size keeps its own generated base.)
set -euo pipefail
source "$(dirname "$0")/bench-lib.sh"
runs=${1:-5}
points=${2:-20000}
base="$tmp/subsidy-base-v7-$points.sqlite"
if [ ! -f "$base" ]; then
  [ -f "$tmp/divisions-province.csv" ] || python3 scripts/generate.py divisions --scale province --out "$tmp/divisions-province.csv"
  $wancun init --db "$base" >/dev/null
  $wancun division import "$tmp/divisions-province.csv" --db "$base" >/dev/null
  # One operator a point, with valid ID numbers (set up in bulk, not measured).
  python3 - "$tmp/operators.csv" "$points" <<'PY'
import random, sys
rng = random.Random(7)
w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
with open(sys.argv[1], "w") as f:
    for i in range(int(sys.argv[2])):
        first17 = f"3304241975{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{(i % 500) * 2 + 1:03d}"
        first17 = f"330424{1966 + i % 20}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{(i % 500) * 2 + 1:03d}"
        check = "10X98765432"[sum(int(c) * k for c, k in zip(first17, w)) % 11]
        f.write(f"{i + 1},{first17 + check},合成{i},1{3 + i % 7}{i:09d}\n")
PY
  # Points in rural villages only (村委会-type codes), as the programme places them; the
  # operators, men born 1966-1985, certified as land-lost farmers (most are too young for 4050).
  rural="level = 'village' AND (substr(code, 10, 3) BETWEEN '200' AND '399' OR substr(code, 10, 3) BETWEEN '500' AND '599')"
  sqlite3 "$base" <<SQL
PRAGMA cache_size = -200000;
CREATE TEMP TABLE staging (n INTEGER, id_number TEXT, name TEXT, phone TEXT);
.import --csv $tmp/operators.csv staging
INSERT INTO point (code, village_id, name, status, plan_year, opened_on)
  SELECT code || '001', id, name || '服务站', 'operating', 2024, '2024-01-01' FROM division WHERE $rural ORDER BY code LIMIT $points;
INSERT INTO point (code, village_id, name, status, plan_year, opened_on)
  SELECT code || '002', id, name || '第二服务站', 'operating', 2024, '2024-01-01' FROM division WHERE $rural
  ORDER BY code LIMIT $points - (SELECT count(*) FROM point);
INSERT INTO point_status (point_id, status, on_date, reason, clerk) SELECT id, 'operating', '2024-01-01', '开业', 'bench' FROM point;
INSERT OR IGNORE INTO operator (id, id_number, name, phone, difficulty, certificate_no, certified_on, retirement_group)
  SELECT n, id_number, name, phone, 'land-lost', 'C' || n, '2024-01-01', 'male' FROM staging;
INSERT INTO assignment (point_id, operator_id, started_on, contract_type, contract_from, contract_to)
  SELECT p.id, o.id, '2024-01-01', 'labour', '2024-01-01', '2027-12-31' FROM point p JOIN operator o ON o.id = p.id;
INSERT INTO point_verification (point_id, hr_ref, verified_on) SELECT id, 'HR' || id, '2024-06-01' FROM point;
INSERT INTO courier (name, brand) VALUES ('中国邮政', '中国邮政');
WITH RECURSIVE m(m) AS (SELECT 1 UNION ALL SELECT m + 1 FROM m WHERE m < 12),
  n(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM n WHERE n < 20)
INSERT INTO parcel (point_id, courier_id, waybill, arrived_at, picked_up_at)
  SELECT p.id, 1, 'W' || p.id || '-' || m.m || '-' || n.n, printf('2025-%02d-%02d 09:00', m.m, n.n), NULL
  FROM point p, m, n WHERE m.m BETWEEN 11 AND 12
  UNION ALL
  SELECT p.id, 1, 'X' || p.id || '-' || m.m || '-' || n.n, printf('2026-%02d-%02d 09:00', m.m, n.n), printf('2026-%02d-%02d 18:00', m.m, n.n)
  FROM point p, m, n WHERE m.m <= 10;
WITH RECURSIVE m(m) AS (SELECT 1 UNION ALL SELECT m + 1 FROM m WHERE m < 12),
  n(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM n WHERE n < 5)
INSERT INTO purchase (point_id, platform, order_no, category, amount_fen, on_date)
  SELECT p.id, '拼多多', 'O' || p.id || '-' || m.m || '-' || n.n, 'daily-goods', 1000 + n.n, printf('%d-%02d-%02d', CASE WHEN m.m > 10 THEN 2025 ELSE 2026 END, m.m, n.n)
  FROM point p, m, n;
PRAGMA wal_checkpoint(TRUNCATE);
SQL
  # The month's list of other departments' subsidised posts: 200 people, every tenth of the
  # first 2,000 operators among them (so the double-post rule both passes and fails).
  sqlite3 -csv "$base" "SELECT '公民身份号码', '姓名', '单位' UNION ALL
    SELECT id_number, name, '县民政局' FROM operator WHERE id % 10 = 0 AND id <= 2000" > "$tmp/other-posts.csv"
  $wancun subsidy other-posts import "$tmp/other-posts.csv" --month 2026-10 --db "$base" >/dev/null
  sqlite3 "$base" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
fi
echo "base: $(sqlite3 "$base" 'SELECT (SELECT count(*) FROM point) || " points, " || (SELECT count(*) FROM parcel) || " parcels, " || (SELECT count(*) FROM purchase) || " purchases"')"
sql=$(pwd)/scripts/subsidy-check.sql
cat > "$tmp/subsidy-baseline.sql" <<SQL
$tuned_sqlite
PRAGMA synchronous = NORMAL;
.parameter set :month "'2026-10'"
.parameter set :today "'$WANCUN_TODAY'"
.parameter set :without_other_posts 0
BEGIN IMMEDIATE;
.read $sql
COMMIT;
SQL
compare=()
[ -z "$before" ] || before_copy "$base"
[ -z "$before" ] || compare=(--setup "wancun-before=rm -f $tmp/run-cb.sqlite*; cp $before_db $tmp/run-cb.sqlite"
  --baseline "wancun-before=$before subsidy check --month 2026-10 --db $tmp/run-cb.sqlite")
python3 scripts/bench.py --name "subsidy check, $points points, 12 months of ledgers" --runs "$runs" \
  --setup "wancun=rm -f $tmp/run-c.sqlite*; cp $base $tmp/run-c.sqlite" \
  --setup "sqlite3=rm -f $tmp/run-d.sqlite*; cp $base $tmp/run-d.sqlite" \
  --candidate "wancun=$wancun subsidy check --month 2026-10 --db $tmp/run-c.sqlite" \
  --baseline "sqlite3=sqlite3 -bail $tmp/run-d.sqlite < $tmp/subsidy-baseline.sql" "${compare[@]}"
echo "results: wancun $(sqlite3 "$tmp/run-c.sqlite" 'SELECT count(*) || " points, " || sum(eligible) || " eligible, " || sum(amount_fen) || " fen" FROM subsidy_result'), sqlite3 $(sqlite3 "$tmp/run-d.sqlite" 'SELECT count(*) || " points, " || sum(eligible) || " eligible, " || sum(amount_fen) || " fen" FROM sql_result')"
run=$(sqlite3 "$tmp/run-c.sqlite" 'SELECT max(id) FROM subsidy_run')
differences=$(sqlite3 -bail "$tmp/run-c.sqlite" <<SQL
ATTACH '$tmp/run-d.sqlite' AS d;
.parameter set :run $run
.read $(pwd)/scripts/subsidy-check-compare.sql
SQL
)
if [ -n "$differences" ]; then
  echo "FAILED: wancun and the SQL differ on $(printf '%s\n' "$differences" | cut -d'|' -f1 | sort -u | wc -l) points (code|side|point|operator|scope|eligible|fen|months before|including|days|rules):" >&2
  printf '%s\n' "$differences" | head -20 >&2
  exit 1
fi
echo "wancun and the SQL agree on every point's result, rule outcomes and amount"
