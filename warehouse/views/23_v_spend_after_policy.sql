-- v_spend_after_policy: each spend claim dated 0 to 180 days after a dated policy event.
-- A claim's date is spend_claims.claim_on: when it was first reported, else January 1 of its year.
CREATE OR REPLACE VIEW v_spend_after_policy AS
SELECT p.claim_id                             AS policy_claim_id,
       p.event_date, p.date_precision, p.actor_country, p.actor, p.instrument, p.target,
       p.status                               AS policy_status,
       s.claim_id                             AS spend_claim_id,
       s.claim_on, s.claim_on_basis,
       date_diff('day', p.event_date, s.claim_on) AS days_after,
       s.company, s.year, s.spend_type, s.status AS spend_status,
       s.amount_usd, s.units, s.vendor, s.chip_model, s.vendor_origin, s.any_disputed, s.n_sources
FROM policy_claims AS p
JOIN spend_claims AS s
  ON s.claim_on >= p.event_date
 AND s.claim_on <= p.event_date + INTERVAL 180 DAY
WHERE p.event_date IS NOT NULL
ORDER BY p.event_date, p.claim_id, s.claim_on, s.claim_id;
