-- Importing people from a CSV file. The dry run stores each row with its verdict before anything
-- is written to the workspace; the import then records each row's outcome, so progress can be
-- read while it runs and the rows skipped can be downloaded afterwards. An import belongs to the
-- member who uploaded it and goes with them.
create table import_batch (
    batch_id text primary key,
    workspace_id text not null references workspace (workspace_id),
    member_id text not null references member (member_id) on delete cascade,
    file_name text not null,
    state text not null check (state in ('checked', 'running', 'done')),
    total_rows bigint not null,
    ready_rows bigint not null,
    processed_rows bigint not null default 0,
    imported_rows bigint not null default 0,
    -- While running: the worker renews this after every chunk. Past it, the import was
    -- interrupted (its server stopped) and may be carried on, by this or another instance.
    lease_until text,
    created_at text not null
);
create index import_batch_created on import_batch (created_at);
create index import_batch_member on import_batch (member_id, created_at);

create table import_row (
    batch_id text not null references import_batch (batch_id) on delete cascade,
    line bigint not null,
    first_name text not null,
    last_name text not null,
    email text not null,
    country_code text not null,
    phone text not null,
    groups text not null,
    -- The groups the row names, as ids (comma-separated), once they were all found.
    group_ids text not null,
    verdict text not null,
    verdict_detail text not null,
    -- Null until the import reaches the row: 'imported' or 'skipped'.
    outcome text,
    outcome_reason text,
    primary key (batch_id, line)
);
