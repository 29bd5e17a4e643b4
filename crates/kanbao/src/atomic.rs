//! Writing a bundle or a package so that no one ever sees half of it: the
//! new folder (or file) is written beside the target under a hidden name,
//! then renamed into place. A build or package that fails leaves the old
//! output as it was; a rename that fails after the old output was moved
//! aside moves it back, so the target is never left missing.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// A hidden path beside `out` for `tag` (`.bundle.building` beside `bundle`).
pub fn sibling(out: &Path, tag: &str) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    out.with_file_name(format!(".{name}.{tag}"))
}

/// Removes a file or folder; nothing there is fine.
pub fn remove(path: &Path) -> Result<()> {
    let result = match std::fs::symlink_metadata(path) {
        Err(_) => return Ok(()),
        Ok(m) if m.is_dir() => std::fs::remove_dir_all(path),
        Ok(_) => std::fs::remove_file(path),
    };
    result.with_context(|| format!("{}: cannot remove", path.display()))
}

/// Renames `staging` to `out`, moving an existing `out` aside first and
/// back again if the rename fails.
pub fn swap_into_place(staging: &Path, out: &Path) -> Result<()> {
    if std::fs::symlink_metadata(out).is_ok() {
        let old = sibling(out, "old");
        remove(&old)?;
        std::fs::rename(out, &old).with_context(|| format!("{}: cannot replace", out.display()))?;
        if let Err(e) = std::fs::rename(staging, out) {
            let _ = std::fs::rename(&old, out);
            return Err(e).with_context(|| format!("{}: cannot move into place", out.display()));
        }
        let _ = remove(&old);
    } else {
        if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("{}: cannot create", parent.display()))?;
        }
        std::fs::rename(staging, out)
            .with_context(|| format!("{}: cannot move into place", out.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("kanbao-atomic-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn replaces_a_folder_and_leaves_nothing_beside_it() {
        let d = tmp("replace");
        let out = d.join("bundle");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("old.js"), "old").unwrap();
        let staging = sibling(&out, "building");
        std::fs::create_dir_all(&staging).unwrap();
        std::fs::write(staging.join("new.js"), "new").unwrap();
        swap_into_place(&staging, &out).unwrap();
        assert!(out.join("new.js").is_file());
        assert!(!out.join("old.js").exists());
        let left: Vec<_> = std::fs::read_dir(&d).unwrap().collect();
        assert_eq!(left.len(), 1, "only the output remains: {left:?}");
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn a_failed_rename_puts_the_old_output_back() {
        let d = tmp("fail");
        let out = d.join("bundle");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("old.js"), "old").unwrap();
        // Nothing staged: the second rename fails.
        let staging = sibling(&out, "building");
        let err = swap_into_place(&staging, &out).unwrap_err();
        assert!(
            format!("{err:#}").contains("cannot move into place"),
            "{err:#}"
        );
        assert_eq!(std::fs::read_to_string(out.join("old.js")).unwrap(), "old");
        assert!(!sibling(&out, "old").exists());
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn creates_missing_parents_and_replaces_files() {
        let d = tmp("file");
        let out = d.join("a/b/archive.html");
        let staging = d.join("staged.html");
        std::fs::write(&staging, "one").unwrap();
        swap_into_place(&staging, &out).unwrap();
        std::fs::write(&staging, "two").unwrap();
        swap_into_place(&staging, &out).unwrap();
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "two");
        let _ = std::fs::remove_dir_all(&d);
    }
}
