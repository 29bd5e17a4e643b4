//! The fields pass: a draft's pieces put in reading order and joined into
//! paragraphs; dateline, embedded byline, kind and source span read.

use kanbao_bundle::{Article, ArticleKind, Role, SourceSpan};

use super::byline;
use super::classify;
use super::columns;
use super::draft::{merge_byline, Draft, Piece};
use super::model::{Diagnostic, Mark, MarkKind};
use super::text::{self, ends_complete};

/// Where the fields pass records what it read as structure and what it warns.
pub struct Out<'a> {
    pub file: &'a str,
    pub marks: &'a mut Vec<Mark>,
    pub warnings: &'a mut Vec<Diagnostic>,
}

impl Out<'_> {
    fn mark(&mut self, line: u32, kind: MarkKind, text: &str) {
        if text.chars().any(|c| !c.is_whitespace()) {
            self.marks.push(Mark {
                line,
                kind,
                text: text.to_string(),
            });
        }
    }
    fn warn(&mut self, line: u32, message: String) {
        self.warnings.push(Diagnostic {
            file: self.file.to_string(),
            line,
            message,
        });
    }
}

/// Orders pieces, joins paragraphs, sets the kind and source span.
pub fn finish(
    out: &mut Out,
    mut d: Draft,
    wrapped: bool,
    joins: &columns::Joins,
) -> Option<Article> {
    if d.article.headline.is_empty()
        && d.pieces.is_empty()
        && d.article.byline.is_empty()
        && d.article.subheadline.is_none()
    {
        return None;
    }
    let (mut pieces, evidence) = ordered_pieces(&d, joins);
    signature_off(out, &mut d, &mut pieces);
    let (mut paragraphs, headings) = join_pieces(&pieces);
    trailing_credit_off(out, &mut d, &mut paragraphs, &headings);
    let paragraphs = dateline_off(out, &mut d, paragraphs, &headings, wrapped);
    let a = &mut d.article;
    a.paragraphs = paragraphs;
    a.section_headings = headings;
    a.kind = kind_of(a, d.kind, d.after_gap);
    if a.headline.is_empty() {
        // An untitled caption may end with its photographer's name.
        if let Some(last) = a.paragraphs.last_mut() {
            if a.byline.is_empty() {
                if let Some((rest, name)) = trailing_name(last) {
                    *last = rest;
                    a.byline.authors.push(name);
                }
            }
        }
    }
    if !evidence.is_empty() {
        a.interleaved = true;
        let msg = format!(
            "article `{}` has interleaved columns: {}",
            a.headline,
            evidence.join("; ")
        );
        out.warn(d.line_start, msg);
    }
    a.source = Some(SourceSpan {
        file: out.file.to_string(),
        line_start: d.line_start,
        line_end: d
            .line_end
            .max(d.pieces.iter().map(|p| p.line).max().unwrap_or(0)),
    });
    Some(d.article)
}

