-- Every point where the results of scripts/subsidy-check.sql (`sql_result`) differ from run
-- :run of `wancun subsidy check` (`subsidy_result`): each differing row from both sides, with
-- the point's code, the side (`wancun` or `sql`), the operator paid, out-of-scope reason,
-- eligibility, amount, months before and including, the operator's days (OPERATOR_MISSING's
-- evidence), and the rule outcomes as `RULE:1,RULE:0,…` in the order they were listed. No
-- rows: the two agree on every point.
WITH wancun AS (
  SELECT r.point_id, r.operator_id, r.out_of_scope, r.eligible, r.amount_fen, r.months_before, r.months_including,
    coalesce((
      SELECT CAST(json_extract(e.value, '$[1]') AS INTEGER) FROM json_each(r.rules) j, json_each(j.value, '$.evidence') e
      WHERE json_extract(j.value, '$.rule') = 'OPERATOR_MISSING' AND json_extract(e.value, '$[0]') = 'days'), 0) AS operator_days,
    (SELECT group_concat(json_extract(j.value, '$.rule') || ':' || json_extract(j.value, '$.passed'), ',') FROM json_each(r.rules) j)
      AS rules
  FROM subsidy_result r WHERE r.run_id = :run),
sql AS (
  SELECT r.point_id, r.operator_id, r.out_of_scope, r.eligible, r.amount_fen, r.months_before, r.months_including, r.operator_days,
    (SELECT group_concat(json_extract(j.value, '$.rule') || ':' || json_extract(j.value, '$.passed'), ',') FROM json_each(r.rules) j)
      AS rules
  FROM sql_result r)
SELECT p.code, d.* FROM (
  SELECT 'wancun' AS side, * FROM (SELECT * FROM wancun EXCEPT SELECT * FROM sql)
  UNION ALL
  SELECT 'sql' AS side, * FROM (SELECT * FROM sql EXCEPT SELECT * FROM wancun)) d
  JOIN point p ON p.id = d.point_id
ORDER BY p.code, d.side DESC;
