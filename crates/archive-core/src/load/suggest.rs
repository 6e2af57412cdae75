//! "Did you mean …" for misspelt keys.

use crate::diagnostic::is_hidden;
use crate::messages::load;

/// The closest of `candidates` to `typed`, as a help sentence, if one is close enough. A key
/// holding an invisible character (zero-width, bidirectional, control) looks like a known one
/// but is not: the help says so, and compares the key without it.
pub(crate) fn did_you_mean<'a>(
    typed: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    did_you_mean_labelled(typed, candidates, |_| None)
}

/// [`did_you_mean`], naming the suggested key with its Chinese label where `label_of` gives one
/// (a row's: `disclosed`（（一）予以公开）), so that a person who knows the printed table sees which
/// row the key is.
pub(crate) fn did_you_mean_labelled<'a>(
    typed: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    label_of: impl Fn(&str) -> Option<&'static str>,
) -> Option<String> {
    let shown: String = typed.chars().filter(|&c| !is_hidden(c)).collect();
    let limit = (shown.chars().count() / 3).max(2);
    let closest = candidates
        .into_iter()
        .map(|candidate| (strsim::damerau_levenshtein(&shown, candidate), candidate))
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate);
    if shown.len() < typed.len() {
        return Some(
            match closest {
                Some(candidate) => load::invisible_character_as(typed, candidate),
                None => load::invisible_character(typed),
            }
            .into(),
        );
    }
    closest.map(|candidate| match label_of(candidate) {
        Some(label) => load::did_you_mean_labelled(candidate, label).into(),
        None => load::did_you_mean(candidate).into(),
    })
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

    #[test]
    fn invisible_characters_in_a_key_are_named() {
        for typed in [
            "pen\u{200b}alty",
            "\u{202e}penalty",
            "penalty\u{feff}",
            "pen\u{1b}alty",
        ] {
            assert_eq!(
                did_you_mean(typed, ["penalty", "licensing"]),
                Some(format!(
                    "`{typed}` holds an invisible character: retype it as `penalty`"
                )),
            );
        }
        assert_eq!(
            did_you_mean("zz\u{200b}z", ["penalty"]),
            Some("`zz\u{200b}z` holds an invisible character: retype it".to_owned())
        );
    }
}