/// The draft's pieces in reading order, with the evidence of interleaved
/// columns: pieces moved, text inserted mid-sentence, a cut-off tail.
fn ordered_pieces(d: &Draft, joins: &columns::Joins) -> (Vec<Piece>, Vec<String>) {
    let order = columns::reading_order(&d.pieces, joins);
    let mut evidence: Vec<String> = Vec::new();
    if order.moved {
        evidence.push(format!(
            "pieces out of column order, rebuilt (lines {})",
            order
                .moved_lines
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if !d.inserts.is_empty() {
        evidence.push(format!(
            "other text inserted mid-sentence (lines {})",
            d.inserts
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let pieces: Vec<Piece> = order.order.iter().map(|&k| d.pieces[k].clone()).collect();
    if let Some(last) = pieces.last() {
        let short_tail = !ends_complete(&last.text)
            && !last.heading
            && d.article.continues_to.is_none()
            && pieces.len() >= 3
            && text::visible_len(&last.text) <= 20;
        if short_tail {
            evidence.push(format!(
                "ends mid-sentence in a column fragment (line {})",
                last.line
            ));
        }
    }
    (pieces, evidence)
}

/// Joins pieces cut mid-sentence into paragraphs: (the paragraphs, the
/// section headings among them).
fn join_pieces(pieces: &[Piece]) -> (Vec<String>, Vec<String>) {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut headings = Vec::new();
    let mut prev_open = false;
    for p in pieces {
        if p.heading {
            let h = text::repair_spaces(&p.text, true);
            headings.push(h.clone());
            paragraphs.push(h);
            prev_open = false;
            continue;
        }
        match paragraphs.last_mut() {
            Some(last) if prev_open => last.push_str(&p.text),
            _ => paragraphs.push(p.text.clone()),
        }
        prev_open = !ends_complete(&p.text);
    }
    (paragraphs, headings)
}

/// A credit that wrapped onto the story's last lines (`…顺利。（杨国` /
/// `林 摄）`, `…何必呢？ 本报记者 韩宇东 陈小` / `波 摄`), taken into the
/// byline.
fn trailing_credit_off(
    out: &mut Out,
    d: &mut Draft,
    paragraphs: &mut [String],
    headings: &[String],
) {
    if let Some(last) = paragraphs.last_mut().filter(|p| !headings.contains(p)) {
        if let Some((rest, b, marks)) = trailing_credit(last) {
            out.mark(d.line_end, MarkKind::Role, &marks);
            merge_byline(&mut d.article.byline, &b);
            d.has_byline = true;
            *last = rest;
        }
    }
}

/// A bracketed name alone on a line (`（孙家正）`) under a finished sentence
/// of a story no byline signs, with nothing after it or another block of
/// text (a dateline, wider lines) that the extraction ran on: the story's
/// signature, taken off its pieces.
fn signature_off(out: &mut Out, d: &mut Draft, pieces: &mut Vec<Piece>) {
    let signed = d
        .article
        .byline
        .roles()
        .any(|(r, n)| !n.is_empty() && !matches!(r, Role::Photographer | Role::Editor));
    if signed {
        return;
    }
    let at = (1..pieces.len()).find(|&k| {
        let closes = pieces
            .get(k + 1)
            .is_none_or(|n| byline::opens_other_block(&pieces[..k], &n.text));
        ends_complete(&pieces[k - 1].text)
            && closes
            && byline::closing_alone(&pieces[k].text).is_some()
    });
    if let Some(k) = at {
        let p = byline::closing_alone(&pieces[k].text).unwrap();
        out.mark(pieces[k].line, MarkKind::Role, &p.marks);
        merge_byline(&mut d.article.byline, &p.byline);
        d.has_byline = true;
        pieces.remove(k);
    }
}

/// The dateline `本报讯` and the byline printed inside it taken off the
/// first paragraph; the paragraphs with wrap spaces repaired, empty ones
/// dropped.
fn dateline_off(
    out: &mut Out,
    d: &mut Draft,
    mut paragraphs: Vec<String>,
    headings: &[String],
    wrapped: bool,
) -> Vec<String> {
    // `本报讯（记者 X 通讯员 Y）…`: the byline printed inside the dateline,
    // read before wrap spaces go (its names are set apart by spaces).
    let mut embedded = None;
    if let Some(first) = paragraphs.first_mut().filter(|p| !headings.contains(p)) {
        if let Some(rest) = first.trim_start().strip_prefix("本报讯") {
            if let Some(found) = byline::split_embedded(rest.trim_start()) {
                *first = format!("本报讯{}", found.2);
                embedded = Some(found);
            }
        } else {
            dated_byline_off(out, d, first);
        }
    }
    let mut paragraphs: Vec<String> = paragraphs
        .into_iter()
        .map(|p| {
            if headings.contains(&p) {
                p
            } else {
                text::repair_spaces(&p, wrapped)
            }
        })
        .filter(|p| !p.is_empty())
        .collect();
    if let Some(first) = paragraphs.first_mut() {
        if let Some(rest) = first.strip_prefix("本报讯") {
            d.article.dateline = Some("本报讯".into());
            let mut rest = rest.trim_start().to_string();
            if let Some((b, marks, _)) = embedded.take() {
                out.mark(d.line_start, MarkKind::Role, &marks);
                merge_byline(&mut d.article.byline, &b);
            } else if let Some((b, marks, after)) = byline::split_embedded(&rest) {
                out.mark(d.line_start, MarkKind::Role, &marks);
                merge_byline(&mut d.article.byline, &b);
                rest = after;
            }
            if let Some((b, marks, after)) = byline::split_reported(&rest) {
                out.mark(d.line_start, MarkKind::Role, &marks);
                merge_byline(&mut d.article.byline, &b);
                rest = after;
            }
            *first = rest;
            if first.is_empty() {
                paragraphs.remove(0);
            }
        }
    }
    paragraphs
}

/// Another dateline (`新华社北京一月十六日电`, `本报北京1月5日讯`), kept in
/// the text, and the byline printed after it (`（记者 王五）`, `记者王五报道：`)
/// taken into the byline.
fn dated_byline_off(out: &mut Out, d: &mut Draft, first: &mut String) {
    let Some(n) = byline::dateline_len(first) else {
        return;
    };
    let rest = first[n..].trim_start();
    if first.starts_with("本报讯") {
        return;
    }
    let found = byline::split_embedded(rest).or_else(|| byline::split_reported(rest));
    if let Some((b, marks, after)) = found {
        out.mark(d.line_start, MarkKind::Role, &marks);
        merge_byline(&mut d.article.byline, &b);
        *first = format!("{}{}", &first[..n], after.trim_start());
    }
}

/// The article's kind: the draft's, else read from its byline and body.
fn kind_of(a: &Article, kind: Option<ArticleKind>, after_gap: bool) -> ArticleKind {
    let body_len: usize = a.paragraphs.iter().map(|p| text::visible_len(p)).sum();
    match kind {
        Some(k) => k,
        None if classify::is_notice_title(&a.headline) => ArticleKind::Notice,
        // A slogan in phrases with nothing under it.
        None if body_len == 0
            && a.byline.is_empty()
            && a.kicker.is_none()
            && a.subheadline.is_none()
            && classify::is_slogan(&a.headline) =>
        {
            ArticleKind::Banner
        }
        None if !a.byline.commentators.is_empty() => ArticleKind::Commentary,
        None if looks_like_ad(a) => ArticleKind::Ad,
        None if !a.byline.photographers.is_empty()
            && a.byline.reporters.is_empty()
            && body_len < 400 =>
        {
            ArticleKind::Photo
        }
        None if after_gap
            && a.byline.is_empty()
            && a.paragraphs.len() <= 2
            && body_len < 300
            && a.dateline.is_none() =>
        {
            ArticleKind::Photo
        }
        None => ArticleKind::News,
    }
}

/// A credit closing a paragraph after its last sentence: in brackets
/// (`（杨国林 摄）`), or a photo credit with its role word (`本报记者 韩宇东
/// 陈小波 摄`): (the paragraph before it, the byline, its marks).
fn trailing_credit(par: &str) -> Option<(String, kanbao_bundle::Byline, String)> {
    if let Some((rest, names, marks, role)) = byline::split_closing_role(par) {
        let mut b = kanbao_bundle::Byline::default();
        b.names_mut(role).extend(names);
        return Some((rest, b, marks));
    }
    let t = par.trim_end();
    if !t.ends_with('摄') {
        return None;
    }
    let cut = t.rfind(|c: char| text::is_terminal(c) || matches!(c, '”' | '」'))?;
    let cut = cut + t[cut..].chars().next()?.len_utf8();
    let tail = t[cut..].trim();
    if tail.is_empty() || text::visible_len(tail) > 30 {
        return None;
    }
    let p = byline::parse_line(tail).filter(|p| p.prefix.is_none() && p.has_role)?;
    if p.byline.photographers.is_empty() {
        return None;
    }
    Some((t[..cut].to_string(), p.byline, p.marks))
}

fn looks_like_ad(a: &Article) -> bool {
    let body: String = a.paragraphs.concat();
    // An ad's lines under its head may read as decks: they are its text too.
    let decks = [&a.kicker, &a.subheadline].map(|d| d.as_deref().unwrap_or(""));
    let all = format!("{}{}{}{body}", decks[0], a.headline, decks[1]).replace([' ', '　'], "");
    if all.contains("地址") && (all.contains("热线") || all.contains("电话")) {
        return true;
    }
    // A short text that names an address and sells: `…八折起 … 地址：…`.
    const SELLING: [&str; 6] = ["酬宾", "折起", "优惠", "招生", "报名", "咨询"];
    text::visible_len(&all) < 200 && all.contains("地址") && SELLING.iter().any(|w| all.contains(w))
}

/// `…打下良好基础。沈俊` → the caption and the name.
fn trailing_name(p: &str) -> Option<(String, String)> {
    let (head, tail) = p.rsplit_once('。')?;
    let tail = tail.trim();
    if byline::is_name(tail) && tail.chars().count() <= 3 {
        Some((format!("{head}。"), tail.to_string()))
    } else {
        None
    }
}

/// The page without spaces, lines kept apart, for join evidence; capped so
/// a huge page stays linear.
pub fn corpus_of(text: &str) -> String {
    let mut end = text.len().min(200_000);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end]
        .chars()
        .filter(|c| *c == '\n' || !c.is_whitespace())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(d: Draft) -> (Option<Article>, Vec<Mark>) {
        let mut marks = Vec::new();
        let mut warnings = Vec::new();
        let mut out = Out {
            file: "t.txt",
            marks: &mut marks,
            warnings: &mut warnings,
        };
        let a = finish(&mut out, d, true, &columns::Joins::default());
        (a, marks)
    }

    #[test]
    fn pieces_cut_mid_sentence_join_and_the_dateline_is_read() {
        let mut d = Draft::new(1);
        d.article.headline = "标题".into();
        d.pieces = vec![
            Piece::line(2, "本报讯 昨天上午，"),
            Piece::line(3, "会议召开。"),
            Piece::line(4, "第二段。"),
        ];
        let (a, _) = run(d);
        let a = a.unwrap();
        assert_eq!(a.dateline.as_deref(), Some("本报讯"));
        assert_eq!(a.paragraphs, ["昨天上午，会议召开。", "第二段。"]);
        assert_eq!(a.kind, ArticleKind::News);
    }

    #[test]
    fn a_credit_wrapped_onto_the_last_lines_is_the_byline() {
        let mut d = Draft::new(1);
        d.article.headline = "邮展筹备正酣".into();
        d.pieces = vec![
            Piece::line(2, "工作进展顺利。（杨国"),
            Piece::line(3, "林 摄）"),
        ];
        let (a, marks) = run(d);
        let a = a.unwrap();
        assert_eq!(a.byline.photographers, ["杨国林"]);
        assert_eq!(a.paragraphs, ["工作进展顺利。"]);
        assert!(marks.iter().any(|m| m.text.contains('摄')));
        let (rest, b, _) = trailing_credit("这一切又何必呢？本报记者 韩宇东 陈小波 摄").unwrap();
        assert_eq!(rest, "这一切又何必呢？");
        assert_eq!(b.photographers, ["韩宇东", "陈小波"]);
        // A sentence that ends in 摄 is no credit.
        assert!(trailing_credit("他说：“大家都来拍摄").is_none());
    }

    #[test]
    fn a_bracketed_name_before_another_block_signs_the_story() {
        let mut d = Draft::new(1);
        d.article.headline = "张万年会见美前国防部长".into();
        d.pieces = vec![
            Piece::line(2, "本报讯 中央军委副主席张万年上将今"),
            Piece::line(3, "熊光楷中将及美国驻华大使"),
            Piece::line(4, "尚慕杰等会见时在座。"),
            Piece::line(5, "（孙家正）"),
            Piece::line(
                6,
                "记者施明慎从今日在京召开的中国工商银行全国分行行长会议上获悉，根据",
            ),
        ];
        let (a, _) = run(d);
        let a = a.unwrap();
        assert_eq!(a.byline.authors, ["孙家正"]);
        assert!(!a.paragraphs.concat().contains("孙家正"));
        // Running on in the same column, a bracketed word is the text's.
        let mut d = Draft::new(1);
        d.article.headline = "会议召开".into();
        d.pieces = vec![
            Piece::line(2, "本报讯 会议今天召开，部署了工作。"),
            Piece::line(3, "（试行）"),
            Piece::line(4, "办法共分五章，自发布之日起施行。"),
        ];
        let a = run(d).0.unwrap();
        assert!(a.byline.authors.is_empty());
    }

    #[test]
    fn a_byline_after_another_dateline_is_read() {
        let mut d = Draft::new(1);
        d.article.headline = "会议召开".into();
        d.pieces = vec![Piece::line(
            2,
            "新华社北京1月5日电（记者 王五 通讯员 赵六）会议今天召开。",
        )];
        let (a, marks) = run(d);
        let a = a.unwrap();
        assert_eq!(
            (
                a.byline.reporters[0].as_str(),
                a.byline.correspondents[0].as_str()
            ),
            ("王五", "赵六")
        );
        assert_eq!(a.paragraphs, ["新华社北京1月5日电会议今天召开。"]);
        assert_eq!(a.dateline, None);
        assert!(marks.iter().any(|m| m.text.contains("记者")));
        let mut d = Draft::new(1);
        d.article.headline = "会议召开".into();
        d.pieces = vec![Piece::line(2, "本报讯 记者王五报道：会议今天召开。")];
        let a = run(d).0.unwrap();
        assert_eq!(a.byline.reporters, ["王五"]);
        assert_eq!(a.paragraphs, ["会议今天召开。"]);
    }

    #[test]
    fn an_ads_lines_read_as_a_subheadline_still_make_it_an_ad() {
        let mut d = Draft::new(1);
        d.article.headline = "冬装清仓七折起".into();
        d.article.subheadline = Some("买满百元有礼地址：新华路8号".into());
        d.pieces = vec![Piece::line(3, "电话：1234567")];
        assert_eq!(run(d).0.unwrap().kind, ArticleKind::Ad);
    }

    #[test]
    fn an_empty_draft_is_no_article() {
        assert!(run(Draft::new(1)).0.is_none());
    }
}
