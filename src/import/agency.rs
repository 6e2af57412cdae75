//! Which agency a report belongs to: the one named by `--agency`, the archive's agency whose
//! name or alias is the name the report gives itself, or a new agency made from that name — its
//! id in pinyin, its region from `content/_regions.yaml`, its kind from the name's ending.
//!
//! Two names are one agency when they name the same region and say the same around it
//! (洪泽区人民政府 and 淮安市洪泽区人民政府 both name jiangsu/huaian/hongze and say 人民政府 after it);
//! a name whose region is not certain is never merged with another.

use std::collections::HashSet;

use archive_core::messages::cli;
use archive_core::model::{Agency, AgencyKind, Region};

use crate::divisions::{in_pinyin, short_name};

/// How the agency of a report was settled by its own input.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Resolved {
    /// An agency the archive has.
    Known(String),
    /// A new agency with the id `--agency` gave.
    Requested {
        /// Its id (from `--agency`).
        id: String,
        /// Its name, from the report.
        name: String,
    },
    /// A name the archive does not have: the run makes its agency ([`NewAgencies`]).
    Unlisted(String),
}

/// Why the agency could not be settled, with what to do.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Unresolved {
    /// What is wrong.
    pub(crate) message: String,
    /// What to do.
    pub(crate) help: String,
}

/// Settles the agency of a report named `name` (from its title), as far as one input can.
pub(crate) fn resolve(
    requested: Option<&str>,
    name: Option<&str>,
    agencies: &[Agency],
) -> Result<Resolved, Unresolved> {
    if let Some(id) = requested {
        if !archive_core::load::is_url_id(id) {
            return Err(Unresolved {
                message: cli::unusable_agency_id(id).into(),
                help: cli::unusable_agency_id_help().into(),
            });
        }
        if agencies.iter().any(|agency| agency.id == id) {
            return Ok(Resolved::Known(id.to_owned()));
        }
        let Some(name) = name else {
            return Err(Unresolved {
                message: cli::new_agency_unnamed(id).into(),
                help: cli::new_agency_unnamed_help(id).into(),
            });
        };
        return Ok(Resolved::Requested {
            id: id.to_owned(),
            name: name.to_owned(),
        });
    }
    let Some(name) = name else {
        return Err(Unresolved {
            message: cli::agency_not_in_title().into(),
            help: cli::agency_not_in_title_help().into(),
        });
    };
    let key = compact(name);
    let matches: Vec<&Agency> = agencies
        .iter()
        .filter(|agency| names_of(agency).any(|known| compact(known) == key))
        .collect();
    match matches.as_slice() {
        [agency] => Ok(Resolved::Known(agency.id.clone())),
        [] => Ok(Resolved::Unlisted(name.to_owned())),
        many => Err(Unresolved {
            message: cli::several_agencies_named(
                name,
                &many
                    .iter()
                    .map(|a| a.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            )
            .into(),
            help: cli::several_agencies_named_help().into(),
        }),
    }
}

fn names_of(agency: &Agency) -> impl Iterator<Item = &str> {
    std::iter::once(agency.name.as_str()).chain(agency.aliases.iter().map(String::as_str))
}

fn compact(name: &str) -> String {
    super::text::label_key(name)
}

/// The kind of an agency, from its name's ending; unknown when the name does not say.
pub(crate) fn guess_kind(name: &str) -> AgencyKind {
    let name = compact(name);
    let ends = |suffixes: &[&str]| suffixes.iter().any(|suffix| name.ends_with(suffix));
    // A zone only when the name says it is one: 城市管理委员会 is a department.
    let zone_words = ["开发区", "园区", "实验区", "新区", "示范区", "保税区"];
    let is_zone = zone_words.iter().any(|word| name.contains(word))
        && ends(&[
            "管委会",
            "管理委员会",
            "开发区",
            "园区",
            "实验区",
            "新区",
            "示范区",
            "保税区",
        ]);
    if ends(&["街道办事处", "乡人民政府", "镇人民政府", "乡政府", "镇政府"]) {
        AgencyKind::Township
    } else if ends(&["综合实验区"]) {
        // A 综合实验区 may report as a zone or as the local people's government (平潭's does,
        // under a March deadline): the name does not tell which.
        AgencyKind::Unknown
    } else if is_zone {
        AgencyKind::DevelopmentZone
    } else if ends(&["人民政府"]) {
        AgencyKind::PeopleGovernment
    } else if ends(&[
        "局",
        "委员会",
        "办公室",
        "办公厅",
        "厅",
        "委",
        "办",
        "中心",
        "署",
        "院",
    ]) {
        AgencyKind::Department
    } else {
        AgencyKind::Unknown
    }
}

/// The region an agency's name names.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum RegionMatch {
    /// One region: its path, and where its chain of names stands in the (compacted) name.
    Found {
        path: String,
        start: usize,
        end: usize,
    },
    /// No region of `_regions.yaml` is named.
    NotFound,
    /// Regions of the same name in different places, none named more fully than the others.
    Ambiguous(Vec<String>),
}

