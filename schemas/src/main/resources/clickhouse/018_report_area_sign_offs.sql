CREATE TABLE IF NOT EXISTS report_area_sign_offs
(
    date Date,
    area String,
    level String,
    status String,
    actor String,
    at DateTime,
    note String,
    signed_at DateTime,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (date, area)
