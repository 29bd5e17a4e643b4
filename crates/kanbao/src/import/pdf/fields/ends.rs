//! What a story prints at the ends of its text, taken out of its paragraphs
//! into fields (the characters that are not names kept as marks):
//! - jumps: `(下转2版)` ending a paragraph or on a line of its own,
//!   `(上接1版)` opening the body;
//! - the opening: a name on a line of its own over the dateline, the
//!   dateline `本报讯`, and a byline in brackets after it or opening the body;
//! - the close: a photo credit closing a caption, a byline run on after the
//!   last sentence, an author in brackets.

use kanbao_bundle::Role;

use super::body::Paragraphs;
use super::built::Built;
use super::bylines::{split_closing_author, split_closing_role, take_embedded_byline};
use super::names::ROLE_WORDS;
use crate::import::model::MarkKind;
use crate::import::{byline, jump};

/// `(下转2版)` in any paragraph, `(上接1版)` opening the first.
pub fn take_jumps(paras: &mut Paragraphs, out: &mut Built) {
    for (p, line) in paras.iter_mut() {
        if let Some((rest, to, printed)) = jump::split_jump_to(p) {
            out.article.continues_to = Some(to);
            out.mark(*line, MarkKind::Jump, printed);
            *p = rest;
        }
    }
    if let Some((p, line)) = paras.first_mut() {
        if let Some((rest, from, printed)) = jump::split_jump_from(p) {
            out.article.continued_from = Some(from);
            out.mark(*line, MarkKind::Jump, printed);
            *p = rest;
        }
    }
}

/// The opening of the body: a name over the dateline, the dateline, and a
/// byline in brackets after it, or opening a body with no dateline
/// (`（记者闵鹿蕾通讯员林徽因）中国奥委会…`).
pub fn take_opening(paras: &mut Paragraphs, out: &mut Built) {
    take_dash_deck(paras, out);
    take_name_over_dateline(paras, out);
    if let Some((p, line)) = paras.first_mut() {
        if let Some(rest) = p.strip_prefix("本报讯") {
            out.article.dateline = Some("本报讯".to_string());
            let rest = rest.trim_start().to_string();
            *p = rest;
            take_embedded_byline(p, *line, out);
        }
    }
    if out.article.dateline.is_none() {
        if let Some((p, line)) = paras.first_mut() {
            take_embedded_byline(p, *line, out);
        }
    }
}

/// A subheadline in body type that closes the headline's title mark
/// (`《世界现代化进程中的` / `——中国社会主义》`), run by the paragraphs into
/// the text under it: taken off the text up to the closing mark.
fn take_dash_deck(paras: &mut Paragraphs, out: &mut Built) {
    let head = &out.article.headline;
    let open = head.matches('《').count() > head.matches('》').count();
    let Some((p, _)) = paras.first_mut() else {
        return;
    };
    if !open || out.article.subheadline.is_some() || !p.starts_with('—') {
        return;
    }
    let Some(end) = p.find('》').map(|i| i + '》'.len_utf8()) else {
        return;
    };
    if p[..end].chars().count() <= 24 {
        out.article.subheadline = Some(p[..end].to_string());
        *p = p[end..].trim_start().to_string();
    }
}

/// A name on a line of its own over the dateline: `吴彬` / `本报讯…`.
fn take_name_over_dateline(paras: &mut Paragraphs, out: &mut Built) {
    if let Some((p, _)) = paras.first_mut() {
        if let Some(i) = p.find("本报讯").filter(|&i| i > 0) {
            let name: String = p[..i].chars().filter(|c| !c.is_whitespace()).collect();
            if byline::is_name(&name) {
                out.article.byline.authors.push(name);
                *p = p[i..].to_string();
            }
        }
    }
}

