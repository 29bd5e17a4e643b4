//! How every bundle file is stored:
//! `kanbaoLoad("<file>",function(){/*<json>*/});`.
//! The same bytes load through a `<script>` tag (file://, where fetch is blocked)
//! and through `fetch` (http), which strips the fixed wrapper before parsing.
//!
//! The JSON sits in a comment of a function that is never called: the
//! browser only scans past it, and the loader reads it back with
//! `Function.prototype.toString`, so no JavaScript object is built from it
//! (format 2 passed an object literal, which the loader then turned back into
//! text: slower, and V8's compilation cache kept a third more of it). A `*/`
//! inside the JSON, which can only occur in a string, is written `*\/`, the
//! same string in JSON.

use crate::error::BundleError;

/// Name of the global function a `<script>`-loaded shard calls.
pub const LOADER_FN: &str = "kanbaoLoad";
const OPEN: &str = "function(){/*";
const CLOSE: &str = "*/});";

/// Wraps a JSON payload as a loadable shard file.
pub fn encode(file: &str, json: &str) -> String {
    let name = serde_json::to_string(file).expect("a string serializes");
    let mut out = String::with_capacity(json.len() + file.len() + 32);
    out.push_str(LOADER_FN);
    out.push('(');
    out.push_str(&name);
    out.push(',');
    out.push_str(OPEN);
    let mut rest = json;
    while let Some(i) = rest.find("*/") {
        out.push_str(&rest[..i]);
        out.push_str("*\\/");
        rest = &rest[i + 2..];
    }
    out.push_str(rest);
    out.push_str(CLOSE);
    out.push('\n');
    out
}

/// Extracts the JSON payload of a shard file read as text, checking that it is
/// the file it claims to be and that it is complete. Files of format 2, whose
/// payload was an object literal (`kanbaoLoad("<file>",<json>);`), are read
/// too, so an old archive is refused by its version, not as damaged.
pub fn decode<'a>(file: &str, text: &'a str) -> Result<&'a str, BundleError> {
    let bad = |what: &str| BundleError::Corrupt {
        file: file.to_string(),
        reason: what.to_string(),
    };
    let text = text.trim_start_matches('\u{feff}').trim_end();
    let rest = text
        .strip_prefix(LOADER_FN)
        .and_then(|r| r.strip_prefix('('))
        .ok_or_else(|| bad("does not start with the kanbao loader call"))?;
    let name = serde_json::to_string(file).expect("a string serializes");
    let rest = rest
        .strip_prefix(name.as_str())
        .and_then(|r| r.strip_prefix(','))
        .ok_or_else(|| bad("names another file"))?;
    let json = match rest.strip_prefix(OPEN) {
        Some(r) => r.strip_suffix(CLOSE),
        None => rest.strip_suffix(");"),
    };
    json.ok_or_else(|| bad("is truncated (no closing `*/});`)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let s = encode("docs/0001.js", r#"{"a":"报"}"#);
        assert_eq!(
            s,
            "kanbaoLoad(\"docs/0001.js\",function(){/*{\"a\":\"报\"}*/});\n"
        );
        assert_eq!(decode("docs/0001.js", &s).unwrap(), r#"{"a":"报"}"#);
    }

    #[test]
    fn a_comment_end_in_the_json_is_escaped() {
        let json = r#"{"a":"1*/2 /* 3 */"}"#;
        let s = encode("a.js", json);
        assert_eq!(s.matches("*/").count(), 1, "{s}");
        let back: serde_json::Value = serde_json::from_str(decode("a.js", &s).unwrap()).unwrap();
        assert_eq!(
            back,
            serde_json::from_str::<serde_json::Value>(json).unwrap()
        );
    }

    #[test]
    fn format_2_files_still_decode() {
        let old = "kanbaoLoad(\"manifest.js\",{\"format_version\":2});\n";
        assert_eq!(
            decode("manifest.js", old).unwrap(),
            r#"{"format_version":2}"#
        );
    }

    #[test]
    fn truncated_or_misnamed_is_refused() {
        let s = encode("a.js", "[1,2,3]");
        assert!(decode("a.js", &s[..s.len() - 4]).is_err());
        assert!(decode("b.js", &s).is_err());
        assert!(decode("a.js", "").is_err());
    }
}
