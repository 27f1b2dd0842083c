CREATE TABLE IF NOT EXISTS checkpoint_minute_totals
(
    checkpoint_id String,
    minute DateTime('UTC'),
    {checkpoint_rollup_columns}
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(minute)
ORDER BY (minute, checkpoint_id)
