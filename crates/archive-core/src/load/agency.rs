//! Reading agency files (`content/<id>/_agency.yaml`) and the region list (`content/_regions.yaml`).

use std::path::Path;

use serde::Deserialize;

use super::suggest::did_you_mean;
use super::text::{CarriageReturns, forbidden_char, forbidden_char_error};
use super::yaml::YamlText;
use crate::diagnostic::Diagnostic;
use crate::messages::load;
use crate::model::{Agency, AgencyKind, Region};

/// The agency file in each agency folder.
pub const AGENCY_FILE: &str = "_agency.yaml";
/// The region list at the top of `content/`.
pub const REGIONS_FILE: &str = "_regions.yaml";

/// The keys of an agency file, as [`AgencyFile`] names them.
const AGENCY_KEYS: [&str; 5] = ["name", "aliases", "kind", "region", "website"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AgencyFile {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    kind: AgencyKind,
    #[serde(default)]
    region: Option<String>,
    #[serde(default)]
    website: Option<String>,
}

/// Reads one agency file. `regions` is the archive's region list (sorted by path, as
/// [`read_regions`] returns it), to check the agency's region; `None` when the list itself
/// could not be read, which is reported once, not again for every agency.
pub(crate) fn read_agency(
    file: &Path,
    text: &str,
    id: &str,
    regions: Option<&[Region]>,
) -> Result<Agency, Diagnostic> {
    let yaml = YamlText::new(file, text, text, 0);
    let parsed: AgencyFile =
        serde_yaml::from_str(text).map_err(|error| agency_file_error(&yaml, &error))?;
    if parsed.name.trim().is_empty() {
        return Err(
            Diagnostic::error(yaml.locate("name"), load::agency_name_empty())
                .with_help(load::agency_name_help()),
        );
    }
    forbidden_chars(&yaml, &parsed)?;
    let region = parsed.region.unwrap_or_default();
    if let Some(regions) = regions
        && !region.is_empty()
    {
        listed_region(&yaml, &region, regions)?;
    }
    if let Some(website) = &parsed.website
        && !(website.starts_with("https://") || website.starts_with("http://"))
    {
        return Err(
            Diagnostic::error(yaml.locate("website"), load::website_not_address(website))
                .with_help(load::website_help()),
        );
    }
    Ok(Agency {
        id: id.to_owned(),
        name: parsed.name,
        aliases: parsed.aliases,
        kind: parsed.kind,
        region,
        website: parsed.website,
    })
}

/// An agency file serde_yaml could not read, told in the file's terms: an unknown kind lists
/// the kinds, an unknown or missing field the fields.
fn agency_file_error(yaml: &YamlText<'_>, error: &serde_yaml::Error) -> Diagnostic {
    let mut diagnostic = yaml.syntax_error(error);
    let message = error.to_string();
    // serde's own words, without the position the diagnostic already shows.
    let own_message = || {
        message
            .split(" at line")
            .next()
            .unwrap_or(&message)
            .to_owned()
    };
    if message.contains("unknown variant") {
        let kinds: Vec<_> = AgencyKind::ALL.iter().map(|kind| kind.key()).collect();
        diagnostic.message = load::unknown_agency_kind().into();
        diagnostic.help = Some(load::kinds_are(&kinds.join(", ")).into());
    } else if message.contains("unknown field") {
        diagnostic.message = own_message();
        // A key that looks right but holds an invisible character is told so.
        diagnostic.help = Some(
            message
                .split('`')
                .nth(1)
                .and_then(|field| did_you_mean(field, AGENCY_KEYS))
                .unwrap_or_else(|| load::agency_keys_are(&AGENCY_KEYS.join(", ")).into()),
        );
    } else if message.contains("missing field") {
        diagnostic.message = own_message();
        diagnostic.help = Some(load::agency_needs_help().into());
    }
    diagnostic
}

/// The first control character or noncharacter in the agency's texts, named by its key.
fn forbidden_chars(yaml: &YamlText<'_>, parsed: &AgencyFile) -> Result<(), Diagnostic> {
    let texts = [("name".to_owned(), &parsed.name)]
        .into_iter()
        .chain(
            parsed
                .region
                .iter()
                .map(|region| ("region".to_owned(), region)),
        )
        .chain(
            parsed
                .website
                .iter()
                .map(|website| ("website".to_owned(), website)),
        )
        .chain(
            parsed
                .aliases
                .iter()
                .enumerate()
                .map(|(index, alias)| (format!("aliases[{index}]"), alias)),
        );
    for (key, value) in texts {
        if let Some((_, c)) = forbidden_char(value, CarriageReturns::InLineEnds) {
            return Err(forbidden_char_error(
                yaml.locate(&key),
                c,
                &format!("`{key}`"),
            ));
        }
    }
    Ok(())
}

/// An error unless the agency's region is in the region list (sorted by path).
fn listed_region(yaml: &YamlText<'_>, region: &str, regions: &[Region]) -> Result<(), Diagnostic> {
    if regions
        .binary_search_by(|known| known.path.as_str().cmp(region))
        .is_ok()
    {
        return Ok(());
    }
    let help = did_you_mean(region, regions.iter().map(|known| known.path.as_str()))
        .unwrap_or_else(|| load::add_region_help(REGIONS_FILE).into());
    Err(Diagnostic::error(
        yaml.locate("region"),
        load::region_not_listed(region, REGIONS_FILE),
    )
    .with_help(help))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RegionEntry {
    id: String,
    name: String,
    #[serde(default)]
    children: Vec<RegionEntry>,
}

/// A region of the list, with where its `id:` key is: the `nth` occurrence of `key` (`children.id`
/// at depth 1), looked up only for a message, since each look-up reads the whole list.
struct ListedRegion {
    region: Region,
    key: String,
    nth: usize,
}

/// Reads the region list, flattened to paths and sorted.
pub fn read_regions(file: &Path, text: &str) -> Result<Vec<Region>, Diagnostic> {
    let yaml = YamlText::new(file, text, text, 0);
    let entries: Vec<RegionEntry> = if text.trim().is_empty() {
        Vec::new()
    } else {
        serde_yaml::from_str(text).map_err(|error| {
            let diagnostic = yaml.syntax_error(&error);
            // A message of its own (a duplicate key) keeps its own help.
            if diagnostic
                .message
                .starts_with(load::malformed_yaml("").here())
            {
                diagnostic.with_help(load::region_entry_help())
            } else {
                diagnostic
            }
        })?
    };
    let mut regions = flatten_regions(&yaml, &entries)?;
    // Regions were met in the order they are written, and the sort is stable: of two with one
    // path, the first is the one written first.
    regions.sort_by(|a, b| a.region.path.cmp(&b.region.path));
    if let Some(pair) = regions
        .windows(2)
        .find(|pair| pair[0].region.path == pair[1].region.path)
    {
        return Err(listed_twice(&yaml, &pair[0], &pair[1]));
    }
    Ok(regions.into_iter().map(|listed| listed.region).collect())
}

/// Every region of the tree, in the order they are written, each with its path; an id or name
/// that cannot be used is an error.
fn flatten_regions(
    yaml: &YamlText<'_>,
    entries: &[RegionEntry],
) -> Result<Vec<ListedRegion>, Diagnostic> {
    let mut regions = Vec::new();
    let mut stack: Vec<(String, usize, &RegionEntry)> = entries
        .iter()
        .rev()
        .map(|entry| (String::new(), 0, entry))
        .collect();
    let mut seen_at_depth: Vec<usize> = Vec::new();
    while let Some((parent, depth, entry)) = stack.pop() {
        if seen_at_depth.len() <= depth {
            seen_at_depth.resize(depth + 1, 0);
        }
        let nth = seen_at_depth[depth];
        seen_at_depth[depth] += 1;
        let key = |name: &str| format!("{}{name}", "children.".repeat(depth));
        if let Some(problem) = id_problem(&entry.id) {
            return Err(Diagnostic::error(
                yaml.occurrence(&key("id"), nth),
                load::bad_region_id(&entry.id, &problem),
            )
            .with_help(load::region_id_help(&id_rule())));
        }
        if let Some((_, c)) = forbidden_char(&entry.name, CarriageReturns::InLineEnds) {
            return Err(forbidden_char_error(
                yaml.occurrence(&key("name"), nth),
                c,
                load::region_name_place(&entry.id).here(),
            ));
        }
        let path = if parent.is_empty() {
            entry.id.clone()
        } else {
            format!("{parent}/{}", entry.id)
        };
        for child in entry.children.iter().rev() {
            stack.push((path.clone(), depth + 1, child));
        }
        regions.push(ListedRegion {
            region: Region {
                path,
                name: entry.name.clone(),
            },
            key: key("id"),
            nth,
        });
    }
    Ok(regions)
}

/// The error for a region listed a second time, pointing at the first.
fn listed_twice(yaml: &YamlText<'_>, first: &ListedRegion, second: &ListedRegion) -> Diagnostic {
    let first_line = yaml
        .occurrence(&first.key, first.nth)
        .line
        .map_or_else(String::new, |line| load::on_line(line).into());
    Diagnostic::error(
        yaml.occurrence(&second.key, second.nth),
        load::region_twice(&second.region.path),
    )
    .with_help(load::region_twice_help(&first_line))
}

/// What ids may be made of, for messages.
pub fn id_rule() -> String {
    load::id_rule().into()
}

/// The longest id: ids name folders and become parts of file names and URLs, and a region's
/// path joins several of them (file systems allow 255 bytes a name).
const MAX_ID_BYTES: usize = 64;

/// Why a name cannot be used as an id in URLs and file names, if it cannot.
pub(super) fn id_problem(id: &str) -> Option<String> {
    if id.len() > MAX_ID_BYTES {
        return Some(load::id_too_long().into());
    }
    let allowed = !id.is_empty()
        && !id.starts_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    (!allowed).then(|| load::id_not_ascii().into())
}

/// Whether a name can be used as an id in URLs: lower-case ASCII letters, digits and hyphens,
/// at most 64 bytes.
pub fn is_url_id(id: &str) -> bool {
    id_problem(id).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn regions() -> Vec<Region> {
        read_regions(
            Path::new("content/_regions.yaml"),
            "- id: jiangsu\n  name: 江苏省\n  children:\n    - id: huaian\n      name: 淮安市\n",
        )
        .unwrap()
    }

    #[test]
    fn regions_flatten_to_paths() {
        let paths: Vec<_> = regions().into_iter().map(|r| (r.path, r.name)).collect();
        assert_eq!(
            paths,
            vec![
                ("jiangsu".into(), "江苏省".into()),
                ("jiangsu/huaian".into(), "淮安市".into())
            ]
        );
    }

    #[test]
    fn agency_reads_and_checks_its_region() {
        let file = Path::new("content/huaian/_agency.yaml");
        let agency = read_agency(
            file,
            "name: 淮安市人民政府\nkind: people_government\nregion: jiangsu/huaian\n",
            "huaian",
            Some(&regions()),
        )
        .unwrap();
        assert_eq!(agency.kind, AgencyKind::PeopleGovernment);
        let error = read_agency(
            file,
            "name: x\nkind: people_government\nregion: jiangsu/huain\n",
            "huaian",
            Some(&regions()),
        )
        .unwrap_err();
        assert_eq!(error.location.line, Some(3));
        assert_eq!(
            error.help.as_deref(),
            Some("did you mean `jiangsu/huaian`?")
        );
        let error =
            read_agency(file, "name: x\nkind: county\n", "huaian", Some(&regions())).unwrap_err();
        assert_eq!(error.message, "unknown agency kind");
        assert_eq!(error.location.line, Some(2));
    }

    fn error_of(result: Result<impl std::fmt::Debug, Diagnostic>) -> String {
        let error = result.unwrap_err();
        format!(
            "{}: {} ({})",
            error.location,
            error.message,
            error.help.unwrap_or_default()
        )
    }

    #[test]
    fn region_list_errors_stand_at_the_region_they_are_about() {
        let file = Path::new("content/_regions.yaml");
        let list = "- id: jiangsu\n  name: 江苏省\n  children:\n    - id: huaian\n      name: 淮安市\n    - id: huaian\n      name: 淮安\n- id: anhui\n  name: 安徽省\n";
        assert_eq!(
            error_of(read_regions(file, list)),
            "content/_regions.yaml:6:7: region `jiangsu/huaian` is listed twice (it is first listed on line 4: remove one, or give each region of the same parent its own id)"
        );
        let long = "x".repeat(65);
        let list = format!("- id: jiangsu\n  name: 江苏省\n- id: {long}\n  name: 长\n");
        assert!(error_of(read_regions(file, &list)).starts_with(&format!(
            "content/_regions.yaml:3:3: region id `{long}` is longer than 64 bytes"
        )),);
        let list = "- id: jiangsu\n  name: 江苏省\n- id: anhui\n  name: \"安\\x1b徽\"\n";
        assert!(error_of(read_regions(file, list)).starts_with(
            "content/_regions.yaml:4:3: control character U+001B in the name of region `anhui`"
        ),);
    }

    #[test]
    fn agency_file_errors_name_the_key_and_its_line() {
        let file = Path::new("content/huaian/_agency.yaml");
        let read = |text: &str| read_agency(file, text, "huaian", Some(&regions()));
        assert_eq!(
            error_of(read("name: 淮安\nkind: people_government\nname: 淮安市\n")),
            "content/huaian/_agency.yaml:3:1: duplicate key `name` (`name` is already set on line 1: keep one of the two)"
        );
        assert!(
            error_of(read(
                "name: 淮安\nkind: people_government\naliases: [a, \"b\\u202Ec\\x7f\"]\n"
            ))
            .starts_with(
                "content/huaian/_agency.yaml:3:14: control character U+007F in `aliases[1]`"
            ),
        );
        assert_eq!(
            error_of(read(
                "name: 淮安\nkind: people_government\nreg\u{200b}ion: x\n"
            )),
            "content/huaian/_agency.yaml:3:1: unknown field `reg\u{200b}ion`, expected one of `name`, `aliases`, `kind`, `region`, `website` (`reg\u{200b}ion` holds an invisible character: retype it as `region`)"
        );
        // A region list that could not be read is not held against every agency.
        assert!(
            read_agency(
                file,
                "name: x\nkind: people_government\nregion: nowhere\n",
                "huaian",
                None
            )
            .is_ok()
        );
    }

    #[test]
    fn url_ids_are_lower_case_ascii() {
        assert!(is_url_id("houma-kfq"));
        assert!(!is_url_id("Houma"));
        assert!(!is_url_id("侯马"));
        assert!(!is_url_id(""));
        assert!(!is_url_id("-a"));
        assert!(is_url_id(&"a".repeat(64)));
        assert!(!is_url_id(&"a".repeat(65)));
    }
}
