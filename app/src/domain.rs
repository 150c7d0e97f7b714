//! Domain types and rules: compiled into the browser and the server alike, so every rule and
//! every message has exactly one source.

pub mod action_done;
pub mod actor;
pub mod country;
pub mod email;
#[cfg(feature = "ssr")]
pub mod guessability;
pub mod name;
pub mod password;
pub mod person;
pub mod phone;
pub mod role;
pub mod search;
pub mod sent_invitation;

pub use action_done::ActionDone;
pub use actor::{Actor, PendingSignIn, SignedIn};
pub use email::EmailAddress;
pub use name::{GroupName, PersonName, WorkspaceName};
pub use password::Password;
pub use person::{NewPerson, PersonInput};
pub use phone::{PhoneEntry, PhoneNumber};
pub use role::{Permission, Role};
pub use search::SearchTerm;
pub use sent_invitation::{CopiedLink, CreatedInvitation, DeliveryState};
