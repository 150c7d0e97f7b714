//! Widgets shared by the pages.

pub mod error_summary;
pub mod stepper;
pub mod text_field;

pub use error_summary::ErrorSummary;
pub use stepper::StepHeading;
pub use text_field::TextField;
