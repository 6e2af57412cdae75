//! Every message the command line prints, in Chinese and English: one catalogue.
//!
//! A message is a function of the catalogue (made by the `catalogue!` macro) that takes the values the
//! message names and returns a [`Text`] holding both languages. Where a message is printed, the
//! terminal's language chooses ([`terminal_language`], set once by the binary from `--lang`,
//! `ARCHIVE_LANG` or `site.toml`); where it is published (a finding in JSON or CSV), both are kept.
//!
//! To add a message: write it in the file of its area below with both texts, then call it
//! (`Diagnostic::error(location, messages::load::no_such_row(..))`). The catalogue's tests
//! check that every message has both texts and that they name the same values.

pub mod check;
pub mod cli;
pub mod load;
pub mod site;

use std::fmt;
use std::sync::atomic::{AtomicU8, Ordering};

use crate::format::Language;

/// A message in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Text {
    /// The Chinese text.
    pub zh: String,
    /// The English text.
    pub en: String,
}

impl Text {
    /// The same text in both languages (a name, a path, a number).
    pub fn same(text: impl Into<String>) -> Text {
        let text = text.into();
        Text {
            zh: text.clone(),
            en: text,
        }
    }

    /// A text made once per language by `make`.
    pub fn each(mut make: impl FnMut(Language) -> String) -> Text {
        Text {
            zh: make(Language::Zh),
            en: make(Language::En),
        }
    }

    /// The text in `language`.
    pub fn get(&self, language: Language) -> &str {
        match language {
            Language::Zh => &self.zh,
            Language::En => &self.en,
        }
    }

    /// The text in `language`, owned.
    pub fn into_language(self, language: Language) -> String {
        match language {
            Language::Zh => self.zh,
            Language::En => self.en,
        }
    }

    /// The text in the terminal's language.
    pub fn here(&self) -> &str {
        self.get(terminal_language())
    }
}

/// Printed in the terminal's language.
impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.here())
    }
}

/// A message becomes a diagnostic's text in the terminal's language.
impl From<Text> for String {
    fn from(text: Text) -> String {
        text.into_language(terminal_language())
    }
}

const ZH: u8 = 0;
const EN: u8 = 1;

/// The terminal's language: one value for the process, like a locale, since messages are made on
/// many threads and printed far from where they are made. The library starts in English; the
/// binary sets it before anything runs (Chinese unless told otherwise).
static TERMINAL_LANGUAGE: AtomicU8 = AtomicU8::new(EN);

/// Sets the language messages are printed in.
pub fn set_terminal_language(language: Language) {
    let value = match language {
        Language::Zh => ZH,
        Language::En => EN,
    };
    TERMINAL_LANGUAGE.store(value, Ordering::Relaxed);
}

/// The language messages are printed in.
pub fn terminal_language() -> Language {
    match TERMINAL_LANGUAGE.load(Ordering::Relaxed) {
        ZH => Language::Zh,
        _ => Language::En,
    }
}

/// A language as `--lang` and `ARCHIVE_LANG` write it: `zh` or `en` (`zh-CN`, `en_US.UTF-8` and
/// the like too, by their first two letters).
pub fn parse_language(text: &str) -> Option<Language> {
    let code: String = text.trim().chars().take(2).collect();
    match code.to_ascii_lowercase().as_str() {
        "zh" => Some(Language::Zh),
        "en" => Some(Language::En),
        _ => None,
    }
}

/// One message of the catalogue as written: its name and its two texts with their `{value}`
/// places, for the tests that check the catalogue.
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    /// The message's function name, `area::name`.
    pub key: &'static str,
    /// The Chinese text.
    pub zh: &'static str,
    /// The English text.
    pub en: &'static str,
}

/// Defines messages: each `name(value: Type, …) { zh: "…{value}…", en: "…{value}…" }` becomes a
/// function returning its [`Text`], and `ENTRIES` lists them all.
macro_rules! catalogue {
    ($(
        $(#[$doc:meta])*
        $name:ident ( $($arg:ident : $ty:ty),* $(,)? ) { zh: $zh:literal, en: $en:literal $(,)? }
    )*) => {
        $(
            $(#[$doc])*
            #[allow(clippy::too_many_arguments, reason = "a message names each value it shows")]
            pub fn $name($($arg: $ty),*) -> $crate::messages::Text {
                $crate::messages::Text { zh: format!($zh), en: format!($en) }
            }
        )*

        /// Every message of this part of the catalogue.
        pub const ENTRIES: &[$crate::messages::Entry] = &[$(
            $crate::messages::Entry {
                key: concat!(module_path!(), "::", stringify!($name)),
                zh: $zh,
                en: $en,
            },
        )*];
    };
}
pub(crate) use catalogue;

/// Every message of the catalogue.
pub fn entries() -> impl Iterator<Item = &'static Entry> {
    [check::ENTRIES, cli::ENTRIES, load::ENTRIES, site::ENTRIES]
        .into_iter()
        .flatten()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    /// English's plural endings (`{s}` of `finding{s}`), which Chinese has no need of.
    const PLURAL_ENDINGS: [&str; 3] = ["s", "rs", "cs"];

    /// The `{value}` places of a text (`{{` and `}}` are braces, not places), but English's
    /// plural endings.
    fn places(text: &str) -> BTreeSet<String> {
        let mut found = BTreeSet::new();
        let mut rest = text.replace("{{", "").replace("}}", "");
        while let Some(open) = rest.find('{') {
            let close = rest[open..].find('}').expect("a place is closed") + open;
            let place = rest[open + 1..close].split(':').next().unwrap_or("");
            if !PLURAL_ENDINGS.contains(&place) {
                found.insert(place.to_owned());
            }
            rest = rest[close + 1..].to_owned();
        }
        found
    }

    #[test]
    fn every_message_has_both_languages_naming_the_same_values() {
        let mut missing = Vec::new();
        for entry in entries() {
            if entry.zh.trim().is_empty() || entry.en.trim().is_empty() {
                missing.push(format!("{}: a language is empty", entry.key));
            }
            if places(entry.zh) != places(entry.en) {
                missing.push(format!(
                    "{}: zh names {:?}, en names {:?}",
                    entry.key,
                    places(entry.zh),
                    places(entry.en)
                ));
            }
            // A Chinese text that is the English one was never translated.
            if entry.zh == entry.en {
                missing.push(format!("{}: zh is the English text", entry.key));
            }
        }
        assert!(missing.is_empty(), "{}", missing.join("\n"));
    }

    #[test]
    fn message_names_are_unique() {
        let mut seen = BTreeSet::new();
        for entry in entries() {
            assert!(seen.insert(entry.key), "{} twice", entry.key);
        }
    }

    #[test]
    fn places_are_read_past_doubled_braces() {
        assert_eq!(
            places("a {{b}} {c} {d:>4}"),
            BTreeSet::from(["c".to_owned(), "d".to_owned()])
        );
    }

    #[test]
    fn languages_are_read_by_their_first_two_letters() {
        assert_eq!(parse_language("zh_CN.UTF-8"), Some(Language::Zh));
        assert_eq!(parse_language("EN"), Some(Language::En));
        assert_eq!(parse_language("fr"), None);
    }
}
