CREATE TABLE IF NOT EXISTS compounds
(
    compound_id String,
    compound_name String,
    district String,
    street String,
    community String,
    responsible_unit String,
    households UInt32,
    bounded_ids Array(String),
    bounded_from Array(String),
    bounded_until Array(String),
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY compound_id
