-- The Users page at 100,000 people. Newest first walks one index in the page's exact order
-- (creation time, then id), so a later page is found without sorting the workspace; it
-- replaces the index on creation time alone. Counting people by state reads only an index.
create index member_newest_first on member (workspace_id, created_at desc, member_id);
drop index member_newest;
create index member_by_state on member (workspace_id, state);
