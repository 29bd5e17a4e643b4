//! What the arranging pass gives the fields pass: the page's groups (an
//! article's head and body blocks, with the boxes it occupies), the masthead
//! lines and the blocks left over (a leaf module).

use crate::import::pdf::model::Rect;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupKind {
    News,
    Photo,
    /// The content of a box: an ad or a notice.
    Boxed,
    Banner,
    /// An editor credit line (`责任编辑：…`).
    Credit,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub kind: GroupKind,
    /// Head lines (kicker, headline, subheadline), top to bottom.
    pub head: Vec<usize>,
    /// Body blocks in reading order.
    pub body: Vec<usize>,
    /// The boxes the group occupies (head, each body block).
    pub regions: Vec<Rect>,
}

impl Group {
    /// A head with no body (a banner, a credit line) in one box.
    pub fn head_only(kind: GroupKind, head: Vec<usize>, region: Rect) -> Group {
        Group {
            kind,
            head,
            body: vec![],
            regions: vec![region],
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layout {
    pub groups: Vec<Group>,
    /// Masthead lines, top to bottom.
    pub masthead: Vec<usize>,
    /// Blocks that belong to no group.
    pub loose: Vec<usize>,
}