/// A region's name as a name may print it: in full, and without its ending when two characters
/// or more remain.
fn region_forms(name: &str) -> Vec<&str> {
    std::iter::once(name).chain(short_name(name)).collect()
}

/// Finds the region `name` names: for each region printed in it, the chain of its enclosing
/// regions printed right before it (江苏省淮安市洪泽区) is counted; the longest chain wins, then
/// the one printed most fully (淮安市 over 淮安区 in 淮安市人民政府), and of a chain and a region
/// inside it, the region inside. `regions` is sorted by path, as `load` returns it.
pub(crate) fn find_region(name: &str, regions: &[Region]) -> RegionMatch {
    let mut best: Vec<(Chain, &Region)> = Vec::new();
    for region in regions {
        let Some(chain) = chain_in(name, region, regions) else {
            continue;
        };
        match best.first() {
            Some((top, _)) if top.rank() > chain.rank() => continue,
            Some((top, _)) if top.rank() < chain.rank() => best.clear(),
            _ => {}
        }
        best.push((chain, region));
    }
    // Of candidates on one line of descent, the deepest; candidates in different places tie.
    best.sort_by_key(|(_, region)| std::cmp::Reverse(region.depth()));
    let Some(&(Chain { start, end, .. }, deepest)) = best.first() else {
        return RegionMatch::NotFound;
    };
    let within = |region: &Region| {
        deepest.path == region.path || deepest.path.starts_with(&format!("{}/", region.path))
    };
    if best.iter().all(|(_, region)| within(region)) {
        RegionMatch::Found {
            path: deepest.path.clone(),
            start,
            end,
        }
    } else {
        let mut paths: Vec<String> = best.iter().map(|(_, r)| r.path.clone()).collect();
        paths.sort();
        RegionMatch::Ambiguous(paths)
    }
}

/// Where the national list of divisions places the agency named `name`, when the archive's own
/// region list has no region for it (an archive made for one province, an agency of another).
pub(crate) fn national_region(name: &str) -> Option<String> {
    match find_region(&compact(name), crate::divisions::national_regions()) {
        RegionMatch::Found { path, .. } => Some(path),
        _ => None,
    }
}

/// A region's chain of names as a name prints it.
#[derive(Debug, Clone, Copy)]
struct Chain {
    /// How many names of the chain are printed.
    length: usize,
    /// The byte range they cover.
    start: usize,
    end: usize,
}

impl Chain {
    /// Longer chains first, then the chain printed in more characters.
    fn rank(&self) -> (usize, usize) {
        (self.length, self.end - self.start)
    }
}

/// How many names of `region`'s chain `name` prints (the region's own first, then each
/// enclosing region right before the last one found), and the byte range they cover. A name
/// without its ending (侯马 for 侯马市) counts only where a name of a region starts: at the
/// beginning or right after its enclosing region's name; inside other words (公安局) it is not
/// the region.
fn chain_in(name: &str, region: &Region, regions: &[Region]) -> Option<Chain> {
    let enclosing = |path: &str| {
        regions
            .binary_search_by(|r| r.path.as_str().cmp(path))
            .ok()
            .map(|at| &regions[at])
    };
    let after_parent = |at: usize| {
        region
            .parent_path()
            .and_then(enclosing)
            .is_some_and(|parent| {
                region_forms(&parent.name)
                    .iter()
                    .any(|f| name[..at].ends_with(f))
            })
    };
    let (start, end) = region_forms(&region.name)
        .into_iter()
        .enumerate()
        .find_map(|(nth, form)| {
            name.match_indices(form)
                .map(|(at, _)| (at, at + form.len()))
                .find(|&(at, _)| nth == 0 || at == 0 || after_parent(at))
        })?;
    let mut chain = Chain {
        length: 1,
        start,
        end,
    };
    let mut parent = region.parent_path();
    while let Some(path) = parent {
        let Some(enclosing) = enclosing(path) else {
            break;
        };
        let before = &name[..chain.start];
        if let Some(form) = region_forms(&enclosing.name)
            .into_iter()
            .find(|form| before.ends_with(form))
        {
            chain.start -= form.len();
            chain.length += 1;
        }
        parent = enclosing.parent_path();
    }
    Some(chain)
}

/// What a name says of its agency, written the same for every way of writing the name: the
/// region found and the words before and after its names, or the whole name.
fn identity(name: &str, regions: &[Region]) -> (String, RegionMatch) {
    let name = compact(name);
    let region = find_region(&name, regions);
    let key = match &region {
        RegionMatch::Found { path, start, end } => {
            format!("{}|{path}|{}", &name[..*start], &name[*end..])
        }
        _ => format!("||{name}"),
    };
    (key, region)
}

/// An agency the run creates.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct NewAgency {
    /// Its id, unique in the archive.
    pub(crate) id: String,
    /// Its name, as the first of its reports prints it.
    pub(crate) name: String,
    /// The other ways its reports write its name.
    pub(crate) aliases: Vec<String>,
    /// Its kind, from the name; unknown when the name does not say.
    pub(crate) kind: AgencyKind,
    /// Its region, from the name.
    pub(crate) region: RegionMatch,
}

