//! Pinyin search for visitors who cannot type Chinese: `pinghu`, `ping hu`,
//! `ping'hu`, the initials `ph`, a mix (`pingh`) or mixed script (`平hu`) find
//! the vocabulary words whose toneless pinyin they spell. The build ships the
//! vocabulary's pinyin in shards by first letter (`index/p<letter>.js`); this
//! side only matches, with no pinyin dictionary of its own.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::archive::Archive;
use crate::error::{note, Need};
pub use crate::format::pinyin::{shard_file, PinyinShardEntry, READINGS_FILE};
pub use crate::index::pinyin::{
    reading_of, Entry, PinyinShard, Reading, ReadingTable, MAX_READINGS,
};
use crate::text::is_han;
use crate::text::normalize::fold;

/// Longest input matched as pinyin, in units (letters, separators, characters);
/// longer input is searched literally only.
pub const MAX_INPUT: usize = 64;
/// Words one pinyin run adds to a search at most.
pub const MAX_EXPANSIONS: usize = 20;
/// A suggestion for what the visitor is typing.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    /// The vocabulary word, Simplified (as the index folds it).
    pub word: String,
    /// Its toneless pinyin as matched, syllables separated by spaces (`ping hu`).
    /// Empty when the input was Chinese only.
    pub pinyin: String,
    /// How often the word occurs in the archive (jieba segmentation at build).
    pub count: u64,
}

/// One piece of typed input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unit {
    Letter(u8),
    Han(char),
}

/// Typed input as pinyin: letters, Chinese characters and syllable breaks
/// (`breaks[i]`: a space or apostrophe stood before unit `i`). `None` when it
/// holds anything else (digits, other scripts), no letter, or is too long.
#[derive(Debug, PartialEq, Eq)]
struct Input {
    units: Vec<Unit>,
    breaks: Vec<bool>,
}

/// Whether a folded query token could be pinyin (letters, optionally mixed with
/// Chinese characters and apostrophes).
pub fn is_pinyin_like(folded: &str) -> bool {
    folded.chars().any(|c| c.is_ascii_lowercase())
        && folded
            .chars()
            .all(|c| c.is_ascii_lowercase() || is_han(c) || is_break(c))
}

fn is_break(c: char) -> bool {
    matches!(c, ' ' | '\'' | '’' | '‘' | '`')
}

fn parse_input(input: &str) -> Option<Input> {
    let folded = fold(input);
    let mut units = Vec::new();
    let mut breaks = Vec::new();
    let mut pending_break = false;
    for c in folded.chars() {
        if is_break(c) || c.is_whitespace() {
            pending_break = !units.is_empty();
            continue;
        }
        let u = if c.is_ascii_lowercase() {
            Unit::Letter(c as u8)
        } else if is_han(c) {
            Unit::Han(c)
        } else {
            return None;
        };
        units.push(u);
        breaks.push(std::mem::take(&mut pending_break));
        if units.len() > MAX_INPUT {
            return None;
        }
    }
    units
        .iter()
        .any(|u| matches!(u, Unit::Letter(_)))
        .then_some(Input { units, breaks })
}

/// How well input spells a word; smaller is better. Orders matches as the
/// search and the suggestions prefer them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Fit {
    /// 0: every syllable typed in full; 1: only the last one shortened
    /// (`pingh`); 2: others shortened too (initials `ph`).
    pub tier: u8,
    /// The word has more syllables than were typed (suggestions only).
    pub continues: bool,
    /// Syllables matched through a less common reading of their character.
    pub rare_readings: u8,
}

/// Costs: a shortened syllable before the last one, the last one shortened,
/// a less common reading.
const SHORT: u32 = 1000;
const SHORT_LAST: u32 = 100;
const RARE: u32 = 1;

/// Whether letter `typed` matches `stored`: `u` also types `ü` (stored `v`).
fn letter_eq(typed: u8, stored: u8) -> bool {
    typed == stored || (typed == b'u' && stored == b'v')
}

