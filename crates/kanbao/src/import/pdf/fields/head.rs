//! The head: kicker, headline and subheadline by type size, and what kind
//! of article the group is.

use kanbao_bundle::ArticleKind;

use crate::import::pdf::lines::Line;
use crate::import::pdf::order::GroupKind;

/// Lines' text joined without spaces (a space only between two Latin
/// words).
pub fn join(parts: &[&str]) -> String {
    let mut out = String::new();
    for p in parts {
        let p = p.trim();
        let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic());
        if latin(out.chars().last()) && latin(p.chars().next()) {
            out.push(' ');
        }
        out.push_str(p);
    }
    out
}

/// Kicker, headline, subheadline from head lines (top to bottom): the run
/// of lines in the largest type (within 90% of it) is the headline, lines
/// above it the kicker, lines below it the subheadline.
pub fn split_head(lines: &[Line], head: &[usize]) -> (Option<String>, String, Option<String>) {
    if head.is_empty() {
        return (None, String::new(), None);
    }
    let max = head.iter().map(|&i| lines[i].size).fold(0.0, f32::max);
    let big = |i: usize| lines[i].size >= 0.9 * max;
    let first = head.iter().position(|&i| big(i)).unwrap();
    let mut end = first;
    while end + 1 < head.len() && big(head[end + 1]) {
        end += 1;
    }
    let text = |r: &[usize]| {
        let v: Vec<&str> = r.iter().map(|&i| lines[i].text.as_str()).collect();
        join(&v)
    };
    let kicker = (first > 0).then(|| text(&head[..first]));
    let sub = (end + 1 < head.len()).then(|| text(&head[end + 1..]));
    (kicker, text(&head[first..=end]), sub)
}

/// Words of a notice's headline (`声明`, `启事`…): a box headed so is a notice,
/// any other box an ad.
const NOTICE_WORDS: [&str; 9] = [
    "声明", "启事", "启示", "公告", "通知", "更正", "通告", "讣告", "告示",
];

/// The kind of article a group of `kind` with `headline` is.
pub fn article_kind(kind: GroupKind, headline: &str) -> ArticleKind {
    match kind {
        GroupKind::News => ArticleKind::News,
        GroupKind::Photo => ArticleKind::Photo,
        GroupKind::Banner => ArticleKind::Banner,
        GroupKind::Credit => ArticleKind::Notice,
        GroupKind::Boxed if NOTICE_WORDS.iter().any(|w| headline.contains(w)) => {
            ArticleKind::Notice
        }
        GroupKind::Boxed => ArticleKind::Ad,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::pdf::model::Rect;

    #[test]
    fn head_parts() {
        let mk = |t: &str, s: f32| Line {
            text: t.into(),
            bbox: Rect::default(),
            size: s,
            bold: false,
            font: 0,
            glyphs: vec![],
        };
        let ls = vec![
            mk("引题", 14.0),
            mk("主题上行", 26.0),
            mk("主题下行", 26.0),
            mk("——副题", 14.0),
        ];
        let (k, h, s) = split_head(&ls, &[0, 1, 2, 3]);
        assert_eq!(k.as_deref(), Some("引题"));
        assert_eq!(h, "主题上行主题下行");
        assert_eq!(s.as_deref(), Some("——副题"));
    }

    #[test]
    fn boxes_are_notices_by_their_headline() {
        assert_eq!(
            article_kind(GroupKind::Boxed, "遗失声明"),
            ArticleKind::Notice
        );
        assert_eq!(
            article_kind(GroupKind::Boxed, "新春大酬宾"),
            ArticleKind::Ad
        );
        assert_eq!(join(&["Windows", " NT ", "中文"]), "Windows NT中文");
    }
}
