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

CREATE TABLE "audit" (
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

CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);

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

CREATE TABLE opening_balance (
  id INTEGER PRIMARY KEY,
  operator_id INTEGER NOT NULL UNIQUE REFERENCES operator(id) ON DELETE RESTRICT,
  months INTEGER NOT NULL CHECK (months BETWEEN 0 AND 600),
  first_month TEXT NOT NULL CHECK (first_month GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
  as_of_month TEXT NOT NULL CHECK (as_of_month GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND as_of_month >= first_month),
  source TEXT NOT NULL CHECK (source <> '')
, first_month_stated INTEGER NOT NULL DEFAULT 0
  CHECK (first_month_stated IN (0, 1))) STRICT;

CREATE TABLE operator (
  id INTEGER PRIMARY KEY,
  id_number TEXT NOT NULL UNIQUE
    CHECK (length(id_number) = 18 AND substr(id_number, 1, 17) NOT GLOB '*[^0-9]*'
      AND substr(id_number, 18, 1) GLOB '[0-9X]'),
  name TEXT NOT NULL CHECK (name <> ''),
  phone TEXT NOT NULL CHECK (length(phone) = 11 AND phone GLOB '1[3-9]*' AND phone NOT GLOB '*[^0-9]*'),
  difficulty TEXT CHECK ((difficulty = '4050' OR difficulty = 'disabled' OR difficulty = 'zero-employment' OR difficulty = 'minimum-income' OR difficulty = 'land-lost' OR difficulty = 'long-term-unemployed' OR difficulty = 'other')),
  difficulty_note TEXT CHECK (difficulty_note <> ''),
  certificate_no TEXT CHECK (certificate_no <> ''),
  certified_on TEXT CHECK (date(certified_on) = certified_on),
  retirement_group TEXT NOT NULL CHECK ((retirement_group = 'male' OR retirement_group = 'female-55' OR retirement_group = 'female-50')),
  CHECK ((difficulty IS NULL) = (certificate_no IS NULL) AND (difficulty IS NULL) = (certified_on IS NULL)),
  CHECK (difficulty IS NOT 'other' OR difficulty_note IS NOT NULL),
  CHECK ((retirement_group = 'male') = (CAST(substr(id_number, 17, 1) AS INTEGER) % 2 = 1))
) STRICT;

CREATE TABLE other_post (
  id INTEGER PRIMARY KEY,
  month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
  id_number TEXT NOT NULL CHECK (length(id_number) = 18),
  name TEXT NOT NULL CHECK (name <> ''),
  department TEXT NOT NULL CHECK (department <> ''),
  UNIQUE (month, id_number, department)
) STRICT;

CREATE TABLE other_post_list (
  id INTEGER PRIMARY KEY,
  month TEXT NOT NULL UNIQUE CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
  kind TEXT NOT NULL CHECK (kind IN ('file', 'none')),
  source TEXT NOT NULL CHECK (source <> ''),
  file_sha256 TEXT CHECK (length(file_sha256) = 64),
  recorded_at TEXT NOT NULL,
  clerk TEXT NOT NULL CHECK (clerk <> '')
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
    CHECK ((status = 'planned' OR status = 'operating' OR status = 'suspended' OR status = 'closed')),
  business_name TEXT CHECK (business_name <> ''),
  credit_code TEXT CHECK (length(credit_code) = 18),
  credit_code_override TEXT CHECK (credit_code_override <> ''),
  CHECK ((latitude IS NULL) = (longitude IS NULL)),
  CHECK (credit_code IS NULL OR business_name IS NOT NULL)
) STRICT;

CREATE TABLE point_status (
  id INTEGER PRIMARY KEY,
  point_id INTEGER NOT NULL REFERENCES point(id) ON DELETE RESTRICT,
  from_status TEXT CHECK ((from_status = 'planned' OR from_status = 'operating' OR from_status = 'suspended')),
  status TEXT NOT NULL CHECK ((status = 'planned' OR status = 'operating' OR status = 'suspended' OR status = 'closed')),
  on_date TEXT NOT NULL CHECK (date(on_date) = on_date),
  reason TEXT NOT NULL CHECK (reason <> ''),
  clerk TEXT NOT NULL CHECK (clerk <> '')
) STRICT;

CREATE TABLE point_verification (
  id INTEGER PRIMARY KEY,
  point_id INTEGER NOT NULL REFERENCES point(id) ON DELETE RESTRICT,
  hr_ref TEXT NOT NULL CHECK (hr_ref <> ''),
  verified_on TEXT NOT NULL CHECK (date(verified_on) = verified_on),
  valid_until TEXT CHECK (date(valid_until) = valid_until AND valid_until >= verified_on)
) STRICT;

CREATE TABLE "policy_value" (
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

CREATE TABLE purchase (
  id INTEGER PRIMARY KEY,
  point_id INTEGER NOT NULL REFERENCES point(id) ON DELETE RESTRICT,
  platform TEXT NOT NULL CHECK (platform <> ''),
  order_no TEXT NOT NULL CHECK (order_no <> '' AND length(order_no) <= 64),
  category TEXT NOT NULL CHECK ((category = 'building-materials' OR category = 'farm-inputs' OR category = 'medicines' OR category = 'daily-goods')),
  amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
  on_date TEXT NOT NULL CHECK (date(on_date) = on_date),
  UNIQUE (platform, order_no)
) STRICT;

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
  invalid_row INTEGER NOT NULL CHECK (invalid_row >= 0), audit_id INTEGER, audit_hash TEXT CHECK (length(audit_hash) = 64),
  CHECK ((kind = 'hr') = (run_id IS NOT NULL))
) STRICT;

CREATE TABLE reconciliation_item (
  id INTEGER PRIMARY KEY,
  reconciliation_id INTEGER NOT NULL REFERENCES reconciliation(id) ON DELETE CASCADE,
  outcome TEXT NOT NULL CHECK ((outcome = 'amount_mismatch' OR outcome = 'field_mismatch' OR outcome = 'only_in_registry' OR outcome = 'only_in_file' OR outcome = 'duplicate_in_file' OR outcome = 'unknown_key' OR outcome = 'invalid_row')),
  key TEXT NOT NULL,
  file_row INTEGER CHECK (file_row >= 1),
  field TEXT,
  expected TEXT,
  actual TEXT
) STRICT;

CREATE TABLE retirement_override (
  id INTEGER PRIMARY KEY,
  operator_id INTEGER NOT NULL UNIQUE REFERENCES operator(id) ON DELETE RESTRICT,
  retirement_month TEXT NOT NULL CHECK (retirement_month GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
  reason TEXT NOT NULL CHECK (reason <> '')
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

CREATE TABLE service (
  id INTEGER PRIMARY KEY,
  point_id INTEGER NOT NULL REFERENCES point(id) ON DELETE RESTRICT,
  kind TEXT NOT NULL
    CHECK ((kind = 'agent-purchase' OR kind = 'agent-sale' OR kind = 'bill-payment' OR kind = 'ticketing' OR kind = 'parcel' OR kind = 'finance')),
  category TEXT CHECK ((category = 'building-materials' OR category = 'farm-inputs' OR category = 'medicines' OR category = 'daily-goods')),
  partner TEXT CHECK (partner <> ''),
  licence TEXT CHECK (licence <> ''),
  started_on TEXT NOT NULL CHECK (date(started_on) = started_on),
  ended_on TEXT CHECK (date(ended_on) = ended_on AND ended_on >= started_on),
  CHECK ((kind = 'agent-purchase') = (category IS NOT NULL)),
  CHECK (category IS NOT 'medicines' OR (partner IS NOT NULL AND licence IS NOT NULL)),
  CHECK (kind <> 'finance' OR partner IS NOT NULL)
) STRICT;

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
  snapshot TEXT NOT NULL CHECK (json_valid(snapshot)), out_of_scope TEXT
  CHECK (out_of_scope IS NULL OR ((out_of_scope = 'REGISTERED_AFTER_MONTH' OR out_of_scope = 'CLOSED_BEFORE_MONTH'
    OR out_of_scope = 'NOT_OPERATING_IN_MONTH') AND eligible = 0 AND operator_id IS NULL)), inputs_sha256 TEXT CHECK (length(inputs_sha256) = 64),
  UNIQUE (run_id, point_id),
  CHECK (eligible = 1 OR amount_fen = 0),
  CHECK (eligible = 0 OR operator_id IS NOT NULL)
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
  replaced_reason TEXT CHECK (replaced_reason <> ''), as_of TEXT CHECK (date(as_of) = as_of), without_other_posts_reason TEXT CHECK (without_other_posts_reason <> ''), reviewer TEXT CHECK (reviewer <> ''), reviewed_via TEXT CHECK (reviewed_via IN ('cli', 'web')),
  CHECK ((status = 'draft') = (finalized_at IS NULL)),
  CHECK ((status = 'replaced') = (replaced_reason IS NOT NULL))
) STRICT;

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

CREATE INDEX assignment_on_operator_id ON assignment(operator_id, started_on);

CREATE INDEX assignment_on_point_id ON assignment(point_id, started_on);

CREATE UNIQUE INDEX assignment_one_open_per_operator ON assignment(operator_id) WHERE ended_on IS NULL;

CREATE UNIQUE INDEX assignment_one_open_per_point ON assignment(point_id) WHERE ended_on IS NULL;

CREATE INDEX audit_on_operator_id_number ON audit(operator_id_number)
  WHERE operator_id_number IS NOT NULL;

CREATE INDEX audit_on_point_code ON audit(point_code) WHERE point_code IS NOT NULL;

CREATE INDEX courier_link_on_courier_id ON courier_link(courier_id);

CREATE INDEX courier_link_on_point_id ON courier_link(point_id, courier_id);

CREATE INDEX division_on_parent_id ON division(parent_id);

CREATE INDEX operator_on_phone ON operator(phone);

CREATE UNIQUE INDEX parcel_on_courier_id_waybill ON parcel(courier_id, waybill);

CREATE INDEX parcel_on_point_id_arrived_at ON parcel(point_id, arrived_at);

CREATE INDEX point_on_latitude ON point(latitude, longitude) WHERE latitude IS NOT NULL;

CREATE INDEX point_on_village_id ON point(village_id);

CREATE INDEX point_status_on_point_id ON point_status(point_id, on_date);

CREATE INDEX point_verification_on_point_id ON point_verification(point_id);

CREATE INDEX purchase_on_point_id_on_date ON purchase(point_id, on_date);

CREATE INDEX reconciliation_item_on_reconciliation_id ON reconciliation_item(reconciliation_id);

CREATE INDEX reconciliation_on_file_sha256 ON reconciliation(kind, file_sha256);

CREATE INDEX service_on_point_id ON service(point_id, kind);

CREATE UNIQUE INDEX service_one_open ON service(point_id, kind, ifnull(category, '')) WHERE ended_on IS NULL;

CREATE INDEX subsidy_result_on_operator_id ON subsidy_result(operator_id);

CREATE UNIQUE INDEX subsidy_run_one_final_per_month ON subsidy_run(month) WHERE status = 'final';

CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
  BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
  BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;

CREATE TRIGGER point_no_delete BEFORE DELETE ON point
  BEGIN SELECT RAISE(ABORT, 'points are closed, never deleted'); END;

CREATE TRIGGER point_status_no_update BEFORE UPDATE ON point_status
  BEGIN SELECT RAISE(ABORT, 'status history is append-only'); END;

CREATE TRIGGER point_status_sets_point AFTER INSERT ON point_status
  WHEN NEW.status IS NOT (SELECT status FROM point WHERE id = NEW.point_id)
  BEGIN UPDATE point SET status = NEW.status WHERE id = NEW.point_id; END;

CREATE TRIGGER reconciliation_no_update BEFORE UPDATE ON reconciliation
  BEGIN SELECT RAISE(ABORT, 'reconciliation reports are kept as made'); END;

CREATE TRIGGER subsidy_result_no_delete BEFORE DELETE ON subsidy_result
  BEGIN SELECT RAISE(ABORT, 'subsidy results are immutable'); END;

CREATE TRIGGER subsidy_result_no_update BEFORE UPDATE ON subsidy_result
  BEGIN SELECT RAISE(ABORT, 'subsidy results are immutable'); END;

CREATE TRIGGER subsidy_run_immutable BEFORE UPDATE ON subsidy_run
  WHEN OLD.month <> NEW.month OR OLD.created_at <> NEW.created_at OR OLD.clerk <> NEW.clerk
    OR OLD.policy_sha256 <> NEW.policy_sha256 OR OLD.inputs_sha256 <> NEW.inputs_sha256
    OR OLD.as_of IS NOT NEW.as_of OR OLD.without_other_posts_reason IS NOT NEW.without_other_posts_reason
    OR NOT ((OLD.status = 'draft' AND NEW.status IN ('draft', 'final'))
      OR (OLD.status = 'final' AND NEW.status IN ('final', 'replaced'))
      OR (OLD.status = 'replaced' AND NEW.status = 'replaced' AND OLD.replaced_reason = NEW.replaced_reason))
  BEGIN SELECT RAISE(ABORT, 'a subsidy run is immutable: only draft → final → replaced'); END;

CREATE TRIGGER subsidy_run_no_delete BEFORE DELETE ON subsidy_run
  BEGIN SELECT RAISE(ABORT, 'subsidy runs are kept'); END;

CREATE TRIGGER subsidy_run_review BEFORE UPDATE ON subsidy_run
  WHEN (OLD.reviewer IS NOT NEW.reviewer OR OLD.reviewed_via IS NOT NEW.reviewed_via)
      AND NOT (OLD.status = 'draft' AND NEW.status = 'final' AND OLD.reviewer IS NULL)
    OR (NEW.reviewer IS NULL) <> (NEW.reviewed_via IS NULL)
    OR NEW.reviewer = NEW.clerk
  BEGIN SELECT RAISE(ABORT, 'a run is reviewed once, as it becomes final, by someone other than its clerk'); END;

CREATE TRIGGER user_no_delete BEFORE DELETE ON user
  BEGIN SELECT RAISE(ABORT, 'accounts are disabled, never deleted'); END;
