CREATE TABLE IF NOT EXISTS audit_log
(
    at DateTime,
    action String,
    actor String,
    district String,
    target String,
    reason String,
    detail String
)
ENGINE = MergeTree
ORDER BY (at, action)
