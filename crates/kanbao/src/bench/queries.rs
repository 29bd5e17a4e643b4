//! The queries a benchmark runs: a file of them, or a generated set drawn
//! from the bundle's own articles with a fixed seed, so every run (and every
//! engine `cargo xtask bench` compares) asks the same.

use anyhow::{bail, Context, Result};
use kanbao_bundle::search::normalize::{fold, is_word_char};
use kanbao_bundle::Article;

use super::Options;

/// Small deterministic generator (xorshift64*), so query sets repeat.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545F4914F6CDD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

#[derive(Clone, Debug)]
pub struct BenchQuery {
    pub kind: &'static str,
    pub text: String,
    /// For known-item queries: the document the query came from.
    pub target: Option<u32>,
}

/// The queries of `--queries`, one a line, or a generated set.
pub(super) fn queries(opts: &Options, refs: &[(u32, &Article)]) -> Result<Vec<BenchQuery>> {
    let queries: Vec<BenchQuery> = match &opts.queries {
        Some(path) => std::fs::read_to_string(path)
            .with_context(|| format!("{}: cannot read", path.display()))?
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| BenchQuery {
                kind: "file",
                text: l.trim().to_string(),
                target: None,
            })
            .collect(),
        None => generate(refs, opts.count, 0x6b616e62616f),
    };
    if queries.is_empty() {
        bail!("no queries");
    }
    Ok(queries)
}

/// Runs of word characters of `s` (char vectors).
fn runs(s: &str) -> Vec<Vec<char>> {
    s.split(|c: char| !is_word_char(c))
        .filter(|r| !r.is_empty())
        .map(|r| r.chars().collect())
        .collect()
}

/// A generated query set: headline phrases (known items), substrings inside
/// and across words, names, Latin/digit strings, and two-term queries, as
/// many of each kind (an article drawn that has no query of the kind drawn
/// is passed over).
pub fn generate(articles: &[(u32, &Article)], count: usize, seed: u64) -> Vec<BenchQuery> {
    let mut rng = Rng(seed | 1);
    let mut out = Vec::new();
    let mut tries = 0;
    let per = count.div_ceil(5).max(1);
    let mut counts = [0usize; 5];
    while counts.iter().sum::<usize>() < per * 5 && tries < count * 200 {
        tries += 1;
        let (doc, a) = articles[rng.below(articles.len())];
        let kind = rng.below(5);
        if counts[kind] >= per {
            continue;
        }
        let q = match kind {
            0 => headline_query(&mut rng, doc, a),
            1 => substring_query(&mut rng, a),
            2 => name_query(&mut rng, a),
            3 => latin_digit_query(&mut rng, a),
            _ => multi_term_query(&mut rng, a),
        };
        let Some(q) = q else {
            continue;
        };
        counts[kind] += 1;
        out.push(q);
    }
    out
}

/// A headline phrase: the longest run, 4–12 characters of it; a known item.
fn headline_query(rng: &mut Rng, doc: u32, a: &Article) -> Option<BenchQuery> {
    let h = fold(&a.headline);
    let r = runs(&h).into_iter().max_by_key(|r| r.len())?;
    if r.len() < 4 {
        return None;
    }
    let len = (4 + rng.below(9)).min(r.len());
    let start = rng.below(r.len() - len + 1);
    Some(BenchQuery {
        kind: "headline",
        text: r[start..start + len].iter().collect(),
        target: Some(doc),
    })
}

/// Two to four characters from inside a run of the body.
fn substring_query(rng: &mut Rng, a: &Article) -> Option<BenchQuery> {
    let body = fold(&a.paragraphs.join("\n"));
    let rs: Vec<Vec<char>> = runs(&body).into_iter().filter(|r| r.len() >= 4).collect();
    if rs.is_empty() {
        return None;
    }
    let r = &rs[rng.below(rs.len())];
    let len = 2 + rng.below(3);
    let start = rng.below(r.len() - len + 1);
    Some(BenchQuery {
        kind: "substring",
        text: r[start..start + len].iter().collect(),
        target: None,
    })
}

/// A name: from the byline, else three characters after 记者.
fn name_query(rng: &mut Rng, a: &Article) -> Option<BenchQuery> {
    let names = a.byline.all_names();
    let name = if !names.is_empty() {
        fold(names[rng.below(names.len())])
    } else {
        let body = fold(&a.paragraphs.join("\n"));
        let i = body.find("记者")?;
        let after: String = body[i + "记者".len()..].chars().take(3).collect();
        if after.chars().count() < 2 || !after.chars().all(is_word_char) {
            return None;
        }
        after
    };
    Some(BenchQuery {
        kind: "name",
        text: name,
        target: None,
    })
}

/// Two to four characters of a run of ASCII letters and digits.
fn latin_digit_query(rng: &mut Rng, a: &Article) -> Option<BenchQuery> {
    let text = fold(&a.paragraphs.join("\n"));
    let rs: Vec<Vec<char>> = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|r| r.len() >= 2)
        .map(|r| r.chars().collect())
        .collect();
    if rs.is_empty() {
        return None;
    }
    let r = &rs[rng.below(rs.len())];
    let len = (2 + rng.below(3)).min(r.len());
    let start = rng.below(r.len() - len + 1);
    Some(BenchQuery {
        kind: "latin/digit",
        text: r[start..start + len].iter().collect(),
        target: None,
    })
}

/// Two terms of two or three characters, each from a run of the body.
fn multi_term_query(rng: &mut Rng, a: &Article) -> Option<BenchQuery> {
    let body = fold(&a.paragraphs.join("\n"));
    let rs: Vec<Vec<char>> = runs(&body).into_iter().filter(|r| r.len() >= 3).collect();
    if rs.len() < 2 {
        return None;
    }
    let mut pick = || {
        let r = &rs[rng.below(rs.len())];
        let len = 2 + rng.below(2);
        let start = rng.below(r.len() - len + 1);
        r[start..start + len].iter().collect::<String>()
    };
    Some(BenchQuery {
        kind: "multi-term",
        text: format!("{} {}", pick(), pick()),
        target: None,
    })
}
