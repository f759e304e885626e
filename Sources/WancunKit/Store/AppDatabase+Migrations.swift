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

        migrator.registerMigration("v2") { db in
            try db.execute(
                sql: """
                    CREATE TABLE point (
                      id INTEGER PRIMARY KEY,
                      code TEXT NOT NULL UNIQUE CHECK (length(code) = 15 AND code NOT GLOB '*[^0-9]*'),
                      village_id INTEGER NOT NULL REFERENCES division(id) ON DELETE RESTRICT,
                      name TEXT NOT NULL CHECK (name <> ''),
                      address TEXT CHECK (address <> ''),
                      latitude REAL CHECK (latitude BETWEEN -90 AND 90),
                      longitude REAL CHECK (longitude BETWEEN -180 AND 180),
                      plan_year INTEGER CHECK (plan_year BETWEEN 2000 AND 2100),
                      opened_on TEXT CHECK (date(opened_on) = opened_on),
                      status TEXT NOT NULL DEFAULT 'planned'
                        CHECK (status IN ('planned', 'operating', 'suspended', 'closed')),
                      business_name TEXT CHECK (business_name <> ''),
                      credit_code TEXT CHECK (length(credit_code) = 18),
                      credit_code_override TEXT CHECK (credit_code_override <> ''),
                      CHECK ((latitude IS NULL) = (longitude IS NULL)),
                      CHECK (credit_code IS NULL OR business_name IS NOT NULL)
                    ) STRICT;
                    CREATE INDEX point_on_village_id ON point(village_id);
                    CREATE TRIGGER point_no_delete BEFORE DELETE ON point
                      BEGIN SELECT RAISE(ABORT, 'points are closed, never deleted'); END;

                    CREATE TABLE point_status (
                      id INTEGER PRIMARY KEY,
                      point_id INTEGER NOT NULL REFERENCES point(id) ON DELETE RESTRICT,
                      from_status TEXT CHECK (from_status IN ('planned', 'operating', 'suspended')),
                      status TEXT NOT NULL CHECK (status IN ('planned', 'operating', 'suspended', 'closed')),
                      on_date TEXT NOT NULL CHECK (date(on_date) = on_date),
                      reason TEXT NOT NULL CHECK (reason <> ''),
                      clerk TEXT NOT NULL CHECK (clerk <> '')
                    ) STRICT;
                    CREATE INDEX point_status_on_point_id ON point_status(point_id, on_date);
                    CREATE TRIGGER point_status_sets_point AFTER INSERT ON point_status
                      BEGIN UPDATE point SET status = NEW.status WHERE id = NEW.point_id; END;
                    CREATE TRIGGER point_status_no_update BEFORE UPDATE ON point_status
                      BEGIN SELECT RAISE(ABORT, 'status history is append-only'); END;

                    CREATE TABLE operator (
                      id INTEGER PRIMARY KEY,
                      id_number TEXT NOT NULL UNIQUE
                        CHECK (length(id_number) = 18 AND substr(id_number, 1, 17) NOT GLOB '*[^0-9]*'
                          AND substr(id_number, 18, 1) GLOB '[0-9X]'),
                      name TEXT NOT NULL CHECK (name <> ''),
                      phone TEXT NOT NULL CHECK (length(phone) = 11 AND phone GLOB '1[3-9]*' AND phone NOT GLOB '*[^0-9]*'),
                      difficulty TEXT CHECK (difficulty IN
                        ('4050', 'disabled', 'zero-employment', 'minimum-income', 'land-lost', 'long-term-unemployed', 'other')),
                      difficulty_note TEXT CHECK (difficulty_note <> ''),
                      certificate_no TEXT CHECK (certificate_no <> ''),
                      certified_on TEXT CHECK (date(certified_on) = certified_on),
                      retirement_group TEXT NOT NULL CHECK (retirement_group IN ('male', 'female-55', 'female-50')),
                      CHECK ((difficulty IS NULL) = (certificate_no IS NULL) AND (difficulty IS NULL) = (certified_on IS NULL)),
                      CHECK (difficulty IS NOT 'other' OR difficulty_note IS NOT NULL),
                      CHECK ((retirement_group = 'male') = (CAST(substr(id_number, 17, 1) AS INTEGER) % 2 = 1))
                    ) STRICT;
                    CREATE INDEX operator_on_phone ON operator(phone);

                    CREATE TABLE assignment (
                      id INTEGER PRIMARY KEY,
                      point_id INTEGER NOT NULL REFERENCES point(id) ON DELETE RESTRICT,
                      operator_id INTEGER NOT NULL REFERENCES operator(id) ON DELETE RESTRICT,
                      started_on TEXT NOT NULL CHECK (date(started_on) = started_on),
                      ended_on TEXT CHECK (date(ended_on) = ended_on AND ended_on >= started_on),
                      end_reason TEXT CHECK (end_reason <> ''),
                      contract_type TEXT CHECK (contract_type IN ('labour', 'civil')),
                      contract_from TEXT CHECK (date(contract_from) = contract_from),
                      contract_to TEXT CHECK (date(contract_to) = contract_to AND contract_to >= contract_from),
                      CHECK ((contract_type IS NULL) = (contract_from IS NULL)),
                      CHECK (contract_to IS NULL OR contract_type IS NOT NULL),
                      CHECK ((ended_on IS NULL) = (end_reason IS NULL))
                    ) STRICT;
                    CREATE INDEX assignment_on_point_id ON assignment(point_id, started_on);
                    CREATE INDEX assignment_on_operator_id ON assignment(operator_id, started_on);
                    CREATE UNIQUE INDEX assignment_one_open_per_point ON assignment(point_id) WHERE ended_on IS NULL;
                    CREATE UNIQUE INDEX assignment_one_open_per_operator ON assignment(operator_id) WHERE ended_on IS NULL;
                    """)
        }

        return migrator
    }
}
