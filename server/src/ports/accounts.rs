//! The ports a person uses on their own account, whatever the workspace: the account page,
//! a new sign-in address, a forgotten password and two-factor authentication. Each counts a
//! password it checks in the sign-in throttle.

use crate::auth::throttle::{ClientThrottle, LoginThrottle};
use crate::clock::Clock;
use crate::config::Config;
use crate::mail::worker::Mailer;
use crate::store::Db;
use crate::{account, email_change, password_reset, two_factor};
use app::account::port::OwnAccount;
use app::email_change::port::EmailChanges;
use app::password_reset::port::PasswordResets;
use app::two_factor::port::TwoFactor;
use std::sync::Arc;

pub struct AccountPorts {
    pub own_account: Arc<dyn OwnAccount>,
    pub email_changes: Arc<dyn EmailChanges>,
    pub password_resets: Arc<dyn PasswordResets>,
    pub two_factor: Arc<dyn TwoFactor>,
}

impl AccountPorts {
    pub fn new(
        config: &Config,
        db: &Db,
        clock: &Arc<dyn Clock>,
        throttle: &Arc<LoginThrottle>,
        mailer: &Mailer,
    ) -> anyhow::Result<Self> {
        Ok(Self {
            own_account: Arc::new(account::AccountService {
                db: db.clone(),
                clock: clock.clone(),
                throttle: throttle.clone(),
                base_url: config.base_url.clone(),
                mail_wakeup: mailer.wakeup.clone(),
            }),
            email_changes: Arc::new(email_change::EmailChangeService {
                db: db.clone(),
                sealer: mailer.sealer.clone(),
                base_url: config.base_url.clone(),
                clock: clock.clone(),
                password_throttle: throttle.clone(),
                link_throttle: ClientThrottle::new(config.password_reset_attempts_per_client),
                mail_wakeup: mailer.wakeup.clone(),
            }),
            password_resets: Arc::new(password_reset::PasswordResetService {
                db: db.clone(),
                sealer: mailer.sealer.clone(),
                base_url: config.base_url.clone(),
                ttl: chrono::Duration::from_std(config.password_reset_ttl)?,
                clock: clock.clone(),
                request_throttle: LoginThrottle::new(
                    config.password_reset_attempts_per_address,
                    config.password_reset_attempts_per_client,
                ),
                link_throttle: ClientThrottle::new(config.password_reset_attempts_per_client),
                mail_wakeup: mailer.wakeup.clone(),
            }),
            two_factor: Arc::new(two_factor::TwoFactorService {
                db: db.clone(),
                clock: clock.clone(),
                sealer: mailer.sealer.clone(),
                throttle: throttle.clone(),
                base_url: config.base_url.clone(),
                mail_wakeup: mailer.wakeup.clone(),
            }),
        })
    }
}
