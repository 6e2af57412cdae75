//! `site.toml`: what a site is called, where it is published, which theme draws it.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Location};
use crate::format::Language;
use crate::load::TextFile;
use crate::load::text::{CarriageReturns, forbidden_char, forbidden_char_error};
use crate::messages::{Text, load};
use crate::model::AgencyKind;

/// The name of the configuration file at a site's root.
pub const CONFIG_FILE: &str = "site.toml";

/// A month and day, written `MM-DD` (a publication deadline in the year after a report's year).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MonthDay {
    /// 1–12.
    pub month: i8,
    /// 1–31.
    pub day: i8,
}

impl<'de> Deserialize<'de> for MonthDay {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse_month_day(&text).ok_or_else(|| serde::de::Error::custom(load::not_month_day(&text)))
    }
}

fn parse_month_day(text: &str) -> Option<MonthDay> {
    let (month, day) = text.split_once('-')?;
    let month: i8 = month.parse().ok()?;
    let day: i8 = day.parse().ok()?;
    // Checked against a leap year so that 02-29 is allowed.
    jiff::civil::Date::new(2024, month, day).ok()?;
    Some(MonthDay { month, day })
}

/// Publication deadlines (rule R7), by agency kind.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Deadlines {
    /// 人民政府 (本级政府 reports): 31 March, 条例 article 50.
    pub people_government: MonthDay,
    /// 政府部门: 31 January, 条例 article 49.
    pub department: MonthDay,
    /// 开发区、新区管委会 (派出机构).
    pub development_zone: MonthDay,
    /// 乡镇人民政府、街道办事处.
    pub township: MonthDay,
    /// Anything else.
    pub other: MonthDay,
}

impl Default for Deadlines {
    fn default() -> Self {
        let january = MonthDay { month: 1, day: 31 };
        let march = MonthDay { month: 3, day: 31 };
        Deadlines {
            people_government: march,
            department: january,
            development_zone: january,
            township: march,
            other: january,
        }
    }
}

impl Deadlines {
    /// The deadline for an agency of a given kind; none for a kind not known yet.
    pub fn for_kind(&self, kind: AgencyKind) -> Option<MonthDay> {
        match kind {
            AgencyKind::PeopleGovernment => Some(self.people_government),
            AgencyKind::Department => Some(self.department),
            AgencyKind::DevelopmentZone => Some(self.development_zone),
            AgencyKind::Township => Some(self.township),
            AgencyKind::Other => Some(self.other),
            AgencyKind::Unknown => None,
        }
    }
}

/// The contents of `site.toml`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// The site's name, shown in every page's header.
    pub title: String,
    /// One sentence on what the archive holds.
    #[serde(default)]
    pub description: String,
    /// Where the site is published, e.g. `https://example.gov.cn/nianbao/`; a sub-path is allowed.
    pub base_url: String,
    /// The interface language.
    #[serde(default)]
    pub language: Language,
    /// The theme under `themes/`; `default` is also built into the binary.
    #[serde(default = "default_theme")]
    pub theme: String,
    /// Where `archive build` writes the site, relative to the site's root.
    #[serde(default = "default_output_dir")]
    pub output_dir: PathBuf,
    /// Publication deadlines by agency kind (R7).
    #[serde(default)]
    pub deadlines: Deadlines,
    /// Pass raw HTML in report narratives through as written instead of cleaning it. Only for
    /// archives whose every source is trusted.
    #[serde(default)]
    pub allow_raw_html: bool,
    /// Files and folders in the output folder that a rebuild keeps (a host's `CNAME`,
    /// `.well-known/`), as paths relative to the output folder.
    #[serde(default = "default_keep")]
    pub keep: Vec<String>,
    /// The search index is built in parts of at most this many reports, one after the other:
    /// building takes about 1.1 MB of memory per report of a part (docs/search.md).
    #[serde(default = "default_search_part_size")]
    pub search_part_size: std::num::NonZeroUsize,
    /// Write every page's links relative to the page (`../../x/index.html`), so that the built
    /// site also browses from disk (file://); `archive build --relative-links` does the same.
    #[serde(default)]
    pub relative_links: bool,
    /// Who publishes the open data, under which licence, and whom to ask (`[dataset]`).
    #[serde(default)]
    pub dataset: DatasetConfig,
}