/// The close of the text: a photo's credit closing its caption
/// (`…一角。（杨一秋摄）`), a byline run on after the last sentence (read by
/// `read_byline`), and a news story's author in brackets.
pub fn take_closing(
    paras: &mut Paragraphs,
    out: &mut Built,
    photo: bool,
    news: bool,
    read_byline: &dyn Fn(&str) -> Option<(kanbao_bundle::Byline, String)>,
) {
    if photo {
        take_photo_credit(paras, out);
    }
    take_run_on_byline(paras, out, read_byline);
    if news && !paras.is_empty() {
        take_closing_author(paras, out);
    }
}

/// A photo credit closing a caption: `…一角。（杨一秋摄）`.
fn take_photo_credit(paras: &mut Paragraphs, out: &mut Built) {
    if let Some((p, line)) = paras.last_mut() {
        if let Some((before, names, m, role)) = split_closing_role(p) {
            if role == Role::Photographer {
                out.article.byline.photographers.extend(names);
                out.mark_role(*line, m);
                *p = before;
            }
        }
    }
}

/// A byline run on after the last sentence: `…又何必呢？ 本报记者韩宇东陈小`
/// `波摄`, `…●改革售票办法本报记者谢志强摄`: the earliest role word in the
/// last 40 characters after which the rest reads as a byline.
fn take_run_on_byline(
    paras: &mut Paragraphs,
    out: &mut Built,
    read_byline: &dyn Fn(&str) -> Option<(kanbao_bundle::Byline, String)>,
) {
    let Some((p, line)) = paras.last_mut() else {
        return;
    };
    let tail = p.char_indices().rev().nth(39).map_or(0, |(i, _)| i);
    let cut = p[tail..]
        .char_indices()
        .map(|(i, _)| tail + i)
        .filter(|&i| i > 0 && ROLE_WORDS.iter().any(|w| p[i..].starts_with(w)))
        .find_map(|i| {
            read_byline(&p[i..])
                .filter(|(b, _)| !b.is_empty())
                .map(|r| (i, r))
        });
    if let Some((i, (by, m))) = cut {
        out.merge_byline(by);
        out.mark_role(*line, m);
        *p = p[..i].trim_end().to_string();
    }
}

/// An author closing the story in brackets: `…在座。（孙家正）`,
/// `…见解。（李毅郝益东）` (names set solid); not the whole of a story of
/// one paragraph.
fn take_closing_author(paras: &mut Paragraphs, out: &mut Built) {
    let only = paras.len() == 1;
    if let Some((p, line)) = paras.last_mut() {
        if let Some((before, names, m)) =
            split_closing_author(p).filter(|(b, _, _)| !(only && b.is_empty()))
        {
            out.article.byline.authors.extend(names);
            out.mark_role(*line, m);
            *p = before;
        }
    }
}

/// A photo with no title of its own is titled by its caption's first
/// sentence (up to the first full stop or comma).
pub fn caption_headline(paras: &mut Paragraphs, out: &mut Built) {
    if let Some((p, _)) = paras.first_mut() {
        let cut = p
            .char_indices()
            .find(|&(_, c)| crate::import::text::is_terminal(c) || c == '，')
            .map_or(p.len(), |(i, c)| i + c.len_utf8());
        out.article.headline = p[..cut].to_string();
        *p = p[cut..].to_string();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dash_deck_closing_the_headlines_title_mark_is_the_subheadline() {
        let mut out = Built {
            article: kanbao_bundle::Article {
                headline: "《世界现代化进程中的".into(),
                ..Default::default()
            },
            marks: Vec::new(),
        };
        let mut paras: Paragraphs =
            vec![("——中国社会主义》北京社会科学院主编的一书出版。".into(), 3)];
        take_opening(&mut paras, &mut out);
        assert_eq!(out.article.subheadline.as_deref(), Some("——中国社会主义》"));
        assert_eq!(paras[0].0, "北京社会科学院主编的一书出版。");
        // A headline with its title mark closed keeps its text as printed.
        out.article.headline = "《转型期中国经济关系研究》".into();
        out.article.subheadline = None;
        let mut paras: Paragraphs = vec![("——一部新书》出版。".into(), 3)];
        take_opening(&mut paras, &mut out);
        assert!(out.article.subheadline.is_none());
    }
}
