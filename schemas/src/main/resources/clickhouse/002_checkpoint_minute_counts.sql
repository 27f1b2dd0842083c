CREATE TABLE IF NOT EXISTS checkpoint_minute_counts
(
    checkpoint_id String,
    minute DateTime('UTC'),
    arrivals UInt64,
    registered_vehicles UInt64,
    registered_persons UInt64,
    out_of_province_persons UInt64,
    turned_back_vehicles UInt64,
    turned_back_persons UInt64,
    abnormal_temperatures UInt64,
    referred_persons UInt64,
    last_received_at DateTime('UTC')
)
ENGINE = ReplacingMergeTree(arrivals)
PARTITION BY toYYYYMM(minute)
ORDER BY (checkpoint_id, minute)
