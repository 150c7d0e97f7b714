use crate::components::focus_element;
use crate::error::AppError;
use leptos::html::Div;
use leptos::prelude::*;

/// The GOV.UK error summary: a list of what is wrong, linking to each field. It takes focus when
/// it appears, after a submission in the browser and on a page rendered by the server. A page
/// with several forms gives each summary its own `name`, so their ids stay unique.
#[component]
pub fn ErrorSummary(
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(default = "error-summary")] name: &'static str,
) -> impl IntoView {
    let title_id = format!("{name}-title");
    let summary = NodeRef::<Div>::new();
    Effect::new(move |_| {
        if let (Some(_), Some(element)) = (error.get(), summary.get()) {
            let _ = element.focus();
        }
    });
    move || {
        error.get().map(|error| {
            let items: Vec<(String, String)> = match &error {
                AppError::Invalid(fields) => fields
                    .0
                    .iter()
                    .map(|field| (field.field.clone(), field.message.clone()))
                    .collect(),
                other => vec![("main".to_owned(), other.to_string())],
            };
            let items = items
                .into_iter()
                .map(|(target, message)| {
                    let href = format!("#{target}");
                    let follow = move |event: leptos::ev::MouseEvent| {
                        event.prevent_default();
                        focus_element(&target);
                    };
                    view! { <li><a href=href on:click=follow>{message}</a></li> }
                })
                .collect::<Vec<_>>();
            view! {
                <div
                    class="error-summary"
                    role="alert"
                    tabindex="-1"
                    autofocus
                    aria-labelledby=title_id.clone()
                    node_ref=summary
                >
                    <h2 id=title_id.clone()>"There is a problem"</h2>
                    <ul>{items}</ul>
                </div>
            }
        })
    }
}
