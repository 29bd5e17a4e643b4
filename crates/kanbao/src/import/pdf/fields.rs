//! Pass 4: a group's lines → an article's fields.
//!
//! - head: the run of lines in the largest type is the headline; lines above
//!   it the kicker, lines below it the subheadline;
//! - bylines: blocks whose every line reads as a byline (role words, `■`,
//!   `摄`, or a bare name set apart from the body in another font or weight);
//! - dateline: a body opening with `本报讯`, and a byline in brackets after it;
//! - section headings: lines of their own inside the body, larger or bold;
//! - paragraphs: a line indented from its column's left edge starts one;
//!   lines and column breaks join without spaces;
//! - jumps: `(下转2版)` ending a paragraph or on a line of its own,
//!   `(上接1版)` opening the body.

use kanbao_bundle::{Article, ArticleKind, Byline, Region, Role};

use super::blocks::Block;
use super::lines::Line;
use super::model::Rect;
use super::order::{Group, GroupKind};
use crate::import::model::{Mark, MarkKind};
use crate::import::text::{is_terminal, repair_spaces};
use crate::import::{byline, jump};

/// An article and the characters it read as structure.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Built {
    pub article: Article,
    pub marks: Vec<Mark>,
}

/// An editor credit line: `责任编辑：祝华新`, `编辑/吴泽洲 版式/…`,
/// `本版编辑 冯亦珍  美编 贾廷寅`.
pub fn is_credit_line(t: &str) -> bool {
    credit_editor(t).is_some()
}

/// The editor a credit line names.
pub fn credit_editor(t: &str) -> Option<String> {
    let t = t.trim();
    if t.chars().count() > 48 || t.contains(['。', '，']) {
        return None;
    }
    let pos = ["责任编辑", "本版编辑", "编辑", "责编"]
        .iter()
        .find_map(|k| t.starts_with(k).then_some(k.len()))?;
    let after = t[pos..].trim_start_matches([' ', '：', ':', '/', '　']);
    let name: String = after
        .chars()
        .take_while(|&c| crate::import::text::is_han(c) || c == ' ' || c == '　')
        .collect();
    let words: Vec<&str> = name.split_whitespace().collect();
    // `冯亦珍  美编`: the name ends at a wide space; `王 强`: spaced out.
    let name = match words.as_slice() {
        [] => return None,
        [a, b, ..] if a.chars().count() == 1 && b.chars().count() == 1 => format!("{a}{b}"),
        [a, ..] => a.to_string(),
    };
    byline::is_name(&name).then_some(name)
}

fn round1(x: f32) -> f32 {
    (x * 10.0).round() / 10.0
}

pub fn region(page: u32, r: &Rect) -> Region {
    Region {
        page,
        x0: round1(r.x0),
        y0: round1(r.y0),
        x1: round1(r.x1),
        y1: round1(r.y1),
    }
}

/// Sorted non-space characters.
fn chars(s: &str) -> Vec<char> {
    let mut v: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
    v.sort_unstable();
    v
}

/// Multiset difference `a - b` of sorted char lists, and whether `b ⊆ a`.
fn diff(a: &[char], b: &[char]) -> (Vec<char>, bool) {
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => {
                out.push(a[i]);
                i += 1;
            }
            std::cmp::Ordering::Equal => {
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Greater => return (out, false),
        }
    }
    out.extend_from_slice(&a[i..]);
    (out, j == b.len())
}

fn byline_chars(b: &Byline) -> String {
    b.roles().flat_map(|(_, n)| n.iter().cloned()).collect()
}

/// A byline read from the page's line `line` (0-based) into the article's,
/// with its role words (if any) kept as a mark, so nothing of it is lost.
fn add_byline(into: &mut Byline, marks: &mut Vec<Mark>, line: usize, by: Byline, m: String) {
    merge_byline(into, by);
    if !m.is_empty() {
        marks.push(Mark {
            line: line as u32 + 1,
            kind: MarkKind::Role,
            text: m,
        });
    }
}

fn merge_byline(into: &mut Byline, from: Byline) {
    for (role, names) in from.roles() {
        into.names_mut(role).extend(names.iter().cloned());
    }
}

/// Role words a byline's names follow (longest first).
const ROLE_WORDS: &[&str] = &[
    "本报见习记者",
    "本报评论员",
    "特约评论员",
    "本报记者",
    "特约记者",
    "见习记者",
    "通讯员",
    "实习生",
    "记者",
    "摄影",
];

