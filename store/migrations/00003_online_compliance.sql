-- Online credit feed, daily learning hours (integrity) and annual compliance.

-- +goose Up

-- A ledger entry's learning time: hours spread evenly over the days
-- earned_from … earned_on (earned_from NULL: the single day earned_on).
-- Entries without hours (an exam pass, a paper) are not learning time and
-- never count toward the daily-hours check.
ALTER TABLE credit_ledger ADD COLUMN earned_from date;
ALTER TABLE credit_ledger ADD CONSTRAINT credit_ledger_period
    CHECK (earned_from IS NULL OR (earned_on IS NOT NULL AND earned_from <= earned_on));

-- A day on which a person's learning hours, across every source, exceed the
-- 24 hours the day has (不得作弊、代学). years are the credit years of the
-- entries involved, so the flag shows in each of those years.
CREATE TABLE integrity_flags (
    person_id  bigint NOT NULL REFERENCES persons (id),
    day        date NOT NULL,
    kind       text NOT NULL CHECK (kind IN ('daily_hours')),
    hours      numeric(8, 2) NOT NULL,
    years      int[] NOT NULL,
    entry_ids  bigint[] NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (person_id, day, kind)
);
CREATE INDEX integrity_flags_years ON integrity_flags USING gin (years);

-- One evaluation run of a year; the report is served from the last one.
CREATE TABLE compliance_runs (
    year        int PRIMARY KEY,
    workflow_id text NOT NULL,
    started_at  timestamptz NOT NULL,
    finished_at timestamptz,
    persons     int NOT NULL DEFAULT 0
);

-- Each person's evaluated year. region is the person's region when the
-- year was evaluated.
CREATE TABLE compliance_results (
    year                  int NOT NULL,
    person_id             bigint NOT NULL REFERENCES persons (id),
    region                text NOT NULL,
    obligation_start_year int NOT NULL,
    professional          numeric(9, 2) NOT NULL,
    public                numeric(9, 2) NOT NULL,
    total                 numeric(9, 2) NOT NULL,
    short_professional    numeric(9, 2) NOT NULL,
    short_public          numeric(9, 2) NOT NULL,
    short_total           numeric(9, 2) NOT NULL,
    compliant             boolean NOT NULL,
    exempt                boolean NOT NULL,
    workflow_id           text NOT NULL,
    evaluated_at          timestamptz NOT NULL,
    PRIMARY KEY (year, person_id)
);
CREATE INDEX compliance_results_region ON compliance_results (year, region text_pattern_ops);
CREATE INDEX compliance_results_short ON compliance_results (year, person_id) WHERE NOT compliant;

-- +goose Down
DROP TABLE compliance_results;
DROP TABLE compliance_runs;
DROP TABLE integrity_flags;
ALTER TABLE credit_ledger DROP CONSTRAINT credit_ledger_period;
ALTER TABLE credit_ledger DROP COLUMN earned_from;
