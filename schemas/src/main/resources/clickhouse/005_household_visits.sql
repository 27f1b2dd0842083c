CREATE TABLE IF NOT EXISTS household_visits
(
    event_id String,
    household_id String,
    compound_id String,
    round UInt8,
    visited_at DateTime('UTC'),
    team_id String,
    outcome String,
    home_quarantine UInt16,
    central_quarantine UInt16,
    voided UInt8,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY round
ORDER BY (round, household_id, event_id)
