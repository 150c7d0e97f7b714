//! `/settings/groups/:group_id/delete`: deleting a group, confirmed on its own page.

use crate::components::{ErrorSummary, PageHeading};
use crate::groups::api::DeleteGroup;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn DeleteGroupPage() -> impl IntoView {
    let (group_id, groups) = super::path_group();
    let delete = ServerAction::<DeleteGroup>::new();
    let error = Signal::derive(move || delete.value().get().and_then(Result::err));
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                let id = group_id.get();
                let group = groups.await.map(|groups| super::find_group(groups, &id));
                match group {
                    Err(problem) => super::refused(problem),
                    Ok(Some(group)) => {
                        let question = format!("Delete the group {}?", group.name);
                        view! {
                            <Title text=question.clone() />
                            <PageHeading id="delete-heading">{question}</PageHeading>
                            <p>{format!(
                                "Its {} people lose what its roles allow, at once. Anyone for whom it is the only group must be moved first.",
                                group.members
                            )}</p>
                            <ErrorSummary error />
                            <div class="actions">
                                <ActionForm action=delete>
                                    <input type="hidden" name="group_id" value=group.group_id.to_string() />
                                    <button type="submit" class="button button-danger">"Delete group"</button>
                                </ActionForm>
                                <a href=crate::routes::group(group.group_id)>"Cancel"</a>
                            </div>
                        }.into_any()
                    }
                    Ok(None) => super::not_found(),
                }
            })}
        </Suspense>
    }
}
