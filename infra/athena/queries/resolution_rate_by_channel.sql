-- Share of tickets resolved, per channel, for tickets opened in the range.
SELECT
  channel,
  count(*) AS tickets,
  count_if(status = 'resolved') AS resolved,
  round(CAST(count_if(status = 'resolved') AS double) / count(*), 4) AS resolution_rate
FROM inbox_metrics.tickets
WHERE workspace_id = 'acme'
  AND dt BETWEEN '2026-11-01' AND '2026-11-30'
GROUP BY channel
ORDER BY tickets DESC, channel;
