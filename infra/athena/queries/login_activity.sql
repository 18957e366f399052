-- Logins and logouts per agent: counts, first and last event, days with activity.
SELECT
  agent_id,
  agent_name,
  count_if(activity = 'login') AS logins,
  count_if(activity = 'logout') AS logouts,
  min(at) AS first_seen,
  max(at) AS last_seen,
  count(DISTINCT dt) AS active_days
FROM inbox_metrics.access_log
WHERE workspace_id = 'acme'
  AND dt BETWEEN '2026-11-01' AND '2026-11-30'
GROUP BY agent_id, agent_name
ORDER BY logins DESC, agent_id;
