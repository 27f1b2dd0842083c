CREATE TABLE IF NOT EXISTS follow_ups
(
    event_id String,
    person_id String,
    day Date,
    followed_at DateTime('UTC'),
    received_at DateTime('UTC'),
    method String,
    reached UInt8,
    has_temperature UInt8,
    temperature_c Float64,
    fever UInt8,
    team_id String,
    revision UInt32,
    sign Int8
)
ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(day)
ORDER BY (day, person_id, event_id, revision, sign)
