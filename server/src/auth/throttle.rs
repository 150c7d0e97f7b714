//! Sign-in throttling per account and per client (docs/security.md §20), with `governor`'s keyed
//! GCRA limiters: a burst of attempts, then one more per refill interval.

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

/// The window over which the configured number of attempts refills.
const WINDOW: Duration = Duration::from_secs(15 * 60);

pub struct LoginThrottle {
    per_account: DefaultKeyedRateLimiter<String>,
    per_client: DefaultKeyedRateLimiter<IpAddr>,
}

impl LoginThrottle {
    pub fn new(attempts_per_account: u32, attempts_per_client: u32) -> Self {
        Self {
            per_account: limiter(attempts_per_account),
            per_client: limiter(attempts_per_client),
        }
    }

    /// Counts an attempt; `false` when either limit is spent. The account key is the normalised
    /// email, so an attacker cannot dodge it with letter case.
    pub fn allow(&self, email: &str, client: IpAddr) -> bool {
        let client_ok = self.per_client.check_key(&client).is_ok();
        let account_ok = self.per_account.check_key(&email.to_owned()).is_ok();
        client_ok && account_ok
    }

    /// Forgets keys whose limits have refilled, so memory stays bounded.
    pub fn forget_idle(&self) {
        self.per_account.retain_recent();
        self.per_client.retain_recent();
    }
}

/// Invitation link look-ups and uses per client (docs/security.md §11): tokens cannot be
/// guessed, but nobody gets to try.
pub struct ClientThrottle {
    per_client: DefaultKeyedRateLimiter<IpAddr>,
}

impl ClientThrottle {
    pub fn new(attempts_per_client: u32) -> Self {
        Self {
            per_client: limiter(attempts_per_client),
        }
    }

    /// Counts an attempt; `false` when the client's limit is spent.
    pub fn allow(&self, client: IpAddr) -> bool {
        self.per_client.check_key(&client).is_ok()
    }

    /// Counts a look-up or use of `what` (a kind of secret link): `TooManyRequests`, logged,
    /// when the client's limit is spent.
    pub fn admit(&self, client: IpAddr, what: &str) -> Result<(), app::error::AppError> {
        if self.allow(client) {
            Ok(())
        } else {
            tracing::warn!(%client, "{what} throttled");
            Err(app::error::AppError::TooManyRequests)
        }
    }

    pub fn forget_idle(&self) {
        self.per_client.retain_recent();
    }
}

fn limiter<K: std::hash::Hash + Eq + Clone>(attempts: u32) -> DefaultKeyedRateLimiter<K> {
    let attempts = NonZeroU32::new(attempts).unwrap_or(NonZeroU32::MIN);
    let quota = Quota::with_period(WINDOW / attempts.get())
        .expect("non-zero period")
        .allow_burst(attempts);
    RateLimiter::keyed(quota)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::Ipv4Addr;

    const CLIENT: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);

    #[test]
    fn an_account_is_throttled_after_its_burst_whatever_the_client() {
        let throttle = LoginThrottle::new(3, 100);
        for _ in 0..3 {
            assert!(throttle.allow("ada@example.com", CLIENT));
        }
        assert!(!throttle.allow("ada@example.com", IpAddr::V4(Ipv4Addr::new(10, 0, 0, 9))));
        assert!(throttle.allow("grace@example.com", CLIENT));
    }

    #[test]
    fn invitation_look_ups_are_throttled_per_client() {
        let throttle = ClientThrottle::new(2);
        assert!(throttle.allow(CLIENT));
        assert!(throttle.allow(CLIENT));
        assert!(!throttle.allow(CLIENT));
        assert!(throttle.allow(IpAddr::V4(Ipv4Addr::new(10, 0, 0, 9))));
    }

    #[test]
    fn a_client_is_throttled_across_accounts() {
        let throttle = LoginThrottle::new(100, 2);
        assert!(throttle.allow("a@example.com", CLIENT));
        assert!(throttle.allow("b@example.com", CLIENT));
        assert!(!throttle.allow("c@example.com", CLIENT));
    }
}
