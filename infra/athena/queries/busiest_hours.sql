-- Heatmap of inbound messages by local weekday (1 = Monday) and hour.
-- Put the workspace's time zone in AT TIME ZONE.
SELECT
  day_of_week(at AT TIME ZONE 'Asia/Jakarta') AS weekday,
  hour(at AT TIME ZONE 'Asia/Jakarta') AS hour,
  count(*) AS messages_in
FROM inbox_metrics.messages
WHERE workspace_id = 'acme'
  AND dt BETWEEN '2026-11-01' AND '2026-11-30'
  AND direction = 'inbound'
GROUP BY 1, 2
ORDER BY messages_in DESC, weekday, hour;
