//! `kanbao package`: a bundle with the reader, as a folder or one .html file.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Result};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The bundle folder (from `kanbao build`).
    pub bundle: PathBuf,
    /// Folder to write (replaced atomically); with --single-file, the .html file.
    #[arg(short, long)]
    pub out: PathBuf,
    /// Built reader folder (`cargo xtask dist` makes `dist/`). Default: `dist` if it exists.
    #[arg(long)]
    pub reader: Option<PathBuf>,
    /// Title of the page and the web app (default: the bundle's title).
    #[arg(long)]
    pub title: Option<String>,
    /// Open in kiosk mode.
    #[arg(long)]
    pub kiosk: bool,
    /// Kiosk: seconds without input before returning to the start.
    #[arg(long, default_value_t = 180)]
    pub idle_seconds: u32,
    /// Where the archive will be published (for share links).
    #[arg(long)]
    pub public_url: Option<String>,
    /// Write one .html file with everything inlined (small archives).
    #[arg(long)]
    pub single_file: bool,
    /// With --single-file: write it even above 20 MB.
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let Args {
        bundle,
        out,
        reader,
        title,
        kiosk,
        idle_seconds,
        public_url,
        single_file,
        force,
    } = args;
    let reader = match reader {
        Some(r) => r,
        None if Path::new("dist/index.html").is_file() => PathBuf::from("dist"),
        None => {
            bail!("no reader: pass --reader <dir> (a folder built by `cargo xtask dist`)")
        }
    };
    let opts = crate::package::Options {
        bundle,
        reader,
        out,
        title,
        config: crate::package::ReaderConfig {
            kiosk,
            idle_seconds,
            public_url,
        },
        single_file,
        force,
    };
    let stats = crate::package::package(&opts)?;
    let mb = stats.bytes as f64 / 1e6;
    if opts.single_file {
        eprintln!(
            "kanbao: packaged {} ({mb:.1} MB); open it in a browser, no network needed",
            opts.out.display()
        );
        if stats.page_images_left_out > 0 {
            eprintln!(
                "kanbao: the {} page images are left out of a single file (its page views say so); a folder package has them",
                stats.page_images_left_out
            );
        }
    } else {
        eprintln!(
            "kanbao: packaged {} ({} files, {mb:.1} MB); open its index.html from disk, or upload the folder as it is",
            opts.out.display(),
            stats.files
        );
    }
    Ok(ExitCode::SUCCESS)
}
