-- Managing people after they were added. A person's history and the resend limit read the
-- audit events about one subject; removing or deactivating someone ends their sessions in
-- that workspace only, so each session names the workspace it acts in.
create index audit_event_subject on audit_event (subject, created_at);
alter table session add column workspace_id text;
-- Sessions from before cannot say their workspace: everyone signs in again once.
delete from session;
create index session_account_workspace on session (account_id, workspace_id);
-- Resending and copying a link reissue the one invitation a member has, in place, and removal
-- deletes it: a member has at most one invitation, and the state filters find it by member.
drop index invitation_member;
create unique index invitation_one_per_member on invitation (member_id);
