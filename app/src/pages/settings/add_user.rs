//! The add-user wizard: User details, Groups, Overview, then the confirmation.

pub mod details;
pub mod done;
pub mod groups;
pub mod overview;
