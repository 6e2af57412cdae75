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

fn regions() -> Vec<Region> {
    [
        ("fujian", "福建省"),
        ("fujian/fuzhou", "福州市"),
        ("fujian/fuzhou/gulou", "鼓楼区"),
        ("jiangsu", "江苏省"),
        ("jiangsu/huaian", "淮安市"),
        ("jiangsu/huaian/hongze", "洪泽区"),
        ("jiangsu/nanjing", "南京市"),
        ("jiangsu/nanjing/gulou", "鼓楼区"),
    ]
    .into_iter()
    .map(|(path, name)| Region {
        path: path.to_owned(),
        name: name.to_owned(),
    })
    .collect()
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
    assert_eq!(
        resolve(None, Some("宿迁市人民政府"), &agencies),
        Ok(Resolved::Unlisted("宿迁市人民政府".into()))
    );
    assert_eq!(
        resolve(Some("houma-kfq"), Some("侯马经济开发区"), &[]),
        Ok(Resolved::Requested {
            id: "houma-kfq".into(),
            name: "侯马经济开发区".into(),
        })
    );
    assert!(resolve(Some("Houma"), Some("侯马"), &[]).is_err());
}

#[test]
fn the_kind_comes_from_the_name_or_stays_unknown() {
    assert_eq!(guess_kind("侯马经济开发区"), AgencyKind::DevelopmentZone);
    assert_eq!(
        guess_kind("某某高新技术产业园区管委会"),
        AgencyKind::DevelopmentZone
    );
    assert_eq!(guess_kind("某某经济实验区"), AgencyKind::DevelopmentZone);
    // 平潭综合实验区 reports as a people's government: the name does not tell.
    assert_eq!(guess_kind("平潭综合实验区"), AgencyKind::Unknown);
    // 管理委员会 alone is a department's name as often as a zone's.
    assert_eq!(guess_kind("淮安市城市管理委员会"), AgencyKind::Department);
    assert_eq!(guess_kind("上海市人民政府办公厅"), AgencyKind::Department);
    assert_eq!(guess_kind("淮安市教育局"), AgencyKind::Department);
    assert_eq!(guess_kind("淮安市人民政府"), AgencyKind::PeopleGovernment);
    assert_eq!(guess_kind("某某镇人民政府"), AgencyKind::Township);
    assert_eq!(guess_kind("某某街道办事处"), AgencyKind::Township);
    assert_eq!(guess_kind("某某学会"), AgencyKind::Unknown);
    assert_eq!(guess_kind("淮安市洪泽区"), AgencyKind::Unknown);
}

#[test]
fn the_longest_chain_of_region_names_wins() {
    let regions = regions();
    let path = |name: &str| match find_region(name, &regions) {
        RegionMatch::Found { path, .. } => Some(path),
        _ => None,
    };
    let hongze = Some("jiangsu/huaian/hongze".to_owned());
    assert_eq!(path("江苏省淮安市洪泽区人民政府"), hongze);
    assert_eq!(path("淮安市洪泽区人民政府"), hongze);
    assert_eq!(path("洪泽区人民政府"), hongze);
    assert_eq!(path("淮安洪泽区教育局"), hongze, "淮安 for 淮安市");
    assert_eq!(path("江苏省洪泽区人民政府"), hongze, "a level skipped");
    assert_eq!(path("淮安市人民政府").as_deref(), Some("jiangsu/huaian"));
    assert_eq!(
        path("南京市鼓楼区人民政府").as_deref(),
        Some("jiangsu/nanjing/gulou")
    );
    assert_eq!(
        path("福建省鼓楼区人民政府").as_deref(),
        Some("fujian/fuzhou/gulou")
    );
    assert_eq!(
        find_region("鼓楼区人民政府", &regions),
        RegionMatch::Ambiguous(vec![
            "fujian/fuzhou/gulou".to_owned(),
            "jiangsu/nanjing/gulou".to_owned()
        ])
    );
    assert_eq!(
        find_region("宿迁市人民政府", &regions),
        RegionMatch::NotFound
    );
}

