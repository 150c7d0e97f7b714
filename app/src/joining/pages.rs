//! The invitee's pages, under the invitation link (no referrer, no caching: see the server's
//! `http::join`). Each works without JavaScript.

pub mod code_step;
pub mod decline;
pub mod existing_account;
pub mod invitation;
pub mod new_account;
pub mod outcomes;
