-- Statements of the corrections side (warehouse/corrections.py, flows/corrections.py, flows/review.py).

-- name: corrections_last_load
SELECT state_sha256, corrections_path, lines, applied, orphaned, quarantined, loaded_at
FROM correction_loads ORDER BY loaded_at DESC, run_id DESC LIMIT 1

-- name: corrections_rows_digest
-- What the corrections depend on in the warehouse: the named articles' text and their extracted rows.
SELECT md5(concat_ws(chr(30),
    (SELECT string_agg(article_id || ':' || content_sha256, ',' ORDER BY article_id)
     FROM articles WHERE list_contains($ids, article_id)),
    (SELECT string_agg(CAST(s AS VARCHAR), chr(31) ORDER BY fact_id)
     FROM chip_spend AS s WHERE list_contains($ids, article_id)),
    (SELECT string_agg(CAST(e AS VARCHAR), chr(31) ORDER BY event_id)
     FROM policy_events AS e WHERE list_contains($ids, article_id))))

-- name: corrections_orphans
SELECT line_no, action, row_kind, reason FROM corrections WHERE status = 'orphaned' ORDER BY line_no LIMIT ?

-- name: corrections_articles
SELECT article_id, text, published_on FROM articles WHERE list_contains(?, article_id)

-- name: corrections_spend_rows
SELECT fact_id AS row_id, article_id, evidence, char_start, char_end, company, year, amount, currency, amount_usd,
       units, vendor, chip_model, spend_type, region, status, disputed
FROM chip_spend WHERE list_contains(?, article_id)

-- name: corrections_policy_rows
SELECT event_id AS row_id, article_id, evidence, char_start, char_end, actor_country, actor, instrument, target,
       event_date, date_precision, magnitude, magnitude_unit, status
FROM policy_events WHERE list_contains(?, article_id)

-- name: delete_corrections
DELETE FROM corrections

-- name: delete_row_reviews
DELETE FROM row_reviews

-- name: delete_quarantined_corrections
DELETE FROM quarantine WHERE row_kind = 'correction'

-- name: insert_corrections
INSERT INTO corrections BY NAME
SELECT * REPLACE (CAST(anchor AS JSON) AS anchor, CAST(fields AS JSON) AS fields, CAST(before AS JSON) AS before,
                  CAST(after AS JSON) AS after, CAST(decided_at AS TIMESTAMP) AS decided_at,
                  CAST(char_start AS INTEGER) AS char_start, CAST(char_end AS INTEGER) AS char_end)
FROM batch

-- name: insert_row_reviews
INSERT INTO row_reviews BY NAME
SELECT * REPLACE (CAST(row_values AS JSON) AS row_values, CAST(set_fields AS TEXT[]) AS set_fields,
                  CAST(correction_ids AS TEXT[]) AS correction_ids, CAST(decided_at AS TIMESTAMP) AS decided_at,
                  CAST(char_start AS INTEGER) AS char_start, CAST(char_end AS INTEGER) AS char_end)
FROM batch

-- name: insert_correction_loads
INSERT INTO correction_loads BY NAME SELECT * FROM batch

-- name: review_queue
-- Rows nobody has reviewed yet, lowest confidence first (chipdemand review).
SELECT row_kind, row_id, article_id, confidence, evidence, char_start, char_end, row_values
FROM (
    SELECT 'chip_spend' AS row_kind, fact_id AS row_id, article_id, confidence, evidence, char_start, char_end,
           CAST(json_object('company', company, 'year', year, 'amount', amount, 'currency', currency,
                            'amount_usd', amount_usd, 'units', units, 'vendor', vendor, 'chip_model', chip_model,
                            'spend_type', spend_type, 'region', region, 'status', status, 'disputed', disputed)
                AS VARCHAR) AS row_values
    FROM chip_spend_reviewed WHERE NOT reviewed AND list_contains($kinds, 'chip_spend')
    UNION ALL
    SELECT 'policy_event', event_id, article_id, confidence, evidence, char_start, char_end,
           CAST(json_object('actor_country', actor_country, 'actor', actor, 'instrument', instrument,
                            'target', target, 'event_date', event_date, 'date_precision', date_precision,
                            'magnitude', magnitude, 'magnitude_unit', magnitude_unit, 'status', status) AS VARCHAR)
    FROM policy_events_reviewed WHERE NOT reviewed AND list_contains($kinds, 'policy_event')
)
WHERE NOT list_contains($pending, row_id) AND coalesce(confidence, 0) <= $max_confidence
ORDER BY confidence NULLS FIRST, article_id, char_start, row_id
LIMIT $limit

