use std::path::Path;

use super::*;

fn find<'a>(divisions: &'a [Division], path: &[&str]) -> &'a Division {
    let (first, rest) = path.split_first().expect("a path");
    let division = divisions
        .iter()
        .find(|division| division.name == *first)
        .unwrap_or_else(|| panic!("{first} is listed"));
    if rest.is_empty() {
        division
    } else {
        find(&division.children, rest)
    }
}

#[test]
fn the_national_list_holds_every_province_city_and_county() {
    let country = national();
    assert_eq!(
        country.len(),
        31,
        "31 provinces (Hong Kong, Macao and Taiwan are not in the source)"
    );
    let houma = find(&country, &["山西省", "临汾市", "侯马市"]);
    assert_eq!((houma.code, houma.id.as_str()), ("141081", "houma"));
    let hongze = find(&country, &["江苏省", "淮安市", "洪泽区"]);
    assert_eq!(hongze.code, "320813");
    // A municipality's districts hang from it, with no 市辖区 between.
    let dongcheng = find(&country, &["北京市", "东城区"]);
    assert_eq!(dongcheng.code, "110101");
    // A county of the province's own (济源市) too.
    assert_eq!(find(&country, &["河南省", "济源市"]).code, "419001");
    let counties: usize = country
        .iter()
        .flat_map(|province| &province.children)
        .map(|city| city.children.len().max(usize::from(city.code.len() == 6)))
        .sum();
    assert!(counties > 2800, "{counties} county-level divisions");
}

#[test]
fn functional_zones_and_placeholders_are_left_out() {
    let country = national();
    let all: Vec<&Division> = every(&country);
    assert!(all.iter().all(|division| !division.name.contains("开发区")));
    assert!(
        all.iter()
            .all(|division| division.name != "市辖区" && division.name != "县")
    );
}

fn every(divisions: &[Division]) -> Vec<&Division> {
    divisions
        .iter()
        .flat_map(|division| std::iter::once(division).chain(every(&division.children)))
        .collect()
}

#[test]
fn ids_are_usable_and_unique_among_siblings() {
    let country = national();
    assert_eq!(find(&country, &["山西省"]).id, "shanxi");
    assert_eq!(find(&country, &["陕西省"]).id, "shaanxi");
    assert_eq!(find(&country, &["新疆维吾尔自治区"]).id, "xinjiang");
    assert_eq!(
        find(&country, &["吉林省", "延边朝鲜族自治州"]).id,
        "yanbian"
    );
    // Place names read their characters as places do.
    assert_eq!(find(&country, &["吉林省", "长春市"]).id, "changchun");
    assert_eq!(find(&country, &["重庆市"]).id, "chongqing");
    assert_eq!(find(&country, &["福建省", "厦门市"]).id, "xiamen");
    assert_eq!(find(&country, &["西藏自治区"]).id, "xizang");
    assert_eq!(find(&country, &["山西省", "吕梁市"]).id, "lvliang");
    fn check(divisions: &[Division]) {
        let mut ids: Vec<&str> = divisions.iter().map(|d| d.id.as_str()).collect();
        ids.sort_unstable();
        let before = ids.len();
        ids.dedup();
        assert_eq!(before, ids.len(), "siblings share an id: {ids:?}");
        for division in divisions {
            assert!(
                archive_core::load::is_url_id(&division.id),
                "{} has the id {}",
                division.name,
                division.id
            );
            check(&division.children);
        }
    }
    check(&country);
}

#[test]
fn a_province_is_found_by_name_short_name_code_or_id() {
    let country = national();
    for asked in ["山西省", "山西", "14", "shanxi", " 山西省 "] {
        let found = province(&country, asked, Path::new("_regions.yaml"));
        assert_eq!(found.expect(asked).name, "山西省");
    }
    let error = province(&country, "山西县", Path::new("_regions.yaml")).unwrap_err();
    assert!(error.message.contains("山西县"), "{}", error.message);
    assert!(error.help.as_deref().unwrap_or_default().contains("山西省"));
}

#[test]
fn the_written_list_reads_back_as_the_archive_reads_it() {
    let country = national();
    let provinces: Vec<&Division> = country.iter().collect();
    let text = regions_yaml(&provinces);
    let regions = archive_core::load::read_regions(std::path::Path::new("_regions.yaml"), &text)
        .expect("the national list reads as a region list");
    assert_eq!(regions.len(), every(&country).len());
    assert!(
        regions
            .iter()
            .any(|r| r.path == "shanxi/linfen/houma" && r.name == "侯马市")
    );
}

#[test]
fn the_national_regions_are_sorted_paths_of_ids() {
    let regions = national_regions();
    assert!(regions.windows(2).all(|pair| pair[0].path < pair[1].path));
    let houma = regions
        .iter()
        .find(|region| region.path == "shanxi/linfen/houma")
        .expect("侯马市 is listed");
    assert_eq!(houma.name, "侯马市");
    assert_eq!(regions.len(), every(&national()).len());
}
