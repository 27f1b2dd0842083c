CREATE TABLE IF NOT EXISTS households
(
    household_id String,
    district String,
    street String,
    community String,
    compound_id String,
    compound_name String,
    building String,
    unit String,
    room String,
    responsible_unit String,
    grid_id String,
    active_from String DEFAULT '',
    active_until String DEFAULT '',
    registered_at DateTime('UTC'),
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY household_id
