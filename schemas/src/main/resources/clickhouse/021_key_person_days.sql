CREATE TABLE IF NOT EXISTS key_person_days
(
    day Date,
    person_id String,
    district String,
    street String,
    community String,
    responsible_unit String,
    measure String,
    status String,
    fever UInt8,
    releases_today UInt8,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(day)
ORDER BY (day, person_id)
