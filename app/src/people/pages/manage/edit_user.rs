//! `/settings/users/:member_id/edit`: names, country code and phone, checked by the wizard's
//! validators; the email address only until the person has joined.

use super::{member_id_param, unavailable};
use crate::components::{CountrySelect, ErrorSummary, PageHeading, TextField};
use crate::error::AppError;
use crate::invitations::wizard::list_countries;
use crate::people::MemberDetails;
use crate::people::api::{EditMember, get_member_details};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn EditUserPage() -> impl IntoView {
    let member_id = member_id_param();
    let member = Resource::new(move || member_id.get(), get_member_details);
    let countries = Resource::new(|| (), |_| list_countries());
    let save = ServerAction::<EditMember>::new();
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match (member.await, countries.await) {
                    (Ok(member), Ok(countries)) => view! { <EditForm member countries save error /> }.into_any(),
                    (Err(problem), _) | (_, Err(problem)) => unavailable(problem),
                }
            })}
        </Suspense>
    }
}

#[component]
fn EditForm(
    member: MemberDetails,
    countries: Vec<crate::domain::country::Country>,
    save: ServerAction<EditMember>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let field_error = move |field: &'static str| {
        Signal::derive(move || error.get().and_then(|e| e.message_for(field)))
    };
    let id = member.summary.member_id;
    let email = if member.email_editable() {
        view! {
            <TextField name="edit[email]" id="email" label="Email address" kind="email" autocomplete="off"
                hint="Changing it sends the invitation to the new address; the earlier link stops working."
                value=member.summary.email.clone() error=field_error("email") />
        }
        .into_any()
    } else {
        view! {
            <p><strong>"Email address"</strong><br />{member.summary.email.clone()}
            <span class="hint">" (cannot be changed once someone has joined)"</span></p>
        }
        .into_any()
    };
    view! {
        <Title text="Edit user" />
        <PageHeading id="edit-heading">"Edit user"</PageHeading>
        <ErrorSummary error />
        <p>{format!("Editing {}", member.summary.name)}</p>
        <ActionForm action=save attr:novalidate=true>
            <input type="hidden" name="member_id" value=id.to_string() />
            <TextField name="edit[first_name]" id="first_name" label="First name" autocomplete="off"
                value=member.first_name.clone() error=field_error("first_name") />
            <TextField name="edit[last_name]" id="last_name" label="Last name" autocomplete="off"
                value=member.last_name.clone() error=field_error("last_name") />
            {email}
            <CountrySelect id="country".to_owned() name="edit[country]".to_owned() countries selected=member.country.clone() />
            <TextField name="edit[phone]" id="phone" label="Phone number (optional)" kind="tel" autocomplete="off"
                value=member.phone.clone() error=field_error("phone") />
            <div class="actions">
                <button type="submit" class="button">"Save changes"</button>
                <a href=crate::routes::user_details(id)>"Cancel"</a>
            </div>
        </ActionForm>
    }
}
