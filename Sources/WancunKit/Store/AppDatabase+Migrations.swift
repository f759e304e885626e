import Crypto
import Foundation
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

        migrator.registerMigration("v3") { db in
            try db.execute(
                sql: """
                    CREATE INDEX point_on_latitude ON point(latitude, longitude) WHERE latitude IS NOT NULL;

                    CREATE TABLE service (
                      id INTEGER PRIMARY KEY,
                      point_id INTEGER NOT NULL REFERENCES point(id) ON DELETE RESTRICT,
                      kind TEXT NOT NULL
                        CHECK (kind IN ('agent-purchase', 'agent-sale', 'bill-payment', 'ticketing', 'parcel', 'finance')),
                      category TEXT CHECK (category IN ('building-materials', 'farm-inputs', 'medicines', 'daily-goods')),
                      partner TEXT CHECK (partner <> ''),
                      licence TEXT CHECK (licence <> ''),
                      started_on TEXT NOT NULL CHECK (date(started_on) = started_on),
                      ended_on TEXT CHECK (date(ended_on) = ended_on AND ended_on >= started_on),
                      CHECK ((kind = 'agent-purchase') = (category IS NOT NULL)),
                      CHECK (category IS NOT 'medicines' OR (partner IS NOT NULL AND licence IS NOT NULL)),
                      CHECK (kind <> 'finance' OR partner IS NOT NULL)
                    ) STRICT;
                    CREATE INDEX service_on_point_id ON service(point_id, kind);
                    CREATE UNIQUE INDEX service_one_open ON service(point_id, kind, ifnull(category, '')) WHERE ended_on IS NULL;

                    CREATE TABLE courier (
                      id INTEGER PRIMARY KEY,
                      name TEXT NOT NULL UNIQUE CHECK (name <> ''),
                      brand TEXT NOT NULL CHECK (brand <> ''),
                      credit_code TEXT CHECK (length(credit_code) = 18),
                      credit_code_override TEXT CHECK (credit_code_override <> ''),
                      is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1))
                    ) STRICT;

                    CREATE TABLE courier_link (
                      id INTEGER PRIMARY KEY,
                      point_id INTEGER NOT NULL REFERENCES point(id) ON DELETE RESTRICT,
                      courier_id INTEGER NOT NULL REFERENCES courier(id) ON DELETE RESTRICT,
                      started_on TEXT NOT NULL CHECK (date(started_on) = started_on),
                      ended_on TEXT CHECK (date(ended_on) = ended_on AND ended_on > started_on),
                      days_per_week INTEGER CHECK (days_per_week BETWEEN 1 AND 7),
                      fee_fen INTEGER CHECK (fee_fen >= 0)
                    ) STRICT;
                    CREATE INDEX courier_link_on_point_id ON courier_link(point_id, courier_id);
                    CREATE INDEX courier_link_on_courier_id ON courier_link(courier_id);

                    CREATE TABLE station (
                      id INTEGER PRIMARY KEY,
                      name TEXT NOT NULL UNIQUE CHECK (name <> ''),
                      town_id INTEGER NOT NULL REFERENCES division(id) ON DELETE RESTRICT
                    ) STRICT;
                    CREATE TABLE station_courier (
                      station_id INTEGER NOT NULL REFERENCES station(id) ON DELETE CASCADE,
                      courier_id INTEGER NOT NULL REFERENCES courier(id) ON DELETE RESTRICT,
                      PRIMARY KEY (station_id, courier_id)
                    ) STRICT;

                    CREATE TABLE route (
                      id INTEGER PRIMARY KEY,
                      name TEXT NOT NULL UNIQUE CHECK (name <> ''),
                      vehicle TEXT NOT NULL CHECK (length(vehicle) BETWEEN 7 AND 8),
                      station_id INTEGER REFERENCES station(id) ON DELETE RESTRICT,
                      started_on TEXT NOT NULL CHECK (date(started_on) = started_on),
                      ended_on TEXT CHECK (date(ended_on) = ended_on AND ended_on > started_on)
                    ) STRICT;
                    CREATE TABLE route_courier (
                      route_id INTEGER NOT NULL REFERENCES route(id) ON DELETE CASCADE,
                      courier_id INTEGER NOT NULL REFERENCES courier(id) ON DELETE RESTRICT,
                      PRIMARY KEY (route_id, courier_id)
                    ) STRICT;
                    CREATE TABLE route_stop (
                      route_id INTEGER NOT NULL REFERENCES route(id) ON DELETE CASCADE,
                      position INTEGER NOT NULL CHECK (position >= 1),
                      point_id INTEGER NOT NULL REFERENCES point(id) ON DELETE RESTRICT,
                      PRIMARY KEY (route_id, position),
                      UNIQUE (route_id, point_id)
                    ) STRICT;

                    CREATE TABLE parcel (
                      id INTEGER PRIMARY KEY,
                      point_id INTEGER NOT NULL REFERENCES point(id) ON DELETE RESTRICT,
                      courier_id INTEGER NOT NULL REFERENCES courier(id) ON DELETE RESTRICT,
                      waybill TEXT NOT NULL CHECK (waybill <> '' AND length(waybill) <= 40),
                      arrived_at TEXT NOT NULL
                        CHECK (arrived_at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]'),
                      picked_up_at TEXT
                        CHECK (picked_up_at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]'
                          AND picked_up_at >= arrived_at)
                    ) STRICT;
                    CREATE UNIQUE INDEX parcel_on_courier_id_waybill ON parcel(courier_id, waybill);
                    CREATE INDEX parcel_on_point_id_arrived_at ON parcel(point_id, arrived_at);

                    CREATE TABLE purchase (
                      id INTEGER PRIMARY KEY,
                      point_id INTEGER NOT NULL REFERENCES point(id) ON DELETE RESTRICT,
                      platform TEXT NOT NULL CHECK (platform <> ''),
                      order_no TEXT NOT NULL CHECK (order_no <> '' AND length(order_no) <= 64),
                      category TEXT NOT NULL CHECK (category IN ('building-materials', 'farm-inputs', 'medicines', 'daily-goods')),
                      amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
                      on_date TEXT NOT NULL CHECK (date(on_date) = on_date),
                      UNIQUE (platform, order_no)
                    ) STRICT;
                    CREATE INDEX purchase_on_point_id_on_date ON purchase(point_id, on_date);
                    """)
        }

        migrator.registerMigration("v4") { db in
            try db.execute(
                sql: """
                    CREATE TABLE policy_value (
                      id INTEGER PRIMARY KEY,
                      key TEXT NOT NULL CHECK (key IN ('monthly_amount_fen', 'max_months', 'near_retirement_window_months',
                        'min_monthly_activity', 'accepted_difficulty_categories', 'min_operating_days')),
                      value TEXT NOT NULL CHECK (value <> ''),
                      unit TEXT NOT NULL CHECK (unit IN ('fen', 'months', 'count', 'categories', 'days')),
                      from_date TEXT NOT NULL CHECK (date(from_date) = from_date),
                      source TEXT NOT NULL CHECK (source <> ''),
                      UNIQUE (key, from_date)
                    ) STRICT;

                    CREATE TABLE retirement_override (
                      id INTEGER PRIMARY KEY,
                      operator_id INTEGER NOT NULL UNIQUE REFERENCES operator(id) ON DELETE RESTRICT,
                      retirement_month TEXT NOT NULL CHECK (retirement_month GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
                      reason TEXT NOT NULL CHECK (reason <> '')
                    ) STRICT;

                    CREATE TABLE point_verification (
                      id INTEGER PRIMARY KEY,
                      point_id INTEGER NOT NULL REFERENCES point(id) ON DELETE RESTRICT,
                      hr_ref TEXT NOT NULL CHECK (hr_ref <> ''),
                      verified_on TEXT NOT NULL CHECK (date(verified_on) = verified_on),
                      valid_until TEXT CHECK (date(valid_until) = valid_until AND valid_until >= verified_on)
                    ) STRICT;
                    CREATE INDEX point_verification_on_point_id ON point_verification(point_id);

                    CREATE TABLE opening_balance (
                      id INTEGER PRIMARY KEY,
                      operator_id INTEGER NOT NULL UNIQUE REFERENCES operator(id) ON DELETE RESTRICT,
                      months INTEGER NOT NULL CHECK (months BETWEEN 0 AND 600),
                      first_month TEXT NOT NULL CHECK (first_month GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
                      as_of_month TEXT NOT NULL CHECK (as_of_month GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND as_of_month >= first_month),
                      source TEXT NOT NULL CHECK (source <> '')
                    ) STRICT;

                    CREATE TABLE other_post (
                      id INTEGER PRIMARY KEY,
                      month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
                      id_number TEXT NOT NULL CHECK (length(id_number) = 18),
                      name TEXT NOT NULL CHECK (name <> ''),
                      department TEXT NOT NULL CHECK (department <> ''),
                      UNIQUE (month, id_number, department)
                    ) STRICT;

                    CREATE TABLE subsidy_run (
                      id INTEGER PRIMARY KEY,
                      month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
                      created_at TEXT NOT NULL,
                      clerk TEXT NOT NULL CHECK (clerk <> ''),
                      policy_sha256 TEXT NOT NULL CHECK (length(policy_sha256) = 64),
                      inputs_sha256 TEXT NOT NULL CHECK (length(inputs_sha256) = 64),
                      status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'final', 'replaced')),
                      finalized_at TEXT,
                      replaced_reason TEXT CHECK (replaced_reason <> ''),
                      CHECK ((status = 'draft') = (finalized_at IS NULL)),
                      CHECK ((status = 'replaced') = (replaced_reason IS NOT NULL))
                    ) STRICT;
                    CREATE UNIQUE INDEX subsidy_run_one_final_per_month ON subsidy_run(month) WHERE status = 'final';
                    CREATE TRIGGER subsidy_run_immutable BEFORE UPDATE ON subsidy_run
                      WHEN OLD.month <> NEW.month OR OLD.created_at <> NEW.created_at OR OLD.clerk <> NEW.clerk
                        OR OLD.policy_sha256 <> NEW.policy_sha256 OR OLD.inputs_sha256 <> NEW.inputs_sha256
                        OR NOT ((OLD.status = 'draft' AND NEW.status IN ('draft', 'final'))
                          OR (OLD.status = 'final' AND NEW.status IN ('final', 'replaced'))
                          OR (OLD.status = 'replaced' AND NEW.status = 'replaced' AND OLD.replaced_reason = NEW.replaced_reason))
                      BEGIN SELECT RAISE(ABORT, 'a subsidy run is immutable: only draft → final → replaced'); END;
                    CREATE TRIGGER subsidy_run_no_delete BEFORE DELETE ON subsidy_run
                      BEGIN SELECT RAISE(ABORT, 'subsidy runs are kept'); END;

                    CREATE TABLE subsidy_result (
                      id INTEGER PRIMARY KEY,
                      run_id INTEGER NOT NULL REFERENCES subsidy_run(id) ON DELETE RESTRICT,
                      point_id INTEGER NOT NULL REFERENCES point(id) ON DELETE RESTRICT,
                      operator_id INTEGER REFERENCES operator(id) ON DELETE RESTRICT,
                      eligible INTEGER NOT NULL CHECK (eligible IN (0, 1)),
                      amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0),
                      months_before INTEGER NOT NULL CHECK (months_before >= 0),
                      months_including INTEGER NOT NULL CHECK (months_including = months_before + eligible),
                      rules TEXT NOT NULL CHECK (json_valid(rules)),
                      snapshot TEXT NOT NULL CHECK (json_valid(snapshot)),
                      UNIQUE (run_id, point_id),
                      CHECK (eligible = 1 OR amount_fen = 0),
                      CHECK (eligible = 0 OR operator_id IS NOT NULL)
                    ) STRICT;
                    CREATE INDEX subsidy_result_on_operator_id ON subsidy_result(operator_id);
                    CREATE TRIGGER subsidy_result_no_update BEFORE UPDATE ON subsidy_result
                      BEGIN SELECT RAISE(ABORT, 'subsidy results are immutable'); END;
                    CREATE TRIGGER subsidy_result_no_delete BEFORE DELETE ON subsidy_result
                      BEGIN SELECT RAISE(ABORT, 'subsidy results are immutable'); END;

                    CREATE TABLE hr_decision (
                      id INTEGER PRIMARY KEY,
                      run_id INTEGER NOT NULL REFERENCES subsidy_run(id) ON DELETE RESTRICT,
                      operator_id INTEGER NOT NULL REFERENCES operator(id) ON DELETE RESTRICT,
                      approved INTEGER NOT NULL CHECK (approved IN (0, 1)),
                      approved_fen INTEGER CHECK (approved_fen >= 0),
                      paid_fen INTEGER CHECK (paid_fen >= 0),
                      paid_on TEXT CHECK (date(paid_on) = paid_on),
                      remark TEXT,
                      UNIQUE (run_id, operator_id)
                    ) STRICT;
                    """)
        }

        migrator.registerMigration("v5") { db in
            try db.execute(
                sql: """
                    CREATE TABLE reconciliation (
                      id INTEGER PRIMARY KEY,
                      kind TEXT NOT NULL CHECK (kind IN ('hr', 'parcels', 'fees', 'purchases')),
                      subject TEXT NOT NULL CHECK (subject <> ''),
                      month TEXT CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
                      run_id INTEGER REFERENCES subsidy_run(id) ON DELETE RESTRICT,
                      file_name TEXT NOT NULL CHECK (file_name <> ''),
                      file_sha256 TEXT NOT NULL CHECK (length(file_sha256) = 64),
                      created_at TEXT NOT NULL,
                      clerk TEXT NOT NULL CHECK (clerk <> ''),
                      unit TEXT NOT NULL CHECK (unit IN ('fen', 'parcels')),
                      expected_total INTEGER NOT NULL,
                      actual_total INTEGER NOT NULL,
                      matched INTEGER NOT NULL CHECK (matched >= 0),
                      amount_mismatch INTEGER NOT NULL CHECK (amount_mismatch >= 0),
                      field_mismatch INTEGER NOT NULL CHECK (field_mismatch >= 0),
                      only_in_registry INTEGER NOT NULL CHECK (only_in_registry >= 0),
                      only_in_file INTEGER NOT NULL CHECK (only_in_file >= 0),
                      duplicate_in_file INTEGER NOT NULL CHECK (duplicate_in_file >= 0),
                      unknown_key INTEGER NOT NULL CHECK (unknown_key >= 0),
                      invalid_row INTEGER NOT NULL CHECK (invalid_row >= 0),
                      CHECK ((kind = 'hr') = (run_id IS NOT NULL))
                    ) STRICT;
                    CREATE INDEX reconciliation_on_file_sha256 ON reconciliation(kind, file_sha256);
                    CREATE TRIGGER reconciliation_no_update BEFORE UPDATE ON reconciliation
                      BEGIN SELECT RAISE(ABORT, 'reconciliation reports are kept as made'); END;

                    CREATE TABLE reconciliation_item (
                      id INTEGER PRIMARY KEY,
                      reconciliation_id INTEGER NOT NULL REFERENCES reconciliation(id) ON DELETE CASCADE,
                      outcome TEXT NOT NULL CHECK (outcome IN ('amount_mismatch', 'field_mismatch', 'only_in_registry',
                        'only_in_file', 'duplicate_in_file', 'unknown_key', 'invalid_row')),
                      key TEXT NOT NULL,
                      file_row INTEGER CHECK (file_row >= 1),
                      field TEXT,
                      expected TEXT,
                      actual TEXT
                    ) STRICT;
                    CREATE INDEX reconciliation_item_on_reconciliation_id ON reconciliation_item(reconciliation_id);
                    """)
        }

        migrator.registerMigration("v6") { db in
            // A point registered with its first status need not be written twice: the trigger
            // updates the point only when the status changes.
            try db.execute(
                sql: """
                    DROP TRIGGER point_status_sets_point;
                    CREATE TRIGGER point_status_sets_point AFTER INSERT ON point_status
                      WHEN NEW.status IS NOT (SELECT status FROM point WHERE id = NEW.point_id)
                      BEGIN UPDATE point SET status = NEW.status WHERE id = NEW.point_id; END;
                    """)
            // SQLite builds a temporary index for `x IN ('a', 'b', 'c')` each time a statement
            // runs, which made a single-row insert several times slower. The same CHECKs as OR
            // chains accept exactly the same values, so the tables' text is rewritten in place,
            // as SQLite documents for changes that leave the stored data as it is
            // (https://sqlite.org/lang_altertable.html#otheralter).
            let version = try Int.fetchOne(db, sql: "PRAGMA schema_version") ?? 0
            try db.execute(sql: "PRAGMA writable_schema = ON")
            for table in ["operator", "point", "point_status", "service", "purchase", "reconciliation_item", "policy_value"] {
                guard
                    let sql = try String.fetchOne(
                        db, sql: "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?", arguments: [table])
                else { continue }
                try db.execute(
                    sql: "UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = ?", arguments: [Self.orChains(sql), table])
            }
            try db.execute(sql: "PRAGMA schema_version = \(version + 1)")
            try db.execute(sql: "PRAGMA writable_schema = OFF")
        }

        migrator.registerMigration("v7") { db in
            // The money path made order-proof. New dated policy keys, each with a default in
            // force before any month so that existing databases keep checking; the key and unit
            // CHECKs widen, so the table is rebuilt (its rows are copied as they are).
            try db.execute(
                sql: """
                    CREATE TABLE policy_value_v7 (
                      id INTEGER PRIMARY KEY,
                      key TEXT NOT NULL CHECK ((key = 'monthly_amount_fen' OR key = 'max_months'
                        OR key = 'near_retirement_window_months' OR key = 'min_monthly_activity'
                        OR key = 'accepted_difficulty_categories' OR key = 'min_operating_days' OR key = 'check_from_day'
                        OR key = 'tie_rule' OR key = 'fact_coverage' OR key = 'require_rural')),
                      value TEXT NOT NULL CHECK (value <> ''),
                      unit TEXT NOT NULL CHECK ((unit = 'fen' OR unit = 'months' OR unit = 'count' OR unit = 'categories'
                        OR unit = 'days' OR unit = 'day' OR unit = 'choice' OR unit = 'flag')),
                      from_date TEXT NOT NULL CHECK (date(from_date) = from_date),
                      source TEXT NOT NULL CHECK (source <> ''),
                      UNIQUE (key, from_date)
                    ) STRICT;
                    INSERT INTO policy_value_v7 SELECT id, key, value, unit, from_date, source FROM policy_value;
                    DROP TABLE policy_value;
                    ALTER TABLE policy_value_v7 RENAME TO policy_value;
                    INSERT INTO policy_value (key, value, unit, from_date, source) VALUES
                      ('check_from_day', 'none', 'day', '2000-01-01', '默认：月份结束后方可核查'),
                      ('tie_rule', 'last_day', 'choice', '2000-01-01', '默认：在岗天数相同时，归当月最晚在岗的站长'),
                      ('fact_coverage', 'all_days', 'choice', '2000-01-01', '默认：核定、认定和合同须覆盖站长计入的每一天'),
                      ('require_rural', '1', 'flag', '2000-01-01', '默认：仅限行政村（村委会）服务点');

                    -- Whether a month's list of other departments' subsidised posts is known: loaded
                    -- from a file, or recorded as empty. Months loaded before this migration count
                    -- as loaded.
                    CREATE TABLE other_post_list (
                      id INTEGER PRIMARY KEY,
                      month TEXT NOT NULL UNIQUE CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
                      kind TEXT NOT NULL CHECK (kind IN ('file', 'none')),
                      source TEXT NOT NULL CHECK (source <> ''),
                      file_sha256 TEXT CHECK (length(file_sha256) = 64),
                      recorded_at TEXT NOT NULL,
                      clerk TEXT NOT NULL CHECK (clerk <> '')
                    ) STRICT;
                    INSERT INTO other_post_list (month, kind, source, recorded_at, clerk)
                      SELECT DISTINCT month, 'file', '迁移前已导入', strftime('%Y-%m-%dT%H:%M:%S+08:00', 'now', '+8 hours'), 'migration'
                      FROM other_post;

                    -- A run made before its month ended records the day; a run made without the
                    -- other departments' list records why.
                    ALTER TABLE subsidy_run ADD COLUMN as_of TEXT CHECK (date(as_of) = as_of);
                    ALTER TABLE subsidy_run ADD COLUMN without_other_posts_reason TEXT CHECK (without_other_posts_reason <> '');
                    DROP TRIGGER subsidy_run_immutable;
                    CREATE TRIGGER subsidy_run_immutable BEFORE UPDATE ON subsidy_run
                      WHEN OLD.month <> NEW.month OR OLD.created_at <> NEW.created_at OR OLD.clerk <> NEW.clerk
                        OR OLD.policy_sha256 <> NEW.policy_sha256 OR OLD.inputs_sha256 <> NEW.inputs_sha256
                        OR OLD.as_of IS NOT NEW.as_of OR OLD.without_other_posts_reason IS NOT NEW.without_other_posts_reason
                        OR NOT ((OLD.status = 'draft' AND NEW.status IN ('draft', 'final'))
                          OR (OLD.status = 'final' AND NEW.status IN ('final', 'replaced'))
                          OR (OLD.status = 'replaced' AND NEW.status = 'replaced' AND OLD.replaced_reason = NEW.replaced_reason))
                      BEGIN SELECT RAISE(ABORT, 'a subsidy run is immutable: only draft → final → replaced'); END;

                    -- Every point in the registry appears in a run: out of scope with a reason, or
                    -- decided; each with the sha256 of its canonical line of what the rules read.
                    ALTER TABLE subsidy_result ADD COLUMN out_of_scope TEXT
                      CHECK (out_of_scope IS NULL OR ((out_of_scope = 'REGISTERED_AFTER_MONTH' OR out_of_scope = 'CLOSED_BEFORE_MONTH'
                        OR out_of_scope = 'NOT_OPERATING_IN_MONTH') AND eligible = 0 AND operator_id IS NULL));
                    ALTER TABLE subsidy_result ADD COLUMN inputs_sha256 TEXT CHECK (length(inputs_sha256) = 64);

                    -- Whether an opening balance stated its first month. Balances entered before
                    -- did not say, so they count as not stated: the near-retirement exception
                    -- needs the first month, and is not granted on a guess.
                    ALTER TABLE opening_balance ADD COLUMN first_month_stated INTEGER NOT NULL DEFAULT 0
                      CHECK (first_month_stated IN (0, 1));
                    """)
        }

        migrator.registerMigration("v8") { db in
            // The audit trail becomes a hash chain: each line's `hash` is the SHA-256 (hex) of
            // the previous line's hash (64 hex characters; 64 zeros before the first line) and
            // its canonical content. The lines already there get their hashes here, once.
            try db.execute(
                sql: """
                    CREATE TABLE audit_v8 (
                      id INTEGER PRIMARY KEY,
                      at TEXT NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*'),
                      clerk TEXT NOT NULL CHECK (clerk <> ''),
                      action TEXT NOT NULL CHECK (action GLOB '[a-z]*.[a-z]*'),
                      division_code TEXT,
                      point_code TEXT,
                      operator_id_number TEXT,
                      before TEXT CHECK (before IS NULL OR json_valid(before)),
                      after TEXT CHECK (after IS NULL OR json_valid(after)),
                      reason TEXT,
                      hash TEXT NOT NULL CHECK (length(hash) = 64 AND hash NOT GLOB '*[^0-9a-f]*')
                    ) STRICT;
                    """)
            // The canonical content, frozen here: the ten columns id, at, clerk, action,
            // division_code, point_code, operator_id_number, before, after, reason in that order,
            // each as a netstring of its UTF-8 bytes (`<byte count>:<bytes>,`), `~` when NULL.
            func netstring(_ bytes: some Collection<UInt8>, into out: inout [UInt8]) {
                out += Array(String(bytes.count).utf8) + [UInt8(ascii: ":")] + bytes + [UInt8(ascii: ",")]
            }
            let digits = Array("0123456789abcdef".utf8)
            var previous = [UInt8](repeating: UInt8(ascii: "0"), count: 64)
            let insert = try db.makeStatement(
                sql: """
                    INSERT INTO audit_v8 (id, at, clerk, action, division_code, point_code, operator_id_number, before, after, reason, hash)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            let rows = try Row.fetchCursor(
                db, sql: "SELECT id, at, clerk, action, division_code, point_code, operator_id_number, before, after, reason FROM audit ORDER BY id")
            while let row = try rows.next() {
                let id: Int64 = row[0]
                var canonical: [UInt8] = []
                netstring(String(id).utf8, into: &canonical)
                var values: [DatabaseValueConvertible?] = [id]
                for index in 1...9 {
                    let text: String? = row[index]
                    if let text { netstring(text.utf8, into: &canonical) } else { canonical.append(UInt8(ascii: "~")) }
                    values.append(text)
                }
                var hasher = SHA256()
                hasher.update(data: previous)
                hasher.update(data: canonical)
                previous = hasher.finalize().flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0F)]] }
                values.append(String(decoding: previous, as: UTF8.self))
                try insert.execute(arguments: StatementArguments(values))
            }
            try db.execute(
                sql: """
                    DROP TABLE audit;
                    ALTER TABLE audit_v8 RENAME TO audit;
                    CREATE INDEX audit_on_point_code ON audit(point_code) WHERE point_code IS NOT NULL;
                    CREATE INDEX audit_on_operator_id_number ON audit(operator_id_number)
                      WHERE operator_id_number IS NOT NULL;
                    CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
                      BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
                    CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
                      BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;

                    -- A report records the hash of its own audit line: the chain's head when it was made.
                    ALTER TABLE reconciliation ADD COLUMN audit_id INTEGER;
                    ALTER TABLE reconciliation ADD COLUMN audit_hash TEXT CHECK (length(audit_hash) = 64);
                    """)
        }

        migrator.registerMigration("v9") { db in
            // Accounts and roles, and a reviewer's approval on the money path (maker-checker).
            // A password is kept only as its bcrypt hash; an account is disabled, never deleted,
            // so that the audit trail's names stay someone's.
            try db.execute(
                sql: """
                    CREATE TABLE user (
                      id INTEGER PRIMARY KEY,
                      name TEXT NOT NULL UNIQUE CHECK (name <> '' AND length(name) <= 32),
                      role TEXT NOT NULL CHECK ((role = 'admin' OR role = 'county-clerk' OR role = 'town-clerk' OR role = 'reviewer')),
                      town_code TEXT REFERENCES division(code) ON DELETE RESTRICT
                        CHECK (length(town_code) = 12 AND substr(town_code, 7, 3) <> '000' AND substr(town_code, 10, 3) = '000'),
                      password_hash TEXT NOT NULL CHECK (length(password_hash) = 60 AND password_hash GLOB '$2[aby]$[0-9][0-9]$*'),
                      disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
                      created_at TEXT NOT NULL,
                      changed_at TEXT NOT NULL,
                      CHECK ((role = 'town-clerk') = (town_code IS NOT NULL))
                    ) STRICT;
                    CREATE TRIGGER user_no_delete BEFORE DELETE ON user
                      BEGIN SELECT RAISE(ABORT, 'accounts are disabled, never deleted'); END;

                    -- The reviewer who approved a run's finalization, and where. Set only as the
                    -- run becomes final, never the run's own clerk, and never changed after.
                    ALTER TABLE subsidy_run ADD COLUMN reviewer TEXT CHECK (reviewer <> '');
                    ALTER TABLE subsidy_run ADD COLUMN reviewed_via TEXT CHECK (reviewed_via IN ('cli', 'web'));
                    CREATE TRIGGER subsidy_run_review BEFORE UPDATE ON subsidy_run
                      WHEN (OLD.reviewer IS NOT NEW.reviewer OR OLD.reviewed_via IS NOT NEW.reviewed_via)
                          AND NOT (OLD.status = 'draft' AND NEW.status = 'final' AND OLD.reviewer IS NULL)
                        OR (NEW.reviewer IS NULL) <> (NEW.reviewed_via IS NULL)
                        OR NEW.reviewer = NEW.clerk
                      BEGIN SELECT RAISE(ABORT, 'a run is reviewed once, as it becomes final, by someone other than its clerk'); END;
                    """)
        }

        return migrator
    }

    /// `col IN ('a', 'b', 'c')` as `(col = 'a' OR col = 'b' OR col = 'c')`, for lists of three
    /// or more quoted constants.
    static func orChains(_ sql: String) -> String {
        let pattern = try! NSRegularExpression(pattern: #"([a-z_]+) IN\s+\(((?:'[^']*'(?:,\s*)?){3,})\)"#)
        var result = sql
        for match in pattern.matches(in: sql, range: NSRange(sql.startIndex..., in: sql)).reversed() {
            let column = String(sql[Range(match.range(at: 1), in: sql)!])
            let list = String(sql[Range(match.range(at: 2), in: sql)!])
            let values = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            result.replaceSubrange(
                Range(match.range, in: result)!, with: "(" + values.map { "\(column) = \($0)" }.joined(separator: " OR ") + ")")
        }
        return result
    }
}
