-- Two-factor authentication (docs/security.md §38). An account's authenticator-app secret is
-- kept sealed with the key file, never in the clear, from the moment a first code turns it
-- on (`confirmed_at`; until then it lives only in the session that is setting it up).
-- `last_used_step` is the 30-second step of the last code accepted: a code is accepted only by
-- a conditional update that moves it forward, so no code works twice.
create table totp_factor (
    account_id text primary key references account (account_id),
    sealed_secret text not null,
    created_at text not null,
    confirmed_at text,
    last_used_step bigint not null default 0
);

-- Recovery codes, shown once when two-factor authentication is turned on: only each code's
-- SHA-256 is kept, and a code is used by one conditional update that sets `used_at`.
create table recovery_code (
    account_id text not null references account (account_id),
    code_hash text not null,
    used_at text,
    primary key (account_id, code_hash)
);
