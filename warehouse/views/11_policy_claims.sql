-- policy_claims: one row per policy event, however many articles report it.
-- Reports are one claim when they share actor_country, instrument and event_date; reports without a
-- date are one claim when they also share the target (case and spaces ignored). Descriptive fields
-- come from the earliest report; any_disputed is true when the sources contradict each other: they
-- give different magnitudes, or some report the action rescinded while others do not.
-- Reports are the analysts' view of the rows (policy_events_reviewed: corrections applied, rejected rows
-- out, added rows in); `reviewed` is true when an analyst confirmed, corrected or added one of its reports.
CREATE OR REPLACE VIEW policy_claims AS
WITH reports AS (
    SELECT e.*,
           a.publisher,
           a.published_on,
           coalesce(CAST(a.published_on AS TEXT), '9999-12-31') || ':' || e.event_id AS report_key,
           CASE WHEN e.event_date IS NOT NULL THEN 'date:' || CAST(e.event_date AS TEXT)
                ELSE 'target:' || lower(trim(regexp_replace(coalesce(e.target, ''), '\s+', ' ', 'g'))) END AS claim_key
    FROM policy_events_reviewed AS e
    LEFT JOIN articles AS a USING (article_id)
)
SELECT substr(md5(concat_ws('|', actor_country, instrument, claim_key)), 1, 16)   AS claim_id,
       actor_country,
       instrument,
       event_date,
       min(date_precision)                                                    AS date_precision,  -- day < month < year
       arg_min(actor, report_key)                                             AS actor,
       list_sort(list_distinct(list(actor)))                                  AS actors,
       arg_min(target, report_key) FILTER (WHERE target IS NOT NULL)          AS target,
       arg_min(magnitude, report_key) FILTER (WHERE magnitude IS NOT NULL)    AS magnitude,
       arg_min(magnitude_unit, report_key) FILTER (WHERE magnitude IS NOT NULL) AS magnitude_unit,
       arg_min(status, report_key)                                            AS status,
       list_sort(list_distinct(list(status)))                                 AS statuses,
       (count(DISTINCT magnitude) > 1
        OR (coalesce(bool_or(status = 'rescinded'), false)
            AND coalesce(bool_or(status <> 'rescinded'), false)))             AS any_disputed,
       count(DISTINCT article_id)                                             AS n_sources,
       count(*)                                                               AS n_reports,
       count(DISTINCT publisher)                                              AS n_publishers,
       list_sort(list_distinct(list(publisher)))                              AS publishers,
       min(published_on)                                                      AS first_reported_on,
       max(published_on)                                                      AS last_reported_on,
       arg_min(evidence, report_key)                                          AS evidence,
       arg_min(article_id, report_key)                                        AS article_id,
       list_sort(list_distinct(list(article_id)))                             AS article_ids,
       max(confidence)                                                        AS confidence,
       coalesce(bool_or(reviewed), false)                                     AS reviewed,
       count(*) FILTER (WHERE reviewed)                                       AS n_reviewed_reports,
       nullif(array_to_string(list_sort(list_distinct(list(review_note))), '; '), '') AS review_note,
       list_sort(list(event_id))                                              AS event_ids
FROM reports
GROUP BY actor_country, instrument, event_date, claim_key
ORDER BY event_date NULLS LAST, actor_country, instrument, claim_id;
