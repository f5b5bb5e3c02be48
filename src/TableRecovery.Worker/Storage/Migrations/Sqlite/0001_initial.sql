-- Contents: one row per distinct input (by SHA-256); the unit of work that is claimed and recovered once.
CREATE TABLE contents (
    sha256        TEXT    PRIMARY KEY,
    name          TEXT    NOT NULL,
    bytes         BLOB    NOT NULL,
    size_bytes    INTEGER NOT NULL,
    state         TEXT    NOT NULL CHECK (state IN ('queued', 'processing', 'done', 'failed')),
    claimed_by    TEXT,
    lease_until   INTEGER,
    attempts      INTEGER NOT NULL DEFAULT 0,
    queued_at     INTEGER NOT NULL,
    completed_at  INTEGER,
    recovered_by  TEXT,
    recoveries    INTEGER NOT NULL DEFAULT 0,
    result_json   TEXT,
    error_code    TEXT,
    error_message TEXT
);
CREATE INDEX ix_contents_queue ON contents (state, queued_at);

-- Batches posted over HTTP; (client_id, client_batch_id) makes a repeated post idempotent.
CREATE TABLE batches (
    id              TEXT    PRIMARY KEY,
    client_id       TEXT    NOT NULL,
    client_batch_id TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    file_count      INTEGER NOT NULL,
    UNIQUE (client_id, client_batch_id)
);

-- Files: each arrival of an input (a batch part, or a file dropped in the watched folder).
CREATE TABLE files (
    id         TEXT    PRIMARY KEY,
    batch_id   TEXT    REFERENCES batches (id),
    position   INTEGER NOT NULL,
    name       TEXT    NOT NULL,
    sha256     TEXT    NOT NULL REFERENCES contents (sha256),
    origin     TEXT    NOT NULL CHECK (origin IN ('http', 'folder')),
    created_at INTEGER NOT NULL
);
CREATE INDEX ix_files_batch ON files (batch_id, position);
CREATE INDEX ix_files_sha ON files (sha256);

-- Recovered tables and cells, shaped for the review queue (issue 5).
CREATE TABLE result_tables (
    id                   INTEGER PRIMARY KEY,
    sha256               TEXT    NOT NULL REFERENCES contents (sha256),
    table_index          INTEGER NOT NULL,
    layout               TEXT    NOT NULL,
    image                TEXT    NOT NULL,
    status               TEXT    NOT NULL,
    rotation             INTEGER NOT NULL,
    skew_degrees         REAL    NOT NULL,
    cells_needing_review INTEGER NOT NULL,
    UNIQUE (sha256, table_index)
);
CREATE INDEX ix_tables_review ON result_tables (status, id);

CREATE TABLE result_cells (
    table_id          INTEGER NOT NULL REFERENCES result_tables (id) ON DELETE CASCADE,
    cell_id           TEXT    NOT NULL,
    value             TEXT,
    text              TEXT,
    confidence        REAL    NOT NULL,
    status            TEXT    NOT NULL,
    box               TEXT,
    alternatives_json TEXT    NOT NULL,
    confirmed_by      TEXT,
    confirmed_at      INTEGER,
    PRIMARY KEY (table_id, cell_id)
);
CREATE INDEX ix_cells_status ON result_cells (status, table_id);

-- Audit of reviewer decisions (issue 5 writes here through IReviewStore).
CREATE TABLE review_decisions (
    id         INTEGER PRIMARY KEY,
    table_id   INTEGER NOT NULL REFERENCES result_tables (id),
    cell_id    TEXT    NOT NULL,
    reviewer   TEXT    NOT NULL,
    decided_at INTEGER NOT NULL,
    old_value  TEXT,
    new_value  TEXT,
    old_status TEXT    NOT NULL,
    new_status TEXT    NOT NULL
);
CREATE INDEX ix_decisions_table ON review_decisions (table_id, cell_id);
