-- The subsidy rules of `wancun subsidy check`, written a second time in SQL, from the registry
-- alone: the same month, registry and policy give the same result, rule outcomes and amount
-- for every point. It serves as the benchmark's same-work baseline
-- (scripts/bench-subsidy-check.sh) and as a differential test of the check
-- (Tests/WancunKitTests/SubsidySQLDifferentialTests.swift); scripts/subsidy-check-compare.sql
-- lists every point where the two disagree.
--
-- Parameters (SQL parameters; the sqlite3 shell takes them with `.parameter set`):
--   :month                'YYYY-MM', the month checked
--   :today                'YYYY-MM-DD' in Asia/Shanghai; NULL skips the "has the month ended"
--                         check, which otherwise fails the statement (CHECK month_checkable)
--                         as `subsidy check` refuses a month not over (policy check_from_day)
--   :without_other_posts  1 when the month is checked without the other departments' list
--                         (`--without-other-posts`), else 0 or NULL
-- Run it inside one transaction. It leaves its working tables in `temp` (sc_*) and the
-- results in `sql_result` (main), one row per point in the registry:
--   point_id, operator_id (the operator paid; NULL out of scope), out_of_scope (the reason),
--   eligible, amount_fen, months_before, months_including, operator_days, and rules: the rule
--   outcomes in the check's order, `[{"rule":"POINT_NOT_IN_PLAN","passed":true},…]`.
--
-- What it reads: the registry (point, division, point_status, point_verification, assignment,
-- operator, retirement_override), the ledgers (parcel, purchase), the policy (policy_value,
-- in force on the month's first day), the other departments' posts (other_post,
-- other_post_list) and the opening balances (opening_balance). It never reads what the
-- month's check writes, with one exception that the rules themselves require: the months a
-- person was already paid. Like the check (AppDatabase.paidMonths), those are the eligible
-- results of *final* runs of every other month that the HR bureau did not reject
-- (subsidy_result + subsidy_run with status 'final' + hr_decision), plus the opening balance.
-- Draft and replaced runs, and any run of the month itself, are never read.
--
-- Dates are counted as day numbers (julianday); a counted range, a verification, a
-- certificate or a contract covers the days between its ends, both included, an open end
-- holding on.

DROP TABLE IF EXISTS temp.sc_param;
CREATE TEMP TABLE sc_param AS
  SELECT month, first_day, last_day, next_day, today, waive,
    CAST(substr(month, 1, 4) AS INTEGER) AS year,
    CAST(substr(month, 1, 4) AS INTEGER) * 12 + CAST(substr(month, 6, 2) AS INTEGER) - 1 AS month_index,
    CAST(julianday(first_day) AS INTEGER) AS d_first,
    CAST(julianday(last_day) AS INTEGER) AS d_last
  FROM (SELECT :month AS month, :month || '-01' AS first_day, date(:month || '-01', '+1 month', '-1 day') AS last_day,
          date(:month || '-01', '+1 month') AS next_day, :today AS today, coalesce(:without_other_posts, 0) AS waive);

-- The policy in force on the month's first day: for each key, the value of the latest date on
-- or before it. A key with no value fails a NOT NULL constraint.
DROP TABLE IF EXISTS temp.sc_policy;
CREATE TEMP TABLE sc_policy (
  monthly_amount_fen INTEGER NOT NULL,
  max_months INTEGER NOT NULL,
  near_retirement_window INTEGER NOT NULL,
  min_monthly_activity INTEGER NOT NULL,
  accepted TEXT NOT NULL,
  min_operating_days INTEGER NOT NULL,
  check_from_day TEXT NOT NULL,
  tie_rule TEXT NOT NULL,
  fact_coverage TEXT NOT NULL,
  require_rural INTEGER NOT NULL,
  month TEXT NOT NULL,
  last_day TEXT NOT NULL,
  today TEXT,
  -- Once the month has ended, or from check_from_day of the month itself.
  CONSTRAINT month_checkable CHECK (today > last_day
    OR (substr(today, 1, 7) = month AND check_from_day <> 'none' AND CAST(substr(today, 9, 2) AS INTEGER) >= CAST(check_from_day AS INTEGER)))
);
WITH in_force AS (
  SELECT v.key, v.value FROM policy_value v, sc_param q
  WHERE v.from_date = (SELECT max(w.from_date) FROM policy_value w WHERE w.key = v.key AND w.from_date <= q.first_day))
INSERT INTO sc_policy
  SELECT
    (SELECT CAST(value AS INTEGER) FROM in_force WHERE key = 'monthly_amount_fen'),
    (SELECT CAST(value AS INTEGER) FROM in_force WHERE key = 'max_months'),
    (SELECT CAST(value AS INTEGER) FROM in_force WHERE key = 'near_retirement_window_months'),
    (SELECT CAST(value AS INTEGER) FROM in_force WHERE key = 'min_monthly_activity'),
    (SELECT value FROM in_force WHERE key = 'accepted_difficulty_categories'),
    (SELECT CAST(value AS INTEGER) FROM in_force WHERE key = 'min_operating_days'),
    (SELECT value FROM in_force WHERE key = 'check_from_day'),
    (SELECT value FROM in_force WHERE key = 'tie_rule'),
    (SELECT value FROM in_force WHERE key = 'fact_coverage'),
    (SELECT CAST(value AS INTEGER) FROM in_force WHERE key = 'require_rural'),
    q.month, q.last_day, q.today
  FROM sc_param q;

-- Every point in the registry: where its status history begins, its status before the month,
-- its operating days (each day takes the status of the latest change on or before it; changes
-- on one day take effect in the order they were recorded), and the month's activity on those
-- days (parcels and purchases dated on a day it was not operating do not count).
DROP TABLE IF EXISTS temp.sc_operating_span;
CREATE TEMP TABLE sc_operating_span AS
  WITH h AS (
    SELECT s.point_id, s.status, CAST(julianday(s.on_date) AS INTEGER) AS d_from,
      CAST(julianday(lead(s.on_date) OVER (PARTITION BY s.point_id ORDER BY s.on_date, s.id)) AS INTEGER) - 1 AS d_to
    FROM point_status s, sc_param q WHERE s.on_date <= q.last_day)
  SELECT * FROM (
    SELECT h.point_id, max(h.d_from, q.d_first) AS d_from, min(coalesce(h.d_to, q.d_last), q.d_last) AS d_to
    FROM h, sc_param q WHERE h.status = 'operating')
  WHERE d_from <= d_to;
CREATE INDEX temp.sc_operating_span_on_point ON sc_operating_span(point_id, d_from);
DROP TABLE IF EXISTS temp.sc_operating;
CREATE TEMP TABLE sc_operating AS
  SELECT point_id, sum(d_to - d_from + 1) AS days FROM sc_operating_span GROUP BY point_id;
CREATE UNIQUE INDEX temp.sc_operating_on_point ON sc_operating(point_id);

DROP TABLE IF EXISTS temp.sc_point;
CREATE TEMP TABLE sc_point AS
  SELECT p.id AS point_id, p.code, p.plan_year, v.code AS village_code,
    (SELECT min(s.on_date) FROM point_status s WHERE s.point_id = p.id) AS first_on,
    (SELECT s.status FROM point_status s WHERE s.point_id = p.id AND s.on_date < q.first_day ORDER BY s.on_date DESC, s.id DESC LIMIT 1)
      AS status_before,
    coalesce((SELECT o.days FROM sc_operating o WHERE o.point_id = p.id), 0) AS operating_days,
    (SELECT count(*) FROM parcel x JOIN sc_operating_span o ON o.point_id = x.point_id
       AND CAST(julianday(substr(x.arrived_at, 1, 10)) AS INTEGER) BETWEEN o.d_from AND o.d_to
     WHERE x.point_id = p.id AND x.arrived_at >= q.first_day AND x.arrived_at < q.next_day)
      + (SELECT count(*) FROM purchase y JOIN sc_operating_span o ON o.point_id = y.point_id
           AND CAST(julianday(y.on_date) AS INTEGER) BETWEEN o.d_from AND o.d_to
         WHERE y.point_id = p.id AND y.on_date BETWEEN q.first_day AND q.last_day) AS activity
  FROM point p JOIN division v ON v.id = p.village_id JOIN division t ON t.id = v.parent_id, sc_param q;

-- Every assignment's days in the month (its end date is its first day off), numbered in
-- start order at its point.
DROP TABLE IF EXISTS temp.sc_stint;
CREATE TEMP TABLE sc_stint AS
  SELECT * FROM (
    SELECT a.point_id, a.operator_id, a.contract_from, a.contract_to,
      row_number() OVER (PARTITION BY a.point_id ORDER BY a.started_on, a.id) AS seq,
      max(CAST(julianday(a.started_on) AS INTEGER), q.d_first) AS d_from,
      min(coalesce(CAST(julianday(a.ended_on) AS INTEGER) - 1, q.d_last), q.d_last) AS d_to
    FROM assignment a, sc_param q
    WHERE a.started_on <= q.last_day AND (a.ended_on IS NULL OR a.ended_on > q.first_day))
  WHERE d_from <= d_to;
CREATE INDEX temp.sc_stint_on_point ON sc_stint(point_id, operator_id);

-- Who gets the month: the operator with the most days at the point, summed over their stints;
-- a tie goes by the policy's tie rule (last_day: whose latest stint ends later;
-- earlier_start / later_start: whose first stint starts earlier / later), and after that to
-- the operator who came first.
DROP TABLE IF EXISTS temp.sc_chosen;
CREATE TEMP TABLE sc_chosen AS
  WITH candidate AS (
    SELECT DISTINCT point_id, operator_id,
      sum(d_to - d_from + 1) OVER w AS days, first_value(seq) OVER w AS first_seq,
      first_value(d_from) OVER w AS first_from, last_value(d_to) OVER w AS last_to
    FROM sc_stint
    WINDOW w AS (PARTITION BY point_id, operator_id ORDER BY seq ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING))
  SELECT point_id, operator_id, days FROM (
    SELECT c.point_id, c.operator_id, c.days,
      row_number() OVER (
        PARTITION BY c.point_id
        ORDER BY c.days DESC,
          CASE pol.tie_rule WHEN 'last_day' THEN -c.last_to WHEN 'earlier_start' THEN c.first_from ELSE -c.first_from END,
          c.first_seq) AS rank
    FROM candidate c, sc_policy pol)
  WHERE rank = 1;
