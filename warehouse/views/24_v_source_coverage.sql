-- v_source_coverage: per publisher, how many articles it gave, the fact rows loaded from them and the
-- rows quarantined. Quarantined articles are not in `articles`; their publisher is read from the
-- quarantine payload. Articles without a publisher count under '(unknown)'.
CREATE OR REPLACE VIEW v_source_coverage AS
WITH per_article AS (
    SELECT a.article_id,
           coalesce(a.publisher, '(unknown)') AS publisher,
           a.published_on,
           (SELECT count(*) FROM chip_spend AS s WHERE s.article_id = a.article_id)    AS spend_rows,
           (SELECT count(*) FROM policy_events AS e WHERE e.article_id = a.article_id) AS policy_rows
    FROM articles AS a
),
loaded AS (
    SELECT publisher,
           count(*)          AS articles,
           min(published_on) AS first_published_on,
           max(published_on) AS last_published_on,
           CAST(sum(spend_rows) AS BIGINT) AS spend_rows,
           CAST(sum(policy_rows) AS BIGINT) AS policy_rows
    FROM per_article
    GROUP BY publisher
),
held AS (
    SELECT coalesce(a.publisher, json_extract_string(q.payload, '$.publisher'), '(unknown)') AS publisher,
           count(*) FILTER (WHERE q.row_kind = 'article')      AS quarantined_articles,
           count(*) FILTER (WHERE q.row_kind = 'chip_spend')   AS quarantined_spend_rows,
           count(*) FILTER (WHERE q.row_kind = 'policy_event') AS quarantined_policy_rows,
           count(*)                                            AS quarantined_rows
    FROM quarantine AS q
    LEFT JOIN articles AS a USING (article_id)
    WHERE q.row_kind <> 'correction'   -- a quarantined analyst correction is not the source's doing
    GROUP BY 1
)
SELECT coalesce(l.publisher, h.publisher)        AS publisher,
       coalesce(l.articles, 0)                   AS articles,
       l.first_published_on,
       l.last_published_on,
       coalesce(l.spend_rows, 0)                 AS spend_rows,
       coalesce(l.policy_rows, 0)                AS policy_rows,
       coalesce(h.quarantined_articles, 0)       AS quarantined_articles,
       coalesce(h.quarantined_spend_rows, 0)     AS quarantined_spend_rows,
       coalesce(h.quarantined_policy_rows, 0)    AS quarantined_policy_rows,
       coalesce(h.quarantined_rows, 0)           AS quarantined_rows
FROM loaded AS l
FULL OUTER JOIN held AS h USING (publisher)
ORDER BY articles DESC, publisher;
