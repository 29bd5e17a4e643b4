//! The article a group is being read into, and the characters read as
//! structure (role words, brackets, jump lines) kept as marks so that
//! nothing printed is lost (a leaf module).

use kanbao_bundle::{Article, Byline};

use crate::import::model::{Mark, MarkKind};

/// An article and the characters it read as structure.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Built {
    pub article: Article,
    pub marks: Vec<Mark>,
}

impl Built {
    /// Marks `text` of line `line` (1-based) as a byline's role words or
    /// brackets.
    pub fn mark_role(&mut self, line: u32, text: String) {
        self.mark(line, MarkKind::Role, text);
    }

    pub fn mark(&mut self, line: u32, kind: MarkKind, text: String) {
        self.marks.push(Mark { line, kind, text });
    }

    /// A byline's names into the article's.
    pub fn merge_byline(&mut self, from: Byline) {
        merge_byline(&mut self.article.byline, from);
    }

    /// A byline read from the page's line `line` (0-based) into the
    /// article's, with its role words (if any) kept as a mark.
    pub fn add_byline(&mut self, line: usize, by: Byline, m: String) {
        self.merge_byline(by);
        if !m.is_empty() {
            self.mark_role(line as u32 + 1, m);
        }
    }
}

pub fn merge_byline(into: &mut Byline, from: Byline) {
    for (role, names) in from.roles() {
        into.names_mut(role).extend(names.iter().cloned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines_merge_and_role_words_are_marked() {
        let mut b = Built::default();
        let by = |r: &str| Byline {
            reporters: vec![r.to_string()],
            ..Default::default()
        };
        b.add_byline(4, by("张三"), "本报记者".into());
        b.add_byline(5, by("李四"), String::new());
        assert_eq!(b.article.byline.reporters, ["张三", "李四"]);
        assert_eq!(b.marks.len(), 1);
        assert_eq!((b.marks[0].line, b.marks[0].text.as_str()), (5, "本报记者"));
    }
}
