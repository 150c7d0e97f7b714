//! The plain-form pages (`routes::is_plain_form`: sign-in, setup, the invitee's and the password
//! reset pages) exist
//! only on the server. They ship no script, so the browser bundle leaves their code out
//! (docs/architecture.md, Performance). Should the browser's router reach one anyway (a link
//! from a hydrated page), it asks the server for the page instead.

/// Declares `$name` as the route view of `$page` on the server, and of a reload in the browser.
macro_rules! plain_forms {
    ($($name:ident => $page:path;)*) => {$(
        #[cfg(feature = "ssr")]
        pub use $page as $name;

        #[cfg(not(feature = "ssr"))]
        #[allow(non_snake_case)]
        pub fn $name() -> impl leptos::IntoView {
            crate::lazy_pages::reload_from_server()
        }
    )*};
}

plain_forms! {
    SignIn => crate::auth::pages::SignInPage;
    SignInCode => crate::two_factor::pages::SignInCodePage;
    Setup => crate::setup::pages::SetupPage;
    Join => crate::joining::pages::invitation::JoinPage;
    JoinDecline => crate::joining::pages::decline::DeclinePage;
    JoinCode => crate::joining::pages::code_step::JoinCodePage;
    JoinDeclined => crate::joining::pages::outcomes::DeclinedPage;
    JoinNewLinkRequested => crate::joining::pages::outcomes::NewLinkRequestedPage;
    PasswordReset => crate::password_reset::pages::PasswordResetPage;
    PasswordResetSent => crate::password_reset::pages::PasswordResetSentPage;
    PasswordResetNew => crate::password_reset::pages::PasswordResetNewPage;
    PasswordResetDone => crate::password_reset::pages::PasswordResetDonePage;
    EmailChangeConfirm => crate::email_change::pages::EmailChangeConfirmPage;
    EmailChangeDone => crate::email_change::pages::EmailChangeDonePage;
}
