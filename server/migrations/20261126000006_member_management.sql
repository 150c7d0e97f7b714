-- Managing people after they were added. A person's history and the resend limit read the
-- audit events about one subject; removing or deactivating someone ends their sessions in
-- that workspace only, so each session names the workspace it acts in.
create index audit_event_subject on audit_event (subject, created_at);
alter table session add column workspace_id text;
create index session_account_workspace on session (account_id, workspace_id);
