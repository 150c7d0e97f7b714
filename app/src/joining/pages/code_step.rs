//! `/join/two-factor`: the invitation's sign-in asks for the code of an account with
//! two-factor authentication, as the sign-in page's second step does.

use crate::components::{ErrorSummary, PublicPage};
use crate::joining::api::VerifySecondFactorToJoin;
use crate::routes::JOIN;
use crate::two_factor::pages::CodeField;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn JoinCodePage() -> impl IntoView {
    let verify = ServerAction::<VerifySecondFactorToJoin>::new();
    let error = Signal::derive(move || verify.value().get().and_then(Result::err));
    view! {
        <Title text="Two-factor authentication" />
        <PublicPage>
            <h1>"Two-factor authentication"</h1>
            <ErrorSummary error />
            <ActionForm action=verify attr:novalidate=true>
                <CodeField error />
                <button type="submit" class="button">"Verify"</button>
            </ActionForm>
            <p><a href=JOIN>"Back to the invitation"</a></p>
        </PublicPage>
    }
}
