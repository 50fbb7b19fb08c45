-- chip_spend_reviewed: chip_spend as the analysts left it (corrections.csv, applied through row_reviews).
-- Rejected rows are out; corrected rows carry the corrected values; rows an analyst added are in (their
-- extractor_version is 'analyst', their confidence 1); everything else is the extractor's row as found.
-- `reviewed` is true for confirmed, corrected and added rows; chip_spend itself is never changed.
CREATE OR REPLACE VIEW chip_spend_reviewed AS
WITH reviews AS (
    SELECT row_id, article_id, decision, note, correction_ids, evidence, char_start, char_end,
           json_transform(row_values, '{"company": "VARCHAR", "year": "INTEGER", "amount": "DOUBLE",
               "currency": "VARCHAR", "amount_usd": "DOUBLE", "units": "BIGINT", "vendor": "VARCHAR",
               "chip_model": "VARCHAR", "spend_type": "VARCHAR", "region": "VARCHAR", "status": "VARCHAR",
               "disputed": "BOOLEAN"}') AS v
    FROM row_reviews
    WHERE row_kind = 'chip_spend'
)
SELECT s.* REPLACE (
           CASE WHEN r.v IS NULL THEN s.company ELSE r.v.company END        AS company,
           CASE WHEN r.v IS NULL THEN s.year ELSE r.v.year END              AS year,
           CASE WHEN r.v IS NULL THEN s.amount ELSE r.v.amount END          AS amount,
           CASE WHEN r.v IS NULL THEN s.currency ELSE r.v.currency END      AS currency,
           CASE WHEN r.v IS NULL THEN s.amount_usd ELSE r.v.amount_usd END  AS amount_usd,
           CASE WHEN r.v IS NULL THEN s.units ELSE r.v.units END            AS units,
           CASE WHEN r.v IS NULL THEN s.vendor ELSE r.v.vendor END          AS vendor,
           CASE WHEN r.v IS NULL THEN s.chip_model ELSE r.v.chip_model END  AS chip_model,
           CASE WHEN r.v IS NULL THEN s.spend_type ELSE r.v.spend_type END  AS spend_type,
           CASE WHEN r.v IS NULL THEN s.region ELSE r.v.region END          AS region,
           CASE WHEN r.v IS NULL THEN s.status ELSE r.v.status END          AS status,
           CASE WHEN r.v IS NULL THEN s.disputed ELSE r.v.disputed END      AS disputed),
       r.decision IS NOT NULL                                               AS reviewed,
       r.decision                                                           AS review_decision,
       r.note                                                               AS review_note,
       r.correction_ids
FROM chip_spend AS s
LEFT JOIN reviews AS r ON r.row_id = s.fact_id
WHERE r.decision IS DISTINCT FROM 'rejected'
UNION ALL BY NAME
SELECT r.row_id AS fact_id, r.article_id, r.v.company AS company, r.v.year AS year, r.v.amount AS amount,
       r.v.currency AS currency, r.v.amount_usd AS amount_usd, r.v.units AS units, r.v.vendor AS vendor,
       r.v.chip_model AS chip_model, r.v.spend_type AS spend_type, r.v.region AS region, r.v.status AS status,
       r.v.disputed AS disputed, CAST(1.0 AS DOUBLE) AS confidence, r.evidence, r.char_start, r.char_end,
       'analyst' AS extractor_version, true AS reviewed, r.decision AS review_decision, r.note AS review_note,
       r.correction_ids
FROM reviews AS r
WHERE r.decision = 'added';
