//! The 名词解释 page: every entry of `format::glossary`, worded in the site's language.

use serde::Serialize;

use archive_core::format::Language;
use archive_core::format::glossary::GLOSSARY;

/// One part of the glossary page.
#[derive(Debug, Serialize)]
pub(super) struct GlossaryPart {
    id: &'static str,
    title: &'static str,
    entries: Vec<GlossaryEntry>,
}

/// One explained term.
#[derive(Debug, Serialize)]
pub(super) struct GlossaryEntry {
    /// The anchor the tables' labels link to.
    id: &'static str,
    term: &'static str,
    /// The template's Chinese term, on a site in another language.
    original: Option<&'static str>,
    text: &'static str,
    basis: Option<&'static str>,
}

/// The glossary in the site's language.
pub(super) fn view(language: Language) -> Vec<GlossaryPart> {
    GLOSSARY
        .iter()
        .map(|part| GlossaryPart {
            id: part.id,
            title: part.title.get(language),
            entries: part
                .entries
                .iter()
                .map(|entry| GlossaryEntry {
                    id: entry.id,
                    term: entry.term.get(language),
                    original: (language != Language::Zh).then_some(entry.term.zh),
                    text: entry.text.get(language),
                    basis: entry.basis.map(|basis| basis.get(language)),
                })
                .collect(),
        })
        .collect()
}
