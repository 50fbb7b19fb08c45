-- v_spend_by_company_year: spend claims added up per company and year, split by status.
-- Sums add claims (each fact once, however many sources); disputed_usd is the part whose sources
-- include a denial, so `total_usd - disputed_usd` is the undisputed total.
CREATE OR REPLACE VIEW v_spend_by_company_year AS
SELECT company,
       year,
       count(*)                                                          AS n_claims,
       coalesce(sum(amount_usd) FILTER (WHERE status = 'planned'), 0)    AS planned_usd,
       coalesce(sum(amount_usd) FILTER (WHERE status = 'actual'), 0)     AS actual_usd,
       coalesce(sum(amount_usd) FILTER (WHERE status = 'estimate'), 0)   AS estimate_usd,
       coalesce(sum(amount_usd), 0)                                      AS total_usd,
       coalesce(sum(amount_usd) FILTER (WHERE any_disputed), 0)          AS disputed_usd,
       CAST(coalesce(sum(units), 0) AS BIGINT)                                           AS chip_units,
       count(*) FILTER (WHERE any_disputed)                              AS n_disputed_claims,
       max(n_sources)                                                    AS max_sources,
       min(first_reported_on)                                            AS first_reported_on,
       max(last_reported_on)                                             AS last_reported_on
FROM spend_claims
GROUP BY company, year
ORDER BY year NULLS LAST, total_usd DESC, company;