/// Common one-character surnames: a name set solid after another most
/// likely starts with one.
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝";

/// Splits a run of names set solid (`王文杰李刚`, `李毅郝益东`) into names of
/// two or three characters: the split whose names most often start with a
/// common surname, three-character names first on a tie.
fn split_solid(run: &str) -> Vec<String> {
    fn best(cs: &[char]) -> Option<(usize, Vec<usize>)> {
        if cs.is_empty() {
            return Some((0, Vec::new()));
        }
        let mut out: Option<(usize, Vec<usize>)> = None;
        for w in [3, 2] {
            if cs.len() < w {
                continue;
            }
            if let Some((score, mut ws)) = best(&cs[w..]) {
                let score = score + usize::from(SURNAMES.contains(cs[0]));
                if out.as_ref().is_none_or(|(s, _)| score > *s) {
                    ws.insert(0, w);
                    out = Some((score, ws));
                }
            }
        }
        out
    }
    let cs: Vec<char> = run.chars().collect();
    let Some((_, widths)) = best(&cs) else {
        return vec![run.to_string()];
    };
    let mut out = Vec::new();
    let mut i = 0;
    for w in widths {
        out.push(cs[i..i + w].iter().collect());
        i += w;
    }
    out
}

/// Spaces out the names of a byline line whose names are set solid
/// (`本报记者赵孝东张文范`, `通讯员王文杰李刚`, `本报记者田俊荣韦 钰`): the runs
/// after a role word of more than four characters, or four with no space.
fn space_names(t: &str) -> String {
    let t = t.trim();
    let (core, zhe) = match t.strip_suffix('摄') {
        Some(r) => (r, " 摄"),
        None => (t, ""),
    };
    let mut out = String::new();
    let mut rest = core;
    let mut after_role = false;
    while !rest.is_empty() {
        if let Some(w) = ROLE_WORDS.iter().find(|w| rest.starts_with(**w)) {
            out.push_str(w);
            out.push(' ');
            rest = &rest[w.len()..];
            after_role = true;
            continue;
        }
        let c = rest.chars().next().unwrap();
        if !crate::import::text::is_han(c) {
            out.push(c);
            rest = &rest[c.len_utf8()..];
            continue;
        }
        // A run of Han characters and spaces up to the next role word.
        let mut end = 0;
        for (i, c) in rest.char_indices() {
            if ROLE_WORDS.iter().any(|w| rest[i..].starts_with(w))
                || !(crate::import::text::is_han(c) || c == ' ' || c == '　')
            {
                break;
            }
            end = i + c.len_utf8();
        }
        let end = end.max(c.len_utf8());
        let run = &rest[..end];
        let solid: String = run.chars().filter(|c| !c.is_whitespace()).collect();
        let words: Vec<&str> = run.split_whitespace().collect();
        let spaced = words.len() > 1 && words.iter().all(|w| w.chars().count() >= 2);
        let n = solid.chars().count();
        if !after_role {
            // Text before any role word: not a byline set solid.
            return t.to_string();
        }
        // Words of running text no name is made of (`记者从国家环保局获知`).
        let prose = solid.contains([
            '从', '在', '对', '向', '的', '了', '说', '是', '与', '及', '等', '获', '据', '到',
            '日', '月', '年', '讯', '电', '报',
        ]);
        if !prose && (!spaced && (5..=9).contains(&n) || n == 4 && words.len() == 1) {
            out.push_str(&split_solid(&solid).join(" "));
        } else {
            out.push_str(run);
        }
        out.push(' ');
        rest = &rest[end..];
    }
    out.push_str(zhe);
    out
}

/// An author's name in brackets closing a paragraph after its last sentence:
/// (the paragraph without it, the names, the brackets).
fn split_closing_author(p: &str) -> Option<(String, Vec<String>, String)> {
    let (before, inner, open, close) = byline::closing_brackets(p)?;
    let inner: String = inner.chars().filter(|c| !c.is_whitespace()).collect();
    // After the last sentence, or on a line of its own under it.
    let after_sentence = before
        .chars()
        .last()
        .is_none_or(|c| is_terminal(c) || matches!(c, '”' | '"' | '」'));
    let n = inner.chars().count();
    // Agencies and papers credited so are no authors (`（新华社）`).
    let office = inner.contains([
        '社', '网', '台', '部', '局', '报', '电', '讯', '摄', '图', '文', '据',
    ]);
    if !after_sentence
        || office
        || !(2..=9).contains(&n)
        || !inner.chars().all(crate::import::text::is_han)
    {
        return None;
    }
    let names = if n <= 3 {
        vec![inner]
    } else {
        split_solid(&inner)
    };
    if !names.iter().all(|n| byline::is_name(n)) {
        return None;
    }
    Some((before.to_string(), names, format!("{open}{close}")))
}

