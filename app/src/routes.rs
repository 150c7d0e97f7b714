//! Paths the pages link and redirect to, in one place.

pub const SIGN_IN: &str = "/sign-in";
/// The second step of signing in, for an account with two-factor authentication.
pub const SIGN_IN_TWO_FACTOR: &str = "/sign-in/two-factor";
pub const SETUP: &str = "/setup";
pub const USERS: &str = "/settings/users";
pub const ADD_USER: &str = "/settings/users/add";
pub const ADD_USER_GROUPS: &str = "/settings/users/add/groups";
pub const ADD_USER_OVERVIEW: &str = "/settings/users/add/overview";
pub const ADD_USER_DONE: &str = "/settings/users/add/done";
/// Where an invitation link lands (the token follows as `?token=`, and moves to a cookie).
pub const JOIN: &str = "/join";
pub const JOIN_DECLINE: &str = "/join/decline";
pub const JOIN_DECLINED: &str = "/join/declined";
pub const JOIN_NEW_LINK_REQUESTED: &str = "/join/new-link-requested";
/// The invitation's sign-in, second step.
pub const JOIN_TWO_FACTOR: &str = "/join/two-factor";
/// Asking for a password reset link, and the page that says it is on its way.
pub const PASSWORD_RESET: &str = "/password-reset";
pub const PASSWORD_RESET_SENT: &str = "/password-reset/sent";
/// Where a reset link lands (the token follows as `?token=`, and moves to a cookie).
pub const PASSWORD_RESET_NEW: &str = "/password-reset/new";
pub const PASSWORD_RESET_DONE: &str = "/password-reset/done";
/// Where the link to a new sign-in address lands (`?token=` moves to a cookie), and the page
/// after it is confirmed.
pub const EMAIL_CHANGE: &str = "/email-change";
pub const EMAIL_CHANGE_CONFIRM: &str = "/email-change/confirm";
pub const EMAIL_CHANGE_DONE: &str = "/email-change/done";

/// The pages of people without a session here: sign-in, setup, the invitee's pages and the
/// pages of the password reset and email change links. They are plain forms and ship no script (docs/architecture.md,
/// Performance).
pub fn is_plain_form(path: &str) -> bool {
    // The router takes `/sign-in/` for `/sign-in`, so this must too.
    let path = match path.strip_suffix('/') {
        Some(trimmed) if !trimmed.is_empty() => trimmed,
        _ => path,
    };
    path == SIGN_IN
        || path == SIGN_IN_TWO_FACTOR
        || path == SETUP
        || [JOIN, PASSWORD_RESET, EMAIL_CHANGE]
            .iter()
            .any(|page| is_under(path, page))
}

/// `path` is `page` or one of the pages below it.
pub fn is_under(path: &str, page: &str) -> bool {
    path.strip_prefix(page)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}
/// Where every member lands: their workspace, groups and rights, and the workspace switcher.
pub const WORKSPACE: &str = "/settings/workspace";
/// The signed-in person's own account: name, password, sessions.
pub const ACCOUNT: &str = "/settings/account";
/// Setting up an authenticator app, and the recovery codes it gave, shown once.
pub const ACCOUNT_TWO_FACTOR: &str = "/settings/account/two-factor";
pub const ACCOUNT_RECOVERY_CODES: &str = "/settings/account/recovery-codes";
/// The workspace's groups, and a new one.
pub const GROUPS: &str = "/settings/groups";
pub const NEW_GROUP: &str = "/settings/groups/new";

pub fn group(group_id: uuid::Uuid) -> String {
    format!("{GROUPS}/{group_id}")
}

pub fn delete_group(group_id: uuid::Uuid) -> String {
    format!("{GROUPS}/{group_id}/delete")
}

/// The fixed roles and what each allows.
pub const ROLES: &str = "/settings/roles";
/// The workspace's audit log.
pub const AUDIT_LOG: &str = "/settings/audit-log";
/// The Users page's stream of "members changed" (server-sent events).
pub const LIVE_USERS: &str = "/api/live/users";
/// The development mailbox (only without SMTP).
pub const MAILBOX: &str = "/settings/mailbox";

/// A member's details page.
pub fn user_details(member_id: uuid::Uuid) -> String {
    format!("{USERS}/{member_id}")
}

/// Selected invitations, resent or revoked together after a confirmation.
pub const BULK_INVITATIONS: &str = "/settings/users/bulk";

/// The page that shows a fresh invite link once.
pub fn new_link(member_id: uuid::Uuid) -> String {
    format!("{USERS}/{member_id}/link")
}

pub fn edit_user(member_id: uuid::Uuid) -> String {
    format!("{USERS}/{member_id}/edit")
}

pub fn user_groups(member_id: uuid::Uuid) -> String {
    format!("{USERS}/{member_id}/groups")
}

/// The confirmation page of a destructive action (`Confirmable::key`).
pub fn confirm(member_id: uuid::Uuid, action: &str) -> String {
    format!("{USERS}/{member_id}/confirm/{action}")
}

/// Where a signed-in member lands: the Users page if they may see it, their workspace if not.
/// The server's page guard and the browser's router both ask here.
pub fn landing(actor: &crate::domain::Actor) -> &'static str {
    if actor.two_factor_missing() {
        ACCOUNT
    } else if actor.can(crate::domain::Permission::ViewMembers) {
        USERS
    } else {
        WORKSPACE
    }
}

/// A list page's query string: the filters that are set, then the page when past the first.
pub fn query_string(filters: &[(&str, &str)], page: u32) -> String {
    let page = (page > 1).then(|| page.to_string());
    let pairs = filters
        .iter()
        .copied()
        .filter(|(_, value)| !value.is_empty())
        .chain(page.as_deref().map(|page| ("page", page)));
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

/// Importing people from a CSV file: the upload form (GET) and where it posts (POST).
pub const IMPORT: &str = "/settings/users/import";
pub const IMPORT_UPLOAD: &str = "/settings/users/import/upload";

/// An import's dry run, progress and summary.
pub fn import(batch_id: uuid::Uuid) -> String {
    format!("{IMPORT}/{batch_id}")
}

/// The rows an import skipped, as a CSV download.
pub fn import_report(batch_id: uuid::Uuid) -> String {
    format!("{IMPORT}/{batch_id}/{IMPORT_REPORT_FILE}")
}

/// The report's route, as the server's router declares it.
pub fn import_report_path() -> String {
    format!("{IMPORT}/{{batch_id}}/{IMPORT_REPORT_FILE}")
}

const IMPORT_REPORT_FILE: &str = "report.csv";

/// The `:name` segment of the page's path; empty if the path has none.
pub fn path_param(name: &'static str) -> leptos::prelude::Memo<String> {
    use leptos::prelude::*;

    let params = leptos_router::hooks::use_params_map();
    Memo::new(move |_| params.read().get(name).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plain_forms_are_sign_in_setup_and_everything_under_join() {
        for path in [
            SIGN_IN,
            SIGN_IN_TWO_FACTOR,
            JOIN_TWO_FACTOR,
            SETUP,
            JOIN,
            JOIN_DECLINE,
            JOIN_NEW_LINK_REQUESTED,
            "/sign-in/",
            "/join/",
            PASSWORD_RESET,
            PASSWORD_RESET_NEW,
            EMAIL_CHANGE_CONFIRM,
        ] {
            assert!(is_plain_form(path), "{path}");
        }
        for path in [
            "/joined",
            "/",
            USERS,
            ADD_USER,
            "/sign-in/x",
            "/password-resets",
        ] {
            assert!(!is_plain_form(path), "{path}");
        }
    }
}