/// The licence the open data is published under when `[dataset] license` does not say.
pub const DEFAULT_LICENSE: &str = "https://creativecommons.org/licenses/by/4.0/";

/// `[dataset]`: the dataset catalog's publisher, licence and contact, each optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatasetConfig {
    /// Who publishes the data; the site's title when not given.
    pub publisher: Option<String>,
    /// The licence's URL; [`DEFAULT_LICENSE`] (CC BY 4.0) when not given.
    pub license: Option<String>,
    /// An e-mail address or a web page for questions about the data; none when not given.
    pub contact: Option<String>,
}

impl DatasetConfig {
    /// The publisher's name: `publisher`, or the site's title.
    pub fn publisher<'a>(&'a self, title: &'a str) -> &'a str {
        self.publisher.as_deref().unwrap_or(title)
    }

    /// The licence's URL.
    pub fn license(&self) -> &str {
        self.license.as_deref().unwrap_or(DEFAULT_LICENSE)
    }

    /// The contact as a URL (`mailto:` for an e-mail address).
    pub fn contact_url(&self) -> Option<String> {
        self.contact.as_deref().map(|contact| {
            if is_web_address(contact) {
                contact.to_owned()
            } else {
                format!("mailto:{contact}")
            }
        })
    }

    /// The first key whose value is not what it must be, with the help to give.
    fn problem(&self) -> Option<(&'static str, Text, Text)> {
        if let Some(license) = &self.license
            && !is_web_address(license)
        {
            return Some((
                "license",
                load::dataset_license_not_url(license),
                load::dataset_license_help(),
            ));
        }
        if let Some(contact) = &self.contact
            && !is_web_address(contact)
            && !is_email(contact)
        {
            return Some((
                "contact",
                load::dataset_contact_invalid(contact),
                load::dataset_contact_help(),
            ));
        }
        self.publisher
            .as_ref()
            .filter(|publisher| publisher.trim().is_empty())
            .map(|_| {
                (
                    "publisher",
                    load::dataset_publisher_empty(),
                    load::dataset_publisher_help(),
                )
            })
    }
}

fn is_web_address(text: &str) -> bool {
    (text.starts_with("https://") || text.starts_with("http://"))
        && !text.contains(char::is_whitespace)
}

fn is_email(text: &str) -> bool {
    text.split_once('@').is_some_and(|(name, host)| {
        !name.is_empty() && host.contains('.') && !text.contains(char::is_whitespace)
    })
}

/// How many reports one part of the search index holds at most on average unless
/// `search_part_size` says otherwise: two parts are built at once, each holding about 0.55 MB a
/// report while it is built, so that the index stays under 2 GiB beside the rest of a build
/// (docs/search.md, "What limits the index"). Below 1,500 so that a year of some 1,000–1,500
/// reports is two parts, not one: at 10,000 reports (7 years of 1,429) 14 parts share two
/// cores evenly where 7 left one core idle while the last ran alone ("Parts").
pub const REPORTS_PER_PART: usize = 1_000;

fn default_search_part_size() -> std::num::NonZeroUsize {
    std::num::NonZeroUsize::new(REPORTS_PER_PART).expect("not zero")
}

fn default_keep() -> Vec<String> {
    vec!["CNAME".to_owned(), ".well-known".to_owned()]
}

fn default_theme() -> String {
    "default".to_owned()
}

fn default_output_dir() -> PathBuf {
    PathBuf::from("public")
}

impl SiteConfig {
    /// The configuration `archive init` writes for a new archive.
    pub fn starter_toml(title: &str) -> String {
        format!(
            "# The archive's settings. Every key is explained in the README.\n\
             title = \"{title}\"\n\
             description = \"\"\n\
             # Where the site will be published; a sub-path such as https://example.gov.cn/nianbao/ works.\n\
             base_url = \"https://example.org/\"\n\
             # zh (default) or en\n\
             language = \"zh\"\n\
             theme = \"default\"\n\
             output_dir = \"public\"\n\
             # true: links relative to each page, so that the built site also opens from a folder (search then needs http)\n\
             relative_links = false\n\
             \n\
             # Publication deadlines (rule R7) by agency kind, as MM-DD of the year after the report's year.\n\
             [deadlines]\n\
             people_government = \"03-31\"\n\
             department = \"01-31\"\n\
             development_zone = \"01-31\"\n\
             township = \"03-31\"\n\
             other = \"01-31\"\n"
        )
    }

