-- Statements of the analytics side: replacing the seed dimension tables (warehouse/seeds.py) and
-- listing what to export (warehouse/export.py). `batch` is an Arrow table of a seed CSV's string rows,
-- registered by the caller; empty cells are NULL, `a|b` cells become lists.

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
