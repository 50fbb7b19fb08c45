-- Analyst corrections (issue 18). The corrections file (corrections.csv, a CSV under version control) is
-- the source of truth; every run loads it into these tables, and the views apply it:
-- chip_spend / policy_events keep what the extractor found, chip_spend_reviewed / policy_events_reviewed
-- and the claims views built on them use the corrected values.

-- One row per line of the corrections file, with where it landed.
CREATE TABLE IF NOT EXISTS corrections (
    correction_id        TEXT NOT NULL,
    line_no              INTEGER NOT NULL,
    action               TEXT,          -- reject | set | confirm | add
    row_kind             TEXT,          -- chip_spend | policy_event
    article_id           TEXT,
    row_id               TEXT,          -- the row it applies to now (for an add: the added row's id)
    recorded_row_id      TEXT,          -- the row id written in the file (when decided)
    evidence             TEXT,
    char_start           INTEGER,       -- where the evidence is now (as recorded when orphaned)
    char_end             INTEGER,
    anchor               JSON,          -- the row's key values when decided
    fields               JSON,          -- the values set or added
    author               TEXT,
    decided_at           TIMESTAMP,
    note                 TEXT,
    status               TEXT NOT NULL, -- applied | orphaned | quarantined
    reason               TEXT,          -- why orphaned, or the failed expectations when quarantined
    before               JSON,          -- the row's values before this line (the anchor's when orphaned)
    after                JSON,          -- and after it (NULL for a reject)
    run_id               TEXT NOT NULL,
    loaded_at            TIMESTAMP NOT NULL
);

-- One row per reviewed row (or added row): the decisions on it folded in time order.
CREATE TABLE IF NOT EXISTS row_reviews (
    row_kind        TEXT NOT NULL,      -- chip_spend | policy_event
    row_id          TEXT NOT NULL,      -- fact_id / event_id (for an added row: the correction's id)
    article_id      TEXT NOT NULL,
    decision        TEXT NOT NULL,      -- rejected | corrected | confirmed | added
    row_values      JSON,               -- corrected and added rows: every settable field after the corrections
    set_fields      TEXT[],
    note            TEXT,
    author          TEXT,
    decided_at      TIMESTAMP,
    correction_ids  TEXT[] NOT NULL,
    evidence        TEXT,               -- added rows only
    char_start      INTEGER,
    char_end        INTEGER
);

-- One row per time the corrections were loaded (a run, or `chipdemand corrections apply`): the file's
-- digest decides whether the next run must load it again.
CREATE TABLE IF NOT EXISTS correction_loads (
    run_id            TEXT NOT NULL,
    corrections_path  TEXT NOT NULL,
    state_sha256      TEXT NOT NULL,    -- the file, the seeds and the rows of the articles it names
    loaded_at         TIMESTAMP NOT NULL,
    lines             INTEGER NOT NULL,
    applied           INTEGER NOT NULL,
    orphaned          INTEGER NOT NULL,
    quarantined       INTEGER NOT NULL
);
