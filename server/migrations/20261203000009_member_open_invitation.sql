-- The Users page's state filters and counts at 100,000 people: each member carries the expiry of
-- its open invitation, so "Invited" and "Expired" are ranges of one index instead of a look-up
-- of every invitation. The triggers that keep it in step, and its first fill, run at start
-- (server/src/people/state_index.rs), since their syntax differs per database.
alter table member add column open_invitation_expires_at text;
create index member_by_state on member (workspace_id, state, open_invitation_expires_at);
