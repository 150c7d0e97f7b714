//! Admins' actions on people, each with its refusals and what it leaves behind, on both
//! databases; and who may call them.

mod authz;
mod editing;
mod invitation_actions;
mod membership_actions;
pub mod support;
