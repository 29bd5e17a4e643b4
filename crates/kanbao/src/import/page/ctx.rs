//! What the page passes share: the parse state ([`Ctx`]), the classified
//! line each pass reads ([`Unit`]), and whether a byline names a writer.

use crate::import::classify::{Class, Line};
use crate::import::draft::Draft;
use crate::import::model::{Diagnostic, Explained, Mark, MarkKind, Unassigned};

pub(super) struct Ctx<'a> {
    pub(super) file: &'a str,
    pub(super) wrapped: bool,
    /// The converter marked headings (Markdown `#`): an unmarked, unbolded
    /// line is running text, however short.
    pub(super) marked: bool,
    /// The usual length of a body line (the mode), 0 if unknown.
    pub(super) col_len: usize,
    pub(super) drafts: Vec<Draft>,
    pub(super) cur: Option<usize>,
    pub(super) marks: Vec<Mark>,
    pub(super) unassigned: Vec<Unassigned>,
    pub(super) warnings: Vec<Diagnostic>,
    pub(super) explain: Vec<Explained>,
    /// A 公益广告 header was seen: the next headline is the ad's.
    pub(super) ad_next: bool,
    /// An editor named by a column label (and the label's line), for the
    /// next article.
    pub(super) pending_editor: Option<(u32, String)>,
    /// Headers stacked over the open article's (their stories printed
    /// elsewhere), top first: bylines set in turn under the stack sign
    /// them in order, the last one the open article.
    pub(super) stacked: Vec<usize>,
    /// Writers' bylines read inside another signed story and left
    /// unassigned (line, byline, its role words): each marks where a story
    /// starts, for a headline printed apart to take with its story
    /// ([`super::orphans`]).
    pub(super) loose: Vec<(u32, kanbao_bundle::Byline, String)>,
    /// Picture credits read under a story's jump, for the next story
    /// ([`super::credits`]): line, the draft read in, the credit.
    pub(super) forward: Vec<(u32, usize, kanbao_bundle::Byline)>,
}

impl Ctx<'_> {
    pub(super) fn mark(&mut self, line: u32, kind: MarkKind, text: &str) {
        if text.chars().any(|c| !c.is_whitespace()) {
            self.marks.push(Mark {
                line,
                kind,
                text: text.to_string(),
            });
        }
    }
    pub(super) fn warn(&mut self, line: u32, message: String) {
        self.warnings.push(Diagnostic {
            file: self.file.to_string(),
            line,
            message,
        });
    }
    pub(super) fn note(&mut self, line: u32, class: &str) {
        self.explain.push(Explained {
            line,
            class: class.to_string(),
        });
    }
    pub(super) fn open(&self) -> Option<&Draft> {
        self.cur.map(|i| &self.drafts[i])
    }
    pub(super) fn push_draft(&mut self, d: Draft) -> usize {
        self.drafts.push(d);
        self.drafts.len() - 1
    }
}

/// Units: lines with their class; a column label may leave headline text.
pub(super) struct Unit<'a> {
    pub(super) line: Line<'a>,
    pub(super) text: String,
    pub(super) class: Class,
}

/// A byline naming who wrote the story (not only its photographer, whose
/// credit may sit between articles, nor its editor).
pub(super) fn writes(b: &kanbao_bundle::Byline) -> bool {
    !(b.reporters.is_empty()
        && b.intern_reporters.is_empty()
        && b.correspondents.is_empty()
        && b.commentators.is_empty()
        && b.authors.is_empty())
}
