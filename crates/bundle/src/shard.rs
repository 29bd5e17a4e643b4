//! How every bundle file is stored: `kanbaoLoad("<file>",<json>);`.
//! The same bytes load through a `<script>` tag (file://, where fetch is blocked)
//! and through `fetch` (http), which strips the fixed wrapper before parsing.

use crate::BundleError;

/// Name of the global function a `<script>`-loaded shard calls.
pub const LOADER_FN: &str = "kanbaoLoad";

/// Wraps a JSON payload as a loadable shard file.
pub fn encode(file: &str, json: &str) -> String {
    let name = serde_json::to_string(file).expect("a string serializes");
    let mut out = String::with_capacity(json.len() + file.len() + 20);
    out.push_str(LOADER_FN);
    out.push('(');
    out.push_str(&name);
    out.push(',');
    out.push_str(json);
    out.push_str(");\n");
    out
}

/// Extracts the JSON payload of a shard file read as text, checking that it is
/// the file it claims to be and that it is complete.
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
    let json = rest
        .strip_suffix(");")
        .ok_or_else(|| bad("is truncated (no closing `);`)"))?;
    Ok(json)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let s = encode("docs/0001.js", r#"{"a":"报"}"#);
        assert_eq!(s, "kanbaoLoad(\"docs/0001.js\",{\"a\":\"报\"});\n");
        assert_eq!(decode("docs/0001.js", &s).unwrap(), r#"{"a":"报"}"#);
    }

    #[test]
    fn truncated_or_misnamed_is_refused() {
        let s = encode("a.js", "[1,2,3]");
        assert!(decode("a.js", &s[..s.len() - 4]).is_err());
        assert!(decode("b.js", &s).is_err());
        assert!(decode("a.js", "").is_err());
    }
}
