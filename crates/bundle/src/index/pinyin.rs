//! Pinyin files: one shard per first letter (`index/p<letter>.js`) listing
//! the vocabulary words whose first syllable starts with it, and one table of
//! the readings of their characters ([`READINGS_FILE`]). Writer and reader;
//! the matching of typed pinyin is [`crate::search::pinyin`]'s.

use std::collections::{BTreeMap, HashMap};

use crate::error::BundleError;
use crate::format::codec::{count_of_level, level_of_count};
use crate::format::pinyin::{
    shard_file, PinyinShardEntry, PinyinShardJson, ReadingsJson, READINGS_FILE,
};
use crate::format::IndexMeta;
use crate::text::is_han;

/// Readings kept per character, the most common first. Two cover the
/// heteronyms that matter (行 xing/hang, 重 zhong/chong, 长 chang/zhang); the
/// pinyin data's third and fourth readings are rare (平 bing, beng) and cost
/// 10% more bytes on pd1998 for little but noise.
pub const MAX_READINGS: usize = 2;

/// A word's pinyin: per character its toneless readings, most common first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reading(pub Vec<Vec<String>>);

impl Reading {
    /// `ping hu`, `yin xing/hang`: syllables by spaces, alternatives by `/`.
    pub fn parse(s: &str) -> Self {
        Reading(
            s.split(' ')
                .map(|syl| syl.split('/').map(str::to_string).collect())
                .collect(),
        )
    }

