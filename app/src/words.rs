//! Small pieces of wording the pages and messages share.

/// `one` for a count of 1, `many` otherwise: "1 person", "3 people".
pub fn plural<'a, N: PartialEq + From<u8>>(count: N, one: &'a str, many: &'a str) -> &'a str {
    if count == N::from(1) { one } else { many }
}

/// "7 days", "36 hours", "1 day": how long something lasts, in the largest whole unit.
pub fn duration_in_words(duration: chrono::Duration) -> String {
    let (count, one, many) = if duration.num_hours() % 24 == 0 && duration.num_days() > 0 {
        (duration.num_days(), "day", "days")
    } else if duration.num_minutes() % 60 == 0 && duration.num_hours() > 0 {
        (duration.num_hours(), "hour", "hours")
    } else {
        (duration.num_minutes(), "minute", "minutes")
    };
    format!("{count} {}", plural(count, one, many))
}

/// "2 Dec 2026": a date where space is short (the full time goes beside it, see `moment`).
pub fn short_date(at: chrono::DateTime<chrono::Utc>) -> String {
    at.format("%-d %b %Y").to_string()
}

/// "2 December 2026 at 13:05 UTC": a moment in full, as emails and pages say it.
pub fn moment(at: chrono::DateTime<chrono::Utc>) -> String {
    at.format("%-d %B %Y at %H:%M UTC").to_string()
}

#[cfg(test)]
mod tests {
    use super::{duration_in_words, moment, plural, short_date};
    use chrono::Duration;

    #[test]
    fn dates_are_short_in_tables_and_full_beside_them() {
        let at = chrono::DateTime::parse_from_rfc3339("2026-12-02T09:05:00Z")
            .unwrap()
            .to_utc();
        assert_eq!(short_date(at), "2 Dec 2026");
        assert_eq!(moment(at), "2 December 2026 at 09:05 UTC");
    }

    #[test]
    fn durations_are_said_in_their_largest_whole_unit() {
        assert_eq!(duration_in_words(Duration::days(7)), "7 days");
        assert_eq!(duration_in_words(Duration::days(1)), "1 day");
        assert_eq!(duration_in_words(Duration::hours(36)), "36 hours");
        assert_eq!(duration_in_words(Duration::minutes(90)), "90 minutes");
    }

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(plural(1u32, "person", "people"), "person");
        assert_eq!(plural(0usize, "person", "people"), "people");
        assert_eq!(plural(2u64, "row", "rows"), "rows");
    }
}
