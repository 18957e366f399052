-- CSAT per ISO week (Monday) of the local request day: surveys sent and answered,
-- average rating and the share of 4-5 ratings in percent.
SELECT
  date_trunc('week', CAST(dt AS date)) AS week,
  count(*) AS sent,
  count(rating) AS responded,
  avg(rating) AS avg_rating,
  round(100.0 * count_if(rating >= 4) / nullif(count(rating), 0), 1) AS satisfaction_pct
FROM inbox_metrics.csat
WHERE workspace_id = 'acme'
  AND dt BETWEEN '2026-11-01' AND '2026-11-30'
GROUP BY 1
ORDER BY 1;
