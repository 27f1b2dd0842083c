CREATE TABLE IF NOT EXISTS household_round_state
(
    household_id String,
    compound_id String,
    round UInt8,
    visits UInt32,
    resolved UInt8,
    first_visited_at DateTime('UTC'),
    last_visited_at DateTime('UTC'),
    last_outcome String,
    last_team_id String,
    last_attempt_at DateTime('UTC'),
    home_quarantine UInt16,
    central_quarantine UInt16,
    overdue UInt8,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY round
ORDER BY (round, compound_id, household_id)
