//! Reading agency files (`content/<id>/_agency.yaml`) and the region list (`content/_regions.yaml`).

use std::path::Path;

use serde::Deserialize;

use super::suggest::did_you_mean;
use super::yaml::YamlText;
use crate::diagnostic::Diagnostic;
use crate::model::{Agency, AgencyKind, Region};

/// The agency file in each agency folder.
pub const AGENCY_FILE: &str = "_agency.yaml";
/// The region list at the top of `content/`.
pub const REGIONS_FILE: &str = "_regions.yaml";

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
/// [`read_regions`] returns it), to check the agency's region.
pub(crate) fn read_agency(
    file: &Path,
    text: &str,
    id: &str,
    regions: &[Region],
) -> Result<Agency, Diagnostic> {
    let yaml = YamlText::new(file, text, text, 0);
    let parsed: AgencyFile = serde_yaml::from_str(text).map_err(|error| {
        let mut diagnostic = yaml.syntax_error(&error);
        let message = error.to_string();
        if message.contains("unknown variant") {
            let kinds: Vec<_> = AgencyKind::ALL.iter().map(|kind| kind.key()).collect();
            diagnostic.message = "unknown agency kind".to_owned();
            diagnostic.help = Some(format!("the kinds are: {}", kinds.join(", ")));
        } else if message.contains("unknown field") {
            diagnostic.message = message
                .split(" at line")
                .next()
                .unwrap_or(&message)
                .to_owned();
            diagnostic.help =
                Some("an agency file has: name, aliases, kind, region, website".to_owned());
        } else if message.contains("missing field") {
            diagnostic.message = message
                .split(" at line")
                .next()
                .unwrap_or(&message)
                .to_owned();
            diagnostic.help = Some("an agency file needs at least `name:` and `kind:`".to_owned());
        }
        diagnostic
    })?;
    if parsed.name.trim().is_empty() {
        return Err(
            Diagnostic::error(yaml.locate("name"), "the agency's name is empty")
                .with_help("write the agency's Chinese name, e.g. `name: 淮安市人民政府`"),
        );
    }
    let region = parsed.region.unwrap_or_default();
    let known_region = regions
        .binary_search_by(|known| known.path.as_str().cmp(&region))
        .is_ok();
    if !region.is_empty() && !known_region {
        let help = did_you_mean(&region, regions.iter().map(|known| known.path.as_str()))
            .unwrap_or_else(|| {
                format!("add it to content/{REGIONS_FILE}, or use one of the regions listed there")
            });
        return Err(Diagnostic::error(
            yaml.locate("region"),
            format!("region `{region}` is not in content/{REGIONS_FILE}"),
        )
        .with_help(help));
    }
    if let Some(website) = &parsed.website
        && !(website.starts_with("https://") || website.starts_with("http://"))
    {
        return Err(Diagnostic::error(
            yaml.locate("website"),
            format!("`{website}` is not a web address"),
        )
        .with_help("write an address starting with https:// or http://"));
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RegionEntry {
    id: String,
    name: String,
    #[serde(default)]
    children: Vec<RegionEntry>,
}

/// Reads the region list, flattened to paths and sorted.
pub fn read_regions(file: &Path, text: &str) -> Result<Vec<Region>, Diagnostic> {
    let yaml = YamlText::new(file, text, text, 0);
    let entries: Vec<RegionEntry> = if text.trim().is_empty() {
        Vec::new()
    } else {
        serde_yaml::from_str(text).map_err(|error| {
            yaml.syntax_error(&error)
                .with_help("each region is `- id: ascii-id` with `name:` and optional `children:`")
        })?
    };
    let mut regions = Vec::new();
    let mut stack: Vec<(String, &RegionEntry)> = entries
        .iter()
        .rev()
        .map(|entry| (String::new(), entry))
        .collect();
    while let Some((parent, entry)) = stack.pop() {
        if !is_url_id(&entry.id) {
            return Err(Diagnostic::error(
                yaml.locate("id"),
                format!("region id `{}` is not a lower-case ASCII id", entry.id),
            )
            .with_help(
                "ids are used in URLs: use lower-case letters, digits and hyphens, e.g. `huaian`",
            ));
        }
        let path = if parent.is_empty() {
            entry.id.clone()
        } else {
            format!("{parent}/{}", entry.id)
        };
        for child in entry.children.iter().rev() {
            stack.push((path.clone(), child));
        }
        regions.push(Region {
            path,
            name: entry.name.clone(),
        });
    }
    regions.sort_by(|a, b| a.path.cmp(&b.path));
    if let Some(pair) = regions.windows(2).find(|pair| pair[0].path == pair[1].path) {
        return Err(Diagnostic::error(
            yaml.locate("id"),
            format!("region `{}` is listed twice", pair[0].path),
        )
        .with_help("give each region of the same parent its own id"));
    }
    Ok(regions)
}

/// Whether a name can be used as an id in URLs: lower-case ASCII letters, digits and hyphens.
pub fn is_url_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
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
            &regions(),
        )
        .unwrap();
        assert_eq!(agency.kind, AgencyKind::PeopleGovernment);
        let error = read_agency(
            file,
            "name: x\nkind: people_government\nregion: jiangsu/huain\n",
            "huaian",
            &regions(),
        )
        .unwrap_err();
        assert_eq!(error.location.line, Some(3));
        assert_eq!(
            error.help.as_deref(),
            Some("did you mean `jiangsu/huaian`?")
        );
        let error = read_agency(file, "name: x\nkind: county\n", "huaian", &regions()).unwrap_err();
        assert_eq!(error.message, "unknown agency kind");
        assert_eq!(error.location.line, Some(2));
    }

    #[test]
    fn url_ids_are_lower_case_ascii() {
        assert!(is_url_id("houma-kfq"));
        assert!(!is_url_id("Houma"));
        assert!(!is_url_id("侯马"));
        assert!(!is_url_id(""));
    }
}
