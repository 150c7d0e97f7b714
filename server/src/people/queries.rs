//! The people queries: the Users page's list, a person as the management checks see them,
//! changes to memberships, and a person's history.

pub mod history;
pub mod management;
pub mod members;
pub mod membership;
