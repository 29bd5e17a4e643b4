//! Integration tests of the page importer: one binary, a module per feature.

mod bad_input;
mod canonical;
mod conserve;
mod gold;

#[path = "../support/mod.rs"]
mod support;

pub use support::repo_root;

/// The sample pages shipped in `samples/`, with their text.
pub fn samples() -> Vec<(String, String)> {
    let dir = repo_root().join("samples");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("samples folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            let t = std::fs::read_to_string(&p).unwrap();
            (p.display().to_string(), t)
        })
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no samples in {}", dir.display());
    out
}
