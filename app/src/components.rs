//! Widgets shared by the pages.

pub mod brand;
pub mod country_select;
pub mod error_summary;
pub mod filter_select;
pub mod group_checkboxes;
pub mod member_actions;
pub mod moment;
pub mod new_password;
pub mod page_heading;
pub mod pager;
pub mod problems;
pub mod stepper;
pub mod text_field;

pub use brand::{Brand, PublicPage};
pub use country_select::CountrySelect;
pub use error_summary::ErrorSummary;
pub use filter_select::FilterSelect;
pub use group_checkboxes::GroupCheckboxes;
pub use member_actions::{CopyField, InvitationButtons, Notice, stays_here};
pub use moment::Moment;
pub use new_password::NewPasswordField;
pub use page_heading::{PageHeading, focus_element};
pub use pager::Pager;
pub use problems::{FieldErrorText, ProblemNotice, set_page_status};
pub use stepper::StepHeading;
pub use text_field::TextField;
