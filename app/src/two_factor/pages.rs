//! The pages of two-factor authentication: its section of the account page, setting up an
//! app and seeing the recovery codes (hydrating, in the account area's piece), and the code
//! asked for at sign-in (a plain form).

mod code_step;
mod section;
mod setup;

pub use code_step::{CodeField, SignInCodePage};
pub use section::TwoFactorSection;
pub use setup::{RecoveryCodesPage, TwoFactorSetupPage};
