//! Editing a person's names, country code and phone, and their address until they join.

use super::{ManagementService, changed, check_may_invite, check_outranks};
use crate::people::queries::management::Person;
use crate::people::queries::membership;
use crate::people::queries::membership::Profile;
use crate::store::{OrDbError, Tx, is_unique_violation};
use app::domain::{ActionDone, Actor, NewPerson};
use app::error::{AppError, FormCheck};
use app::people::{InvitationAction, MemberEdit, MemberState};
use std::net::IpAddr;
use uuid::Uuid;

impl ManagementService {
    pub(super) async fn edit_checked(
        &self,
        actor: &Actor,
        member_id: Uuid,
        edit: MemberEdit,
        client: IpAddr,
    ) -> Result<ActionDone, AppError> {
        let (mut tx, person) = self.locked(actor, member_id).await?;
        let outcome = self.edit_in(&mut tx, actor, &person, edit, client).await;
        self.changes.settle(tx, outcome).await
    }

    async fn edit_in(
        &self,
        tx: &mut Tx,
        actor: &Actor,
        person: &Person,
        edit: MemberEdit,
        client: IpAddr,
    ) -> Result<ActionDone, AppError> {
        check_outranks(actor, person)?;
        let mut edit = edit;
        if !person.state.email_editable() {
            edit.email = person.email.clone();
        }
        let mut form = FormCheck::default();
        let Some(parsed) = NewPerson::parse_fields(&edit, &mut form, str::to_owned) else {
            return Err(form.into_error());
        };
        let NewPerson {
            first_name,
            last_name,
            email,
            phone,
        } = parsed;
        let email = email.as_str().to_owned();
        let new_address = email != person.email;
        let profile = Profile {
            first_name: first_name.as_str(),
            last_name: last_name.as_str(),
            email: &email,
            country_code: phone.checked().map(|p| p.country.as_str()),
            phone: phone.checked().map(|p| p.e164.as_str()),
        };
        match membership::update_profile(tx, &person.member_id, &profile, self.changes.now()).await
        {
            Err(error) if is_unique_violation(&error) => {
                return Err(AppError::invalid_field(
                    "email",
                    "Someone with this email address is already in the workspace",
                ));
            }
            other => other.or_db_error()?,
        }
        let resend = new_address && person.state == MemberState::Invited;
        if resend {
            // A link mailed to the old address must not create an account with the new one:
            // it dies, and the invitation goes to the new address at once. (The link of an
            // ended invitation already opens nothing.)
            let invitation = person.invitation.as_ref().ok_or_else(changed)?;
            check_may_invite(actor, person)?;
            self.check_email_allowance(tx, person, invitation).await?;
            self.reissue(tx, actor, person, invitation, &email, true)
                .await?;
            let resent = InvitationAction::Resend.audit_action();
            self.changes
                .audit(tx, actor, resent, &invitation.invitation_id, client)
                .await?;
        }
        self.changes
            .audit(tx, actor, "member.edited", &person.member_id, client)
            .await?;
        let name = format!("{} {}", first_name.as_str(), last_name.as_str());
        Ok(ActionDone {
            opens_page: false,
            message: if resend {
                format!(
                    "Details of {name} saved. Their invitation went to the new address; the earlier link no longer works."
                )
            } else {
                format!("Details of {name} saved.")
            },
        })
    }
}
