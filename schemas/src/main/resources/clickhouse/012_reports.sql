CREATE TABLE IF NOT EXISTS reports
(
    {report_file_columns}
)
ENGINE = ReplacingMergeTree
ORDER BY (date, scope, format)
