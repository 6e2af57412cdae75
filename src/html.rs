//! Text in HTML: one escape for every piece of markup the site writes outside the templates
//! (tables, charts, the narrative's code, the search index's documents), the same as the
//! templates' own.

/// Writes `text` escaped for HTML (and for the SVG and XML drawn here), exactly as the templates
/// escape their values: `&`, `<`, `>`, `"` and `'`. Tera escapes with the same function (its
/// `fast` feature), so markup written here and markup the templates write cannot differ.
pub fn escape(out: &mut String, text: &str) {
    pulldown_cmark_escape::escape_html(out, text).expect("writing to memory");
}

/// `text` escaped for HTML, as [`escape`] writes it.
pub fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character that means something in HTML or XML, and text around it, is escaped as
    /// Tera escapes the templates' values.
    #[test]
    fn text_is_escaped_as_the_templates_escape_it() {
        let text = "a&b <c> \"d\" 'e' 平潭 &amp;";
        let mut tera = tera::Tera::new();
        tera.autoescape_on(vec![".html"]);
        tera.add_raw_template("page.html", "{{ text }}").unwrap();
        let mut context = tera::Context::new();
        context.insert("text", text);
        let drawn = tera.render("page.html", &context).unwrap();
        assert_eq!(escaped(text), drawn);
        assert_eq!(
            escaped(text),
            "a&amp;b &lt;c&gt; &quot;d&quot; &#39;e&#39; 平潭 &amp;amp;"
        );
    }
}
