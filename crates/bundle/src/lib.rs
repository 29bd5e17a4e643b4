//! The kanbao bundle: format types, shard encoding, the in-memory [`Archive`]
//! and the search core. Pure Rust with no I/O: the CLI and the reader (wasm)
//! share it, so what the CLI writes is exactly what the reader reads.

pub mod archive;
pub mod charmap;
pub mod error;
pub mod format;
pub mod html;
pub mod index;
pub mod search;
pub mod stats;
pub mod text;

pub use archive::Archive;
pub use charmap::CharMap;
pub use error::{BundleError, Need};
pub use format::*;
pub use html::escape_html;

/// Name of the manifest file inside a bundle directory.
pub const MANIFEST_FILE: &str = "manifest.js";

/// `s` percent-encoded, one `%XX` (upper-case hex) per byte of UTF-8, except
/// ASCII letters, digits, `-_.~` and the bytes of `also_keep` (`b"/"` for a
/// path). The reader's links, the CLI's packaged archive and the tests'
/// URLs all encode this way.
pub fn percent_encode(s: &str, also_keep: &[u8]) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) || also_keep.contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn percent_encode_keeps_unreserved_and_asked_bytes() {
        use super::percent_encode;
        assert_eq!(
            percent_encode("/article/平湖 a&b~", b"/"),
            "/article/%E5%B9%B3%E6%B9%96%20a%26b~"
        );
        assert_eq!(percent_encode("a/b c", b""), "a%2Fb%20c");
        assert_eq!(percent_encode("x=1 y:2", b" =:"), "x=1 y:2");
    }
}