/// [`byline::split_closing_role`], the names of a photo credit in brackets
/// set solid or not (`（李新良唐磊摄）`).
fn split_closing_role(p: &str) -> Option<(String, Vec<String>, String, Role)> {
    if let Some(r) = byline::split_closing_role(p) {
        return Some(r);
    }
    let t = p.trim_end();
    let (close, open) = match t.chars().last()? {
        '）' => ('）', '（'),
        ')' => (')', '('),
        _ => return None,
    };
    let start = t.rfind(open)?;
    let inner = t[start + open.len_utf8()..t.len() - close.len_utf8()].strip_suffix('摄')?;
    let n = inner.chars().count();
    if !(4..=9).contains(&n) || !inner.chars().all(crate::import::text::is_han) {
        return None;
    }
    let spaced = format!(
        "{}{open}{} 摄{close}",
        &t[..start],
        split_solid(inner).join(" ")
    );
    byline::split_closing_role(&spaced).filter(|(_, names, _, _)| names.len() > 1)
}

/// [`byline::split_embedded`], the names inside the brackets set solid or not.
fn split_embedded(t: &str) -> Option<(Byline, String, String)> {
    if let Some(r) = byline::split_embedded(t) {
        return Some(r);
    }
    let open = t.chars().next().filter(|c| matches!(c, '（' | '('))?;
    let close = if open == '（' { '）' } else { ')' };
    let end = t.find(close)?;
    let inner = &t[open.len_utf8()..end];
    let spaced = format!("{open}{}{}", space_names(inner), &t[end..]);
    byline::split_embedded(&spaced)
}

/// Reads `t` as a byline line; on success, the byline and the marks that make
/// the line's characters whole. `bare` allows a line of names only.
fn read_byline(t: &str, bare: bool) -> Option<(Byline, String)> {
    let spaced = space_names(t);
    let p = byline::parse_line(&spaced).or_else(|| byline::parse_line(t))?;
    if p.prefix.is_some() || p.byline.is_empty() && !p.has_role {
        return None;
    }
    if !p.has_role && !p.signature && !bare {
        return None;
    }
    let (left, ok) = diff(&chars(t), &chars(&(byline_chars(&p.byline) + &p.marks)));
    if !ok {
        return None;
    }
    let marks: String = p.marks.chars().chain(left).collect();
    Some((p.byline, marks))
}

