//! Which agency a report belongs to: the one named by `--agency`, or the archive's agency whose
//! name or alias is the name the report gives itself.

use archive_core::model::{Agency, AgencyKind};

/// How the agency of a report was settled.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Resolved {
    /// An agency the archive has.
    Known(String),
    /// A new agency, to be written with the guessed kind.
    New {
        /// Its id (from `--agency`).
        id: String,
        /// Its name, from the report.
        name: String,
        /// Its kind, guessed from the name.
        kind: AgencyKind,
    },
}

/// Why the agency could not be settled, with what to do.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Unresolved {
    /// What is wrong.
    pub(crate) message: String,
    /// What to do.
    pub(crate) help: String,
}

/// Settles the agency of a report named `name` (from its title).
pub(crate) fn resolve(
    requested: Option<&str>,
    name: Option<&str>,
    agencies: &[Agency],
) -> Result<Resolved, Unresolved> {
    if let Some(id) = requested {
        if !archive_core::load::is_url_id(id) {
            return Err(Unresolved {
                message: format!("`{id}` is not a usable agency id"),
                help: "agency ids are used in URLs: lower-case letters, digits and hyphens, e.g. `huaian-shi`".to_owned(),
            });
        }
        if agencies.iter().any(|agency| agency.id == id) {
            return Ok(Resolved::Known(id.to_owned()));
        }
        let Some(name) = name else {
            return Err(Unresolved {
                message: format!("`{id}` is a new agency, and the report does not say its name"),
                help: format!(
                    "create content/{id}/_agency.yaml with `name:` and `kind:` first, then import again"
                ),
            });
        };
        return Ok(Resolved::New {
            id: id.to_owned(),
            name: name.to_owned(),
            kind: guess_kind(name),
        });
    }
    let Some(name) = name else {
        return Err(Unresolved {
            message: "the report's agency was not found in its title".to_owned(),
            help: "pass --agency ID to say which agency published it".to_owned(),
        });
    };
    let key = compact(name);
    let matches: Vec<&Agency> = agencies
        .iter()
        .filter(|agency| {
            compact(&agency.name) == key || agency.aliases.iter().any(|alias| compact(alias) == key)
        })
        .collect();
    match matches.as_slice() {
        [agency] => Ok(Resolved::Known(agency.id.clone())),
        [] => {
            let near: Vec<String> = agencies
                .iter()
                .filter(|agency| {
                    let known = compact(&agency.name);
                    known.chars().count() >= 4 && (key.ends_with(&known) || known.ends_with(&key))
                })
                .map(|agency| format!("{} ({})", agency.id, agency.name))
                .collect();
            let help = if near.is_empty() {
                format!(
                    "pass --agency ID: an existing agency's id, or a new id to create the agency “{name}”"
                )
            } else {
                format!(
                    "it may be {}: add “{name}” to that agency's `aliases:`, or pass --agency ID",
                    near.join(" or ")
                )
            };
            Err(Unresolved {
                message: format!("the archive has no agency named “{name}”"),
                help,
            })
        }
        many => Err(Unresolved {
            message: format!(
                "several agencies are named “{name}”: {}",
                many.iter()
                    .map(|a| a.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            help: "pass --agency ID to say which".to_owned(),
        }),
    }
}

fn compact(name: &str) -> String {
    super::text::label_key(name)
}

/// The kind of an agency, guessed from its name's ending.
pub(crate) fn guess_kind(name: &str) -> AgencyKind {
    let name = compact(name);
    let ends = |suffixes: &[&str]| suffixes.iter().any(|suffix| name.ends_with(suffix));
    if ends(&["街道办事处", "街道", "乡人民政府", "镇人民政府", "乡", "镇"]) {
        AgencyKind::Township
    } else if ends(&[
        "开发区",
        "管委会",
        "管理委员会",
        "实验区",
        "新区",
        "高新区",
        "园区",
    ]) {
        AgencyKind::DevelopmentZone
    } else if ends(&["人民政府"]) {
        AgencyKind::PeopleGovernment
    } else if ends(&["局", "委", "办", "厅", "办公室", "委员会", "中心", "署"]) {
        AgencyKind::Department
    } else {
        AgencyKind::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agency(id: &str, name: &str, aliases: &[&str]) -> Agency {
        Agency {
            id: id.to_owned(),
            name: name.to_owned(),
            aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
            kind: AgencyKind::PeopleGovernment,
            region: String::new(),
            website: None,
        }
    }

    #[test]
    fn names_and_aliases_find_the_agency() {
        let agencies = [agency(
            "hongze",
            "洪泽区人民政府",
            &["淮安市洪泽区人民政府"],
        )];
        assert_eq!(
            resolve(None, Some("淮安市洪泽区人民政府"), &agencies),
            Ok(Resolved::Known("hongze".into()))
        );
        let unknown = resolve(None, Some("宿迁市人民政府"), &agencies).unwrap_err();
        assert!(unknown.help.contains("--agency"));
        let near = resolve(None, Some("江苏省洪泽区人民政府"), &agencies).unwrap_err();
        assert!(near.help.contains("hongze"), "{}", near.help);
    }

    #[test]
    fn new_agencies_get_a_kind_from_their_name() {
        assert_eq!(guess_kind("侯马经济开发区"), AgencyKind::DevelopmentZone);
        assert_eq!(guess_kind("上海市人民政府办公厅"), AgencyKind::Department);
        assert_eq!(guess_kind("淮安市人民政府"), AgencyKind::PeopleGovernment);
        assert_eq!(guess_kind("某某镇人民政府"), AgencyKind::Township);
        assert_eq!(guess_kind("某某街道办事处"), AgencyKind::Township);
        assert_eq!(guess_kind("某某学会"), AgencyKind::Other);
        assert_eq!(
            resolve(Some("houma-kfq"), Some("侯马经济开发区"), &[]),
            Ok(Resolved::New {
                id: "houma-kfq".into(),
                name: "侯马经济开发区".into(),
                kind: AgencyKind::DevelopmentZone
            })
        );
    }
}
