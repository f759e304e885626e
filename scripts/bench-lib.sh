# Sourced by every scripts/bench-*.sh: the repository root as working directory, the shared
# scratch folder ($tmp), and the wancun binary to measure ($wancun).
#   WANCUN_BIN=PATH     measure that binary (e.g. a release build of an earlier commit, for a
#                       before/after table) instead of building this checkout's;
#   TMPDIR              where the scratch folder wancun-bench lives (default /tmp);
#   WANCUN_BEFORE=PATH  also time that build (e.g. a release build of the starting commit) as
#                       "wancun-before", alternating with this one in the same runs; it works on
#                       databases of its own ($before_base, made by it; $before_db, the same rows
#                       copied into its schema, `before_copy`), since a build refuses a database
#                       a newer one has migrated;
#   WANCUN_BENCH_RESULTS=FILE  bench.py appends each benchmark's results there as a JSON line
#                       (scripts/bench-table.py turns them into the before/after table).
cd "$(dirname "${BASH_SOURCE[0]}")/.."
tmp=${TMPDIR:-/tmp}/wancun-bench
mkdir -p "$tmp"
if [ -n "${WANCUN_BIN:-}" ]; then
  wancun=$WANCUN_BIN
else
  swift build -c release --product wancun >/dev/null
  wancun=.build/release/wancun
fi
# wancun's record of the files it wrote holds the benchmarks' files only, as short as on a
# clerk's machine, not as long as this machine's other work has made it.
export WANCUN_STATE_DIR="$tmp/state"
export WANCUN_TODAY=${WANCUN_TODAY:-2026-11-26} WANCUN_CLERK=${WANCUN_CLERK:-bench}
# Every baseline runs in SQLite as a competent engineer would set it up for bulk work.
tuned_sqlite="PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY; PRAGMA foreign_keys = ON;"
before=${WANCUN_BEFORE:-}
# The earlier build's own scratch files, by its binary: a base for one build is not for another.
before_tmp=
[ -z "$before" ] || before_tmp="$tmp/before-$(cksum < "$before" | cut -d' ' -f1)"

# points_input SCALE COUNT: sets $csv to a generated file of COUNT points with operators over
# the SCALE's divisions, and $base to a database holding those divisions at this build's schema
# (both made once and kept in $tmp).
points_input() {
  local scale=$1 count=$2
  [ -f "$tmp/divisions-$scale.csv" ] || python3 scripts/generate.py divisions --scale "$scale" --out "$tmp/divisions-$scale.csv"
  csv="$tmp/points-$scale-$count.csv"
  [ -f "$csv" ] || python3 scripts/generate.py points --divisions "$tmp/divisions-$scale.csv" --count "$count" --out "$csv"
  base="$tmp/points-base-$scale.sqlite"
  [ -f "$base" ] || make_database "$wancun" "$base" "$scale"
  # A base made by an older build is brought to the current schema, so that both sides start equal.
  $wancun init --db "$base" >/dev/null
  sqlite3 "$base" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
  before_base=
  if [ -n "$before" ]; then
    mkdir -p "$before_tmp"
    before_base="$before_tmp/points-base-$scale.sqlite"
    [ -f "$before_base" ] || make_database "$before" "$before_base" "$scale"
  fi
}

# make_database BINARY DB SCALE [POINTS_CSV]: DB made by BINARY, holding the SCALE's divisions
# (and the file's points, when one is given), written under another name until complete.
make_database() {
  local binary=$1 db=$2 scale=$3 points=${4:-}
  rm -f "$db.partial"*
  $binary init --db "$db.partial" >/dev/null
  $binary division import "$tmp/divisions-$scale.csv" --db "$db.partial" >/dev/null
  [ -z "$points" ] || $binary point import "$points" --db "$db.partial" >/dev/null
  sqlite3 "$db.partial" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
  mv "$db.partial" "$db"
}

# before_copy DB: sets $before_db to a copy of DB's rows in a database of the earlier build's
# own schema ($before_tmp/NAME), made again whenever DB is newer. For the benchmarks whose base
# is made partly in SQL (parcel, reconcile, subsidy): the earlier build then works on the same
# rows as this one, on a database it accepts. The earlier build makes the empty database
# (`init`); every table both schemas have gets DB's rows in the columns both have, its own
# (what `init` wrote, its audit lines included) removed first.
before_copy() {
  local db=$1
  before_db=$before_tmp/$(basename "$db")
  mkdir -p "$before_tmp"
  [ -f "$before_db" ] && [ "$before_db" -nt "$db" ] && return
  rm -f "$before_db.partial"*
  $before init --db "$before_db.partial" >/dev/null
  python3 - "$before_db.partial" "$db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("ATTACH ? AS source", (sys.argv[2],))
db.execute("PRAGMA foreign_keys = OFF")
db.execute("BEGIN")
# The tables' guards (no delete, no update) are set aside while the rows are replaced.
triggers = db.execute("SELECT name, sql FROM main.sqlite_schema WHERE type = 'trigger'").fetchall()
for name, _ in triggers:
    db.execute(f'DROP TRIGGER "{name}"')
tables = [r[0] for r in db.execute(
    "SELECT name FROM main.sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations'")]
for table in tables:
    db.execute(f'DELETE FROM main."{table}"')
    theirs = {r[1] for r in db.execute(f'PRAGMA source.table_info("{table}")')}
    common = [r[1] for r in db.execute(f'PRAGMA main.table_info("{table}")') if r[1] in theirs]
    if common:
        columns = ", ".join(f'"{c}"' for c in common)
        db.execute(f'INSERT INTO main."{table}" ({columns}) SELECT {columns} FROM source."{table}"')
for _, sql in triggers:
    db.execute(sql)
db.execute("COMMIT")
db.execute("DETACH source")
db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
PY
  mv "$before_db.partial" "$before_db"
}
