//! `/settings/roles`: the fixed roles and what each allows. Groups bind roles; a member holds
//! the union of their groups' roles.

use crate::domain::{Permission, Role};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn RolesPage() -> impl IntoView {
    let headers = Role::ALL
        .into_iter()
        .map(|role| view! { <th scope="col">{role.label()}</th> })
        .collect::<Vec<_>>();
    let rows = Permission::ALL
        .into_iter()
        .map(|permission| {
            let cells = Role::ALL
                .into_iter()
                .map(|role| {
                    let allowed = role.permissions().contains(&permission);
                    view! {
                        <td class=if allowed { "allowed" } else { "denied" }>
                            {if allowed { "Yes" } else { "No" }}
                        </td>
                    }
                })
                .collect::<Vec<_>>();
            view! { <tr><th scope="row">{permission.label()}</th>{cells}</tr> }
        })
        .collect::<Vec<_>>();
    view! {
        <Title text="Roles" />
        <h1>"Roles"</h1>
        <p>
            "Roles are fixed. Groups bind roles, and a member can do what any of their groups' roles allows. "
            "People can grant only rights they hold themselves."
        </p>
        // A matrix stays a matrix on a phone: it scrolls inside its own region, which the
        // keyboard can reach and scroll too.
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="roles-caption">
            <table class="table matrix">
                <caption id="roles-caption">"What each role allows"</caption>
                <thead><tr><th scope="col">"Permission"</th>{headers}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
