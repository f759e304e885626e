#!/usr/bin/env bash
# Benchmark: `wancun parcel import` of a generated 1,000,000-row parcel ledger, every check on,
# against the sqlite3 CLI doing the same database work without checks, tuned (one transaction,
# 64 MB cache, temporary tables in memory, foreign keys on): `.import` into a temporary staging
# table, then one INSERT … SELECT into the same parcel table (same indexes and constraints).
# Each run starts from a copy of the same database (a province: ~20,000 points). Left out of
# the baseline: wancun's checks of every value, its duplicate-waybill check against the ledger
# (the table's UNIQUE index refuses them in both), its look-up of each row's day in its point's
# status history (a row on a day the point was not operating is written with a warning) and its
# one audit line for the file. Every point of the base has been operating since 2020-01-01, so
# every row counts.
# Afterwards both parcel tables are compared row by row.
# Usage, from the repository root: scripts/bench-parcel-import.sh [ROWS] [RUNS]
set -euo pipefail
source "$(dirname "$0")/bench-lib.sh"
rows=${1:-1000000}
runs=${2:-5}
[ -f "$tmp/divisions-province.csv" ] || python3 scripts/generate.py divisions --scale province --out "$tmp/divisions-province.csv"
[ -f "$tmp/parcels-province-$rows.csv" ] || python3 scripts/generate.py parcels --points-from "$tmp/divisions-province.csv" --rows "$rows" --out "$tmp/parcels-province-$rows.csv"
base="$tmp/parcel-base.sqlite"
# A base made before its points had a status history is made again.
if [ -f "$base" ] && [ "$(sqlite3 "$base" 'SELECT count(*) FROM point_status')" = 0 ]; then rm -f "$base"*; fi
if [ ! -f "$base" ]; then
  rm -f "$base"
  $wancun init --db "$base" >/dev/null
  $wancun division import "$tmp/divisions-province.csv" --db "$base" >/dev/null
  # Points and couriers straight in SQL: setting up, not measured.
  sqlite3 "$base" "INSERT INTO point (code, village_id, name, status, opened_on) SELECT code || '001', id, name || '服务站', 'operating', '2020-01-01' FROM division WHERE level = 'village';
    INSERT INTO point_status (point_id, from_status, status, on_date, reason, clerk) SELECT id, 'planned', 'operating', '2020-01-01', '开业', 'bench' FROM point;
    INSERT INTO courier (name, brand) VALUES ('中国邮政','中国邮政'),('顺丰速运','顺丰'),('中通快递','中通'),('圆通速递','圆通'),
      ('申通快递','申通'),('韵达速递','韵达'),('极兔速递','极兔'),('京东物流','京东');
    PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
fi
csv="$tmp/parcels-province-$rows.csv"
cat > "$tmp/baseline.sql" <<SQL
$tuned_sqlite
BEGIN;
CREATE TEMP TABLE staging (point_code TEXT, waybill TEXT, courier TEXT, arrived_at TEXT, picked_up_at TEXT);
.import --csv --skip 1 $csv staging
INSERT INTO parcel (point_id, courier_id, waybill, arrived_at, picked_up_at)
  SELECT p.id, c.id, s.waybill, s.arrived_at, NULLIF(s.picked_up_at, '')
  FROM staging s JOIN point p ON p.code = s.point_code JOIN courier c ON c.name = s.courier;
COMMIT;
SQL
compare=()
[ -z "$before" ] || before_copy "$base"
[ -z "$before" ] || compare=(--setup "wancun-before=rm -f $tmp/run-b.sqlite*; cp $before_db $tmp/run-b.sqlite"
  --baseline "wancun-before=$before parcel import $csv --db $tmp/run-b.sqlite")
python3 scripts/bench.py --name "parcel import, $rows rows" --runs "$runs" \
  --setup "wancun=rm -f $tmp/run-w.sqlite*; cp $base $tmp/run-w.sqlite" \
  --setup "sqlite3=rm -f $tmp/run-s.sqlite*; cp $base $tmp/run-s.sqlite" \
  --candidate "wancun=$wancun parcel import $csv --db $tmp/run-w.sqlite" \
  --baseline "sqlite3=sqlite3 -bail $tmp/run-s.sqlite < $tmp/baseline.sql" "${compare[@]}"
contents="SELECT p.code, c.name, x.waybill, x.arrived_at, x.picked_up_at FROM parcel x JOIN point p ON p.id = x.point_id
  JOIN courier c ON c.id = x.courier_id ORDER BY x.waybill"
if cmp -s <(sqlite3 "$tmp/run-w.sqlite" "$contents") <(sqlite3 "$tmp/run-s.sqlite" "$contents"); then
  echo "wancun and sqlite3 wrote the same $(sqlite3 "$tmp/run-w.sqlite" 'SELECT count(*) FROM parcel') parcels"
else
  echo "wancun and sqlite3 wrote different parcels: the baseline needs fixing" >&2
  exit 1
fi
