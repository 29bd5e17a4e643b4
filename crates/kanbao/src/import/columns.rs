//! Column order: putting the pieces of an article back in reading order when
//! the extraction mixed its columns (jumps between pages are in [`super::jump`]).
//!
//! Evidence used: a `本报讯` opening found after other body text, and joins
//! where the end of one piece and the start of another form a string that
//! the page prints elsewhere (`…市长周军` + `波主持…`).

use std::cell::OnceCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::draft::Piece;
use super::text::ends_complete;

pub use super::jump::{split_jump_from, split_jump_to};

/// Pieces in reading order, and whether that differs from print order.
#[derive(Debug, Default)]
pub struct Order {
    pub order: Vec<usize>,
    pub moved: bool,
    pub moved_lines: Vec<u32>,
}

fn last_chars(s: &str, n: usize) -> String {
    let v: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
    v[v.len().saturating_sub(n)..].iter().collect()
}

fn first_chars(s: &str, n: usize) -> String {
    s.chars().filter(|c| !c.is_whitespace()).take(n).collect()
}

/// How often each run of two and of three characters occurs on the page
/// (spaces removed, lines kept apart): the evidence for joins, counted in
/// one pass over the page, the first time a join is weighed, instead of a
/// search of the page for every join.
#[derive(Debug, Default)]
pub struct Joins {
    corpus: String,
    counts: OnceCell<Counts>,
}

#[derive(Debug, Default)]
struct Counts {
    pairs: HashMap<(char, char), usize, BuildHasherDefault<CharHasher>>,
    triples: HashMap<(char, char, char), usize, BuildHasherDefault<CharHasher>>,
}

/// A hasher for runs of characters (multiply and rotate, as rustc's
/// FxHash): counting a page's runs is most of weighing joins, and the
/// keys are a few characters, not input an attacker chooses to collide.
#[derive(Debug, Default)]
struct CharHasher(u64);

impl Hasher for CharHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

impl Joins {
    /// The evidence of `corpus` ([`super::fields::corpus_of`]).
    pub fn new(corpus: String) -> Joins {
        Joins {
            corpus,
            counts: OnceCell::new(),
        }
    }
    fn counts(&self) -> &Counts {
        self.counts.get_or_init(|| {
            let mut c = Counts::default();
            for line in self.corpus.split('\n') {
                let cs: Vec<char> = line.chars().collect();
                for w in cs.windows(2) {
                    *c.pairs.entry((w[0], w[1])).or_default() += 1;
                }
                for w in cs.windows(3) {
                    *c.triples.entry((w[0], w[1], w[2])).or_default() += 1;
                }
            }
            c
        })
    }
    fn pair(&self, a: char, b: char) -> usize {
        self.counts().pairs.get(&(a, b)).copied().unwrap_or(0)
    }
    fn triple(&self, a: char, b: char, c: char) -> usize {
        self.counts().triples.get(&(a, b, c)).copied().unwrap_or(0)
    }
}

/// How strongly the page supports `a` running on into `b`.
pub(crate) fn join_score(a: &str, b: &str, joins: &Joins) -> usize {
    let a2: Vec<char> = last_chars(a, 2).chars().collect();
    let b2: Vec<char> = first_chars(b, 2).chars().collect();
    let (Some(&a1), Some(&b1)) = (a2.last(), b2.first()) else {
        return 0;
    };
    if !super::text::is_han(a1) || !super::text::is_han(b1) {
        return 0;
    }
    // A common pair (`中`+`国`) says little by itself: it counts once.
    let mut score = joins.pair(a1, b1).min(1);
    if a2.len() == 2 {
        score += 2 * joins.triple(a2[0], a1, b1);
    }
    if b2.len() == 2 {
        score += 2 * joins.triple(a1, b1, b2[1]);
    }
    score
}

/// A dateline (`本报讯`) after the first piece, not under a section
/// heading (a roundup's parts each open with their own): where the story's
/// text starts when the extraction put other text of it first.
fn late_dateline(pieces: &[Piece]) -> Option<usize> {
    (1..pieces.len()).find(|&k| {
        !pieces[k].heading && !pieces[k - 1].heading && pieces[k].text.starts_with("本报讯")
    })
}

/// Whether an article shows signs worth a reordering search.
fn suspicious(pieces: &[Piece]) -> bool {
    let late_dateline = !pieces[0].text.starts_with("本报讯") && late_dateline(pieces).is_some();
    let fragments = pieces[..pieces.len() - 1]
        .iter()
        .filter(|p| {
            !p.heading && !ends_complete(&p.text) && super::text::visible_len(&p.text) <= 20
        })
        .count();
    late_dateline || fragments >= 1
}

/// Rebuilds reading order, with the page's join evidence.
pub fn reading_order(pieces: &[Piece], joins: &Joins) -> Order {
    let n = pieces.len();
    let identity: Vec<usize> = (0..n).collect();
    if n < 3 || !suspicious(pieces) {
        return Order {
            order: identity,
            ..Default::default()
        };
    }
    let late = if pieces[0].text.starts_with("本报讯") {
        None
    } else {
        late_dateline(pieces)
    };
    let mut displaced = vec![false; n];
    let first = match late {
        Some(k) => {
            displaced[k + 1..].iter_mut().for_each(|d| *d = true);
            k
        }
        None => 0,
    };
    let mut out = vec![first];
    let mut remaining: Vec<usize> = (0..n).filter(|&j| j != first).collect();
    while !remaining.is_empty() {
        let last = &pieces[*out.last().unwrap()];
        let pos = if !last.heading && !ends_complete(&last.text) {
            let nat = join_score(&last.text, &pieces[remaining[0]].text, joins);
            let best = remaining
                .iter()
                .take(8)
                .enumerate()
                .filter(|(_, &j)| !pieces[j].heading)
                .map(|(p, &j)| (join_score(&last.text, &pieces[j].text, joins), p))
                .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
            match best {
                Some((s, p)) if s >= 2 && s > nat => p,
                _ if nat == 0 => remaining
                    .iter()
                    .position(|&j| displaced[j] && !pieces[j].heading)
                    .unwrap_or(0),
                _ => 0,
            }
        } else {
            remaining.iter().position(|&j| !displaced[j]).unwrap_or(0)
        };
        out.push(remaining.remove(pos));
    }
    let moved = out != identity;
    let moved_lines = out
        .iter()
        .enumerate()
        .filter(|(i, &j)| *i != j)
        .map(|(_, &j)| pieces[j].line)
        .collect();
    Order {
        order: out,
        moved,
        moved_lines,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn late_dateline_leads() {
        let ps = [
            Piece::line(1, "波主持召开常务会议。"),
            Piece::line(2, "在学习时,周军波强调,要着力打"),
            Piece::line(3, "本报讯 昨天上午,市长周军"),
            Piece::line(4, "造一批特色专业。"),
        ];
        let joins = Joins::new("周军波强调\n周军波\n打造打造".into());
        let o = reading_order(&ps, &joins);
        assert_eq!(o.order, [2, 0, 1, 3]);
        assert!(o.moved);
    }

    #[test]
    fn a_dateline_under_a_section_heading_stays_in_place() {
        let ps = [
            Piece::line(1, "某国决定向灾区提供援"),
            Piece::line(2, "助，用于购买帐篷。"),
            Piece {
                line: 3,
                text: "甲国".into(),
                heading: true,
            },
            Piece::line(4, "本报讯 甲国今天宣布，将提供援助。"),
        ];
        let o = reading_order(&ps, &Joins::new(String::new()));
        assert_eq!(o.order, [0, 1, 2, 3]);
        assert!(!o.moved);
    }
}
