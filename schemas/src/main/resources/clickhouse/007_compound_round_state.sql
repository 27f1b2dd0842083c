CREATE TABLE IF NOT EXISTS compound_round_state
(
    compound_id String,
    round UInt8,
    visited UInt32,
    resolved UInt32,
    pending_revisit UInt32,
    revisit_overdue UInt32,
    home_quarantine UInt32,
    central_quarantine UInt32,
    -- resolved households by the local day (CORDON_TIMEZONE) of their first resolving visit: the progress curve
    resolved_days Array(String),
    resolved_by_day Array(UInt32),
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (round, compound_id)
