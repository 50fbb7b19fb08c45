-- v_policy_timeline: policy claims in time order. timeline_on is the event's date, or the day it was
-- first reported when the articles give none (timeline_on_basis says which).
CREATE OR REPLACE VIEW v_policy_timeline AS
SELECT coalesce(event_date, first_reported_on)                           AS timeline_on,
       CASE WHEN event_date IS NOT NULL THEN 'event_date'
            WHEN first_reported_on IS NOT NULL THEN 'first_reported' END AS timeline_on_basis,
       event_date, date_precision, actor_country, actor, instrument, target,
       magnitude, magnitude_unit, status, any_disputed,
       n_sources, publishers, first_reported_on, last_reported_on, evidence, claim_id
FROM policy_claims
ORDER BY timeline_on NULLS LAST, actor_country, instrument, claim_id;
