-- A confidence (0-1) per extracted row, from the evidence that decided it (issue 13): how near the
-- trigger was, whether the year was stated or inferred, whether the buyer or actor was named or
-- resolved through "it". Rows loaded before this migration have NULL: re-extract to fill them.
ALTER TABLE chip_spend ADD COLUMN IF NOT EXISTS confidence DOUBLE;
ALTER TABLE policy_events ADD COLUMN IF NOT EXISTS confidence DOUBLE;
