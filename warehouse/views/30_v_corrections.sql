-- v_corrections: every line of the corrections file as last loaded, with what it did: `status` applied,
-- orphaned (its row is no longer found: `reason` says why) or quarantined (`reason` lists the failed
-- expectations); `before` and `after` are the row's values before and after the line (JSON).
CREATE OR REPLACE VIEW v_corrections AS
SELECT c.correction_id, c.line_no, c.action, c.row_kind, c.status, c.reason, c.row_id, c.recorded_row_id,
       c.article_id, a.title, a.url, c.evidence, c.before, c.after, c.author, c.decided_at, c.note
FROM corrections AS c
LEFT JOIN articles AS a USING (article_id)
ORDER BY c.line_no;
