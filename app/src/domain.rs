//! Domain types and rules: compiled into the browser and the server alike, so every rule and
//! every message has exactly one source.

pub mod country;
pub mod email;
pub mod name;
pub mod password;
#[cfg(feature = "ssr")]
pub mod password_hint;
pub mod person;
pub mod phone;
pub mod role;
pub mod search;

pub use email::EmailAddress;
pub use name::{GroupName, PersonName, WorkspaceName};
pub use password::Password;
pub use person::NewPerson;
pub use phone::{PhoneEntry, PhoneNumber};
pub use role::{Permission, Role};
pub use search::SearchTerm;
