//! What the integration test binaries share: a temporary folder removed on
//! drop, the repository root, and the `kanbao` binary run as a user runs it.
//! Included by each binary that needs it (`mod support;`), so not every item
//! is used by every binary.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A folder of its own under the temporary directory, named by the test
/// binary, `name` and the process, and removed on drop.
pub struct Tmp(pub PathBuf);

impl Tmp {
    pub fn new(name: &str) -> Tmp {
        let p = std::env::temp_dir().join(format!(
            "kanbao-{}-{name}-{}",
            env!("CARGO_CRATE_NAME"),
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        Tmp(p)
    }

    /// `rel` below the folder, as a string for a command line.
    pub fn path(&self, rel: &str) -> String {
        self.0.join(rel).to_string_lossy().into_owned()
    }
}

impl Drop for Tmp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The repository root (two levels above this crate).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs the `kanbao` binary with `args`.
pub fn kanbao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kanbao"))
        .args(args)
        .output()
        .expect("run kanbao")
}

/// Runs the `kanbao` binary with `args` and asserts that it succeeded,
/// showing what it printed on standard error if not.
pub fn kanbao_ok(args: &[&str]) -> Output {
    let o = kanbao(args);
    assert!(
        o.status.success(),
        "kanbao {}: {}",
        args.join(" "),
        stderr(&o)
    );
    o
}

/// What a run printed on standard error.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
