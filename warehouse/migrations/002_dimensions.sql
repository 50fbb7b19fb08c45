-- Seed dimension tables (seeds/*.csv as tables; see warehouse/seeds.py). Each run replaces their rows
-- from the CSVs, so the warehouse always carries the reference data its rows were extracted with.
-- Multi-valued cells (`a|b|c` in the CSVs) are lists here. No primary keys: a duplicated seed line
-- must not fail a run; tests check the keys instead.
CREATE TABLE IF NOT EXISTS dim_companies (
    company     TEXT NOT NULL,
    aliases     TEXT[],
    role        TEXT,          -- buyer | vendor | both
    hq_country  TEXT           -- ISO 3166 alpha-2
);

CREATE TABLE IF NOT EXISTS dim_chips (
    chip_model     TEXT NOT NULL,
    vendor         TEXT,
    family         TEXT,
    aliases        TEXT[],
    origin         TEXT,       -- domestic | foreign, relative to China
    export_status  TEXT,
    memory_gb      DOUBLE,
    notes          TEXT
);

CREATE TABLE IF NOT EXISTS dim_fx_rates (
    year      INTEGER NOT NULL,
    currency  TEXT NOT NULL,
    per_usd   DOUBLE NOT NULL   -- units of `currency` per 1 US dollar, yearly average
);

CREATE TABLE IF NOT EXISTS dim_policy_actors (
    actor          TEXT NOT NULL,
    aliases        TEXT[],
    actor_country  TEXT,
    kind           TEXT
);
