//! The little HTML the workspace writes or rewrites by hand: escaping text
//! for markup (the reader's results list, the packaged page's title) and the
//! `<link>` tags of the reader's `index.html`, which `kanbao package` inlines
//! and `cargo xtask embed` prunes.

/// Appends `text` to `out` with `&`, `<`, `>` and both quotes escaped, for
/// markup and attribute values (the reader's results list, the CLI's
/// packaged page title).
pub fn escape_html(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// `html` with each `<link …>` tag (from `<link` to the next `>`) replaced by
/// what `f` appends to the output in its place: the tag itself to keep it,
/// nothing to drop it, anything else to replace it. The text between tags is
/// kept as it is; a `<link` with no `>` after it ends the scan, and it and
/// what follows are kept. The first error of `f` is returned.
pub fn rewrite_link_tags<E>(
    html: &str,
    mut f: impl FnMut(&str, &mut String) -> Result<(), E>,
) -> Result<String, E> {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find("<link") {
        let Some(len) = rest[i..].find('>') else {
            break;
        };
        let tag = &rest[i..i + len + 1];
        out.push_str(&rest[..i]);
        f(tag, &mut out)?;
        rest = &rest[i + len + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The value of `name="…"` in a tag (double quotes, after a space), if any.
pub fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let i = tag.find(&key)? + key.len();
    let j = tag[i..].find('"')?;
    Some(&tag[i..i + j])
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::convert::Infallible;

    #[test]
    fn escape_html_escapes_markup_and_quotes() {
        let mut out = String::from("x");
        escape_html(&mut out, "<b a=\"1\">'&'</b>平湖");
        assert_eq!(
            out,
            "x&lt;b a=&quot;1&quot;&gt;&#39;&amp;&#39;&lt;/b&gt;平湖"
        );
    }

    #[test]
    fn link_tags_are_kept_dropped_or_replaced() {
        let html = r#"<head><link rel="icon" href="a.svg"><title>t</title><link rel="stylesheet" href="s.css"></head><link rel="x""#;
        let out = rewrite_link_tags(html, |tag, out| {
            match attribute(tag, "rel") {
                Some("icon") => {}
                Some("stylesheet") => out.push_str("<style></style>"),
                _ => out.push_str(tag),
            }
            Ok::<_, Infallible>(())
        })
        .unwrap();
        assert_eq!(
            out,
            r#"<head><title>t</title><style></style></head><link rel="x""#
        );
        let failed = rewrite_link_tags("<p><link a><link b>", |tag, _| match tag {
            "<link b>" => Err(tag.to_string()),
            _ => Ok(()),
        });
        assert_eq!(failed, Err("<link b>".to_string()));
    }

    #[test]
    fn attributes_by_name() {
        let tag = r#"<link rel="icon" href="icon.svg" type="image/svg+xml">"#;
        assert_eq!(attribute(tag, "href"), Some("icon.svg"));
        assert_eq!(attribute(tag, "type"), Some("image/svg+xml"));
        assert_eq!(attribute(tag, "sizes"), None);
        assert_eq!(attribute(r#"<link data-rel="x">"#, "rel"), None);
    }
}
