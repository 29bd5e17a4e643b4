//! The units the walk builds: body pieces and article drafts, shared by the
//! article pass ([`super::page`]), reading order ([`super::columns`]) and the
//! fields pass ([`super::fields`]).

use kanbao_bundle::{Article, ArticleKind};

/// A piece of body text: one line as printed, or a section heading.
#[derive(Debug, Clone)]
pub struct Piece {
    pub line: u32,
    pub text: String,
    pub heading: bool,
}

impl Piece {
    /// A line of running text.
    pub fn line(line: u32, text: &str) -> Piece {
        Piece {
            line,
            text: text.into(),
            heading: false,
        }
    }
}

/// An article being built.
#[derive(Debug, Default)]
pub struct Draft {
    pub article: Article,
    pub pieces: Vec<Piece>,
    pub line_start: u32,
    pub line_end: u32,
    /// Its header is complete (a byline or body has been seen).
    pub has_byline: bool,
    /// A closing byline, jump or photo credit ended it.
    pub closed: bool,
    /// Starts after a wide gap (where extractions put pictures).
    pub after_gap: bool,
    /// Fixed kind (banner, ad, notice).
    pub kind: Option<ArticleKind>,
    /// Lines where other text interrupted it mid-sentence.
    pub inserts: Vec<u32>,
    /// Bylines found inside its text (kept with it), by line: another
    /// story's, if a headline printed apart from it claims the text below.
    pub strays: Vec<(u32, kanbao_bundle::Byline)>,
}

impl Draft {
    pub fn new(line: u32) -> Draft {
        Draft {
            line_start: line,
            line_end: line,
            ..Default::default()
        }
    }
    pub fn in_header(&self) -> bool {
        self.pieces.is_empty()
    }
    /// Closed by a credit or byline but with no jump yet: a jump line
    /// right after still belongs to it.
    pub fn continues_to_free(&self) -> bool {
        self.article.continues_to.is_none() && self.kind.is_none()
    }
}

/// Takes `from`'s names out of `of`, role by role (each name once).
pub fn remove_byline(of: &mut kanbao_bundle::Byline, from: &kanbao_bundle::Byline) {
    for (role, names) in from.roles() {
        let have = of.names_mut(role);
        for n in names {
            if let Some(at) = have.iter().position(|h| h == n) {
                have.remove(at);
            }
        }
    }
}

/// Adds `from`'s names to `into`, role by role.
pub fn merge_byline(into: &mut kanbao_bundle::Byline, from: &kanbao_bundle::Byline) {
    for (role, names) in from.roles() {
        into.names_mut(role).extend(names.iter().cloned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_keeps_roles_apart() {
        let mut a = kanbao_bundle::Byline::default();
        a.reporters.push("甲".into());
        let mut b = kanbao_bundle::Byline::default();
        b.reporters.push("乙".into());
        b.correspondents.push("丙".into());
        merge_byline(&mut a, &b);
        assert_eq!(a.reporters, ["甲", "乙"]);
        assert_eq!(a.correspondents, ["丙"]);
    }

    #[test]
    fn a_new_draft_is_in_its_header() {
        let d = Draft::new(7);
        assert!(d.in_header());
        assert!(d.continues_to_free());
        assert_eq!((d.line_start, d.line_end), (7, 7));
    }
}
