//! The client address rate limits and audit rows use. `X-Forwarded-For` is believed only when
//! the peer is a configured proxy (docs/security.md §11): anyone else could write any address there
//! and get a fresh rate-limit bucket with every request.

use std::net::IpAddr;

/// The peer, or, when the peer is a trusted proxy, the nearest forwarded address that is not
/// itself a trusted proxy (the right-most entries were appended by our own proxies).
pub fn resolve(peer: IpAddr, forwarded_for: Option<&str>, trusted: &[IpAddr]) -> IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    let Some(forwarded_for) = forwarded_for else {
        return peer;
    };
    let mut nearest = peer;
    for hop in forwarded_for.rsplit(',') {
        match hop.trim().parse::<IpAddr>() {
            Ok(address) if trusted.contains(&address) => nearest = address,
            Ok(address) => return address,
            Err(_) => return nearest,
        }
    }
    nearest
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn without_trusted_proxies_the_header_is_ignored() {
        assert_eq!(
            resolve(ip("203.0.113.9"), Some("1.2.3.4"), &[]),
            ip("203.0.113.9")
        );
    }

    #[test]
    fn a_trusted_proxy_forwards_the_client_it_saw() {
        let trusted = [ip("10.0.0.2")];
        assert_eq!(
            resolve(ip("10.0.0.2"), Some("6.6.6.6, 198.51.100.7"), &trusted),
            ip("198.51.100.7"),
            "the left-most entries are whatever the client wrote"
        );
    }

    #[test]
    fn chains_of_trusted_proxies_are_skipped() {
        let trusted = [ip("10.0.0.2"), ip("10.0.0.3")];
        assert_eq!(
            resolve(ip("10.0.0.2"), Some("198.51.100.7, 10.0.0.3"), &trusted),
            ip("198.51.100.7")
        );
    }

    #[test]
    fn garbage_in_the_header_stops_at_the_last_trusted_hop() {
        let trusted = [ip("10.0.0.2")];
        assert_eq!(
            resolve(ip("10.0.0.2"), Some("nonsense"), &trusted),
            ip("10.0.0.2")
        );
        assert_eq!(resolve(ip("10.0.0.2"), None, &trusted), ip("10.0.0.2"));
    }
}
