#!/usr/bin/env bash
# Benchmark: `wancun reconcile parcels` of a 1,000,000-row courier manifest against the ledger,
# time and peak memory, against the sqlite3 CLI importing the manifest, indexing the waybill
# and running the matching join and both anti-joins into result tables.
# Usage, from the repository root: scripts/bench-reconcile-parcels.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
tmp=${TMPDIR:-/tmp}/wancun-bench
mkdir -p "$tmp"
swift build -c release --product wancun >/dev/null
wancun=.build/release/wancun
export WANCUN_TODAY=2026-11-26 WANCUN_CLERK=bench
base="$tmp/reconcile-base.sqlite"
manifest="$tmp/manifest-1000000.csv"
if [ ! -f "$base" ]; then
  [ -f "$tmp/divisions-province.csv" ] || python3 scripts/generate.py divisions --scale province --out "$tmp/divisions-province.csv"
  $wancun init --db "$base" >/dev/null
  $wancun division import "$tmp/divisions-province.csv" --db "$base" >/dev/null
  sqlite3 "$base" <<'SQL'
PRAGMA cache_size = -200000;
INSERT INTO point (code, village_id, name, status) SELECT code || '001', id, name || '服务站', 'operating' FROM division WHERE level = 'village';
INSERT INTO courier (name, brand) VALUES ('中通快递', '中通');
WITH RECURSIVE n(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM n WHERE n < 61)
INSERT INTO parcel (point_id, courier_id, waybill, arrived_at)
  SELECT p.id, 1, printf('ZT%07d%02d', p.id, n.n), printf('2026-10-%02d %02d:%02d', 1 + (p.id + n.n) % 31, 8 + n.n % 10, (p.id * 7 + n.n) % 60)
  FROM point p, n ORDER BY random() LIMIT 1000000;
PRAGMA wal_checkpoint(TRUNCATE);
SQL
  # The courier's manifest: the ledger less 100 parcels, 100 with another time, 100 it never had.
  sqlite3 -csv "$base" "SELECT '运单号', '服务点编码', '到站时间'
    UNION ALL SELECT * FROM (SELECT x.waybill, p.code, CASE WHEN x.id % 10000 = 1 THEN '2026-10-31 23:59' ELSE x.arrived_at END
      FROM parcel x JOIN point p ON p.id = x.point_id WHERE x.id % 10000 <> 0 ORDER BY x.id)
    UNION ALL SELECT * FROM (SELECT 'XX' || x.waybill, p.code, x.arrived_at FROM parcel x JOIN point p ON p.id = x.point_id
      WHERE x.id % 10000 = 2)" > "$manifest"
fi
echo "manifest: $(($(wc -l < "$manifest") - 1)) rows; ledger: $(sqlite3 "$base" 'SELECT count(*) FROM parcel') parcels"
cat > "$tmp/reconcile-baseline.sql" <<SQL
CREATE TABLE manifest (waybill TEXT, point_code TEXT, arrived_at TEXT);
.import --csv --skip 1 $manifest manifest
CREATE INDEX manifest_waybill ON manifest(waybill);
CREATE TABLE ledger AS SELECT x.waybill, p.code AS point_code, x.arrived_at FROM parcel x JOIN point p ON p.id = x.point_id
  WHERE x.courier_id = 1 AND x.arrived_at >= '2026-10-01' AND x.arrived_at < '2026-11-01';
CREATE INDEX ledger_waybill ON ledger(waybill);
CREATE TABLE result_mismatch AS SELECT m.waybill FROM manifest m JOIN ledger l ON l.waybill = m.waybill
  WHERE m.point_code IS NOT l.point_code OR m.arrived_at IS NOT l.arrived_at;
CREATE TABLE result_only_in_file AS SELECT m.waybill FROM manifest m WHERE NOT EXISTS (SELECT 1 FROM ledger l WHERE l.waybill = m.waybill);
CREATE TABLE result_only_in_ledger AS SELECT l.waybill FROM ledger l WHERE NOT EXISTS (SELECT 1 FROM manifest m WHERE m.waybill = l.waybill);
SQL
python3 scripts/bench.py --name "reconcile a 1,000,000-row courier manifest" --runs "$runs" \
  --setup "wancun=rm -f $tmp/run-r.sqlite*; cp $base $tmp/run-r.sqlite" \
  --setup "sqlite3=rm -f $tmp/run-s2.sqlite*; cp $base $tmp/run-s2.sqlite" \
  --candidate "wancun=$wancun reconcile parcels --courier 中通快递 --manifest $manifest --month 2026-10 --db $tmp/run-r.sqlite; test \$? -eq 3" \
  --baseline "sqlite3=sqlite3 $tmp/run-s2.sqlite < $tmp/reconcile-baseline.sql"
echo "wancun: $(sqlite3 "$tmp/run-r.sqlite" 'SELECT matched || " matched, " || field_mismatch || " field, " || only_in_registry || " only in registry, " || unknown_key || " unknown" FROM reconciliation')"
echo "sqlite3: $(sqlite3 "$tmp/run-s2.sqlite" 'SELECT (SELECT count(*) FROM result_mismatch) || " mismatched, " || (SELECT count(*) FROM result_only_in_file) || " only in file, " || (SELECT count(*) FROM result_only_in_ledger) || " only in ledger"')"
