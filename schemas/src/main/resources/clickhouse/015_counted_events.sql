CREATE TABLE IF NOT EXISTS counted_events
(
    event_id String,
    figure String,
    occurred_at DateTime('UTC'),
    received_at DateTime('UTC'),
    received_ms UInt64,
    change String,
    sign Int8,
    counts String
)
ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(received_at)
ORDER BY (received_at, event_id, figure, sign)
