//! `/sign-in/two-factor`: the code after a right password (docs/security.md §38). A plain form:
//! it ships no script. The invitation's sign-in asks the same on `/join/two-factor`.

use crate::components::{ErrorSummary, PublicPage, TextField};
use crate::error::AppError;
use crate::routes::SIGN_IN;
use crate::two_factor::api::{SIGN_IN_AGAIN, VerifySecondFactor, second_factor_pending};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SignInCodePage() -> impl IntoView {
    let verify = ServerAction::<VerifySecondFactor>::new();
    let error = Signal::derive(move || verify.value().get().and_then(Result::err));
    let pending = Resource::new(|| (), |_| second_factor_pending());
    view! {
        <Title text="Two-factor authentication" />
        <PublicPage>
            <h1>"Two-factor authentication"</h1>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    if pending.await.unwrap_or(false) {
                        view! {
                            <ErrorSummary error />
                            <ActionForm action=verify attr:novalidate=true>
                                <CodeField error />
                                <button type="submit" class="button">"Verify"</button>
                            </ActionForm>
                        }.into_any()
                    } else {
                        view! { <p>{SIGN_IN_AGAIN} "."</p> }.into_any()
                    }
                })}
            </Suspense>
            <p><a href=SIGN_IN>"Back to sign in"</a></p>
        </PublicPage>
    }
}

/// The code field of a sign-in's second step, with what to type in it.
#[component]
pub fn CodeField(error: Signal<Option<AppError>>) -> impl IntoView {
    view! {
        <TextField
            name="code"
            label="Authentication code"
            autocomplete="one-time-code"
            hint="The 6-digit code your authenticator app shows for Portico. Lost your phone? Type one of your recovery codes."
            error=Signal::derive(move || error.get().and_then(|error| error.message_for("code")))
        />
    }
}