    pub fn to_text(&self) -> String {
        self.0
            .iter()
            .map(|alts| alts.join("/"))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// One vocabulary word in a pinyin shard.
#[derive(Debug, Clone)]
pub struct Entry {
    pub word: String,
    pub reading: Reading,
    pub count: u64,
}

/// Loaded [`READINGS_FILE`]: character → toneless readings, usual first.
#[derive(Debug, Default)]
pub struct ReadingTable(pub HashMap<char, Vec<String>>);

impl ReadingTable {
    pub(crate) fn from_json(file: &str, json: &str) -> Result<Self, BundleError> {
        let corrupt = |reason: String| BundleError::Corrupt {
            file: file.to_string(),
            reason,
        };
        let raw: ReadingsJson = serde_json::from_str(json).map_err(|e| corrupt(e.to_string()))?;
        let mut readings: HashMap<char, Vec<String>> = HashMap::new();
        let mut current: Option<(char, String)> = None;
        for c in raw.r.chars().chain(['\u{4E00}']) {
            if c.is_ascii_lowercase() || c == '/' {
                match &mut current {
                    Some((_, r)) => r.push(c),
                    None => return Err(corrupt("readings start without a character".into())),
                }
            } else if let Some((k, r)) = current.replace((c, String::new())) {
                readings.insert(k, r.split('/').map(str::to_string).collect());
            }
        }
        Ok(Self(readings))
    }

    /// The table's text: `chars` each followed by its readings, ordered by
    /// reading so neighbours share syllables.
    fn to_json(table: BTreeMap<char, String>) -> ReadingsJson {
        let mut table: Vec<(char, String)> = table.into_iter().collect();
        table.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
        ReadingsJson {
            r: table.into_iter().map(|(c, r)| format!("{c}{r}")).collect(),
        }
    }
}

/// A loaded pinyin shard: the words whose first syllable starts with its
/// letter, with their readings once [`READINGS_FILE`] is there too.
#[derive(Debug, Default)]
pub struct PinyinShard {
    words: Vec<(String, u64)>,
    entries: std::sync::OnceLock<Vec<Entry>>,
}

impl PinyinShard {
    pub(crate) fn from_json(file: &str, json: &str) -> Result<Self, BundleError> {
        let raw: PinyinShardJson =
            serde_json::from_str(json).map_err(|e| BundleError::Corrupt {
                file: file.to_string(),
                reason: e.to_string(),
            })?;
        let words = raw
            .w
            .into_iter()
            .map(|(word, level)| (word, count_of_level(level)))
            .collect();
        Ok(Self {
            words,
            entries: Default::default(),
        })
    }

    /// Its words with their readings (a word with a character the table
    /// lacks is left out).
    pub fn entries(&self, table: &ReadingTable) -> &[Entry] {
        self.entries.get_or_init(|| {
            self.words
                .iter()
                .filter_map(|(word, count)| {
                    let reading = word
                        .chars()
                        .map(|c| table.0.get(&c).cloned())
                        .collect::<Option<Vec<_>>>()?;
                    Some(Entry {
                        reading: Reading(reading),
                        word: word.clone(),
                        count: *count,
                    })
                })
                .collect()
        })
    }
}

/// Build side: the manifest entries and files (the readings, then a shard
/// per letter) of the pinyin of `words` (word, corpus count, sorted).
pub(crate) fn write(
    words: &[(&str, u64)],
    readings: &dyn Fn(char) -> Vec<String>,
) -> (Vec<PinyinShardEntry>, Vec<(String, String)>) {
    let (shards, table) = build_shards(words, readings);
    let mut files = Vec::new();
    let mut entries = Vec::new();
    if !shards.is_empty() {
        files.push((
            READINGS_FILE.to_string(),
            serde_json::to_string(&table).expect("pinyin readings serialize"),
        ));
    }
    for (letter, json) in shards {
        let file = shard_file(letter);
        files.push((
            file.clone(),
            serde_json::to_string(&json).expect("pinyin shards serialize"),
        ));
        entries.push(PinyinShardEntry {
            file,
            letter: letter.to_string(),
        });
    }
    (entries, files)
}

/// Which pinyin shard `file` is.
pub(crate) fn index_of(meta: &IndexMeta, file: &str) -> Option<usize> {
    meta.pinyin.iter().position(|e| e.file == file)
}

/// Whether `file` is the readings table of a bundle with pinyin.
pub(crate) fn is_readings(meta: &IndexMeta, file: &str) -> bool {
    file == READINGS_FILE && !meta.pinyin.is_empty()
}

/// Build side: a word's reading from per-character readings, `None` when a
/// character has none. Readings are folded to what visitors type: toneless,
/// lower case, `ü` as `v`; at most [`MAX_READINGS`] per character.
pub fn reading_of(word: &str, readings: &dyn Fn(char) -> Vec<String>) -> Option<Reading> {
    let mut out = Vec::new();
    for c in word.chars() {
        let mut alts: Vec<String> = Vec::new();
        for r in readings(c) {
            let r: String = r.chars().filter_map(toneless).collect();
            if !r.is_empty() && !alts.contains(&r) && alts.len() < MAX_READINGS {
                alts.push(r);
            }
        }
        if alts.is_empty() {
            return None;
        }
        out.push(alts);
    }
    (!out.is_empty()).then_some(Reading(out))
}

/// A pinyin letter without its tone mark, `ü` as `v`; `None` for anything else.
fn toneless(c: char) -> Option<char> {
    const MARKED: [(&str, char); 8] = [
        ("āáǎàĀÁǍÀ", 'a'),
        ("ēéěèêếềĒÉĚÈÊ", 'e'),
        ("īíǐìĪÍǏÌ", 'i'),
        ("ōóǒòŌÓǑÒ", 'o'),
        ("ūúǔùŪÚǓÙ", 'u'),
        ("üǖǘǚǜÜǕǗǙǛvV", 'v'),
        ("ńňǹŃŇǸ", 'n'),
        ("ḿḾ", 'm'),
    ];
    match c {
        'a'..='z' => Some(c),
        'A'..='Z' => Some(c.to_ascii_lowercase()),
        _ => MARKED.iter().find(|(m, _)| m.contains(c)).map(|&(_, b)| b),
    }
}

/// Build side: the pinyin shards for `words` (word, corpus count), and the
/// readings of their characters ([`READINGS_FILE`]).
pub(crate) fn build_shards(
    words: &[(&str, u64)],
    readings: &dyn Fn(char) -> Vec<String>,
) -> (Vec<(char, PinyinShardJson)>, ReadingsJson) {
    let mut shards: BTreeMap<char, Vec<(String, Reading, u64)>> = BTreeMap::new();
    let mut table: BTreeMap<char, String> = BTreeMap::new();
    for &(w, count) in words {
        if !w.chars().all(is_han) {
            continue;
        }
        let Some(r) = reading_of(w, readings) else {
            continue;
        };
        let mut letters: Vec<char> = r.0[0].iter().filter_map(|s| s.chars().next()).collect();
        letters.sort_unstable();
        letters.dedup();
        for l in letters {
            shards
                .entry(l)
                .or_default()
                .push((w.to_string(), r.clone(), count));
        }
        for (c, alts) in w.chars().zip(&r.0) {
            table.insert(c, alts.join("/"));
        }
    }
    let shards = shards
        .into_iter()
        .map(|(l, mut w)| {
            // By reading, so neighbours share syllables and compress well.
            w.sort_by(|a, b| a.1 .0.cmp(&b.1 .0).then(a.0.cmp(&b.0)));
            let w = w
                .into_iter()
                .map(|(word, _, n)| (word, level_of_count(n)))
                .collect();
            (l, PinyinShardJson { w })
        })
        .collect();
    (shards, ReadingTable::to_json(table))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readings_are_folded() {
        let r = |c: char| -> Vec<String> {
            match c {
                '绿' => vec!["lǜ".into(), "lù".into()],
                '行' => vec!["xíng", "háng", "hàng", "héng", "xìng", "hang"]
                    .into_iter()
                    .map(Into::into)
                    .collect(),
                '色' => vec!["sè".into(), "shǎi".into()],
                _ => vec![],
            }
        };
        assert_eq!(reading_of("绿色", &r).unwrap().to_text(), "lv/lu se/shai");
        assert_eq!(reading_of("行", &r).unwrap().to_text(), "xing/hang");
        assert_eq!(reading_of("平", &r), None);
    }

    #[test]
    fn written_files_read_back() {
        let r = |c: char| -> Vec<String> {
            match c {
                '平' => vec!["píng".into()],
                '湖' => vec!["hú".into()],
                _ => vec![],
            }
        };
        let (entries, files) = write(&[("平湖", 10), ("x1", 5)], &r);
        assert_eq!(entries.len(), 1);
        assert_eq!(
            (entries[0].file.as_str(), entries[0].letter.as_str()),
            ("index/pp.js", "p")
        );
        assert_eq!(files[0].0, READINGS_FILE);
        let table = ReadingTable::from_json(&files[0].0, &files[0].1).unwrap();
        let shard = PinyinShard::from_json(&files[1].0, &files[1].1).unwrap();
        let e = shard.entries(&table);
        assert_eq!(e.len(), 1);
        assert_eq!(
            (e[0].word.as_str(), e[0].reading.to_text()),
            ("平湖", "ping hu".to_string())
        );
        assert_eq!(e[0].count, count_of_level(level_of_count(10)));
    }
}
