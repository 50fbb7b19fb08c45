-- Statements of the analytics side: replacing the seed dimension tables (warehouse/seeds.py) and
-- listing what to export (warehouse/export.py). `batch` is a temporary VARCHAR table of a seed CSV's rows,
-- filled by the caller; empty cells are NULL, `a|b` cells become lists.

-- name: delete_dim_companies
DELETE FROM dim_companies

-- name: insert_dim_companies
INSERT INTO dim_companies (company, aliases, role, hq_country)
SELECT trim(company),
       list_filter(list_transform(string_split(coalesce(aliases, ''), '|'), lambda a: trim(a)), lambda a: a <> ''),
       nullif(trim(role), ''), nullif(trim(hq_country), '')
FROM batch
WHERE nullif(trim(company), '') IS NOT NULL

-- name: delete_dim_chips
DELETE FROM dim_chips

-- name: insert_dim_chips
INSERT INTO dim_chips (chip_model, vendor, family, aliases, origin, export_status, memory_gb, notes)
SELECT trim(chip_model), nullif(trim(vendor), ''), nullif(trim(family), ''),
       list_filter(list_transform(string_split(coalesce(aliases, ''), '|'), lambda a: trim(a)), lambda a: a <> ''),
       nullif(trim(origin), ''), nullif(trim(export_status), ''),
       TRY_CAST(nullif(trim(memory_gb), '') AS DOUBLE), nullif(trim(notes), '')
FROM batch
WHERE nullif(trim(chip_model), '') IS NOT NULL

-- name: delete_dim_fx_rates
DELETE FROM dim_fx_rates

-- name: insert_dim_fx_rates
INSERT INTO dim_fx_rates (year, currency, per_usd)
SELECT CAST(trim(year) AS INTEGER), upper(trim(currency)), CAST(trim(per_usd) AS DOUBLE)
FROM batch
WHERE nullif(trim(year), '') IS NOT NULL

-- name: delete_dim_policy_actors
DELETE FROM dim_policy_actors

-- name: insert_dim_policy_actors
INSERT INTO dim_policy_actors (actor, aliases, actor_country, kind)
SELECT trim(actor),
       list_filter(list_transform(string_split(coalesce(aliases, ''), '|'), lambda a: trim(a)), lambda a: a <> ''),
       nullif(trim(actor_country), ''), nullif(trim(kind), '')
FROM batch
WHERE nullif(trim(actor), '') IS NOT NULL

-- name: exportable_relations
-- Every table and view a user sees (warehouse/export.py), by name.
SELECT table_name
FROM information_schema.tables
WHERE table_schema = 'main' AND table_catalog = current_database()
ORDER BY table_name

-- name: report_counts
-- Headline numbers of the report (flows/report.py).
SELECT (SELECT count(*) FROM articles)                        AS articles,
       (SELECT count(*) FROM chip_spend)                      AS spend_rows,
       (SELECT count(*) FROM spend_claims)                    AS spend_claims,
       (SELECT count(*) FROM spend_claims WHERE n_sources > 1) AS corroborated_claims,
       (SELECT count(*) FROM spend_claims WHERE any_disputed) AS disputed_claims,
       (SELECT count(*) FROM policy_events)                   AS policy_rows,
       (SELECT count(*) FROM policy_claims)                   AS policy_claims,
       (SELECT count(*) FROM spend_claims WHERE reviewed)
         + (SELECT count(*) FROM policy_claims WHERE reviewed) AS reviewed_claims,
       (SELECT count(*) FROM quarantine)                      AS quarantined_rows

-- name: report_demand_by_company_year
SELECT company, year, total_usd / 1e9 AS total_usd_bn, planned_usd / 1e9 AS planned_usd_bn,
       actual_usd / 1e9 AS actual_usd_bn, estimate_usd / 1e9 AS estimate_usd_bn, chip_units, n_claims
FROM v_spend_by_company_year
WHERE year IS NOT NULL AND total_usd > 0
ORDER BY year, company

-- name: report_vendor_split
-- v_china_ai_chip_demand in long form: one row per year and vendor origin.
SELECT year, vendor_origin, usd / 1e9 AS usd_bn, chip_units
FROM (
    SELECT year, 'domestic' AS vendor_origin, domestic_vendor_usd AS usd, domestic_chip_units AS chip_units
    FROM v_china_ai_chip_demand
    UNION ALL
    SELECT year, 'foreign', foreign_vendor_usd, foreign_chip_units FROM v_china_ai_chip_demand
    UNION ALL
    SELECT year, 'unknown', unknown_vendor_usd, unknown_vendor_chip_units FROM v_china_ai_chip_demand
)
WHERE usd > 0 OR chip_units > 0
ORDER BY year, vendor_origin

-- name: report_policy_timeline
SELECT timeline_on, timeline_on_basis, actor_country, actor, instrument, target, status, magnitude,
       magnitude_unit, n_sources
FROM v_policy_timeline
WHERE timeline_on IS NOT NULL
ORDER BY timeline_on

-- name: report_dated_spend_claims
SELECT claim_on, claim_on_basis, company, year, spend_type, status, amount_usd / 1e9 AS amount_usd_bn,
       units, vendor, vendor_origin, any_disputed, n_sources
FROM spend_claims
WHERE claim_on IS NOT NULL AND amount_usd IS NOT NULL
ORDER BY claim_on, company

-- name: report_disputed_claims
SELECT company, year, spend_type, status, amount_usd / 1e9 AS amount_usd_bn, units, vendor, chip_model,
       n_sources, n_disputing_sources, array_to_string(publishers, ', ') AS publishers,
       first_reported_on, last_reported_on, dispute_evidence AS denial
FROM spend_claims
WHERE any_disputed
ORDER BY amount_usd DESC NULLS LAST, units DESC NULLS LAST, company

-- name: top_claims
-- The largest spend claims, for the run's markdown artifact (flows/report.py: top_claims_markdown).
SELECT company, year, spend_type, status, amount_usd / 1e9 AS amount_usd_bn, units, vendor, chip_model,
       n_sources, any_disputed, array_to_string(publishers, ', ') AS publishers
FROM spend_claims
ORDER BY amount_usd DESC NULLS LAST, units DESC NULLS LAST, company, claim_id
LIMIT ?
