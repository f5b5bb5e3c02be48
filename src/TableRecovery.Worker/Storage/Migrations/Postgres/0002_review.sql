-- Review leases (issue 5): one reviewer holds a table until review_lease_until (Unix ms), renewed by each decision.
ALTER TABLE result_tables ADD COLUMN review_lease_by TEXT;
ALTER TABLE result_tables ADD COLUMN review_lease_until BIGINT;
-- Bumped by every saved decision; the table's current state lives in contents.result_json.
ALTER TABLE result_tables ADD COLUMN review_version BIGINT NOT NULL DEFAULT 0;
CREATE INDEX ix_tables_review_lease ON result_tables (cells_needing_review, review_lease_until);

-- How a cell decision was made: typed value, picked candidate, accepted shown value, or unreadable.
ALTER TABLE review_decisions ADD COLUMN kind TEXT NOT NULL DEFAULT 'value';

-- Identities a reviewer declared broken in the printed table itself ("keep as printed").
CREATE TABLE review_identity_decisions (
    id            BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    table_id      BIGINT  NOT NULL REFERENCES result_tables (id) ON DELETE CASCADE,
    identity_name TEXT    NOT NULL,
    reviewer      TEXT    NOT NULL,
    decided_at    BIGINT  NOT NULL,
    held_before   BOOLEAN NOT NULL
);
CREATE INDEX ix_identity_decisions_table ON review_identity_decisions (table_id);
