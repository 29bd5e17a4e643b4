//! `kanbao eval`: the page parser scored against gold annotations.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Folder of gold `.json` files.
    pub gold: PathBuf,
    /// Folder of the raw pages they annotate.
    pub seeds: PathBuf,
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let (pages, total) = crate::eval::evaluate(&args.gold, &args.seeds)?;
    crate::eval::print(&pages, &total, args.json)?;
    Ok(ExitCode::SUCCESS)
}
