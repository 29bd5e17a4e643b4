//! Canonical issue files (placeholder).
use super::ParsedPage;
pub fn write_pages(_p: &[ParsedPage]) -> String {
    String::new()
}
