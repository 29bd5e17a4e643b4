//! Build: group parsed pages and feed articles into issues, then write the
//! bundle (manifest, document shards, index shards) into a folder, atomically.

pub mod assemble;
pub mod related;
pub mod write;

pub use assemble::{assemble, AssembledIssue};
pub use write::{write_bundle, BuildStats};
