//! The templates described for people: the key tables of `docs/sources.md`, generated from the
//! same definitions that read and draw reports, so the documentation cannot drift from the code.

use std::fmt::Write;

use super::{FormatId, ValueKind};

/// Markdown tables of every row and column key of both template versions.
pub fn keys_markdown() -> String {
    let mut out = String::new();
    for format in FormatId::ALL {
        let template = format.template();
        let _ = writeln!(
            out,
            "### `{}` — {}（{}）\n",
            format, template.name.zh, template.document
        );
        for table in &template.tables {
            let _ = writeln!(
                out,
                "#### `{}` — {}\n\n| row key | label | columns (in order) |\n|---|---|---|",
                table.key, table.heading.zh
            );
            for row in table.rows() {
                let label: Vec<&str> = row
                    .groups
                    .iter()
                    .map(|group| group.zh)
                    .chain([row.label.zh])
                    .collect();
                let columns: Vec<String> = row
                    .columns
                    .iter()
                    .map(|column| {
                        let unit = match column.kind {
                            ValueKind::Count => "",
                            ValueKind::Amount => ", decimal",
                            ValueKind::Change => ", signed",
                            ValueKind::Text => ", text",
                        };
                        format!("`{}` {}{unit}", column.key, column.label.zh)
                    })
                    .collect();
                let _ = writeln!(
                    out,
                    "| `{}` | {} | {} |",
                    row.key,
                    label.join(" › "),
                    columns.join(" · ")
                );
            }
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const BEGIN: &str = "<!-- keys: generated from src/format by `UPDATE_DOCS=1 cargo test` -->\n";
    const END: &str = "<!-- end of keys -->";

    /// docs/sources.md carries the generated tables; `UPDATE_DOCS=1 cargo test` rewrites them.
    #[test]
    fn docs_list_every_key() {
        // The repository's docs, two folders above this crate.
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/sources.md");
        let doc = std::fs::read_to_string(path).unwrap();
        let start = doc
            .find(BEGIN)
            .expect("docs/sources.md has the keys marker")
            + BEGIN.len();
        let end = doc.find(END).expect("docs/sources.md has the end marker");
        let generated = keys_markdown();
        if doc[start..end] != generated {
            if std::env::var_os("UPDATE_DOCS").is_some() {
                let updated = format!("{}{generated}{}", &doc[..start], &doc[end..]);
                std::fs::write(path, updated).unwrap();
            } else {
                panic!("docs/sources.md is out of date: run `UPDATE_DOCS=1 cargo test`");
            }
        }
    }
}
