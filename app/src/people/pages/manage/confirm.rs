//! `/settings/users/:member_id/confirm/:action`: a destructive action, asked once more on a
//! page of its own (which works the same with and without JavaScript).

use super::{member_id_param, unavailable};
use crate::components::{ErrorSummary, PageHeading};
use crate::people::Confirmable;
use crate::people::api::{ActOnInvitation, ActOnMember, get_member_details};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ConfirmPage() -> impl IntoView {
    let member_id = member_id_param();
    let params = use_params_map();
    let action =
        Memo::new(move |_| Confirmable::from_key(&params.read().get("action").unwrap_or_default()));
    let member = Resource::new(move || member_id.get(), get_member_details);
    let invitation = ServerAction::<ActOnInvitation>::new();
    let membership = ServerAction::<ActOnMember>::new();
    let error = super::action_error(invitation, membership);
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                let (member, Some(action)) = (member.await, action.get()) else {
                    return unavailable(crate::error::AppError::NotFound);
                };
                let member = match member {
                    Ok(member) => member,
                    Err(problem) => return unavailable(problem),
                };
                let id = member.summary.member_id;
                let (question, consequence) = action.question(&member.summary.name);
                let fields = view! {
                    <input type="hidden" name="member_id" value=id.to_string() />
                    <input type="hidden" name="action" value=action.key() />
                    <button type="submit" class="button button-danger">{action.label()}</button>
                };
                let form = match action {
                    Confirmable::Invitation(_) => view! { <ActionForm action=invitation>{fields}</ActionForm> }.into_any(),
                    Confirmable::Member(_) => view! { <ActionForm action=membership>{fields}</ActionForm> }.into_any(),
                };
                view! {
                    <Title text=question.clone() />
                    <PageHeading id="confirm-heading">{question}</PageHeading>
                    <p>{consequence}</p>
                    <ErrorSummary error />
                    <div class="actions">
                        {form}
                        <a href=crate::routes::user_details(id)>"Cancel"</a>
                    </div>
                }
                .into_any()
            })}
        </Suspense>
    }
}
