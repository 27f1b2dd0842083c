CREATE TABLE IF NOT EXISTS alert_webhook_sent
(
    alert_id String,
    sent_at DateTime
)
ENGINE = ReplacingMergeTree
ORDER BY alert_id
