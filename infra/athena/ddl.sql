-- Inbox Metrics data lake for Athena: the same database and tables as the Glue
-- resources of template.yaml (which is what a deployment uses). Run these by hand
-- only for a lake outside the stack; replace YOUR_BUCKET with the bucket name.
-- Partition projection: workspace_id is injected (every query must say
-- WHERE workspace_id = '...'), dt is a local date yyyy-MM-dd from 2025-01-01.
-- Columns must match shared/tables.GlueColumns (a Go test checks it).

CREATE DATABASE IF NOT EXISTS inbox_metrics;

CREATE EXTERNAL TABLE IF NOT EXISTS inbox_metrics.tickets (
  `ticket_id`                 string,
  `customer_id`               string,
  `customer_name`             string,
  `agent_id`                  string,
  `agent_name`                string,
  `channel`                   string,
  `status`                    string,
  `opened_at`                 timestamp,
  `customer_first_message_at` timestamp,
  `first_response_at`         timestamp,
  `first_response_agent_id`   string,
  `resolved_at`               timestamp,
  `resolved_by`               string,
  `first_response_seconds`    double,
  `resolve_seconds`           double,
  `customer_wait_seconds`     double,
  `messages_in`               bigint,
  `messages_out`              bigint,
  `labels`                    array<string>,
  `csat_rating`               bigint,
  `category`                  string,
  `note`                      string
)
PARTITIONED BY (`workspace_id` string, `dt` string)
ROW FORMAT SERDE 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe'
STORED AS INPUTFORMAT 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat'
  OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat'
LOCATION 's3://YOUR_BUCKET/lake/tickets/'
TBLPROPERTIES (
  'classification' = 'parquet',
  'projection.enabled' = 'true',
  'projection.workspace_id.type' = 'injected',
  'projection.dt.type' = 'date',
  'projection.dt.format' = 'yyyy-MM-dd',
  'projection.dt.range' = '2025-01-01,NOW',
  'projection.dt.interval' = '1',
  'projection.dt.interval.unit' = 'DAYS',
  'storage.location.template' = 's3://YOUR_BUCKET/lake/tickets/workspace_id=${workspace_id}/dt=${dt}/'
);

CREATE EXTERNAL TABLE IF NOT EXISTS inbox_metrics.messages (
  `message_id`    string,
  `at`            timestamp,
  `direction`     string,
  `sender`        string,
  `customer_id`   string,
  `customer_name` string,
  `agent_id`      string,
  `channel`       string,
  `type`          string,
  `text`          string,
  `status`        string,
  `ticket_id`     string
)
PARTITIONED BY (`workspace_id` string, `dt` string)
ROW FORMAT SERDE 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe'
STORED AS INPUTFORMAT 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat'
  OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat'
LOCATION 's3://YOUR_BUCKET/lake/messages/'
TBLPROPERTIES (
  'classification' = 'parquet',
  'projection.enabled' = 'true',
  'projection.workspace_id.type' = 'injected',
  'projection.dt.type' = 'date',
  'projection.dt.format' = 'yyyy-MM-dd',
  'projection.dt.range' = '2025-01-01,NOW',
  'projection.dt.interval' = '1',
  'projection.dt.interval.unit' = 'DAYS',
  'storage.location.template' = 's3://YOUR_BUCKET/lake/messages/workspace_id=${workspace_id}/dt=${dt}/'
);

CREATE EXTERNAL TABLE IF NOT EXISTS inbox_metrics.csat (
  `csat_id`       string,
  `ticket_id`     string,
  `customer_id`   string,
  `customer_name` string,
  `agent_id`      string,
  `agent_name`    string,
  `requested_at`  timestamp,
  `responded_at`  timestamp,
  `rating`        bigint,
  `comment`       string
)
PARTITIONED BY (`workspace_id` string, `dt` string)
ROW FORMAT SERDE 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe'
STORED AS INPUTFORMAT 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat'
  OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat'
LOCATION 's3://YOUR_BUCKET/lake/csat/'
TBLPROPERTIES (
  'classification' = 'parquet',
  'projection.enabled' = 'true',
  'projection.workspace_id.type' = 'injected',
  'projection.dt.type' = 'date',
  'projection.dt.format' = 'yyyy-MM-dd',
  'projection.dt.range' = '2025-01-01,NOW',
  'projection.dt.interval' = '1',
  'projection.dt.interval.unit' = 'DAYS',
  'storage.location.template' = 's3://YOUR_BUCKET/lake/csat/workspace_id=${workspace_id}/dt=${dt}/'
);

CREATE EXTERNAL TABLE IF NOT EXISTS inbox_metrics.access_log (
  `at`         timestamp,
  `agent_id`   string,
  `agent_name` string,
  `role`       string,
  `activity`   string,
  `os`         string,
  `browser`    string,
  `ip`         string
)
PARTITIONED BY (`workspace_id` string, `dt` string)
ROW FORMAT SERDE 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe'
STORED AS INPUTFORMAT 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat'
  OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat'
LOCATION 's3://YOUR_BUCKET/lake/access_log/'
TBLPROPERTIES (
  'classification' = 'parquet',
  'projection.enabled' = 'true',
  'projection.workspace_id.type' = 'injected',
  'projection.dt.type' = 'date',
  'projection.dt.format' = 'yyyy-MM-dd',
  'projection.dt.range' = '2025-01-01,NOW',
  'projection.dt.interval' = '1',
  'projection.dt.interval.unit' = 'DAYS',
  'storage.location.template' = 's3://YOUR_BUCKET/lake/access_log/workspace_id=${workspace_id}/dt=${dt}/'
);
