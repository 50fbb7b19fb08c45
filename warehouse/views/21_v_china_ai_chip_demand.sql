-- v_china_ai_chip_demand: per year, what buyers headquartered in China (dim_companies.hq_country = 'CN')
-- plan and spend on AI chips and compute, and how it splits between domestic and foreign chip
-- vendors (spend_claims.vendor_origin: dim_chips.origin of the chip model, else the vendor's
-- headquarters; 'unknown' when the report names neither).
CREATE OR REPLACE VIEW v_china_ai_chip_demand AS
SELECT year,
       count(*)                                                                  AS n_claims,
       count(DISTINCT company)                                                   AS n_companies,
       coalesce(sum(amount_usd) FILTER (WHERE status = 'planned'), 0)            AS planned_usd,
       coalesce(sum(amount_usd) FILTER (WHERE status = 'actual'), 0)             AS actual_usd,
       coalesce(sum(amount_usd) FILTER (WHERE status = 'estimate'), 0)           AS estimate_usd,
       coalesce(sum(amount_usd), 0)                                              AS total_usd,
       coalesce(sum(amount_usd) FILTER (WHERE any_disputed), 0)                  AS disputed_usd,
       coalesce(sum(amount_usd) FILTER (WHERE vendor_origin = 'domestic'), 0)    AS domestic_vendor_usd,
       coalesce(sum(amount_usd) FILTER (WHERE vendor_origin = 'foreign'), 0)     AS foreign_vendor_usd,
       coalesce(sum(amount_usd) FILTER (WHERE vendor_origin = 'unknown'), 0)     AS unknown_vendor_usd,
       CAST(coalesce(sum(units), 0) AS BIGINT)                                                   AS chip_units,
       CAST(coalesce(sum(units) FILTER (WHERE vendor_origin = 'domestic'), 0) AS BIGINT)         AS domestic_chip_units,
       CAST(coalesce(sum(units) FILTER (WHERE vendor_origin = 'foreign'), 0) AS BIGINT)          AS foreign_chip_units,
       CAST(coalesce(sum(units) FILTER (WHERE vendor_origin = 'unknown'), 0) AS BIGINT)          AS unknown_vendor_chip_units
FROM spend_claims
WHERE buyer_country = 'CN' AND year IS NOT NULL
GROUP BY year
ORDER BY year;
