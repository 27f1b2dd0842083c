CREATE TABLE IF NOT EXISTS report_claims
(
    date Date,
    claimed_at_ms UInt64,
    claim String
)
ENGINE = MergeTree
ORDER BY (date, claimed_at_ms, claim)
