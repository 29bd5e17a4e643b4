//! Build: group parsed pages and feed articles into issues, then write the
//! bundle (manifest, document shards, index shards, page images) into a
//! folder, atomically.

pub mod add;
pub mod assemble;
pub mod page_images;
pub mod related;
pub mod write;

pub use assemble::{assemble, AssembledIssue};
pub use write::{write_bundle, write_bundle_with, BuildStats};
