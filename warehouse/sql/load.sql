-- Statements used by warehouse/load.py. `batch` is an Arrow table registered by the caller.

-- name: insert_articles
INSERT INTO articles (article_id, source, url, title, publisher, published_on, date_source, language, text,
                      content_sha256, raw_sha256, first_seen_at, last_seen_at)
SELECT article_id, source, url, title, publisher, published_on, date_source, language, text, content_sha256,
       raw_sha256, first_seen_at, last_seen_at FROM batch
ON CONFLICT (article_id) DO UPDATE SET
    source = excluded.source, url = excluded.url, title = excluded.title, publisher = excluded.publisher,
    published_on = excluded.published_on, date_source = excluded.date_source, language = excluded.language,
    text = excluded.text,
    content_sha256 = excluded.content_sha256, raw_sha256 = excluded.raw_sha256, last_seen_at = excluded.last_seen_at;

-- name: insert_chip_spend
INSERT INTO chip_spend BY NAME SELECT * FROM batch;

-- name: insert_policy_events
INSERT INTO policy_events BY NAME SELECT * FROM batch;

-- name: insert_quarantine
INSERT INTO quarantine BY NAME SELECT row_kind, row_key, article_id, failed_expectations::TEXT[] AS failed_expectations,
       payload::JSON AS payload, run_id, quarantined_at FROM batch;

-- name: insert_fetch_log
INSERT INTO fetch_log BY NAME SELECT * FROM batch;

-- name: insert_fetch_state
INSERT INTO fetch_state (url, etag, last_modified, raw_sha256, article_id, last_status, last_fetched_at)
SELECT url, etag, last_modified, raw_sha256, article_id, last_status, last_fetched_at FROM batch
ON CONFLICT (url) DO UPDATE SET
    etag = excluded.etag, last_modified = excluded.last_modified, raw_sha256 = excluded.raw_sha256,
    article_id = excluded.article_id, last_status = excluded.last_status, last_fetched_at = excluded.last_fetched_at;

-- name: insert_validation_results
INSERT INTO validation_results BY NAME SELECT * FROM batch;

-- name: insert_pipeline_runs
INSERT INTO pipeline_runs BY NAME SELECT * FROM batch;

-- name: content_by_id
SELECT article_id, content_sha256 FROM articles WHERE list_contains(?, article_id);

-- name: id_by_content
SELECT content_sha256, min(article_id) FROM articles WHERE list_contains(?, content_sha256) GROUP BY content_sha256;

-- name: touch_articles
UPDATE articles SET last_seen_at = ? WHERE list_contains(?, article_id);

-- name: delete_spend_for_articles
DELETE FROM chip_spend WHERE list_contains(?, article_id);

-- name: delete_policy_for_articles
DELETE FROM policy_events WHERE list_contains(?, article_id);

-- name: delete_quarantine_keys
DELETE FROM quarantine WHERE list_contains(?, row_kind || ':' || row_key);

-- name: delete_run
DELETE FROM pipeline_runs WHERE run_id = ?;

-- name: set_run_message
UPDATE pipeline_runs SET message = ? WHERE run_id = ?;

-- name: fetch_state_all
SELECT url, etag, last_modified, raw_sha256, article_id, last_status, last_fetched_at FROM fetch_state;

-- name: stored_article_ids
SELECT article_id FROM articles ORDER BY article_id;

-- name: stored_articles
SELECT article_id, source, url, title, publisher, published_on, date_source, language, text, content_sha256,
       raw_sha256
FROM articles WHERE list_contains(?, article_id) ORDER BY article_id;
