//! The pinyin files as stored: one shard per first letter (`index/p<letter>.js`)
//! and the readings of their characters ([`READINGS_FILE`]).

use serde::{Deserialize, Serialize};

/// The bundle's pinyin readings, one file for every pinyin shard: each
/// character of their words followed by its readings, ordered by reading
/// (`"平ping评ping…行xing/hang"`). Before format 4 every pinyin shard carried
/// the readings of its own words and every term shard those of its
/// characters: on pd1998 68 KB of brotli, against 12 KB once.
pub const READINGS_FILE: &str = "index/pinyin.js";

/// The JSON of [`READINGS_FILE`].
#[derive(Serialize, Deserialize, Default)]
pub struct ReadingsJson {
    pub r: String,
}

/// The JSON of a pinyin shard: `w` the words as `[word, corpus count]`, the
/// count as its level ([`super::codec::level_of_count`]), ordered by reading.
#[derive(Serialize, Deserialize, Default)]
pub struct PinyinShardJson {
    pub w: Vec<(String, u32)>,
}

/// The manifest's entry for a pinyin shard.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct PinyinShardEntry {
    pub file: String,
    /// First letter of the first syllable of its words.
    pub letter: String,
}

/// File name of the pinyin shard for `letter`.
pub fn shard_file(letter: char) -> String {
    format!("index/p{letter}.js")
}
