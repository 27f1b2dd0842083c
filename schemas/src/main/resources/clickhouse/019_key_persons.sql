CREATE TABLE IF NOT EXISTS key_persons
(
    person_id String,
    household_id String,
    compound_id String,
    district String,
    street String,
    community String,
    responsible_unit String,
    category String,
    measure String,
    measure_from String,
    measure_until String DEFAULT '',
    responsible String,
    id_hash String DEFAULT '',
    received_at DateTime('UTC'),
    version UInt64
)
ENGINE = MergeTree()
ORDER BY (person_id, version)
