import GRDB

extension AppDatabase {
    /// The schema's history. Migrations use plain SQL, never app types, and are never edited
    /// once released: a change is a new migration. `schema.sql` shows the result.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()

        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE division (
                      id INTEGER PRIMARY KEY,
                      code TEXT NOT NULL UNIQUE
                        CHECK (length(code) = 12 AND code NOT GLOB '*[^0-9]*' AND substr(code, 1, 2) <> '00'),
                      name TEXT NOT NULL CHECK (name <> ''),
                      level TEXT NOT NULL
                        CHECK (level = CASE
                          WHEN substr(code, 10, 3) <> '000' THEN 'village'
                          WHEN substr(code, 7, 3) <> '000' THEN 'town'
                          WHEN substr(code, 5, 2) <> '00' THEN 'county'
                          WHEN substr(code, 3, 2) <> '00' THEN 'city'
                          ELSE 'province' END),
                      parent_id INTEGER REFERENCES division(id) ON DELETE RESTRICT,
                      retired_on TEXT CHECK (retired_on IS NULL OR date(retired_on) = retired_on),
                      CHECK ((level = 'province') = (parent_id IS NULL))
                    ) STRICT;
                    CREATE INDEX division_on_parent_id ON division(parent_id);

                    CREATE TABLE audit (
                      id INTEGER PRIMARY KEY,
                      at TEXT NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*'),
                      clerk TEXT NOT NULL CHECK (clerk <> ''),
                      action TEXT NOT NULL CHECK (action GLOB '[a-z]*.[a-z]*'),
                      division_code TEXT,
                      point_code TEXT,
                      operator_id_number TEXT,
                      before TEXT CHECK (before IS NULL OR json_valid(before)),
                      after TEXT CHECK (after IS NULL OR json_valid(after)),
                      reason TEXT
                    ) STRICT;
                    CREATE INDEX audit_on_point_code ON audit(point_code) WHERE point_code IS NOT NULL;
                    CREATE INDEX audit_on_operator_id_number ON audit(operator_id_number)
                      WHERE operator_id_number IS NOT NULL;
                    CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
                      BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
                    CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
                      BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
                    """)
        }

        return migrator
    }
}