/// Matches `input` against a word (its characters and reading). With
/// `whole`, the input must cover every syllable. Returns the fit and the
/// readings chosen per covered syllable.
fn fit(input: &Input, chars: &[char], reading: &Reading, whole: bool) -> Option<(Fit, Vec<usize>)> {
    let n = reading.0.len().min(chars.len());
    let len = input.units.len();
    if len == 0 || n == 0 {
        return None;
    }
    // best[i][j]: least cost to match units i.. from syllable j on; u32::MAX: none.
    let mut best = vec![vec![u32::MAX; n + 1]; len + 1];
    let mut choice = vec![vec![(0usize, 0usize); n + 1]; len + 1];
    for (j, b) in best[len].iter_mut().enumerate() {
        if !whole || j == n {
            *b = 0;
        }
    }
    for i in (0..len).rev() {
        for j in (0..n).rev() {
            // A typed break must fall between syllables: a step starts at i,
            // and units after it must not carry one.
            let mut step = |next: usize, cost: u32, alt: usize, best: &mut Vec<Vec<u32>>| {
                let rest = best[next][j + 1];
                if rest != u32::MAX && cost + rest < best[i][j] {
                    best[i][j] = cost + rest;
                    choice[i][j] = (next, alt);
                }
            };
            match input.units[i] {
                Unit::Han(c) => {
                    if chars[j] == c {
                        step(i + 1, 0, 0, &mut best);
                    }
                }
                Unit::Letter(_) => {
                    for (k, syl) in reading.0[j].iter().enumerate() {
                        let rare = if k == 0 { 0 } else { RARE };
                        let syl = syl.as_bytes();
                        let mut l = 0;
                        while l < syl.len()
                            && i + l < len
                            && (l == 0 || !input.breaks[i + l])
                            && matches!(input.units[i + l], Unit::Letter(t) if letter_eq(t, syl[l]))
                        {
                            l += 1;
                            let short = if l == syl.len() {
                                0
                            } else if i + l == len {
                                SHORT_LAST
                            } else {
                                SHORT
                            };
                            step(i + l, short + rare, k, &mut best);
                        }
                    }
                }
            }
        }
    }
    let cost = best[0][0];
    if cost == u32::MAX {
        return None;
    }
    let (mut i, mut j) = (0, 0);
    let mut alts = Vec::new();
    while i < len {
        let (next, alt) = choice[i][j];
        alts.push(alt);
        i = next;
        j += 1;
    }
    let tier = if cost >= SHORT {
        2
    } else if cost >= SHORT_LAST {
        1
    } else {
        0
    };
    Some((
        Fit {
            tier,
            continues: j < n,
            rare_readings: (cost % SHORT_LAST) as u8,
        },
        alts,
    ))
}

/// Words the input spells, best first: by fit, then corpus count. `whole`:
/// only words whose every syllable was typed (search); otherwise words the
/// input begins too (suggestions).
fn matches(
    archive: &Archive,
    input: &str,
    whole: bool,
) -> Result<Vec<(Fit, u64, String, String)>, Need> {
    let Some(input) = parse_input(input) else {
        return Ok(Vec::new());
    };
    let idx = &archive.index;
    if idx.meta.pinyin.is_empty() {
        return Ok(Vec::new());
    }
    // The first unit names the shards: its letter, or the readings of its character.
    let letters: Vec<char> = match input.units[0] {
        Unit::Letter(b) => vec![b as char],
        Unit::Han(c) => {
            let table = idx.reading_table().map_err(|f| Need(vec![f]))?;
            let mut ls: Vec<char> = table
                .0
                .get(&c)
                .into_iter()
                .flatten()
                .filter_map(|s| s.chars().next())
                .collect();
            ls.sort_unstable();
            ls.dedup();
            ls
        }
    };
    let mut shards = Vec::new();
    let mut need: Vec<String> = Vec::new();
    for l in letters {
        if let Some(Some(s)) = note(&mut need, idx.pinyin_entries(l)) {
            shards.push(s);
        }
    }
    if !need.is_empty() {
        return Err(Need(need));
    }
    let mut found: BTreeMap<&str, (Fit, u64, String)> = BTreeMap::new();
    for s in shards {
        for e in s {
            let chars: Vec<char> = e.word.chars().collect();
            let Some((f, alts)) = fit(&input, &chars, &e.reading, whole) else {
                continue;
            };
            let pinyin = e
                .reading
                .0
                .iter()
                .enumerate()
                .map(|(j, syl)| syl[alts.get(j).copied().unwrap_or(0)].as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let better = found.get(e.word.as_str()).is_none_or(|(g, _, _)| f < *g);
            if better {
                found.insert(&e.word, (f, e.count, pinyin));
            }
        }
    }
    let mut out: Vec<(Fit, u64, String, String)> = found
        .into_iter()
        .map(|(w, (f, c, p))| (f, c, w.to_string(), p))
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    Ok(out)
}

/// The Chinese words a pinyin query term stands for: words whose every
/// syllable the input spells, from the best-fitting class only (full
/// syllables before a shortened last one before initials; a character's
/// usual reading before its second one, so `yinhang` finds 银行 while `ph`
/// brings no word whose 平 would read pian), at most
/// [`MAX_EXPANSIONS`], most frequent first. Empty when the input is not pinyin
/// or matches nothing.
pub fn expansions(archive: &Archive, input: &str) -> Result<Vec<String>, Need> {
    let all = matches(archive, input, true)?;
    let class = |f: &Fit| (f.tier, f.rare_readings > 0);
    let Some(best) = all.first().map(|m| class(&m.0)) else {
        return Ok(Vec::new());
    };
    Ok(all
        .into_iter()
        .filter(|m| class(&m.0) == best)
        .take(MAX_EXPANSIONS)
        .map(|m| m.2)
        .collect())
}

/// Where `word`, spelled in full syllables, can end when it starts at
/// `letters[start]`: (end, through a less common reading).
fn full_spellings(letters: &[u8], start: usize, reading: &Reading, out: &mut Vec<(usize, bool)>) {
    fn walk(
        letters: &[u8],
        at: usize,
        syllables: &[Vec<String>],
        rare: bool,
        out: &mut Vec<(usize, bool)>,
    ) {
        let Some((first, rest)) = syllables.split_first() else {
            out.push((at, rare));
            return;
        };
        for (k, syl) in first.iter().enumerate() {
            let s = syl.as_bytes();
            let fits = letters.len() - at >= s.len()
                && !s.is_empty()
                && s.iter()
                    .zip(&letters[at..])
                    .all(|(&st, &t)| letter_eq(t, st));
            if fits {
                walk(letters, at + s.len(), rest, rare || k > 0, out);
            }
        }
    }
    walk(letters, start, &reading.0, false, out);
}

/// Fewest pieces first, then the most frequent words.
type SplitCost = (usize, std::cmp::Reverse<u64>);
/// Words spelling the input from one place, by where they end: (through a
/// less common reading, corpus count, word).
type PiecesFrom<'a> = BTreeMap<usize, Vec<(bool, u64, &'a str)>>;

