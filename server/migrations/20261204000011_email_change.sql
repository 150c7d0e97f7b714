-- Changing an account's sign-in address (docs/security.md §36–37): a link to the new address,
-- kept as the token's SHA-256 and used once by one conditional update; nothing changes until it
-- is followed.
create table email_change (
    email_change_id text primary key,
    account_id text not null references account (account_id),
    new_email text not null,
    token_hash text not null unique,
    created_at text not null,
    expires_at text not null,
    used_at text
);
create index email_change_of_account on email_change (account_id);
