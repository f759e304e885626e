#!/usr/bin/env bash
# Rewrites schema.sql from a freshly migrated database, on purpose, after adding a migration.
# The schema drift test (SchemaTests) fails until this is run and the result committed.
# Usage, from the repository root: scripts/dump-schema.sh
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
swift run -q wancun init --db "$tmp/schema.sqlite" >/dev/null
# The same query as AppDatabase.schemaQuery.
sqlite3 "$tmp/schema.sqlite" "SELECT sql || ';' FROM sqlite_schema
  WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'
  ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 WHEN 'view' THEN 2 ELSE 3 END, name" \
  | awk 'NR > 1 && /^CREATE / { print "" } { print }' > schema.sql
echo "schema.sql rewritten"
