CREATE TABLE IF NOT EXISTS checkpoint_day_totals
(
    checkpoint_id String,
    day Date,
    {checkpoint_rollup_columns}
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(day)
ORDER BY (day, checkpoint_id)
