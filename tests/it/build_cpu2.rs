//! A full build's CPU, second round (issue 16, item 5): each report's `data.json` is written
//! straight from the model instead of through a `serde_json::Value`, and must stay byte for byte
//! what that `Value` wrote: compact, every object's keys in byte order, a final line break.

use std::fs;

use serde_json::Value;

use crate::support::{TestSite, code_and_errors, report_data_files};

#[test]
fn every_report_data_file_is_what_a_json_value_of_it_writes() {
    let site = TestSite::example();
    let (code, errors) = code_and_errors(&site.run(&["build", "--no-search"]));
    assert_eq!(code, 0, "{errors}");
    let files = report_data_files(&site.path().join("public"));
    assert!(files.len() >= 10, "the example's reports: {files:?}");
    for file in files {
        let written = fs::read_to_string(&file).unwrap();
        let value: Value = serde_json::from_str(&written).unwrap();
        // A `Value`'s objects keep their keys in byte order: written again, it is the file
        // only if the build wrote every object in that order.
        assert_eq!(written, format!("{value}\n"), "{}", file.display());
    }
}
