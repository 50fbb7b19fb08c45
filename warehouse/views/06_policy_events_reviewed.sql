-- policy_events_reviewed: policy_events as the analysts left it (see chip_spend_reviewed): rejected rows
-- out, corrected values in, added rows in, `reviewed` on every confirmed, corrected or added row.
CREATE OR REPLACE VIEW policy_events_reviewed AS
WITH reviews AS (
    SELECT row_id, article_id, decision, note, correction_ids, evidence, char_start, char_end,
           json_transform(row_values, '{"actor_country": "VARCHAR", "actor": "VARCHAR", "instrument": "VARCHAR",
               "target": "VARCHAR", "event_date": "DATE", "date_precision": "VARCHAR", "magnitude": "DOUBLE",
               "magnitude_unit": "VARCHAR", "status": "VARCHAR"}') AS v
    FROM row_reviews
    WHERE row_kind = 'policy_event'
)
SELECT e.* REPLACE (
           CASE WHEN r.v IS NULL THEN e.actor_country ELSE r.v.actor_country END    AS actor_country,
           CASE WHEN r.v IS NULL THEN e.actor ELSE r.v.actor END                    AS actor,
           CASE WHEN r.v IS NULL THEN e.instrument ELSE r.v.instrument END          AS instrument,
           CASE WHEN r.v IS NULL THEN e.target ELSE r.v.target END                  AS target,
           CASE WHEN r.v IS NULL THEN e.event_date ELSE r.v.event_date END          AS event_date,
           CASE WHEN r.v IS NULL THEN e.date_precision ELSE r.v.date_precision END  AS date_precision,
           CASE WHEN r.v IS NULL THEN e.magnitude ELSE r.v.magnitude END            AS magnitude,
           CASE WHEN r.v IS NULL THEN e.magnitude_unit ELSE r.v.magnitude_unit END  AS magnitude_unit,
           CASE WHEN r.v IS NULL THEN e.status ELSE r.v.status END                  AS status),
       r.decision IS NOT NULL                                                       AS reviewed,
       r.decision                                                                   AS review_decision,
       r.note                                                                       AS review_note,
       r.correction_ids
FROM policy_events AS e
LEFT JOIN reviews AS r ON r.row_id = e.event_id
WHERE r.decision IS DISTINCT FROM 'rejected'
UNION ALL BY NAME
SELECT r.row_id AS event_id, r.article_id, r.v.actor_country AS actor_country, r.v.actor AS actor,
       r.v.instrument AS instrument, r.v.target AS target, r.v.event_date AS event_date,
       r.v.date_precision AS date_precision, r.v.magnitude AS magnitude, r.v.magnitude_unit AS magnitude_unit,
       r.v.status AS status, CAST(1.0 AS DOUBLE) AS confidence, r.evidence, r.char_start, r.char_end,
       'analyst' AS extractor_version, true AS reviewed, r.decision AS review_decision, r.note AS review_note,
       r.correction_ids
FROM reviews AS r
WHERE r.decision = 'added';
