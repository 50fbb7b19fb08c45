-- The core tables of CONTRACT.md, plus the pipeline's own state (fetch_log, fetch_state).
CREATE TABLE IF NOT EXISTS articles (
    article_id      TEXT PRIMARY KEY,
    source          TEXT NOT NULL,
    url             TEXT NOT NULL,
    title           TEXT,
    publisher       TEXT,
    published_on    DATE,
    language        TEXT,
    text            TEXT NOT NULL,
    content_sha256  TEXT NOT NULL,
    raw_sha256      TEXT,
    first_seen_at   TIMESTAMP NOT NULL,
    last_seen_at    TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS chip_spend (
    fact_id           TEXT PRIMARY KEY,
    article_id        TEXT NOT NULL,
    company           TEXT NOT NULL,
    year              INTEGER,
    amount            DOUBLE,
    currency          TEXT,
    amount_usd        DOUBLE,
    units             BIGINT,
    vendor            TEXT,
    chip_model        TEXT,
    spend_type        TEXT,
    region            TEXT,
    status            TEXT,
    disputed          BOOLEAN,
    attribution       TEXT,
    qualifier         TEXT,
    evidence          TEXT NOT NULL,
    char_start        INTEGER NOT NULL,
    char_end          INTEGER NOT NULL,
    extractor_version TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS policy_events (
    event_id          TEXT PRIMARY KEY,
    article_id        TEXT NOT NULL,
    actor_country     TEXT NOT NULL,
    actor             TEXT,
    instrument        TEXT NOT NULL,
    target            TEXT,
    event_date        DATE,
    date_precision    TEXT,
    magnitude         DOUBLE,
    magnitude_unit    TEXT,
    status            TEXT,
    evidence          TEXT NOT NULL,
    char_start        INTEGER NOT NULL,
    char_end          INTEGER NOT NULL,
    extractor_version TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS quarantine (
    row_kind            TEXT NOT NULL,
    row_key             TEXT NOT NULL,
    article_id          TEXT,
    failed_expectations TEXT[] NOT NULL,
    payload             JSON NOT NULL,
    run_id              TEXT NOT NULL,
    quarantined_at      TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS pipeline_runs (
    run_id                TEXT PRIMARY KEY,
    flow_run_id           TEXT,
    started_at            TIMESTAMP NOT NULL,
    finished_at           TIMESTAMP,
    status                TEXT NOT NULL,
    sources               TEXT,
    articles_seen         INTEGER DEFAULT 0,
    articles_new          INTEGER DEFAULT 0,
    articles_updated      INTEGER DEFAULT 0,
    articles_unchanged    INTEGER DEFAULT 0,
    articles_failed       INTEGER DEFAULT 0,
    articles_quarantined  INTEGER DEFAULT 0,
    spend_loaded          INTEGER DEFAULT 0,
    spend_quarantined     INTEGER DEFAULT 0,
    policy_loaded         INTEGER DEFAULT 0,
    policy_quarantined    INTEGER DEFAULT 0,
    message               TEXT
);

-- Every fetch or read attempt and its outcome, so no page disappears silently.
CREATE TABLE IF NOT EXISTS fetch_log (
    run_id        TEXT NOT NULL,
    url           TEXT NOT NULL,
    source        TEXT,
    kind          TEXT,
    status        TEXT NOT NULL,
    http_status   INTEGER,
    reason        TEXT,
    attempts      INTEGER,
    bytes         BIGINT,
    elapsed_s     DOUBLE,
    article_id    TEXT,
    logged_at     TIMESTAMP NOT NULL
);

-- What the fetcher knows about each URL between runs (conditional GET validators, last outcome).
CREATE TABLE IF NOT EXISTS fetch_state (
    url            TEXT PRIMARY KEY,
    etag           TEXT,
    last_modified  TEXT,
    raw_sha256     TEXT,
    article_id     TEXT,
    last_status    TEXT,
    last_fetched_at TIMESTAMP
);

CREATE TABLE IF NOT EXISTS validation_results (
    run_id             TEXT NOT NULL,
    suite              TEXT NOT NULL,
    expectation        TEXT NOT NULL,
    severity           TEXT NOT NULL,
    success            BOOLEAN NOT NULL,
    element_count      INTEGER,
    unexpected_count   INTEGER,
    unexpected_percent DOUBLE,
    validated_at       TIMESTAMP NOT NULL
);
