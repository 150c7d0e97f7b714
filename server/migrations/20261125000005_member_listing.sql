-- The Users page at 100,000 people: its default order walks an index, and each row's latest
-- invitation is found by member, not by scanning every invitation.
create index member_by_name on member (workspace_id, lower(last_name), lower(first_name), email);
create index invitation_member on invitation (member_id, created_at);
create index member_newest on member (workspace_id, created_at);