    /// Reads `site.toml` from a site's root.
    pub fn load(root: &Path) -> Result<SiteConfig, Diagnostic> {
        let text = crate::load::read_text(root, Path::new(CONFIG_FILE), TextFile::SiteConfig)?;
        SiteConfig::parse(&text)
    }

    /// The `language` a site's `site.toml` sets, read before anything else so that the command
    /// line speaks it; `None` without a readable site.toml or a valid `language` (loading the
    /// site reports those problems, in the default language).
    pub fn language_of(root: &Path) -> Option<Language> {
        #[derive(Deserialize)]
        struct LanguageOnly {
            language: Option<Language>,
        }
        let text =
            crate::load::read_text(root, Path::new(CONFIG_FILE), TextFile::SiteConfig).ok()?;
        toml::from_str::<LanguageOnly>(&text).ok()?.language
    }

    /// Parses the text of `site.toml`.
    pub fn parse(text: &str) -> Result<SiteConfig, Diagnostic> {
        let config: SiteConfig = toml::from_str(text).map_err(|error| {
            let location = match error.span() {
                Some(span) => Location::in_text(CONFIG_FILE, text, span.start),
                None => Location::file(CONFIG_FILE),
            };
            Diagnostic::error(location, error.message().to_owned())
        })?;
        config.validate(text)?;
        Ok(config)
    }

    fn validate(&self, text: &str) -> Result<(), Diagnostic> {
        let key_location = |key: &str| {
            let offset = text
                .lines()
                .scan(0, |offset, line| {
                    let start = *offset;
                    *offset += line.len() + 1;
                    Some((start, line))
                })
                .find(|(_, line)| line.trim_start().starts_with(key))
                .map_or(0, |(start, _)| start);
            Location::in_text(CONFIG_FILE, text, offset)
        };
        if !(self.base_url.starts_with("http://") || self.base_url.starts_with("https://")) {
            return Err(Diagnostic::error(
                key_location("base_url"),
                load::base_url_not_absolute(&self.base_url),
            )
            .with_help(load::base_url_help()));
        }
        // The title and description are printed in every page and in the Atom feed, which XML
        // cannot hold a control character in: held to the sources' rule.
        for (key, value) in [("title", &self.title), ("description", &self.description)] {
            if let Some((_, c)) = forbidden_char(value, CarriageReturns::InLineEnds) {
                return Err(forbidden_char_error(
                    key_location(key),
                    c,
                    &format!("`{key}`"),
                ));
            }
        }
        if self.output_dir.as_os_str().is_empty() {
            return Err(
                Diagnostic::error(key_location("output_dir"), load::output_dir_empty())
                    .with_help(load::output_dir_help()),
            );
        }
        if let Some((key, message, help)) = self.dataset.problem() {
            return Err(Diagnostic::error(key_location(key), message).with_help(help));
        }
        Ok(())
    }

    /// The path part of `base_url`, always starting and ending with `/` (e.g. `/nianbao/`).
    pub fn base_path(&self) -> String {
        let after_scheme = self
            .base_url
            .split_once("://")
            .map_or(self.base_url.as_str(), |(_, rest)| rest);
        let path = after_scheme.find('/').map_or("/", |at| &after_scheme[at..]);
        let trimmed = path.trim_matches('/');
        if trimmed.is_empty() {
            "/".to_owned()
        } else {
            format!("/{trimmed}/")
        }
    }