/// Pinyin typed without spaces across several words (`pinghuyurongfu`, a
/// visitor with no Chinese input method typing a phrase): when no one word
/// spells the input, the fewest vocabulary words that spell it together in
/// full syllables, as one list of words per piece (each the usual-reading
/// words first, most frequent first, at most [`MAX_EXPANSIONS`]). `None`
/// when the input is not letters alone, or no such split exists.
///
/// `Err(Need)` asks for the pinyin shards of the letters where a piece may
/// start; each call reaches further, so a split of k pieces takes at most k
/// rounds, one shard per distinct starting letter.
pub fn split_words(archive: &Archive, input: &str) -> Result<Option<Vec<Vec<String>>>, Need> {
    let Some(input) = parse_input(input) else {
        return Ok(None);
    };
    if input.breaks.iter().any(|&b| b) || input.units.len() < 4 {
        return Ok(None);
    }
    let letters: Vec<u8> = input
        .units
        .iter()
        .map(|u| match u {
            Unit::Letter(b) => Some(*b),
            Unit::Han(_) => None,
        })
        .collect::<Option<_>>()
        .unwrap_or_default();
    let len = letters.len();
    if len == 0 || archive.index.meta.pinyin.is_empty() {
        return Ok(None);
    }
    // pieces[i]: words spelling letters[i..end], per end.
    let mut pieces: Vec<PiecesFrom> = vec![BTreeMap::new(); len];
    // best[i]: cheapest split of letters[..i] and where its last piece starts.
    let mut best: Vec<Option<(SplitCost, usize)>> = vec![None; len + 1];
    best[0] = Some(((0, std::cmp::Reverse(0)), 0));
    let mut need = Vec::new();
    let mut ends = Vec::new();
    for i in 0..len {
        let Some(((n, std::cmp::Reverse(weight)), _)) = best[i] else {
            continue;
        };
        let Some(Some(entries)) = note(&mut need, archive.index.pinyin_entries(letters[i] as char))
        else {
            continue;
        };
        for e in entries {
            ends.clear();
            full_spellings(&letters, i, &e.reading, &mut ends);
            for &(end, rare) in &ends {
                if end > i {
                    pieces[i]
                        .entry(end)
                        .or_default()
                        .push((rare, e.count, e.word.as_str()));
                }
            }
        }
        for (&end, words) in &pieces[i] {
            let top = words.iter().map(|w| w.1).max().unwrap_or(0);
            let cost = (n + 1, std::cmp::Reverse(weight + top));
            if best[end].is_none_or(|(c, _)| cost < c) {
                best[end] = Some((cost, i));
            }
        }
    }
    if !need.is_empty() {
        return Err(Need(need));
    }
    let Some(((n, _), _)) = best[len] else {
        return Ok(None);
    };
    if n < 2 {
        return Ok(None);
    }
    let mut out = Vec::with_capacity(n);
    let mut end = len;
    while end > 0 {
        let (_, start) = best[end].expect("on the path");
        let mut words = pieces[start][&end].clone();
        // Usual readings before less common ones, then the most frequent.
        let usual = words.iter().any(|w| !w.0);
        words.retain(|w| !(usual && w.0));
        words.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(b.2)));
        words.dedup_by(|a, b| a.2 == b.2);
        out.push(
            words
                .into_iter()
                .take(MAX_EXPANSIONS)
                .map(|w| w.2.to_string())
                .collect(),
        );
        end = start;
    }
    out.reverse();
    Ok(Some(out))
}

