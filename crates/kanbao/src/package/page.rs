//! What the reader's page is given: its title, and its settings as
//! `config.js`; and JSON made safe to inline in it.

use super::ReaderConfig;

/// `config.js`: the settings as one JSON object, safe to inline in a page.
pub fn config_js(config: &ReaderConfig) -> String {
    let json = serde_json::to_string(config).expect("config serializes");
    format!(
        "// Reader settings, written by `kanbao package`.\nwindow.kanbaoConfig = {};\n",
        script_safe(&json)
    )
}

/// Sets the page's `<title>` to `<title> · 看报`.
pub(super) fn set_title(html: &str, title: &str) -> String {
    let (Some(i), Some(j)) = (html.find("<title>"), html.find("</title>")) else {
        return html.to_string();
    };
    if j < i {
        return html.to_string();
    }
    let mut out = format!("{}<title>", &html[..i]);
    kanbao_bundle::escape_html(&mut out, title);
    out.push_str(" · 看报</title>");
    out.push_str(&html[j + "</title>".len()..]);
    out
}

/// JSON (or a bundle file, whose only `<` are inside JSON strings) made safe
/// inside an HTML `<script>`: `<` as `\u003c`, so no `</script>` or `<!--` can
/// end or confuse the block. JSON and JS read `\u003c` back as `<`.
pub fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_safe_escapes_every_angle_bracket() {
        assert_eq!(
            script_safe(r#"{"a":"</script><!--"}"#),
            r#"{"a":"\u003c/script>\u003c!--"}"#
        );
    }
}
