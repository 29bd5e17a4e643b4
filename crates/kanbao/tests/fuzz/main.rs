//! Bounded fuzzing on stable: every reader of untrusted bytes (the page
//! parser, the PDF reader, the feed reader, the query parser, and each
//! bundle-file decoder the reader uses) fed damaged and random inputs, plus
//! the corpus of malformed inputs in `tests/fixtures/malformed`. Each input
//! must give a result or a refusal naming its file, never a panic, and
//! finish within [`LIMIT`] (a hang fails the test instead of stalling CI).
//!
//! The budget is fixed (proptest cases and the damage list below), so a run
//! takes the same time every time; raise `PROPTEST_CASES` locally to search
//! longer.

mod bundle;
mod inputs;
#[path = "../support/mod.rs"]
mod support;

pub use support::{kanbao_ok, repo_root, Tmp};

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// The most one input may take (a debug build on a loaded 2-core machine).
pub const LIMIT: Duration = Duration::from_secs(20);

/// Runs `f` on its own thread: its result, or a failure naming `what` when
/// it panicked or ran past [`LIMIT`].
pub fn bounded<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    let handle = std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(LIMIT) {
        Ok(v) => {
            let _ = handle.join();
            v
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            let e = handle.join().err();
            let msg = e
                .as_ref()
                .and_then(|e| {
                    e.downcast_ref::<String>()
                        .cloned()
                        .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                })
                .unwrap_or_default();
            panic!("{what}: panicked: {msg}")
        }
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("{what}: still running after {LIMIT:?}"),
    }
}

/// Proptest cases: `n`, or `PROPTEST_CASES` when set (to search longer).
pub fn cases(n: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(n)
}

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/malformed")
}