/// The agency a name was settled to.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Settled {
    /// The agency's id.
    pub(crate) id: String,
    /// The name of the archive's agency it is, when it is one (found by what the names say,
    /// not by an exact name or alias).
    pub(crate) existing: Option<String>,
}

/// A name's identity and its agency: its id, and its name when the archive has it.
struct Identity {
    key: String,
    id: String,
    existing: Option<String>,
}

/// The agencies of an archive and those a run creates, found by what their names say.
pub(crate) struct NewAgencies<'a> {
    regions: &'a [Region],
    /// The archive's agencies' names and aliases, then the new agencies'.
    identities: Vec<Identity>,
    taken: HashSet<String>,
    created: Vec<NewAgency>,
}

impl<'a> NewAgencies<'a> {
    pub(crate) fn new(agencies: &[Agency], regions: &'a [Region]) -> NewAgencies<'a> {
        let identities = agencies
            .iter()
            .flat_map(|agency| {
                names_of(agency).map(|name| Identity {
                    key: identity(name, regions).0,
                    id: agency.id.clone(),
                    existing: Some(agency.name.clone()),
                })
            })
            .collect();
        NewAgencies {
            regions,
            identities,
            taken: agencies.iter().map(|agency| agency.id.clone()).collect(),
            created: Vec::new(),
        }
    }

    /// The id of the agency a report names `name`: an agency whose names say the same, else a
    /// new agency.
    pub(crate) fn settle(&mut self, name: &str) -> Settled {
        let (key, region) = identity(name, self.regions);
        if let Some(known) = self.identities.iter().find(|known| known.key == key) {
            let settled = Settled {
                id: known.id.clone(),
                existing: known.existing.clone(),
            };
            self.add_alias(&settled.id, name);
            return settled;
        }
        let id = self.unique_id(&id_for(name, &region, self.regions));
        self.remember(key, &id);
        self.create(id.clone(), name, region);
        Settled { id, existing: None }
    }

    fn remember(&mut self, key: String, id: &str) {
        self.identities.push(Identity {
            key,
            id: id.to_owned(),
            existing: None,
        });
    }

    /// A new agency with the id `--agency` gave; its name's other writings find it.
    pub(crate) fn adopt(&mut self, id: &str, name: &str) {
        if self.taken.contains(id) {
            self.add_alias(id, name);
            return;
        }
        let (key, region) = identity(name, self.regions);
        self.remember(key, id);
        self.create(id.to_owned(), name, region);
    }

    /// The agencies created, in the order their first report came.
    pub(crate) fn into_created(self) -> Vec<NewAgency> {
        self.created
    }

    fn create(&mut self, id: String, name: &str, region: RegionMatch) {
        self.taken.insert(id.clone());
        self.created.push(NewAgency {
            id,
            name: name.to_owned(),
            aliases: Vec::new(),
            kind: guess_kind(name),
            region,
        });
    }

    /// Records another writing of a new agency's name (the archive's own agencies are left as
    /// their files say).
    fn add_alias(&mut self, id: &str, name: &str) {
        if let Some(agency) = self.created.iter_mut().find(|agency| agency.id == id) {
            let key = compact(name);
            if !names_of_new(agency).any(|known| compact(known) == key) {
                agency.aliases.push(name.to_owned());
            }
        }
    }

    /// `base`, or `base-2`, `base-3` … when an agency has it.
    fn unique_id(&self, base: &str) -> String {
        if !self.taken.contains(base) {
            return base.to_owned();
        }
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|id| !self.taken.contains(id))
            .expect("an unused suffix")
    }
}

fn names_of_new(agency: &NewAgency) -> impl Iterator<Item = &str> {
    std::iter::once(agency.name.as_str()).chain(agency.aliases.iter().map(String::as_str))
}

/// Room left in an id for a `-N` suffix.
const ID_BYTES: usize = 60;

/// An id made from a name: the region's own id between the words before and after its names in
/// pinyin (洪泽区人民政府 → `hongze-renminzhengfu`), or the whole name in pinyin; lower-case
/// ASCII letters, digits and hyphens, at most 60 bytes.
fn id_for(name: &str, region: &RegionMatch, regions: &[Region]) -> String {
    let name = compact(name);
    let parts: Vec<String> = match region {
        RegionMatch::Found { path, start, end } => {
            let region_id = regions
                .iter()
                .find(|r| &r.path == path)
                .and_then(|r| r.path.rsplit('/').next())
                .unwrap_or_default();
            vec![
                in_pinyin(&name[..*start]),
                region_id.to_owned(),
                in_pinyin(&name[*end..]),
            ]
        }
        _ => vec![in_pinyin(&name)],
    };
    let joined = parts
        .iter()
        .filter(|part| !part.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join("-");
    let mut id = joined.trim_matches('-').to_owned();
    if id.len() > ID_BYTES {
        id.truncate(ID_BYTES);
        id = id.trim_end_matches('-').to_owned();
    }
    if id.is_empty() {
        "agency".to_owned()
    } else {
        id
    }
}

#[cfg(test)]
mod tests;
