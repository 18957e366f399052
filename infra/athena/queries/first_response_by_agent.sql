-- Daily first-response time per agent, in seconds: answered tickets, p50 and p90.
-- dt is the local day the ticket was opened; the agent is the author of the first reply.
SELECT
  dt,
  first_response_agent_id AS agent_id,
  count(*) AS answered,
  approx_percentile(first_response_seconds, 0.5) AS p50_seconds,
  approx_percentile(first_response_seconds, 0.9) AS p90_seconds
FROM inbox_metrics.tickets
WHERE workspace_id = 'acme'
  AND dt BETWEEN '2026-11-01' AND '2026-11-30'
  AND first_response_seconds IS NOT NULL
GROUP BY dt, first_response_agent_id
ORDER BY dt, agent_id;
