//! Relative links (`relative_links = true`, `archive build --relative-links`): a page's
//! addresses below the base path rewritten relative to the page, a folder's as its
//! `index.html`, so that the built site browses from disk (file://), where `/x/` means the root
//! of the disk and a folder is not its index page.
//!
//! The rewrite works on the drawn page, not in the templates: every address a theme, a
//! Markdown narrative or a drawn table writes is covered, and a theme needs no change.

use std::sync::LazyLock;

use regex::{Captures, Regex};

/// The attributes that hold addresses (`data-index`, `data-parts`, `data-base`: the search
/// page's index, spaces between several).
static ADDRESS_ATTRIBUTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(\s(href|src|action|data-index|data-parts|data-base)=")([^"]*)""#)
        .expect("a valid pattern")
});

/// `html`, the page whose file is `page_file` (`agencies/hongze/2023/index.html`), with every
/// address that starts with `base_path` made relative to it.
pub(crate) fn relative_links(html: &str, page_file: &str, base_path: &str) -> String {
    let up = "../".repeat(page_file.matches('/').count());
    ADDRESS_ATTRIBUTE
        .replace_all(html, |captures: &Captures<'_>| {
            // The search page's data attributes name folders its script appends file names to;
            // the others name pages and files.
            let folders = captures[2].starts_with("data-");
            let addresses: Vec<String> = captures[3]
                .split(' ')
                .map(|address| relative_address(address, &up, base_path, folders))
                .collect();
            format!("{}{}\"", &captures[1], addresses.join(" "))
        })
        .into_owned()
}

/// One address: below `base_path` made relative (`up` leads from the page to the site's root),
/// a folder as its `index.html` unless it is a `folder` a script appends to; anything else
/// (another site, a fragment, an address already relative) as it is.
fn relative_address(address: &str, up: &str, base_path: &str, folder: bool) -> String {
    let Some(below) = address.strip_prefix(base_path) else {
        return address.to_owned();
    };
    if address.starts_with("//") {
        return address.to_owned();
    }
    let split = below.find(['#', '?']).unwrap_or(below.len());
    let (path, rest) = below.split_at(split);
    let file = if folder || !(path.is_empty() || path.ends_with('/')) {
        path.to_owned()
    } else {
        format!("{path}index.html")
    };
    let relative = format!("{up}{file}{rest}");
    if relative.is_empty() {
        "./".to_owned()
    } else {
        relative
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_below_the_base_path_become_relative_to_the_page() {
        let page = r##"<a href="/">首页</a><link href="/static/style.css"><a href="/glossary/#received">x</a><form action="/search/"><a href="https://example.org/x/">y</a><a href="#main">z</a><a href="data.json">j</a>"##;
        assert_eq!(
            relative_links(page, "agencies/hongze/2023/index.html", "/"),
            r##"<a href="../../../index.html">首页</a><link href="../../../static/style.css"><a href="../../../glossary/index.html#received">x</a><form action="../../../search/index.html"><a href="https://example.org/x/">y</a><a href="#main">z</a><a href="data.json">j</a>"##
        );
        assert_eq!(
            relative_links(r##"<a href="/years/">y</a>"##, "index.html", "/"),
            r##"<a href="years/index.html">y</a>"##
        );
    }

    #[test]
    fn a_sub_path_is_the_root_and_other_addresses_stay() {
        let page = r##"<a href="/nianbao/years/2023/?sort=1">a</a><a href="/other/">b</a><img src="//cdn.example.org/x.png">"##;
        assert_eq!(
            relative_links(page, "years/index.html", "/nianbao/"),
            r##"<a href="../years/2023/index.html?sort=1">a</a><a href="/other/">b</a><img src="//cdn.example.org/x.png">"##
        );
    }

    #[test]
    fn each_of_several_addresses_is_rewritten() {
        let page = r##"<form data-parts="/pagefind-2/ /pagefind-3/" data-base="/">"##;
        assert_eq!(
            relative_links(page, "search/index.html", "/"),
            r##"<form data-parts="../pagefind-2/ ../pagefind-3/" data-base="../">"##
        );
        assert_eq!(
            relative_links(r##"<form data-base="/">"##, "index.html", "/"),
            r##"<form data-base="./">"##
        );
    }
}
