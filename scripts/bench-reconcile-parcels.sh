#!/usr/bin/env bash
# Benchmark: `wancun reconcile parcels` of a 1,000,000-row courier manifest against the ledger,
# time and peak memory, against the sqlite3 CLI doing the same matching and recording the same
# outcomes (below). Afterwards both sides' recorded items and counts are compared.
# Usage, from the repository root: scripts/bench-reconcile-parcels.sh [RUNS]
set -euo pipefail
source "$(dirname "$0")/bench-lib.sh"
runs=${1:-5}
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
# The same work in SQL, tuned: the manifest into a temporary table, the month's ledger beside
# it, both indexed once full, then every outcome wancun records (duplicates, field mismatches one
# line per field, only in the file or unknown, only in the ledger) written as reconciliation
# items under one reconciliation row with its counts, in one transaction. Left out: wancun's
# check of every value, the file's SHA-256 and the audit line.
cat > "$tmp/reconcile-baseline.sql" <<SQL
$tuned_sqlite
BEGIN;
CREATE TEMP TABLE manifest (waybill TEXT NOT NULL, point_code TEXT, arrived_at TEXT);
.import --csv --skip 1 $manifest manifest
CREATE TEMP TABLE ledger AS SELECT x.waybill, p.code AS point_code, x.arrived_at FROM parcel x JOIN point p ON p.id = x.point_id
  WHERE x.courier_id = 1 AND x.arrived_at >= '2026-10-01' AND x.arrived_at < '2026-11-01';
CREATE INDEX temp.manifest_waybill ON manifest(waybill);
CREATE UNIQUE INDEX temp.ledger_waybill ON ledger(waybill);
CREATE TEMP TABLE dup AS SELECT m.rowid AS line FROM manifest m
  JOIN (SELECT waybill, min(rowid) AS first FROM manifest GROUP BY waybill HAVING count(*) > 1) d ON d.waybill = m.waybill
  WHERE m.rowid > d.first;
-- Each row the file holds once (or first) beside its ledger entry, in one pass.
CREATE TEMP TABLE joined AS
  SELECT m.rowid AS line, m.waybill, m.point_code AS fp, m.arrived_at AS fa, l.point_code AS lp, l.arrived_at AS la, l.waybill IS NOT NULL AS found
  FROM manifest m LEFT JOIN ledger l ON l.waybill = m.waybill WHERE m.rowid NOT IN (SELECT line FROM dup);
CREATE TEMP TABLE item AS
  SELECT 'duplicate_in_file' AS outcome, m.waybill AS key, m.rowid + 1 AS file_row, NULL AS field, NULL AS expected, NULL AS actual, 0 AS k
    FROM manifest m WHERE m.rowid IN (SELECT line FROM dup)
  UNION ALL SELECT 'field_mismatch', waybill, line + 1, '服务点编码', lp, fp, 1 FROM joined WHERE found AND fp IS NOT lp
  UNION ALL SELECT 'field_mismatch', waybill, line + 1, '到站时间', la, fa, 2 FROM joined WHERE found AND fa IS NOT la
  UNION ALL SELECT CASE WHEN EXISTS (SELECT 1 FROM parcel x WHERE x.courier_id = 1 AND x.waybill = j.waybill)
      THEN 'only_in_file' ELSE 'unknown_key' END, waybill, line + 1, NULL, NULL, NULL, 3 FROM joined j WHERE NOT found
  UNION ALL SELECT 'only_in_registry', l.waybill, NULL, NULL, NULL, NULL, 4
    FROM ledger l WHERE NOT EXISTS (SELECT 1 FROM manifest m WHERE m.waybill = l.waybill);
INSERT INTO reconciliation (kind, subject, month, file_name, file_sha256, created_at, clerk, unit, expected_total, actual_total,
    matched, amount_mismatch, field_mismatch, only_in_registry, only_in_file, duplicate_in_file, unknown_key, invalid_row)
  SELECT 'parcels', '中通快递', '2026-10', '$(basename "$manifest")', printf('%064d', 0), '2026-11-26T09:00:00+08:00', 'bench', 'parcels',
    (SELECT count(*) FROM ledger), (SELECT count(*) FROM joined),
    (SELECT count(*) FROM joined WHERE found) - (SELECT count(DISTINCT file_row) FROM item WHERE outcome = 'field_mismatch'),
    0, (SELECT count(DISTINCT file_row) FROM item WHERE outcome = 'field_mismatch'),
    (SELECT count(*) FROM item WHERE outcome = 'only_in_registry'), (SELECT count(*) FROM item WHERE outcome = 'only_in_file'),
    (SELECT count(*) FROM item WHERE outcome = 'duplicate_in_file'), (SELECT count(*) FROM item WHERE outcome = 'unknown_key'), 0;
INSERT INTO reconciliation_item (reconciliation_id, outcome, key, file_row, field, expected, actual)
  SELECT (SELECT max(id) FROM reconciliation), outcome, key, file_row, field, expected, actual FROM item
  ORDER BY k = 4, file_row, k, key;
COMMIT;
SQL
compare=()
[ -z "$before" ] || before_copy "$base"
[ -z "$before" ] || compare=(--setup "wancun-before=rm -f $tmp/run-rb.sqlite*; cp $before_db $tmp/run-rb.sqlite"
  --baseline "wancun-before=$before reconcile parcels --courier 中通快递 --manifest $manifest --month 2026-10 --db $tmp/run-rb.sqlite; test \$? -eq 3")
python3 scripts/bench.py --name "reconcile a 1,000,000-row courier manifest" --runs "$runs" \
  --setup "wancun=rm -f $tmp/run-r.sqlite*; cp $base $tmp/run-r.sqlite" \
  --setup "sqlite3=rm -f $tmp/run-s2.sqlite*; cp $base $tmp/run-s2.sqlite" \
  --candidate "wancun=$wancun reconcile parcels --courier 中通快递 --manifest $manifest --month 2026-10 --db $tmp/run-r.sqlite; test \$? -eq 3" \
  --baseline "sqlite3=sqlite3 -bail $tmp/run-s2.sqlite < $tmp/reconcile-baseline.sql" "${compare[@]}"
counts='SELECT matched || " matched, " || field_mismatch || " field mismatches, " || only_in_registry || " only in ledger, "
  || only_in_file || " only in file, " || unknown_key || " unknown, " || duplicate_in_file || " duplicates" FROM reconciliation'
echo "wancun:  $(sqlite3 "$tmp/run-r.sqlite" "$counts")"
echo "sqlite3: $(sqlite3 "$tmp/run-s2.sqlite" "$counts")"
items='SELECT outcome, key, file_row, field, expected, actual FROM reconciliation_item ORDER BY outcome, key, field'
if cmp -s <(sqlite3 "$tmp/run-r.sqlite" "$items") <(sqlite3 "$tmp/run-s2.sqlite" "$items") \
  && cmp -s <(sqlite3 "$tmp/run-r.sqlite" "$counts") <(sqlite3 "$tmp/run-s2.sqlite" "$counts"); then
  echo "wancun and sqlite3 recorded the same $(sqlite3 "$tmp/run-r.sqlite" 'SELECT count(*) FROM reconciliation_item') items and counts"
else
  echo "wancun and sqlite3 recorded different reconciliation items: the baseline needs fixing" >&2
  exit 1
fi
