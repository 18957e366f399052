-- Outbound messages per local day and the share whose WhatsApp delivery failed.
SELECT
  dt,
  count(*) AS outbound,
  count_if(status = 'failed') AS failed,
  round(CAST(count_if(status = 'failed') AS double) / count(*), 4) AS failure_rate
FROM inbox_metrics.messages
WHERE workspace_id = 'acme'
  AND dt BETWEEN '2026-11-01' AND '2026-11-30'
  AND direction = 'outbound'
GROUP BY dt
ORDER BY dt;
