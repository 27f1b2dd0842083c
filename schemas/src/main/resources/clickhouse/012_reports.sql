CREATE TABLE IF NOT EXISTS reports
(
    date Date,
    scope String,
    format String,
    cutoff String,
    frozen_at DateTime,
    frozen_at_ms UInt64 DEFAULT 0,
    sha256 String,
    body String
)
ENGINE = ReplacingMergeTree
ORDER BY (date, scope, format)
