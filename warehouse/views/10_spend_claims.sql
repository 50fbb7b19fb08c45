-- spend_claims: one row per spend fact, however many articles (or sentences) report it.
-- Reports of one company, year and spend_type are one claim when their amounts agree: sorted by
-- amount, a new claim starts where an amount is more than 10% above the previous one (USD), or more
-- than 5% for chip counts. A report's date is its article's published_on. Descriptive fields
-- (vendor, chip model, status ...) come from the earliest report that gives them.
-- Reports are the analysts' view of the rows (chip_spend_reviewed: corrections applied, rejected rows out,
-- added rows in); `reviewed` is true when an analyst confirmed, corrected or added one of its reports.
CREATE OR REPLACE VIEW spend_claims AS
WITH reports AS (
    SELECT s.*,
           a.publisher,
           a.published_on,
           coalesce(CAST(a.published_on AS TEXT), '9999-12-31') || ':' || s.fact_id AS report_key,
           CASE WHEN s.amount_usd IS NOT NULL THEN 'usd'
                WHEN s.units IS NOT NULL THEN 'units'
                ELSE 'amount_' || coalesce(s.currency, 'unknown') END AS measure,
           coalesce(s.amount_usd, CAST(s.units AS DOUBLE), s.amount) AS measure_value
    FROM chip_spend_reviewed AS s
    LEFT JOIN articles AS a USING (article_id)
    WHERE coalesce(s.amount_usd, CAST(s.units AS DOUBLE), s.amount) IS NOT NULL
),
stepped AS (
    SELECT *,
           CASE WHEN lag(measure_value) OVER sorted IS NULL THEN 1
                WHEN measure_value > lag(measure_value) OVER sorted
                                     * CASE measure WHEN 'units' THEN 1.05 ELSE 1.10 END THEN 1
                ELSE 0 END AS starts_claim
    FROM reports
    WINDOW sorted AS (PARTITION BY company, year, spend_type, measure ORDER BY measure_value, fact_id)
),
numbered AS (
    SELECT *,
           sum(starts_claim) OVER (PARTITION BY company, year, spend_type, measure
                                   ORDER BY measure_value, fact_id ROWS UNBOUNDED PRECEDING) AS claim_no
    FROM stepped
),
claims AS (
    SELECT company, year, spend_type, measure,
           arg_min(fact_id, report_key)                                      AS first_fact_id,
           median(amount_usd)                                                AS amount_usd,
           min(amount_usd)                                                   AS amount_usd_low,
           max(amount_usd)                                                   AS amount_usd_high,
           CAST(round(median(units)) AS BIGINT)                              AS units,
           arg_min(amount, report_key) FILTER (WHERE amount IS NOT NULL)     AS amount,
           arg_min(currency, report_key) FILTER (WHERE amount IS NOT NULL)   AS currency,
           arg_min(vendor, report_key) FILTER (WHERE vendor IS NOT NULL)     AS vendor,
           arg_min(chip_model, report_key) FILTER (WHERE chip_model IS NOT NULL) AS chip_model,
           arg_min(region, report_key) FILTER (WHERE region IS NOT NULL)     AS region,
           arg_min(status, report_key) FILTER (WHERE status IS NOT NULL)     AS status,
           list_sort(list_distinct(list(status)))                            AS statuses,
           coalesce(bool_or(disputed), false)                                AS any_disputed,
           count(DISTINCT article_id) FILTER (WHERE disputed)                AS n_disputing_sources,
           count(DISTINCT article_id)                                        AS n_sources,
           count(*)                                                          AS n_reports,
           count(DISTINCT publisher)                                         AS n_publishers,
           list_sort(list_distinct(list(publisher)))                         AS publishers,
           list_sort(list_distinct(list(attribution)))                       AS attributions,
           min(published_on)                                                 AS first_reported_on,
           max(published_on)                                                 AS last_reported_on,
           arg_min(evidence, report_key)                                     AS evidence,
           arg_min(evidence, report_key) FILTER (WHERE disputed)             AS dispute_evidence,
           arg_min(article_id, report_key)                                   AS article_id,
           list_sort(list_distinct(list(article_id)))                        AS article_ids,
           max(confidence)                                                   AS confidence,
           coalesce(bool_or(reviewed), false)                                AS reviewed,
           count(*) FILTER (WHERE reviewed)                                  AS n_reviewed_reports,
           nullif(array_to_string(list_sort(list_distinct(list(review_note))), '; '), '') AS review_note,
           list_sort(list(fact_id))                                          AS fact_ids
    FROM numbered
    GROUP BY company, year, spend_type, measure, claim_no
),
chip_origin AS (
    SELECT lower(chip_model) AS chip_key, min(origin) AS origin FROM dim_chips GROUP BY 1
),
company_country AS (
    SELECT lower(company) AS company_key, min(hq_country) AS hq_country FROM dim_companies GROUP BY 1
)
SELECT substr(md5(concat_ws('|', c.company, coalesce(CAST(c.year AS TEXT), ''), coalesce(c.spend_type, ''),
                            c.measure, c.first_fact_id)), 1, 16)             AS claim_id,
       c.company, c.year, c.spend_type, c.status, c.statuses, c.measure,
       c.amount_usd, c.amount_usd_low, c.amount_usd_high, c.units, c.amount, c.currency,
       c.vendor, c.chip_model, c.region,
       buyer.hq_country                                                      AS buyer_country,
       coalesce(chip.origin,
                CASE WHEN seller.hq_country = 'CN' THEN 'domestic'
                     WHEN seller.hq_country IS NOT NULL THEN 'foreign' END,
                'unknown')                                                   AS vendor_origin,
       c.any_disputed, c.n_disputing_sources, c.n_sources, c.n_reports, c.n_publishers, c.publishers,
       c.attributions, c.first_reported_on, c.last_reported_on,
       coalesce(c.first_reported_on, make_date(c.year, 1, 1))               AS claim_on,
       CASE WHEN c.first_reported_on IS NOT NULL THEN 'first_reported'
            WHEN c.year IS NOT NULL THEN 'year_start' END                    AS claim_on_basis,
       c.confidence, c.reviewed, c.n_reviewed_reports, c.review_note, c.evidence, c.dispute_evidence, c.article_id, c.article_ids, c.fact_ids
FROM claims AS c
LEFT JOIN chip_origin AS chip ON chip.chip_key = lower(c.chip_model)
LEFT JOIN company_country AS seller ON seller.company_key = lower(c.vendor)
LEFT JOIN company_country AS buyer ON buyer.company_key = lower(c.company)
ORDER BY c.company, c.year, c.spend_type, c.amount_usd DESC NULLS LAST, c.units DESC NULLS LAST;
