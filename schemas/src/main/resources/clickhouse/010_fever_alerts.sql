CREATE TABLE IF NOT EXISTS fever_alerts
(
    alert_id String,
    event_id String,
    person_index UInt16,
    checkpoint_id String,
    occurred_at DateTime,
    temperature_c Float64,
    delivered_at DateTime,
    status String,
    acknowledged_by String,
    acknowledged_at DateTime,
    version UInt64,
    kind String DEFAULT 'abnormal_temperature',
    person_id String DEFAULT '',
    household_id String DEFAULT '',
    district String DEFAULT '',
    street String DEFAULT '',
    community String DEFAULT '',
    responsible_unit String DEFAULT ''
)
ENGINE = ReplacingMergeTree(version)
ORDER BY alert_id