fn join(parts: &[&str]) -> String {
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

/// Kicker, headline, subheadline from head lines (top to bottom).
fn split_head(lines: &[Line], head: &[usize]) -> (Option<String>, String, Option<String>) {
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

/// Builds the article of a group.
pub fn build(
    page: u32,
    lines: &[Line],
    blocks: &[Block],
    g: &Group,
    body_size: f32,
    body_font: u16,
    images: &[Rect],
) -> Built {
    let mut marks = Vec::new();
    let mut art = Article {
        page: Some(page),
        regions: g.regions.iter().map(|r| region(page, r)).collect(),
        ..Default::default()
    };
    let (kicker, headline, sub) = split_head(lines, &g.head);
    art.kicker = kicker;
    art.headline = headline;
    art.subheadline = sub;
    art.kind = match g.kind {
        GroupKind::News => ArticleKind::News,
        GroupKind::Photo => ArticleKind::Photo,
        GroupKind::Banner => ArticleKind::Banner,
        GroupKind::Credit => ArticleKind::Notice,
        GroupKind::Boxed => {
            let h = &art.headline;
            let notice = [
                "声明", "启事", "启示", "公告", "通知", "更正", "通告", "讣告", "告示",
            ]
            .iter()
            .any(|w| h.contains(w));
            if notice {
                ArticleKind::Notice
            } else {
                ArticleKind::Ad
            }
        }
    };
    if g.kind == GroupKind::Credit {
        if let Some(n) = credit_editor(&art.headline) {
            art.byline.editors.push(n);
        }
        return Built {
            article: art,
            marks,
        };
    }

    // Column edges: the lines of blocks overlapping a block in x.
    let left_of = |k: usize| {
        let r = &blocks[k].bbox;
        g.body
            .iter()
            .filter(|&&j| {
                let q = &blocks[j].bbox;
                (r.x1.min(q.x1) - r.x0.max(q.x0)) >= 0.5 * (r.x1 - r.x0).min(q.x1 - q.x0)
            })
            .map(|&j| blocks[j].bbox.x0)
            .fold(r.x0, f32::min)
    };
    let last_body_y = g
        .body
        .iter()
        .filter(|&&k| !blocks[k].bold)
        .map(|&k| blocks[k].bbox.y1)
        .fold(f32::MIN, f32::max);

    // A photo credit in a story with no photo in its region captions a
    // picture printed elsewhere (`压题照片…（杨一秋摄）`): it stays text.
    let has_photo = g.kind != GroupKind::News
        || images.iter().any(|im| {
            g.regions.iter().any(|r| {
                (r.x1.min(im.x1) - r.x0.max(im.x0)) > 0.0
                    && (r.y1.min(im.y1) - r.y0.max(im.y0)) > 0.0
            })
        });
    let credit_ok = |b: &Byline| {
        has_photo
            || b.roles()
                .any(|(role, names)| role != Role::Photographer && !names.is_empty())
    };
    let read_byline = |t: &str, bare: bool| read_byline(t, bare).filter(|(b, _)| credit_ok(b));
    // The top of the body-type blocks other than `k` (a byline over the
    // text starts above all of them).
    let top_of_others = |k: usize| {
        g.body
            .iter()
            .filter(|&&j| {
                j != k && !blocks[j].bold && (blocks[j].size - body_size).abs() < 0.1 * body_size
            })
            .map(|&j| blocks[j].bbox.y0)
            .fold(f32::MAX, f32::min)
    };

    // Paragraphs, with section headings and bylines taken out.
    let mut paras: Vec<(String, u32)> = Vec::new();
    let mut headings: Vec<String> = Vec::new();
    let mut open = false;
    for (n, &k) in g.body.iter().enumerate() {
        let b = &blocks[k];
        let bl: Vec<&Line> = b.lines.iter().map(|&i| &lines[i]).collect();
        // A byline block: every line reads as one.
        let other_font = bl.iter().all(|l| l.bold || l.font != body_font);
        let at_edge = b.bbox.y1 <= top_of_others(k) + 0.5 * body_size
            || b.bbox.y0 >= last_body_y - 0.5 * body_size;
        let bare = other_font && at_edge && bl.iter().all(|l| l.text.chars().count() <= 16);
        let read: Option<Vec<(Byline, String)>> =
            bl.iter().map(|l| read_byline(&l.text, bare)).collect();
        if let Some(read) = read.filter(|_| other_font || at_edge) {
            for (r, (by, m)) in read.into_iter().enumerate() {
                add_byline(&mut art.byline, &mut marks, b.lines[r], by, m);
            }
            open = false;
            continue;
        }
        // A section heading: one short line of its own in larger or bold type.
        let t = bl[0].text.trim();
        let larger = b.size > body_size * 1.04 && b.size < body_size * 1.3;
        let bold_alone = b.bold && n > 0 && !t.starts_with("本报");
        if bl.len() == 1
            && (larger || bold_alone)
            && t.chars().count() <= 24
            && !t.ends_with(is_terminal)
            && g.kind == GroupKind::News
            && jump::split_jump_to(t).is_none()
        {
            headings.push(t.to_string());
            paras.push((t.to_string(), b.lines[0] as u32 + 1));
            open = false;
            continue;
        }
        let left = left_of(k);
        for (r, l) in bl.iter().enumerate() {
            // A byline line set inside a body block: `本报记者 张三 李四`
            // over the text, `本报记者 王五摄` under a picture's caption.
            if let Some((by, m)) = read_byline(&l.text, false) {
                add_byline(&mut art.byline, &mut marks, b.lines[r], by, m);
                open = false;
                continue;
            }
            // A credit set apart at the end of a line of the caption:
            // `…美国联邦快递公司 本报记者苗重安摄`.
            let (body_text, credit) = match l.text.rsplit_once(' ') {
                Some((before, after)) if !before.trim().is_empty() => {
                    match read_byline(after, false) {
                        Some((by, m))
                            if by
                                .roles()
                                .any(|(r, n)| r == Role::Photographer && !n.is_empty()) =>
                        {
                            (before.to_string(), Some((by, m)))
                        }
                        _ => (l.text.clone(), None),
                    }
                }
                _ => (l.text.clone(), None),
            };
            if let Some((by, m)) = credit {
                merge_byline(&mut art.byline, by);
                marks.push(Mark {
                    line: b.lines[r] as u32 + 1,
                    kind: MarkKind::Role,
                    text: m,
                });
            }
            let indented = l.bbox.x0 > left + 1.2 * l.size;
            let text = repair_spaces(&body_text, false);
            if !open || indented {
                paras.push((text, b.lines[r] as u32 + 1));
            } else {
                let p = &mut paras.last_mut().unwrap().0;
                p.push_str(&text);
            }
            open = true;
        }
    }

    // Jumps.
    for (p, line) in paras.iter_mut() {
        if let Some((rest, to, printed)) = jump::split_jump_to(p) {
            art.continues_to = Some(to);
            marks.push(Mark {
                line: *line,
                kind: MarkKind::Jump,
                text: printed,
            });
            *p = rest;
        }
    }
    if let Some((p, line)) = paras.first_mut() {
        if let Some((rest, from, printed)) = jump::split_jump_from(p) {
            art.continued_from = Some(from);
            marks.push(Mark {
                line: *line,
                kind: MarkKind::Jump,
                text: printed,
            });
            *p = rest;
        }
    }
    paras.retain(|(p, _)| !p.trim().is_empty());

    // A name on a line of its own over the dateline: `吴彬` / `本报讯…`.
    if let Some((p, line)) = paras.first_mut() {
        if let Some(i) = p.find("本报讯").filter(|&i| i > 0) {
            let name: String = p[..i].chars().filter(|c| !c.is_whitespace()).collect();
            if byline::is_name(&name) {
                art.byline.authors.push(name);
                *p = p[i..].to_string();
                let _ = line;
            }
        }
    }
    // Dateline, and a byline in brackets after it.
    if let Some((p, line)) = paras.first_mut() {
        if let Some(rest) = p.strip_prefix("本报讯") {
            art.dateline = Some("本报讯".to_string());
            let rest = rest.trim_start().to_string();
            *p = rest;
            take_embedded_byline(p, *line, &mut art.byline, &mut marks);
        }
    }
    // A byline in brackets opening the body with no dateline before it:
    // `（记者闵鹿蕾通讯员林徽因）中国奥委会…`.
    if art.dateline.is_none() {
        if let Some((p, line)) = paras.first_mut() {
            take_embedded_byline(p, *line, &mut art.byline, &mut marks);
        }
    }
    // A photo credit closing a caption: `…一角。（杨一秋摄）`.
    if g.kind == GroupKind::Photo {
        if let Some((p, line)) = paras.last_mut() {
            if let Some((before, names, m, role)) = split_closing_role(p) {
                if role == Role::Photographer {
                    art.byline.photographers.extend(names);
                    marks.push(Mark {
                        line: *line,
                        kind: MarkKind::Role,
                        text: m,
                    });
                    *p = before;
                }
            }
        }
    }
    // A byline run on after the last sentence: `…又何必呢？ 本报记者韩宇东陈小`
    // `波摄`, `…●改革售票办法本报记者谢志强摄`.
    if let Some((p, line)) = paras.last_mut() {
        // The earliest role word in the last 40 characters after which the
        // rest reads as a byline.
        let tail = p.char_indices().rev().nth(39).map_or(0, |(i, _)| i);
        let cut = p[tail..]
            .char_indices()
            .map(|(i, _)| tail + i)
            .filter(|&i| i > 0 && ROLE_WORDS.iter().any(|w| p[i..].starts_with(w)))
            .find_map(|i| {
                read_byline(&p[i..], false)
                    .filter(|(b, _)| !b.is_empty())
                    .map(|r| (i, r))
            });
        if let Some((i, (by, m))) = cut {
            merge_byline(&mut art.byline, by);
            marks.push(Mark {
                line: *line,
                kind: MarkKind::Role,
                text: m,
            });
            *p = p[..i].trim_end().to_string();
        }
    }
    // An author closing the story in brackets: `…在座。（孙家正）`,
    // `…见解。（李毅郝益东）` (names set solid).
    if g.kind == GroupKind::News && !paras.is_empty() {
        let only = paras.len() == 1;
        if let Some((p, line)) = paras.last_mut() {
            if let Some((before, names, m)) =
                split_closing_author(p).filter(|(b, _, _)| !(only && b.is_empty()))
            {
                art.byline.authors.extend(names);
                marks.push(Mark {
                    line: *line,
                    kind: MarkKind::Role,
                    text: m,
                });
                *p = before;
            }
        }
    }
    paras.retain(|(p, _)| !p.trim().is_empty());
    if !art.byline.commentators.is_empty() && art.kind == ArticleKind::News {
        art.kind = ArticleKind::Commentary;
    }
    if art.headline.is_empty() {
        // A photo with no title of its own: the caption's first sentence.
        if let Some((p, _)) = paras.first_mut() {
            let cut = p
                .char_indices()
                .find(|&(_, c)| is_terminal(c) || c == '，')
                .map_or(p.len(), |(i, c)| i + c.len_utf8());
            art.headline = p[..cut].to_string();
            *p = p[cut..].to_string();
        }
        paras.retain(|(p, _)| !p.trim().is_empty());
    }
    art.paragraphs = paras.into_iter().map(|(p, _)| p).collect();
    art.section_headings = headings;
    Built {
        article: art,
        marks,
    }
}

/// A bracketed byline opening a paragraph (`（记者 X 通讯员 Y）…`): its names
/// into `byline`, its role words and brackets into `marks`, the rest kept as
/// the paragraph; left alone unless every character is accounted for.
fn take_embedded_byline(p: &mut String, line: u32, byline: &mut Byline, marks: &mut Vec<Mark>) {
    if let Some((by, m, after)) = split_embedded(p) {
        let (left, ok) = diff(
            &chars(&p[..p.len() - after.len()]),
            &chars(&(byline_chars(&by) + &m)),
        );
        if ok {
            merge_byline(byline, by);
            let m: String = m.chars().chain(left).collect();
            marks.push(Mark {
                line,
                kind: MarkKind::Role,
                text: m,
            });
            *p = after;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credits() {
        assert_eq!(credit_editor("责任编辑：祝华新").as_deref(), Some("祝华新"));
        assert_eq!(
            credit_editor("编辑/吴泽洲 版式/吴镝鸣 校对/刘建成").as_deref(),
            Some("吴泽洲")
        );
        assert_eq!(
            credit_editor("本版编辑 冯亦珍  美编 贾廷寅").as_deref(),
            Some("冯亦珍")
        );
        assert!(credit_editor("编辑部的同志们认为，这是").is_none());
    }

    #[test]
    fn bylines_keep_every_character() {
        let (b, m) = read_byline("本报记者 费伟伟 实习生 周凡恺", false).unwrap();
        assert_eq!(b.reporters, ["费伟伟"]);
        assert_eq!(b.intern_reporters, ["周凡恺"]);
        assert_eq!(
            chars(&(byline_chars(&b) + &m)),
            chars("本报记者费伟伟实习生周凡恺")
        );
        assert!(read_byline("胡国兴", false).is_none());
        assert_eq!(read_byline("胡国兴", true).unwrap().0.authors, ["胡国兴"]);
    }

    #[test]
    fn names_set_solid() {
        let (b, _) = read_byline("本报记者赵孝东张文范", false).unwrap();
        assert_eq!(b.reporters, ["赵孝东", "张文范"]);
        let (b, _) = read_byline("通讯员王文杰李刚", false).unwrap();
        assert_eq!(b.correspondents, ["王文杰", "李刚"]);
        let (b, _) = read_byline("本报记者韩宇东陈小波摄", false).unwrap();
        assert_eq!(b.photographers, ["韩宇东", "陈小波"]);
        assert!(read_byline("本报讯记者从国家环保局", false).is_none());
    }

    #[test]
    fn photo_credits_with_names_set_solid() {
        let (before, names, m, role) = split_closing_role("今天开幕。（李新良唐磊摄）").unwrap();
        assert_eq!(before, "今天开幕。");
        assert_eq!(names, ["李新良", "唐磊"]);
        assert_eq!(role, Role::Photographer);
        assert_eq!(chars(&(names.concat() + &m)), chars("（李新良唐磊摄）"));
        // A one-name credit still reads; a run too long for names does not.
        assert_eq!(
            split_closing_role("一角。（杨一秋摄）").unwrap().1,
            ["杨一秋"]
        );
        assert!(split_closing_role("一角。（这不是一串人名组成的摄）").is_none());
    }

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
}
