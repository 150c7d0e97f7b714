-- Password reset links (docs/security.md §36–37): only the token's SHA-256 is kept. A link is
-- used by one conditional update that sets `used_at`; setting a password deletes the account's
-- other links.
create table password_reset (
    password_reset_id text primary key,
    account_id text not null references account (account_id),
    token_hash text not null unique,
    created_at text not null,
    expires_at text not null,
    used_at text
);
create index password_reset_of_account on password_reset (account_id);
