CREATE TABLE IF NOT EXISTS compound_households
(
    compound_id String,
    household_id String,
    -- 1: the household is in this compound as of this version, 0: it moved out (a later upload names another compound)
    present UInt8,
    district String,
    street String,
    community String,
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
ORDER BY (compound_id, household_id)
