CREATE TABLE IF NOT EXISTS households
(
    {household_columns}
)
ENGINE = ReplacingMergeTree(version)
ORDER BY household_id
