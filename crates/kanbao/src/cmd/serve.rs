//! `kanbao serve`: a built reader folder over http (the server is [`crate::serve`]).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Result};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[arg(default_value = "dist")]
    pub dir: PathBuf,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: String,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let Args { dir, addr } = args;
    if !dir.join("index.html").is_file() {
        bail!(
            "{}: no index.html here (build the reader with `cargo xtask dist`)",
            dir.display()
        );
    }
    eprintln!(
        "kanbao: serving {} at http://{addr}/ (Ctrl+C to stop)",
        dir.display()
    );
    crate::serve::run(&dir, &addr)?;
    Ok(ExitCode::SUCCESS)
}