CREATE UNIQUE INDEX temp.sc_chosen_on_point ON sc_chosen(point_id);

-- The verifications of the month, merged per point into periods that do not overlap.
DROP TABLE IF EXISTS temp.sc_verified;
CREATE TEMP TABLE sc_verified AS
  WITH v AS (
    SELECT x.point_id, CAST(julianday(x.verified_on) AS INTEGER) AS s, coalesce(CAST(julianday(x.valid_until) AS INTEGER), 99999999) AS e
    FROM point_verification x, sc_param q
    WHERE x.verified_on <= q.last_day AND (x.valid_until IS NULL OR x.valid_until >= q.first_day)),
  reach AS (
    SELECT v.*, max(e) OVER (PARTITION BY point_id ORDER BY s, e ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before FROM v),
  island AS (
    SELECT reach.*, sum(before IS NULL OR s > before) OVER (PARTITION BY point_id ORDER BY s, e ROWS UNBOUNDED PRECEDING) AS n FROM reach)
  SELECT point_id, min(s) AS s, max(e) AS e FROM island GROUP BY point_id, n;
CREATE INDEX temp.sc_verified_on_point ON sc_verified(point_id);

-- The operator paid (one of them per person), with what the rules read about them.
DROP TABLE IF EXISTS temp.sc_person;
CREATE TEMP TABLE sc_person AS
  SELECT o.id AS operator_id, o.id_number, o.difficulty, o.certified_on, o.retirement_group,
    coalesce(r.retirement_month_index, born + age) AS retirement_index,
    born + age AS statutory_index,
    coalesce(paid.months, 0) + CASE WHEN b.months > 0 THEN b.months ELSE 0 END AS months_used,
    CASE WHEN b.months > 0 THEN min(coalesce(paid.first, b.first_month), b.first_month) ELSE paid.first END AS first_paid,
    CASE WHEN b.months > 0 THEN b.first_month_stated ELSE 1 END AS first_known,
    b.as_of_month AS balance_as_of
  FROM (
    SELECT o.*,
      CAST(substr(o.id_number, 7, 4) AS INTEGER) * 12 + CAST(substr(o.id_number, 11, 2) AS INTEGER) - 1 AS born,
      -- Statutory retirement age in months (2025 reform): old age, plus one month for each
      -- step of months born after the group's base month, up to the cap.
      CASE o.retirement_group
        WHEN 'male' THEN 720 + CASE WHEN since_m < 0 THEN 0 ELSE min(36, since_m / 4 + 1) END
        WHEN 'female-55' THEN 660 + CASE WHEN since_f55 < 0 THEN 0 ELSE min(36, since_f55 / 4 + 1) END
        ELSE 600 + CASE WHEN since_f50 < 0 THEN 0 ELSE min(60, since_f50 / 2 + 1) END
      END AS age
    FROM (
      SELECT o.*, b0 - (1965 * 12) AS since_m, b0 - (1970 * 12) AS since_f55, b0 - (1975 * 12) AS since_f50
      FROM (SELECT o.*, CAST(substr(o.id_number, 7, 4) AS INTEGER) * 12 + CAST(substr(o.id_number, 11, 2) AS INTEGER) - 1 AS b0
            FROM operator o WHERE o.id IN (SELECT operator_id FROM sc_chosen)) o) o) o
  LEFT JOIN (
    SELECT operator_id, CAST(substr(retirement_month, 1, 4) AS INTEGER) * 12 + CAST(substr(retirement_month, 6, 2) AS INTEGER) - 1
      AS retirement_month_index
    FROM retirement_override) r ON r.operator_id = o.id
  LEFT JOIN opening_balance b ON b.operator_id = o.id
  LEFT JOIN (
    -- Months paid: eligible in a final run of another month, not rejected by the bureau.
    SELECT r.operator_id, count(*) AS months, min(s.month) AS first
    FROM subsidy_result r JOIN subsidy_run s ON s.id = r.run_id, sc_param q
    WHERE s.status = 'final' AND r.eligible = 1 AND s.month <> q.month
      AND NOT EXISTS (SELECT 1 FROM hr_decision h WHERE h.run_id = s.id AND h.operator_id = r.operator_id AND h.approved = 0)
    GROUP BY r.operator_id) paid ON paid.operator_id = o.id;
CREATE UNIQUE INDEX temp.sc_person_on_operator ON sc_person(operator_id);

-- The days counted for each point: the paid operator's stints, or the whole month when it has
-- none; with how many of them the point's verification, the operator's certificate and each
-- stint's own contract cover.
DROP TABLE IF EXISTS temp.sc_covered;
CREATE TEMP TABLE sc_covered AS
  WITH counted AS (
    SELECT s.point_id, s.d_from, s.d_to, s.contract_from, s.contract_to, e.certified_on
    FROM sc_stint s JOIN sc_chosen c ON c.point_id = s.point_id AND c.operator_id = s.operator_id
      JOIN sc_person e ON e.operator_id = s.operator_id
    UNION ALL
    SELECT p.point_id, q.d_first, q.d_last, NULL, NULL, NULL FROM sc_point p, sc_param q
    WHERE p.point_id NOT IN (SELECT point_id FROM sc_chosen))
  SELECT k.point_id, sum(k.d_to - k.d_from + 1) AS total,
    sum((SELECT coalesce(sum(max(0, min(k.d_to, v.e) - max(k.d_from, v.s) + 1)), 0) FROM sc_verified v WHERE v.point_id = k.point_id))
      AS verified,
    sum(CASE WHEN k.certified_on IS NULL THEN 0 ELSE max(0, k.d_to - max(k.d_from, CAST(julianday(k.certified_on) AS INTEGER)) + 1) END)
      AS certified,
    sum(CASE WHEN k.contract_from IS NULL THEN 0
      ELSE max(0, min(k.d_to, coalesce(CAST(julianday(k.contract_to) AS INTEGER), 99999999))
        - max(k.d_from, CAST(julianday(k.contract_from) AS INTEGER)) + 1) END) AS contracted
  FROM counted k GROUP BY k.point_id;
CREATE UNIQUE INDEX temp.sc_covered_on_point ON sc_covered(point_id);

-- Each rule's outcome: 1 passed, 0 failed, NULL not applied (the operator's rules at a point
-- with no operator; one of DOUBLE_POST and OTHER_POSTS_MISSING).
DROP TABLE IF EXISTS temp.sc_decision;
CREATE TEMP TABLE sc_decision AS
  SELECT d.*,
    CASE WHEN operator_id IS NULL THEN NULL WHEN missing_list THEN NULL ELSE other_posts = 0 END AS double_post,
    CASE WHEN operator_id IS NULL THEN NULL WHEN missing_list THEN 0 END AS other_posts_missing
  FROM (
    SELECT p.point_id, p.code,
      CASE WHEN p.first_on IS NULL OR p.first_on > q.last_day THEN 'REGISTERED_AFTER_MONTH'
        WHEN p.status_before = 'closed' THEN 'CLOSED_BEFORE_MONTH'
        WHEN p.operating_days = 0 THEN 'NOT_OPERATING_IN_MONTH' END AS out_of_scope,
      c.operator_id, coalesce(c.days, 0) AS operator_days,
      coalesce(p.plan_year <= q.year, 0) AS in_plan,
      pol.require_rural = 0 OR CAST(substr(p.village_code, 10, 3) AS INTEGER) BETWEEN 200 AND 399
        OR CAST(substr(p.village_code, 10, 3) AS INTEGER) BETWEEN 500 AND 599 AS rural,
      CASE pol.fact_coverage WHEN 'all_days' THEN k.verified = k.total AND k.total > 0 ELSE k.verified > 0 END AS verified,
      p.operating_days >= pol.min_operating_days AS operating,
      c.operator_id IS NOT NULL AS has_operator,
      CASE WHEN c.operator_id IS NOT NULL THEN
        e.difficulty IS NOT NULL AND instr(',' || pol.accepted || ',', ',' || e.difficulty || ',') > 0
        -- 4050: a woman of 40 or more, a man of 50 or more, in full years on the day of certification.
        AND (e.difficulty IS NOT '4050' OR
          CAST(substr(e.certified_on, 1, 4) AS INTEGER) - CAST(substr(e.id_number, 7, 4) AS INTEGER)
            - (substr(e.certified_on, 6, 2) || substr(e.certified_on, 9, 2) < substr(e.id_number, 11, 4))
            >= CASE WHEN CAST(substr(e.id_number, 17, 1) AS INTEGER) % 2 = 1 THEN 50 ELSE 40 END)
        AND CASE pol.fact_coverage WHEN 'all_days' THEN k.certified = k.total AND k.total > 0 ELSE k.certified > 0 END
      END AS certificate,
      CASE WHEN c.operator_id IS NOT NULL THEN
        CASE pol.fact_coverage WHEN 'all_days' THEN k.contracted = k.total AND k.total > 0 ELSE k.contracted > 0 END
      END AS contract,
      CASE WHEN c.operator_id IS NOT NULL THEN q.month_index < e.retirement_index END AS not_retired,
      -- At most max_months in all, unless the first month (this one, if none was paid before)
      -- lies fewer than the window's months before the statutory retirement month; never a
      -- month the opening balance already covers.
      CASE WHEN c.operator_id IS NOT NULL THEN
        (e.balance_as_of IS NULL OR q.month > e.balance_as_of)
        AND (e.months_used < pol.max_months
          OR (e.first_known = 1 AND e.statutory_index - min(
            coalesce(CAST(substr(e.first_paid, 1, 4) AS INTEGER) * 12 + CAST(substr(e.first_paid, 6, 2) AS INTEGER) - 1, q.month_index),
            q.month_index) < pol.near_retirement_window))
      END AS months,
      CASE WHEN c.operator_id IS NOT NULL THEN e.months_used ELSE 0 END AS months_before,
      q.waive = 0 AND NOT EXISTS (SELECT 1 FROM other_post_list l WHERE l.month = q.month) AS missing_list,
      (SELECT count(*) FROM other_post x WHERE x.month = q.month AND x.id_number = e.id_number) AS other_posts,
      p.activity >= pol.min_monthly_activity AS activity
    FROM sc_point p CROSS JOIN sc_param q CROSS JOIN sc_policy pol
      LEFT JOIN sc_chosen c ON c.point_id = p.point_id
      LEFT JOIN sc_person e ON e.operator_id = c.operator_id
      LEFT JOIN sc_covered k ON k.point_id = p.point_id) d;

