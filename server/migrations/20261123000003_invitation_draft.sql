-- The add-user wizard's draft, one per inviting member: reloads, the Back button and
-- JavaScript-off forms lose nothing of what was typed.
create table invitation_draft (
    member_id text primary key references member (member_id) on delete cascade,
    payload text not null,
    updated_at text not null
);
