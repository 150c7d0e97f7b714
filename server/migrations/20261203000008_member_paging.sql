-- The Users page at 100,000 people: newest first walks one index in the page's exact order
-- (creation time, then id), so a later page is found without sorting the workspace. It
-- replaces the index on creation time alone.
create index member_newest_first on member (workspace_id, created_at desc, member_id);
drop index member_newest;
