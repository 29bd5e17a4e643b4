//! One module per subcommand, each its clap [`Args`](build::Args) and its
//! `run`, as mdBook's `cmd/`; [`crate::cli`] only dispatches.

pub mod bench;
pub mod bench_import;
pub mod bench_serve;
pub mod build;
pub mod eval;
pub mod import;
pub mod package;
pub mod parse;
pub mod search;
pub mod serve;

use std::path::Path;

use anyhow::{bail, Result};

fn display(p: &Path) -> String {
    p.display().to_string()
}

fn check_date(date: Option<&str>) -> Result<()> {
    if let Some(d) = date {
        if !crate::import::feed::is_iso_date(d) {
            bail!("--date `{d}` is not YYYY-MM-DD");
        }
    }
    Ok(())
}
