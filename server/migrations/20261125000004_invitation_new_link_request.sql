-- When the invitee of an expired invitation last asked its inviter for a new link: one note
-- per day at most, whoever asks and however often.
alter table invitation add column new_link_requested_at text;