    /// `base_url` with exactly one trailing slash.
    pub fn base_url_with_slash(&self) -> String {
        format!("{}/", self.base_url.trim_end_matches('/'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<SiteConfig, Diagnostic> {
        SiteConfig::parse(text)
    }

    #[test]
    fn the_dataset_keys_are_optional_and_checked() {
        let base = "title = \"某市年报\"\nbase_url = \"https://example.org\"\n";
        let config = parse(base).unwrap();
        assert_eq!(config.dataset.publisher(&config.title), "某市年报");
        assert_eq!(config.dataset.license(), DEFAULT_LICENSE);
        assert_eq!(config.dataset.contact_url(), None);
        let config = parse(&format!(
            "{base}[dataset]\npublisher = \"办公室\"\ncontact = \"data@example.gov.cn\"\n"
        ))
        .unwrap();
        assert_eq!(config.dataset.publisher(&config.title), "办公室");
        assert_eq!(
            config.dataset.contact_url().as_deref(),
            Some("mailto:data@example.gov.cn")
        );
        let web = parse(&format!(
            "{base}[dataset]\ncontact = \"https://example.gov.cn/ask/\"\n"
        ))
        .unwrap();
        assert_eq!(
            web.dataset.contact_url().as_deref(),
            Some("https://example.gov.cn/ask/")
        );
        for bad in [
            "license = \"CC BY\"",
            "contact = \"call us\"",
            "publisher = \" \"",
        ] {
            let error = parse(&format!("{base}[dataset]\n{bad}\n")).unwrap_err();
            assert!(error.help.is_some(), "{bad}: {}", error.message);
            assert!(
                error.location.to_string().contains(":4"),
                "{bad}: the line of the key"
            );
        }
    }

    #[test]
    fn minimal_config_gets_defaults() {
        let config = parse("title = \"t\"\nbase_url = \"https://example.org\"\n").unwrap();
        assert_eq!(config.theme, "default");
        assert_eq!(config.output_dir, PathBuf::from("public"));
        assert_eq!(config.language, Language::Zh);
        assert_eq!(config.base_path(), "/");
        assert_eq!(config.deadlines.department, MonthDay { month: 1, day: 31 });
    }

    #[test]
    fn sub_path_is_kept() {
        let config =
            parse("title = \"t\"\nbase_url = \"https://example.gov.cn/nianbao\"\n").unwrap();
        assert_eq!(config.base_path(), "/nianbao/");
        assert_eq!(
            config.base_url_with_slash(),
            "https://example.gov.cn/nianbao/"
        );
    }

    #[test]
    fn unknown_key_names_its_line() {
        let error =
            parse("title = \"t\"\nbase_url = \"https://e.org/\"\nthem = \"x\"\n").unwrap_err();
        assert_eq!(error.location.line, Some(3));
        assert!(error.message.contains("them"), "{}", error.message);
    }

    #[test]
    fn bad_deadline_is_explained() {
        let error = parse(
            "title = \"t\"\nbase_url = \"https://e.org/\"\n[deadlines]\ndepartment = \"02-30\"\n",
        )
        .unwrap_err();
        assert_eq!(error.location.line, Some(4));
        assert!(error.message.contains("MM-DD"), "{}", error.message);
    }

    #[test]
    fn control_characters_in_the_title_are_refused_at_its_line() {
        for (escape, code) in [
            ("\\u001B", "U+001B"),
            ("\\u0000", "U+0000"),
            ("\\uFFFE", "U+FFFE"),
        ] {
            let error = parse(&format!(
                "base_url = \"https://e.org/\"\ntitle = \"年报{escape}库\"\n"
            ))
            .unwrap_err();
            assert_eq!(error.location.line, Some(2));
            assert_eq!(
                error.message,
                format!("control character {code} in `title`")
                    .replace("control character U+FFFE", "noncharacter U+FFFE")
            );
        }
        let error =
            parse("title = \"t\"\nbase_url = \"https://e.org/\"\ndescription = \"a\\u0085b\"\n")
                .unwrap_err();
        assert_eq!(error.location.line, Some(3));
        assert!(parse("title = \"年报\\u200B库\"\nbase_url = \"https://e.org/\"\n").is_ok());
    }

    #[test]
    fn starter_config_parses() {
        let config = parse(&SiteConfig::starter_toml("我的年报库")).unwrap();
        assert_eq!(config.deadlines, Deadlines::default());
    }
}