/// Suggestions for what a visitor is typing, for a dropdown under the search box.
///
/// `input` is one pinyin run, as typed: letters (`pinghu`, `PingHu`), spaces or
/// apostrophes between syllables (`ping hu`, `ping'hu`), initials (`ph`),
/// shortened syllables (`pingh`), and Chinese characters at any place
/// (`平hu`); `u` also types `ü`. Traditional characters fold to Simplified. An
/// input of Chinese characters only suggests vocabulary words starting with it.
/// Pass the word being typed, not the whole query: other query syntax
/// (`作者:`, `-x`, quotes, digits) makes the input match nothing.
///
/// Input that spells no word but several typed without spaces
/// (`pinghuyurongfu`) gets one suggestion of those words separated by spaces
/// (`平湖 羽绒服`, count 0; see [`split_words`]).
///
/// Returns at most `limit` words of the archive's vocabulary (words jieba found
/// at least 4 times at build), best first: words whose syllables were all typed
/// in full, then those with only the last syllable shortened, then initials;
/// within each, words that were typed whole before words the input only
/// begins (`ping` → 平湖), less common readings of a character after the usual
/// one, then the most frequent. Empty (never an error) when nothing matches,
/// for input that is not pinyin, or for a bundle built without pinyin.
///
/// `Err(Need)` names the files to load first, then call again: for Latin
/// first input the pinyin shard of its first letter (`index/pp.js`, a few
/// kilobytes) and the readings ([`READINGS_FILE`]), in one round; for a
/// Chinese first character the readings, then the pinyin shards of its
/// readings. Cheap enough to call on every keystroke (a scan of one shard, no
/// document shard).
pub fn suggest(archive: &Archive, input: &str, limit: usize) -> Result<Vec<Suggestion>, Need> {
    let folded = fold(input.trim());
    if !folded.is_empty() && folded.chars().all(is_han) {
        return prefix_words(archive, &folded, limit);
    }
    let found: Vec<Suggestion> = matches(archive, input, false)?
        .into_iter()
        .take(limit)
        .map(|(_, count, word, pinyin)| Suggestion {
            word,
            pinyin,
            count,
        })
        .collect();
    if !found.is_empty() || limit == 0 {
        return Ok(found);
    }
    // Several words typed without spaces: their most frequent spellings, as
    // the terms of one search (`平湖 羽绒服`).
    Ok(split_words(archive, input)?
        .map(|pieces| Suggestion {
            word: pieces
                .iter()
                .filter_map(|p| p.first().map(String::as_str))
                .collect::<Vec<_>>()
                .join(" "),
            pinyin: fold(input.trim()),
            count: 0,
        })
        .into_iter()
        .collect())
}

