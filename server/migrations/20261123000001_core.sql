-- The core of the data model (docs/architecture.md). One portable dialect for SQLite and PostgreSQL:
-- ids are UUID text, times are RFC 3339 UTC text of fixed width (so they compare as text),
-- flags are integers, emails are stored normalised by the application.

create table deployment (
    deployment_id integer primary key check (deployment_id = 1),
    set_up_at text not null
);

create table workspace (
    workspace_id text primary key,
    name text not null,
    created_at text not null
);

create table account (
    account_id text primary key,
    email text not null unique,
    display_name text not null,
    password_hash text not null,
    created_at text not null,
    updated_at text not null
);

create table member (
    member_id text primary key,
    workspace_id text not null references workspace (workspace_id),
    account_id text references account (account_id),
    email text not null,
    first_name text not null,
    last_name text not null,
    country_code text,
    phone text,
    state text not null check (state in ('invited', 'active', 'deactivated')),
    created_at text not null,
    updated_at text not null,
    joined_at text,
    unique (workspace_id, email)
);
create unique index member_workspace_account on member (workspace_id, account_id);
create index member_account on member (account_id);

create table user_group (
    group_id text primary key,
    workspace_id text not null references workspace (workspace_id),
    name text not null,
    created_at text not null,
    updated_at text not null,
    unique (workspace_id, name)
);

create table group_role (
    group_id text not null references user_group (group_id) on delete cascade,
    role text not null check (role in ('owner', 'admin', 'security_engineer', 'developer', 'guest')),
    primary key (group_id, role)
);

create table group_member (
    group_id text not null references user_group (group_id) on delete cascade,
    member_id text not null references member (member_id) on delete cascade,
    primary key (group_id, member_id)
);
create index group_member_member on group_member (member_id);

create table invitation (
    invitation_id text primary key,
    workspace_id text not null references workspace (workspace_id),
    member_id text not null references member (member_id) on delete cascade,
    email text not null,
    invited_by text not null references account (account_id),
    token_hash text not null unique,
    created_at text not null,
    expires_at text not null,
    accepted_at text,
    declined_at text,
    revoked_at text
);
-- At most one pending invitation per address and workspace.
create unique index invitation_one_pending on invitation (workspace_id, email)
    where accepted_at is null and declined_at is null and revoked_at is null;

create table outbox (
    message_id text primary key,
    kind text not null,
    recipient text not null,
    payload text not null,
    state text not null check (state in ('queued', 'sent', 'failed')),
    attempts integer not null default 0,
    next_attempt_at text not null,
    locked_until text,
    last_error text,
    created_at text not null,
    sent_at text
);
create index outbox_due on outbox (state, next_attempt_at);

create table audit_event (
    audit_event_id text primary key,
    workspace_id text references workspace (workspace_id),
    actor_account_id text,
    action text not null,
    subject text,
    client_addr text,
    details text not null default '{}',
    created_at text not null
);
create index audit_event_workspace_time on audit_event (workspace_id, created_at);

-- Server-side sessions; the key is the SHA-256 of the cookie's id, never the id itself.
create table session (
    session_id text primary key,
    account_id text references account (account_id) on delete cascade,
    data text not null,
    expires_at text not null
);
create index session_account on session (account_id);
create index session_expires on session (expires_at);
