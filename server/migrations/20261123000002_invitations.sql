-- Invitations by email. The outbox row names its invitation, so the Users page can show how
-- delivery went; the development mailbox keeps what would have been sent without SMTP.

alter table outbox add column invitation_id text references invitation (invitation_id) on delete cascade;
create index outbox_invitation on outbox (invitation_id, created_at);

create table dev_mailbox (
    message_id text primary key references outbox (message_id) on delete cascade,
    recipient text not null,
    subject text not null,
    html_body text not null,
    text_body text not null,
    delivered_at text not null
);
