-- v_orphaned_corrections: corrections whose row is no longer found (the article is gone, its text changed,
-- or the rules no longer find a row at the evidence that matches the recorded values). They stay in the
-- file and are reported here and in the run summary until an analyst edits or removes them.
CREATE OR REPLACE VIEW v_orphaned_corrections AS
SELECT correction_id, line_no, action, row_kind, reason, recorded_row_id, article_id, title, url, evidence,
       before, after, author, decided_at, note
FROM v_corrections
WHERE status = 'orphaned'
ORDER BY line_no;
