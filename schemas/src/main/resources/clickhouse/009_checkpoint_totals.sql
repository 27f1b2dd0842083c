CREATE TABLE IF NOT EXISTS checkpoint_totals
(
    checkpoint_id String,
    {checkpoint_rollup_columns}
)
ENGINE = ReplacingMergeTree(version)
ORDER BY checkpoint_id
