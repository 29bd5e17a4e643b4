//! Bylines left loose: another story's byline read into a signed story's
//! text ([`super::ctx::Ctx::loose`]) may be printed on two lines, its
//! correspondents under its reporters (`刘上阳 ■记者` / `通讯员 曾华鹏`).

use super::ctx::{writes, Ctx};
use crate::import::byline::ParsedByline;

/// A byline line right under one left loose, no text between, naming only
/// the kinds of writers printed after the reporters (correspondents,
/// interns): the rest of that byline, loose with it.
pub(super) fn continues_loose(ctx: &Ctx, b: &ParsedByline) -> bool {
    let Some(&(at, ..)) = ctx.loose.last() else {
        return false;
    };
    // Inside the open story's text, nothing read since.
    let no_text_since = ctx
        .open()
        .is_some_and(|d| d.pieces.last().is_some_and(|p| p.line < at));
    let by = &b.byline;
    let rest_only = by.reporters.is_empty()
        && by.commentators.is_empty()
        && by.authors.is_empty()
        && writes(by);
    no_text_since && rest_only && b.prefix.is_none()
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use crate::import::model::{account, input_chars};

    #[test]
    fn the_rest_of_a_loose_byline_is_loose_with_it() {
        let text = "大桥通车\n本报记者 王明\n本报讯 大桥今天通车，两岸群众欢欣鼓舞，\n纷纷赶来观看通车仪式。\n大桥全长一千米，\n历时三年建成。\n张华 ■记者\n通讯员 李强\n山区小学迎来了新校舍。\n";
        let p = parse(text);
        let a = &p.articles[0];
        assert_eq!(a.byline.reporters, ["王明"]);
        assert!(a.byline.correspondents.is_empty());
        assert!(p.unassigned.iter().any(|u| u.text.contains("李强")));
        assert_eq!(account(&p), input_chars(text));
        // Under the next header, a byline on two lines is that story's.
        let text =
            format!("{text}宁夏喜获丰收\n记者 赵六\n通讯员 钱七\n本报讯 今年粮食产量创新高。\n");
        let p = parse(&text);
        let a = p
            .articles
            .iter()
            .find(|a| a.headline == "宁夏喜获丰收")
            .unwrap();
        assert_eq!(a.byline.correspondents, ["钱七"]);
        assert_eq!(account(&p), input_chars(&text));
    }
}
