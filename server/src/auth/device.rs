//! A browser's own description of itself (`User-Agent`) in the words the account page shows:
//! "Chrome on Linux". Read with woothee, whose rules are kept up to date by its project,
//! rather than with patterns of our own.

/// "Firefox on Windows 10", or "Unknown browser" when the header is missing or unknown.
pub fn describe(user_agent: Option<&str>) -> String {
    let found = user_agent.and_then(|agent| woothee::parser::Parser::new().parse(agent));
    let Some(found) = found.filter(|found| found.name != woothee::woothee::VALUE_UNKNOWN) else {
        return "Unknown browser".to_owned();
    };
    if found.os == woothee::woothee::VALUE_UNKNOWN {
        found.name.to_owned()
    } else {
        format!("{} on {}", found.name, found.os)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browsers_are_named_with_their_system() {
        let chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) \
                      Chrome/131.0.0.0 Safari/537.36";
        assert_eq!(describe(Some(chrome)), "Chrome on Linux");
        let firefox =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
        assert_eq!(describe(Some(firefox)), "Firefox on Windows 10");
        assert_eq!(describe(None), "Unknown browser");
        assert_eq!(describe(Some("curl-ish thing")), "Unknown browser");
    }
}