-- name: review_articles
SELECT article_id, title, url, source, publisher, published_on, text FROM articles WHERE list_contains(?, article_id)

-- name: extracted_row_by_id
-- One extracted row by its id, in either table (chipdemand correct / reject / confirm).
SELECT 'chip_spend' AS row_kind, fact_id AS row_id, article_id, evidence, char_start, char_end,
       CAST(json_object('company', company, 'year', year, 'amount', amount, 'currency', currency,
                        'amount_usd', amount_usd, 'units', units) AS VARCHAR) AS anchor
FROM chip_spend WHERE fact_id = $id
UNION ALL
SELECT 'policy_event', event_id, article_id, evidence, char_start, char_end,
       CAST(json_object('actor_country', actor_country, 'instrument', instrument, 'event_date', event_date,
                        'target', target) AS VARCHAR)
FROM policy_events WHERE event_id = $id

-- name: article_for_add
-- The article an added row belongs to, by id, canonical URL or source (path or URL as read).
SELECT article_id, text, source FROM articles
WHERE article_id = $ref OR url = $ref OR source = $ref OR regexp_extract(source, '[^/]+$') = $ref
ORDER BY article_id

-- name: gold_articles
-- Articles with an applied correction: their reviewed rows become a gold file (export-gold).
SELECT DISTINCT a.article_id, a.source, a.published_on
FROM corrections AS c JOIN articles AS a USING (article_id)
WHERE c.status = 'applied'
ORDER BY a.article_id

-- name: gold_spend_rows
SELECT article_id, company, year, amount, currency, amount_usd, units, vendor, chip_model, spend_type, region,
       status, disputed, reviewed, evidence, char_start
FROM chip_spend_reviewed WHERE list_contains(?, article_id)
ORDER BY article_id, char_start, fact_id

-- name: gold_policy_rows
SELECT article_id, actor_country, actor, instrument, target, event_date, date_precision, magnitude, magnitude_unit,
       status, reviewed, evidence, char_start
FROM policy_events_reviewed WHERE list_contains(?, article_id)
ORDER BY article_id, char_start, event_id

-- name: report_open_claims
-- Claims no analyst has confirmed, corrected or added, lowest confidence first (flows/report.py). row_id is the
-- claim's least confident report, the one to pass to chipdemand confirm | reject | correct.
SELECT kind, claim, confidence, n_sources, row_id, evidence
FROM (
    SELECT 'spend' AS kind,
           concat_ws(' ', company, CAST(year AS TEXT), spend_type, status,
                     CASE WHEN amount_usd IS NOT NULL THEN printf('$%.2f bn', amount_usd / 1e9) END,
                     CASE WHEN units IS NOT NULL THEN printf('%,d chips', units) END) AS claim,
           confidence, n_sources, evidence,
           (SELECT fact_id FROM chip_spend_reviewed AS r WHERE list_contains(c.fact_ids, r.fact_id)
            ORDER BY r.confidence NULLS FIRST, r.fact_id LIMIT 1) AS row_id
    FROM spend_claims AS c WHERE NOT reviewed
    UNION ALL
    SELECT 'policy',
           concat_ws(' ', actor_country, instrument, CAST(event_date AS TEXT), target, status),
           confidence, n_sources, evidence,
           (SELECT event_id FROM policy_events_reviewed AS r WHERE list_contains(p.event_ids, r.event_id)
            ORDER BY r.confidence NULLS FIRST, r.event_id LIMIT 1)
    FROM policy_claims AS p WHERE NOT reviewed
)
WHERE coalesce(confidence, 0) < $max_confidence
ORDER BY confidence NULLS FIRST, n_sources, kind, claim
LIMIT $limit
