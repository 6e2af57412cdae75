//! "Did you mean …" for misspelt keys.

/// The closest of `candidates` to `typed`, as a help sentence, if one is close enough.
pub(crate) fn did_you_mean<'a>(
    typed: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let limit = (typed.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|candidate| (strsim::damerau_levenshtein(typed, candidate), candidate))
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| format!("did you mean `{candidate}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_keys_are_suggested_and_far_ones_are_not() {
        assert_eq!(
            did_you_mean("recieved", ["received", "carried_over"]),
            Some("did you mean `received`?".to_owned())
        );
        assert_eq!(did_you_mean("zzz", ["received"]), None);
    }
}