/// Vocabulary words starting with Chinese `prefix`, most frequent first.
fn prefix_words(archive: &Archive, prefix: &str, limit: usize) -> Result<Vec<Suggestion>, Need> {
    let first = prefix.chars().next().expect("not empty");
    let shard = archive.index.shard_for(first).map_err(Need)?;
    let mut words: Vec<(&String, u64)> = shard
        .words
        .iter()
        .filter(|(w, _)| w.starts_with(prefix) && w.len() > prefix.len())
        .map(|(w, e)| (w, e.count))
        .collect();
    words.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    Ok(words
        .into_iter()
        .take(limit)
        .map(|(w, count)| Suggestion {
            word: w.clone(),
            pinyin: String::new(),
            count,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(s: &str) -> Option<Input> {
        parse_input(s)
    }

    fn fit_of(q: &str, word: &str, reading: &str, whole: bool) -> Option<Fit> {
        let chars: Vec<char> = word.chars().collect();
        fit(&input(q)?, &chars, &Reading::parse(reading), whole).map(|f| f.0)
    }

    const FULL: Fit = Fit {
        tier: 0,
        continues: false,
        rare_readings: 0,
    };
    const LAST_SHORT: Fit = Fit { tier: 1, ..FULL };
    const INITIALS: Fit = Fit { tier: 2, ..FULL };

    /// (input, word, reading, fit for search)
    const CASES: &[(&str, &str, &str, Option<Fit>)] = &[
        ("pinghu", "平湖", "ping hu", Some(FULL)),
        ("ping hu", "平湖", "ping hu", Some(FULL)),
        ("ping'hu", "平湖", "ping hu", Some(FULL)),
        ("PingHu", "平湖", "ping hu", Some(FULL)),
        ("ＰｉｎｇＨｕ", "平湖", "ping hu", Some(FULL)),
        ("  ping  hu  ", "平湖", "ping hu", Some(FULL)),
        ("ph", "平湖", "ping hu", Some(INITIALS)),
        ("pingh", "平湖", "ping hu", Some(LAST_SHORT)),
        ("phu", "平湖", "ping hu", Some(INITIALS)),
        ("平hu", "平湖", "ping hu", Some(FULL)),
        ("平h", "平湖", "ping hu", Some(LAST_SHORT)),
        ("ping湖", "平湖", "ping hu", Some(FULL)),
        ("yurongfu", "羽绒服", "yu rong fu", Some(FULL)),
        ("yrf", "羽绒服", "yu rong fu", Some(INITIALS)),
        // A break inside a syllable does not match it.
        ("pin ghu", "平湖", "ping hu", None),
        ("pinghu", "平衡", "ping heng", None),
        ("ping", "平湖", "ping hu", None),
        ("pinghux", "平湖", "ping hu", None),
        ("湖hu", "平湖", "ping hu", None),
        ("xyzzy", "平湖", "ping hu", None),
        // Less common readings match, marked.
        (
            "yinhang",
            "银行",
            "yin xing/hang",
            Some(Fit {
                rare_readings: 1,
                ..FULL
            }),
        ),
        ("yinxing", "银行", "yin xing/hang", Some(FULL)),
        // ü typed as v or u.
        ("lvse", "绿色", "lv se", Some(FULL)),
        ("luse", "绿色", "lv se", Some(FULL)),
        // xian: one syllable or two.
        ("xian", "西安", "xi an", Some(FULL)),
        ("xi'an", "西安", "xi an", Some(FULL)),
    ];

    #[test]
    fn fits() {
        for &(q, word, reading, want) in CASES {
            assert_eq!(fit_of(q, word, reading, true), want, "{q:?} ~ {word}");
        }
        assert_eq!(
            fit_of("ping", "平湖", "ping hu", false),
            Some(Fit {
                continues: true,
                ..FULL
            })
        );
        assert_eq!(
            fit_of("pinghu", "平湖县", "ping hu xian", false),
            Some(Fit {
                continues: true,
                ..FULL
            })
        );
    }

    #[test]
    fn inputs_that_are_not_pinyin() {
        for q in [
            "", " ", "'''", "’ ’", "平湖", "1998", "ping1", "ping-hu", "über",
        ] {
            assert_eq!(input(q), None, "{q:?}");
        }
        assert!(input(&"a".repeat(MAX_INPUT)).is_some());
        assert_eq!(input(&"a".repeat(MAX_INPUT + 1)), None);
        assert!(is_pinyin_like("pinghu"));
        assert!(is_pinyin_like("平hu"));
        assert!(is_pinyin_like("ping'hu"));
        assert!(!is_pinyin_like("平湖"));
        assert!(!is_pinyin_like("1998a"));
        assert!(!is_pinyin_like("'"));
    }

    // proptest needs OS randomness, which wasm32-unknown-unknown lacks.
    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn never_panics(q in "\\PC{0,80}", word in "[平湖羽绒服行]{1,6}", reading in "[a-z]{0,6}( [a-z/]{0,7}){0,6}") {
            let chars: Vec<char> = word.chars().collect();
            if let Some(i) = parse_input(&q) {
                let _ = fit(&i, &chars, &Reading::parse(&reading), true);
                let _ = fit(&i, &chars, &Reading::parse(&reading), false);
            }
            let _ = is_pinyin_like(&q);
        }
    }
}
