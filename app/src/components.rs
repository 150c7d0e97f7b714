//! Widgets shared by the pages.

pub mod brand;
pub mod copy_field;
pub mod country_select;
pub mod error_summary;
pub mod filter_select;
pub mod moment;
pub mod new_password;
pub mod notice;
pub mod page_heading;
pub mod paged_table;
pub mod pager;
pub mod problems;
pub mod stepper;
pub mod text_field;

pub use brand::{Brand, PublicPage};
pub use copy_field::CopyField;
pub use country_select::CountrySelect;
pub use error_summary::ErrorSummary;
pub use filter_select::FilterSelect;
pub use moment::Moment;
pub use new_password::{ConfirmPasswordField, NewPasswordField};
pub use notice::Notice;
pub use page_heading::{PageHeading, focus_element};
pub use paged_table::{PagedTable, column_headings};
pub use pager::Pager;
pub use problems::{FieldErrorText, ProblemNotice, set_page_status};
pub use stepper::StepHeading;
pub use text_field::TextField;
