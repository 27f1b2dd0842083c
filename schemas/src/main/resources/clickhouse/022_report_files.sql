CREATE TABLE IF NOT EXISTS report_files
(
    -- a row holds megabytes (a format of a scope's frozen report, base64): one index mark a row, so that a download
    -- reads its own row, whatever the days frozen before it (reports, the table before, kept ClickHouse's 8,192 rows
    -- a mark and read every report ever frozen at each download)
    {report_file_columns}
)
ENGINE = ReplacingMergeTree
ORDER BY (date, scope, format)
SETTINGS index_granularity = 1
