//! Widgets shared by the pages.

pub mod country_select;
pub mod error_summary;
pub mod filter_select;
pub mod group_checkboxes;
pub mod member_actions;
pub mod pager;
pub mod problems;
pub mod stepper;
pub mod text_field;

pub use country_select::CountrySelect;
pub use error_summary::ErrorSummary;
pub use filter_select::FilterSelect;
pub use group_checkboxes::GroupCheckboxes;
pub use member_actions::{CopyField, InvitationButtons, Notice};
pub use pager::Pager;
pub use problems::{FieldErrorText, ProblemNotice, set_page_status};
pub use stepper::StepHeading;
pub use text_field::TextField;
