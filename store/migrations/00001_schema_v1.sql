-- Schema v1: registry, accounts, policy and calendar data, credit ledger,
-- review inbox, audit log and notification outbox.

-- +goose Up
CREATE TABLE regions (
    code   text PRIMARY KEY CHECK (code ~ '^21[0-9]{4}$'),
    name   text NOT NULL,
    level  text NOT NULL CHECK (level IN ('county', 'city', 'province')),
    parent text REFERENCES regions (code)
);

INSERT INTO regions (code, name, level, parent) VALUES
    ('210000', '辽宁省', 'province', NULL),
    ('210100', '沈阳市', 'city', '210000'),
    ('210300', '鞍山市', 'city', '210000'),
    ('210400', '抚顺市', 'city', '210000'),
    ('210500', '本溪市', 'city', '210000'),
    ('210600', '丹东市', 'city', '210000'),
    ('210700', '锦州市', 'city', '210000'),
    ('210800', '营口市', 'city', '210000'),
    ('210900', '阜新市', 'city', '210000'),
    ('211000', '辽阳市', 'city', '210000'),
    ('211100', '盘锦市', 'city', '210000'),
    ('211200', '铁岭市', 'city', '210000'),
    ('211300', '朝阳市', 'city', '210000'),
    ('211400', '葫芦岛市', 'city', '210000');

CREATE TABLE institutions (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name           text NOT NULL CHECK (name <> ''),
    uscc           char(18) NOT NULL UNIQUE,
    kind           text NOT NULL CHECK (kind IN ('face_to_face', 'online')),
    region         text NOT NULL,
    approved_years int[] NOT NULL DEFAULT '{}',
    created_at     timestamptz NOT NULL DEFAULT now()
);

-- The five online institutions of the notice's annex, approved for 2025-2026.
-- The credit codes are placeholders with valid check characters; an admin
-- replaces them with the registered codes.
INSERT INTO institutions (name, uscc, kind, region, approved_years) VALUES
    ('北京东奥时代教育科技有限公司', '91110108722600001R', 'online', '210000', '{2025,2026}'),
    ('北京东大正保科技有限公司', '91110108700000002W', 'online', '210000', '{2025,2026}'),
    ('东北财经大学', '12210000455000003A', 'online', '210000', '{2025,2026}'),
    ('北京京人教育科技有限公司', '91110105600000004C', 'online', '210000', '{2025,2026}'),
    ('上海国家会计学院', '123100004250000051', 'online', '210000', '{2025,2026}');

CREATE TABLE persons (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id_number             char(18) NOT NULL UNIQUE,
    name                  text NOT NULL CHECK (name <> ''),
    region                text NOT NULL,
    title_level           text NOT NULL CHECK (title_level IN ('none', 'junior', 'intermediate', 'senior')),
    obligation_start_year int NOT NULL CHECK (obligation_start_year BETWEEN 1980 AND 2100),
    created_at            timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE accounts (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    role           text NOT NULL CHECK (role IN ('institution', 'online_institution', 'accountant', 'reviewer', 'supervisor', 'admin')),
    institution_id bigint REFERENCES institutions (id),
    person_id      bigint REFERENCES persons (id),
    region         text,
    label          text NOT NULL DEFAULT '',
    token_hash     bytea NOT NULL UNIQUE,
    created_at     timestamptz NOT NULL DEFAULT now(),
    disabled_at    timestamptz,
    CHECK (role NOT IN ('institution', 'online_institution') OR institution_id IS NOT NULL),
    CHECK (role <> 'accountant' OR person_id IS NOT NULL),
    CHECK (role NOT IN ('reviewer', 'supervisor') OR region IS NOT NULL)
);

CREATE TABLE policies (
    year       int NOT NULL,
    province   text NOT NULL,
    body       jsonb NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (year, province)
);

-- calendar_years says which years have holiday data; calendar_days holds the
-- exceptions to Monday-Friday of those years.
CREATE TABLE calendar_years (
    year      int PRIMARY KEY,
    loaded_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE calendar_days (
    day  date PRIMARY KEY,
    year int NOT NULL REFERENCES calendar_years (year) ON DELETE CASCADE,
    kind text NOT NULL CHECK (kind IN ('day_off', 'workday')),
    CHECK (extract(year FROM day) = year)
);

-- One row per credit entry, unique by its source so a retry never double-counts.
CREATE TABLE credit_ledger (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    person_id      bigint NOT NULL REFERENCES persons (id),
    year           int NOT NULL,
    category       text NOT NULL CHECK (category IN ('professional', 'public')),
    credits        numeric(7, 2) NOT NULL CHECK (credits > 0),
    source_kind    text NOT NULL CHECK (source_kind IN ('online', 'filing', 'claim')),
    source_ref     text NOT NULL,
    institution_id bigint REFERENCES institutions (id),
    earned_on      date,
    hours          numeric(5, 2),
    description    text NOT NULL DEFAULT '',
    created_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (source_kind, source_ref)
);
CREATE INDEX credit_ledger_person_year ON credit_ledger (person_id, year);

-- The review inbox: one row per open or closed review of a filing or claim,
-- kept up to date by workflow activities.
CREATE TABLE review_items (
    subject_kind     text NOT NULL CHECK (subject_kind IN ('filing', 'claim')),
    subject_id       bigint NOT NULL,
    step             text NOT NULL,
    title            text NOT NULL,
    region           text NOT NULL,
    assigned_region  text NOT NULL,
    escalation_level int NOT NULL DEFAULT 0,
    due_at           timestamptz,
    overdue          boolean NOT NULL DEFAULT false,
    open             boolean NOT NULL DEFAULT true,
    flags            jsonb NOT NULL DEFAULT '[]',
    updated_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (subject_kind, subject_id, step)
);
CREATE INDEX review_items_open ON review_items (assigned_region) WHERE open;

CREATE TABLE audit_log (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at           timestamptz NOT NULL DEFAULT now(),
    account_id   bigint,
    role         text NOT NULL,
    action       text NOT NULL,
    subject_kind text NOT NULL,
    subject_id   text NOT NULL,
    details      jsonb NOT NULL DEFAULT '{}'
);

-- +goose StatementBegin
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
END;
$$;
-- +goose StatementEnd

CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

CREATE TABLE outbox (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at   timestamptz NOT NULL DEFAULT now(),
    kind         text NOT NULL,
    region       text NOT NULL,
    subject_kind text NOT NULL,
    subject_id   text NOT NULL,
    message      text NOT NULL,
    dedup_key    text NOT NULL UNIQUE,
    sent_at      timestamptz
);

-- +goose Down
DROP TABLE outbox;
DROP TABLE audit_log;
DROP FUNCTION audit_log_append_only();
DROP TABLE review_items;
DROP TABLE credit_ledger;
DROP TABLE calendar_days;
DROP TABLE calendar_years;
DROP TABLE policies;
DROP TABLE accounts;
DROP TABLE persons;
DROP TABLE institutions;
DROP TABLE regions;
