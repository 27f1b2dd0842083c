CREATE TABLE IF NOT EXISTS checkpoint_minute_totals
(
    checkpoint_id String,
    minute DateTime('UTC'),
    arrivals Int64,
    registered_vehicles Int64,
    registered_persons Int64,
    out_of_province_persons Int64,
    turned_back_vehicles Int64,
    turned_back_persons Int64,
    abnormal_temperatures Int64,
    referred_persons Int64,
    last_received_at DateTime('UTC'),
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(minute)
ORDER BY (minute, checkpoint_id)
