//! Command-line interface: the clap definitions of the subcommands and the
//! dispatch to them; each command's arguments and body are in [`crate::cmd`].

use std::ffi::OsString;
use std::process::ExitCode;

use anyhow::Result;
use clap::{Parser, Subcommand};

use crate::cmd;

#[derive(Parser, Debug)]
#[command(
    name = "kanbao",
    version,
    about = "看报 kanbao: offline, searchable newspaper archives"
)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build a bundle from pages (extracted text or PDF), folders of them, JSON
    /// Lines feeds, or issue files from `kanbao import`.
    Build(cmd::build::Args),
    /// Parse one page (extracted text, or a PDF's pages) and print its structure.
    Parse(cmd::parse::Args),
    /// Parse pages into a canonical issue file (Markdown) to correct by hand;
    /// `kanbao build` reads it back.
    Import(cmd::import::Args),
    /// Score the page parser against gold annotations.
    #[command(hide = true)]
    Eval(cmd::eval::Args),
    /// Measure parser speed: parse the sample pages repeated to N megabytes;
    /// PDFs given are read and laid out repeatedly, in pages per second.
    #[command(name = "bench-import", hide = true)]
    BenchImport(cmd::bench_import::Args),
    /// Load-test `kanbao serve` on loopback: many clients fetching a folder's files.
    #[command(name = "bench-serve", hide = true)]
    BenchServe(cmd::bench_serve::Args),
    /// Measure a bundle: size against the raw text, load, latency, recall, MRR.
    Bench(cmd::bench::Args),
    /// Search a built bundle with the reader's search code.
    Search(cmd::search::Args),
    /// Package a bundle with the reader: a folder that opens from a USB stick
    /// (file://), from any static host, or on a kiosk; or one .html file.
    Package(cmd::package::Args),
    /// Serve a folder (a built reader with its bundle) over http.
    Serve(cmd::serve::Args),
}

/// Parses arguments and runs the command.
pub fn run(args: impl IntoIterator<Item = impl Into<OsString> + Clone>) -> Result<ExitCode> {
    let args = match Args::try_parse_from(args) {
        Ok(a) => a,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return Ok(ExitCode::from(code));
        }
    };
    match args.command {
        Command::Build(a) => cmd::build::run(a),
        Command::Parse(a) => cmd::parse::run(a),
        Command::Import(a) => cmd::import::run(a),
        Command::Eval(a) => cmd::eval::run(a),
        Command::BenchImport(a) => cmd::bench_import::run(a),
        Command::BenchServe(a) => cmd::bench_serve::run(a),
        Command::Bench(a) => cmd::bench::run(a),
        Command::Search(a) => cmd::search::run(a),
        Command::Package(a) => cmd::package::run(a),
        Command::Serve(a) => cmd::serve::run(a),
    }
}
