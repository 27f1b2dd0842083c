CREATE TABLE IF NOT EXISTS compound_households
(
    compound_id String,
    household_id String,
    -- 1: the household is in this compound as of this version, 0: it moved out (a later upload names another compound)
    present UInt8,
    {household_detail_columns}
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (compound_id, household_id)
