//! kanbao: turns newspaper pages (raw extracted text) and article feeds into
//! `Issue`/`Article` records, and compiles them into a searchable bundle.
//!
//! Data flows one way: [`input`] finds files → [`import`] parses them →
//! [`build`] groups issues and writes the bundle the reader loads.

pub mod atomic;
pub mod bench;
pub mod build;
pub mod bundle_dir;
pub mod cli;
pub mod cmd;
pub mod eval;
pub mod import;
pub mod input;
pub mod memory;
pub mod package;
pub mod progress;
pub mod serve;