-- One person, one subsidised post: of the posts that would be paid but for the post rules,
-- the one with more of the person's days keeps them (the lower code on a tie); the others
-- fail DOUBLE_POST (listed before OTHER_POSTS_MISSING when the month's list is missing).
WITH payable AS (
  SELECT point_id, row_number() OVER (PARTITION BY operator_id ORDER BY operator_days DESC, code) AS rank
  FROM sc_decision
  WHERE out_of_scope IS NULL AND operator_id IS NOT NULL AND in_plan AND rural AND verified AND operating AND certificate AND contract
    AND not_retired AND months AND activity)
UPDATE sc_decision SET double_post = 0 WHERE point_id IN (SELECT point_id FROM payable WHERE rank > 1);

DROP TABLE IF EXISTS main.sql_result;
CREATE TABLE main.sql_result (
  point_id INTEGER PRIMARY KEY,
  operator_id INTEGER,
  out_of_scope TEXT,
  eligible INTEGER NOT NULL,
  amount_fen INTEGER NOT NULL,
  months_before INTEGER NOT NULL,
  months_including INTEGER NOT NULL,
  operator_days INTEGER NOT NULL,
  rules TEXT NOT NULL
) STRICT;
INSERT INTO main.sql_result
  SELECT point_id, operator_id, out_of_scope, eligible, eligible * pol.monthly_amount_fen, months_before, months_before + eligible,
    operator_days, rules
  FROM (
    SELECT point_id, CASE WHEN out_of_scope IS NULL THEN operator_id END AS operator_id, out_of_scope,
      out_of_scope IS NULL AND in_plan AND rural AND verified AND operating AND has_operator AND coalesce(certificate, 1)
        AND coalesce(contract, 1) AND coalesce(not_retired, 1) AND coalesce(months, 1) AND coalesce(double_post, 1)
        AND coalesce(other_posts_missing, 1) AND activity AS eligible,
      CASE WHEN out_of_scope IS NULL THEN months_before ELSE 0 END AS months_before,
      CASE WHEN out_of_scope IS NULL THEN operator_days ELSE 0 END AS operator_days,
      CASE WHEN out_of_scope IS NOT NULL THEN '[]' ELSE '[' || substr(
        ',{"rule":"POINT_NOT_IN_PLAN","passed":' || CASE in_plan WHEN 1 THEN 'true' WHEN 0 THEN 'false' END || '}'
        || ',{"rule":"POINT_NOT_RURAL","passed":' || CASE rural WHEN 1 THEN 'true' WHEN 0 THEN 'false' END || '}'
        || ',{"rule":"POINT_NOT_VERIFIED","passed":' || CASE verified WHEN 1 THEN 'true' WHEN 0 THEN 'false' END || '}'
        || ',{"rule":"POINT_NOT_OPERATING","passed":' || CASE operating WHEN 1 THEN 'true' WHEN 0 THEN 'false' END || '}'
        || ',{"rule":"OPERATOR_MISSING","passed":' || CASE has_operator WHEN 1 THEN 'true' WHEN 0 THEN 'false' END || '}'
        || coalesce(',{"rule":"NO_DIFFICULTY_CERT","passed":' || CASE certificate WHEN 1 THEN 'true' WHEN 0 THEN 'false' END || '}', '')
        || coalesce(',{"rule":"NO_CONTRACT","passed":' || CASE contract WHEN 1 THEN 'true' WHEN 0 THEN 'false' END || '}', '')
        || coalesce(',{"rule":"RETIRED","passed":' || CASE not_retired WHEN 1 THEN 'true' WHEN 0 THEN 'false' END || '}', '')
        || coalesce(',{"rule":"MONTHS_EXHAUSTED","passed":' || CASE months WHEN 1 THEN 'true' WHEN 0 THEN 'false' END || '}', '')
        || coalesce(',{"rule":"DOUBLE_POST","passed":' || CASE double_post WHEN 1 THEN 'true' WHEN 0 THEN 'false' END || '}', '')
        || coalesce(',{"rule":"OTHER_POSTS_MISSING","passed":' || CASE other_posts_missing WHEN 1 THEN 'true' WHEN 0 THEN 'false' END || '}', '')
        || ',{"rule":"LOW_ACTIVITY","passed":' || CASE activity WHEN 1 THEN 'true' WHEN 0 THEN 'false' END || '}', 2) || ']' END AS rules
    FROM sc_decision) CROSS JOIN sc_policy pol;