#[test]
fn one_agency_written_two_ways_is_one_and_two_agencies_stay_two() {
    let regions = regions();
    let mut agencies = NewAgencies::new(&[], &regions);
    let first = agencies.settle("洪泽区人民政府");
    assert_eq!(first.id, "hongze-renminzhengfu");
    assert_eq!(agencies.settle("淮安市洪泽区人民政府").id, first.id);
    assert_eq!(agencies.settle("江苏省淮安市洪泽区人民政府").id, first.id);
    let nanjing = agencies.settle("南京市鼓楼区人民政府");
    let fuzhou = agencies.settle("福州市鼓楼区人民政府");
    // The bare name fits both: never merged with either.
    let bare = agencies.settle("鼓楼区人民政府");
    assert_eq!(nanjing.id, "gulou-renminzhengfu");
    assert_eq!(fuzhou.id, "gulou-renminzhengfu-2");
    assert_eq!(bare.id, "gulouqurenminzhengfu");
    let created = agencies.into_created();
    assert_eq!(created.len(), 4);
    assert_eq!(created[0].name, "洪泽区人民政府");
    assert_eq!(
        created[0].aliases,
        ["淮安市洪泽区人民政府", "江苏省淮安市洪泽区人民政府"]
    );
    assert!(matches!(created[3].region, RegionMatch::Ambiguous(_)));
}

#[test]
fn the_archive_agencies_are_found_by_what_their_names_say() {
    let regions = regions();
    let known = [agency("hongze", "洪泽区人民政府", &[])];
    let mut agencies = NewAgencies::new(&known, &regions);
    let settled = agencies.settle("江苏省淮安市洪泽区人民政府");
    assert_eq!(settled.id, "hongze");
    assert_eq!(settled.existing.as_deref(), Some("洪泽区人民政府"));
    // An id an archive agency has is not given again.
    let known = [agency("suqian-renminzhengfu", "宿迁市政府", &[])];
    let mut agencies = NewAgencies::new(&known, &[]);
    assert_eq!(
        agencies.settle("宿迁市人民政府").id,
        "suqianshirenminzhengfu"
    );
    assert!(agencies.into_created()[0].region == RegionMatch::NotFound);
}

#[test]
fn ids_are_url_ids_of_at_most_64_bytes_and_stable() {
    let long = "某某省某某市某某县某某乡某某村某某合作社某某专业委员会办公室";
    let id = id_for(long, &RegionMatch::NotFound, &[]);
    assert!(archive_core::load::is_url_id(&id), "{id}");
    assert!(id.len() <= 60, "{id}");
    assert_eq!(id, id_for(long, &RegionMatch::NotFound, &[]));
    assert_eq!(in_pinyin("AB局(2024)"), "abju-2024");
    assert_eq!(id_for("《》", &RegionMatch::NotFound, &[]), "agency");
}

/// The region list `archive init` writes: the whole national list.
fn national_regions() -> Vec<Region> {
    let country = crate::divisions::national();
    let provinces: Vec<_> = country.iter().collect();
    let text = crate::divisions::regions_yaml(&provinces);
    archive_core::load::read_regions(std::path::Path::new("_regions.yaml"), &text)
        .expect("the national list reads")
}

#[test]
fn the_national_list_finds_an_agency_region_from_its_name() {
    let regions = national_regions();
    let path = |name: &str| match find_region(&compact(name), &regions) {
        RegionMatch::Found { path, .. } => Ok(path),
        other => Err(other),
    };
    let houma = Ok("shanxi/linfen/houma".to_owned());
    assert_eq!(
        path("侯马经济开发区"),
        houma,
        "a county's name without its ending"
    );
    assert_eq!(path("侯马经济开发区管理委员会"), houma);
    assert_eq!(path("山西省临汾市侯马市人民政府"), houma);
    assert_eq!(
        path("洪泽区人民政府").as_deref(),
        Ok("jiangsu/huaian/hongze"),
        "a county's name alone, when one county has it"
    );
    assert_eq!(
        path("淮安市人民政府").as_deref(),
        Ok("jiangsu/huaian"),
        "not 淮安区"
    );
    assert_eq!(path("上海市人民政府办公厅").as_deref(), Ok("shanghai"));
    assert_eq!(
        path("平潭综合实验区").as_deref(),
        Ok("fujian/fuzhou/pingtan")
    );
    // 朝阳区 is in 北京市 and in 长春市: the name alone does not say which.
    let Err(RegionMatch::Ambiguous(paths)) = path("朝阳区人民政府") else {
        panic!("朝阳区 is ambiguous");
    };
    assert!(paths.contains(&"beijing/chaoyang".to_owned()), "{paths:?}");
    assert_eq!(
        path("长春市朝阳区人民政府").as_deref(),
        Ok("jilin/changchun/chaoyang")
    );
    // A county's short name inside another word is not the county (公安县 in 公安局).
    assert_eq!(path("淮安市公安局").as_deref(), Ok("jiangsu/huaian"));
    assert_eq!(path("县公安局"), Err(RegionMatch::NotFound));
}
