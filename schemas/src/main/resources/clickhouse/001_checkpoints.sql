CREATE TABLE IF NOT EXISTS checkpoints
(
    checkpoint_id String,
    name String,
    kind String,
    province String,
    city String,
    district String,
    street String,
    latitude Nullable(Float64),
    longitude Nullable(Float64),
    active_from String DEFAULT '',
    active_until String DEFAULT '',
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY checkpoint_id
