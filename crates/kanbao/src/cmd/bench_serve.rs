//! `kanbao bench-serve`: `kanbao serve` under load on loopback.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Folder to serve (a built reader, e.g. `dist`).
    pub dir: PathBuf,
    /// Clients at once, each on its own keep-alive connection.
    #[arg(long, default_value_t = 200)]
    pub clients: usize,
    /// Requests in total.
    #[arg(long, default_value_t = 20_000)]
    pub requests: usize,
}

pub fn run(args: Args) -> Result<ExitCode> {
    crate::serve::load::bench(&args.dir, args.clients, args.requests)?;
    Ok(ExitCode::SUCCESS)
}
