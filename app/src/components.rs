//! Widgets shared by the pages.

pub mod country_select;
pub mod error_summary;
pub mod member_actions;
pub mod pager;
pub mod stepper;
pub mod text_field;

pub use country_select::CountrySelect;
pub use error_summary::ErrorSummary;
pub use member_actions::{CopyField, InvitationButtons, Notice};
pub use pager::Pager;
pub use stepper::StepHeading;
pub use text_field::TextField;
