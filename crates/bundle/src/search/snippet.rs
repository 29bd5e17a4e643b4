//! Highlighting and snippets. Work is done on characters, never bytes, so a
//! cut never breaks a character; marked runs are merged so a hit is never split.

use super::results::Fragment;
use crate::format::Article;
use crate::text::normalize::fold_char;

/// Which characters of `text` are part of an occurrence of any of `terms`
/// (terms already folded).
fn marks(chars: &[char], terms: &[String]) -> Vec<bool> {
    let folded: Vec<char> = chars.iter().map(|&c| fold_char(c)).collect();
    let mut marks = vec![false; chars.len()];
    for t in terms {
        let t: Vec<char> = t.chars().collect();
        if t.is_empty() || t.len() > folded.len() {
            continue;
        }
        for i in 0..=folded.len() - t.len() {
            if folded[i] == t[0] && folded[i..i + t.len()] == t[..] {
                marks[i..i + t.len()].iter_mut().for_each(|m| *m = true);
            }
        }
    }
    marks
}

fn fragments(chars: &[char], marks: &[bool]) -> Vec<Fragment> {
    let mut out: Vec<Fragment> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        match out.last_mut() {
            Some(f) if f.hit == marks[i] => f.text.push(c),
            _ => out.push(Fragment {
                text: c.to_string(),
                hit: marks[i],
            }),
        }
    }
    out
}

/// `text` cut into plain and highlighted fragments for `terms` (as returned in
/// [`super::SearchResults::terms`]); for the article view.
pub fn highlight(text: &str, terms: &[String]) -> Vec<Fragment> {
    let chars: Vec<char> = text.chars().collect();
    let m = marks(&chars, terms);
    fragments(&chars, &m)
}

const BEFORE: usize = 20;
const WINDOW: usize = 90;

/// A passage of about [`WINDOW`] characters of `text` around the first hit,
/// with `…` where it was cut; `None` when `text` has no hit.
pub fn passage(text: &str, terms: &[String], or_start: bool) -> Option<Vec<Fragment>> {
    let chars: Vec<char> = text.chars().collect();
    let m = marks(&chars, terms);
    let first = m.iter().position(|&x| x);
    if first.is_none() && !or_start {
        return None;
    }
    let first = first.unwrap_or(0);
    let mut start = first.saturating_sub(BEFORE);
    let mut end = (start + WINDOW).min(chars.len());
    // Never cut inside a highlighted run.
    while start > 0 && m[start] && m[start - 1] {
        start -= 1;
    }
    while end < chars.len() && end > 0 && m[end - 1] && m[end] {
        end += 1;
    }
    let mut out = Vec::new();
    if start > 0 {
        out.push(Fragment {
            text: "…".into(),
            hit: false,
        });
    }
    out.extend(fragments(&chars[start..end], &m[start..end]));
    if end < chars.len() {
        out.push(Fragment {
            text: "…".into(),
            hit: false,
        });
    }
    Some(out)
}

/// A short passage around the first hit: the body's, else the headline's
/// fields', else the start of the body.
pub fn snippet(article: &Article, terms: &[String]) -> Vec<Fragment> {
    let body = article.paragraphs.join(" ");
    if let Some(p) = passage(&body, terms, false) {
        return p;
    }
    for (_, text) in article.fields() {
        if let Some(p) = passage(text, terms, false) {
            return p;
        }
    }
    passage(&body, terms, true).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(f: &[Fragment]) -> String {
        f.iter()
            .map(|f| {
                if f.hit {
                    format!("[{}]", f.text)
                } else {
                    f.text.clone()
                }
            })
            .collect()
    }

    #[test]
    fn highlights_folded_and_overlapping_terms() {
        let t = vec!["1998".to_string(), "年新".to_string(), "新年".to_string()];
        assert_eq!(
            show(&highlight("１９９８年新年讲话", &t)),
            "[１９９８年新年]讲话"
        );
        assert_eq!(
            show(&highlight("ABC abc", &["bc".to_string()])),
            "A[BC] a[bc]"
        );
        assert_eq!(show(&highlight("", &t)), "");
        assert_eq!(show(&highlight("无", &[String::new()])), "无");
    }

    #[test]
    fn passage_keeps_hits_whole() {
        let text = "甲".repeat(200) + "江泽民" + &"乙".repeat(200);
        let p = passage(&text, &["江泽民".into()], false).unwrap();
        let s = show(&p);
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(s.contains("[江泽民]"));
        assert!(passage("无关", &["江泽民".into()], false).is_none());
        let long = "江".repeat(300);
        let p = passage(&long, &["江".into()], false).unwrap();
        assert_eq!(p.len(), 1, "one whole hit run, never cut");
    }
}
