//! Small pieces of wording the pages and messages share.

/// `one` for a count of 1, `many` otherwise: "1 person", "3 people".
pub fn plural<'a, N: PartialEq + From<u8>>(count: N, one: &'a str, many: &'a str) -> &'a str {
    if count == N::from(1) { one } else { many }
}

#[cfg(test)]
mod tests {
    use super::plural;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(plural(1u32, "person", "people"), "person");
        assert_eq!(plural(0usize, "person", "people"), "people");
        assert_eq!(plural(2u64, "row", "rows"), "rows");
    }
}
