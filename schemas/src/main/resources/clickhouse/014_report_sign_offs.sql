CREATE TABLE IF NOT EXISTS report_sign_offs
(
    date Date,
    district String,
    signed_by String,
    signed_at DateTime,
    note String
)
ENGINE = ReplacingMergeTree
ORDER BY (date, district)
