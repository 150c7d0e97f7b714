use leptos::prelude::*;

/// The product's name.
pub const PRODUCT: &str = "Portico";

/// The product's mark and name, and the workspace's name beside them (docs/design.md
/// "Identity"). A workspace named like the product is not named twice ("Portico Portico").
/// The mark is decoration: the name beside it says the same.
#[component]
pub fn Brand(#[prop(default = None)] workspace: Option<String>) -> impl IntoView {
    let workspace = workspace.filter(|name| !same_name(name, PRODUCT));
    view! {
        <span class="brand">
            <svg class="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
                <rect width="32" height="32" rx="8" fill="currentColor" />
                <path d="M9 24V8h7.5a5 5 0 0 1 0 10H13v6z" fill="none" stroke="var(--paper)" stroke-width="3" stroke-linejoin="round" />
            </svg>
            {PRODUCT}
            {workspace.map(|name| view! { <span class="workspace">{name}</span> })}
        </span>
    }
}

/// The frame of the pages people see before they are in (sign-in, setup, the invitation's
/// pages, Not Found): the product's identity above one card holding the page.
#[component]
pub fn PublicPage(children: Children) -> impl IntoView {
    view! {
        <main id="main" class="narrow">
            <div class="identity"><Brand /></div>
            <div class="card">{children()}</div>
        </main>
    }
}

/// Names equal but for case and surrounding space.
fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::same_name;

    #[test]
    fn a_workspace_named_like_the_product_is_the_same_name() {
        assert!(same_name(" portico ", "Portico"));
        assert!(!same_name("Portico Labs", "Portico"));
    }
}
