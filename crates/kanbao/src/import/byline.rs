//! Bylines in the shapes this paper prints: `■记者 林旭东`, `李雨婷 ■记 者`,
//! `■记 者 通讯员` (no names), `■摄影 王 强 李凤超`, `■本报评论员`,
//! `■言成声`, `(杜燕华)` closing a story, `栏目统筹：黄金凤`, a byline
//! glued to the end of a subheadline, role words after an outlet
//! (`新华社记者`, `本报驻京记者`) and `文/张三 图/李四`.

use kanbao_bundle::{Byline, Role};

use super::text::{is_han, is_terminal};

/// Role words as printed (spaces removed), longest first.
const ROLES: &[(&str, Option<Role>)] = &[
    ("本报评论员", None),
    ("特约评论员", Some(Role::Commentator)),
    ("本报见习记者", Some(Role::InternReporter)),
    ("见习记者", Some(Role::InternReporter)),
    ("本报记者", Some(Role::Reporter)),
    ("特约记者", Some(Role::Reporter)),
    ("责任编辑", Some(Role::Editor)),
    ("栏目统筹", Some(Role::Editor)),
    ("特约通讯员", Some(Role::Correspondent)),
    ("通讯员", Some(Role::Correspondent)),
    ("实习记者", Some(Role::InternReporter)),
    ("实习生", Some(Role::InternReporter)),
    ("评论员", Some(Role::Commentator)),
    ("摄影记者", Some(Role::Photographer)),
    ("记者", Some(Role::Reporter)),
    ("摄影", Some(Role::Photographer)),
    ("编辑", Some(Role::Editor)),
    // `文/张三 图/李四`: the text's and the picture's, with their slash.
    ("文/", Some(Role::Author)),
    ("文／", Some(Role::Author)),
    ("图/", Some(Role::Photographer)),
    ("图／", Some(Role::Photographer)),
];

/// A news outlet printed before a role word (`新华社记者`, `本报通讯员`,
/// `本报驻京记者`, `人民日报记者`): part of the role.
fn is_outlet(t: &str) -> bool {
    let n = t.chars().count();
    (2..=8).contains(&n)
        && t.chars().all(is_han)
        && (t.starts_with("本报")
            || t.starts_with('驻')
            || ["社", "报", "台"].iter().any(|e| t.ends_with(e)))
}

/// Common one-character surnames: a name set solid after another most
/// likely starts with one, and a lone one ends a name cut short.
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝";

/// One of the common surnames.
pub fn is_surname(c: char) -> bool {
    SURNAMES.contains(c)
}

/// A parsed byline and the text around it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParsedByline {
    pub byline: Byline,
    /// Role words, `■` and separators, as printed (kept for accounting).
    pub marks: String,
    /// Text glued before the byline (a subheadline), if any.
    pub prefix: Option<String>,
    /// The line carried a `■` or a role word (not a bare name line).
    pub has_role: bool,
    /// Signed with a name only after `■` (a commentary signature).
    pub signature: bool,
}

/// A plausible personal name: 2–4 Han characters (or `·` inside). Words a
/// page prints where names stand are not names: a dateline (`本报讯`, `本报`,
/// `新华社`) or an edition (`柯桥版`).
pub fn is_name(s: &str) -> bool {
    let n = s.chars().count();
    (2..=4).contains(&n)
        && s.chars().all(|c| is_han(c) || c == '·')
        && !s.starts_with('·')
        && !s.starts_with("本报")
        && !s.starts_with("新华")
        && !s.ends_with('版')
}

/// Splits a run of names; lone characters pair up (`姚 远` is one name
/// spaced out to fill the column). A longer run of lone characters is a
/// line of text spaced out to its column's width (`记 者 从 国 家 环 保 局`),
/// not names.
fn names(seg: &str) -> Option<Vec<String>> {
    let toks: Vec<&str> = seg.split_whitespace().collect();
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        let run = toks[i..]
            .iter()
            .take_while(|t| t.chars().count() == 1)
            .count();
        if run > 4 {
            return None;
        }
        if run >= 2 {
            out.push(format!("{t}{}", toks[i + 1]));
            i += 2;
            continue;
        }
        out.push(t.to_string());
        i += 1;
    }
    out.iter().all(|n| is_name(n)).then_some(out)
}

/// Finds the role word starting at char position `i` of `cs`, allowing
/// spaces inside it (`记 者`). Returns (role, chars consumed).
fn role_at(cs: &[char], i: usize) -> Option<(&'static str, Option<Role>, usize)> {
    for &(word, role) in ROLES {
        let mut j = i;
        let mut ok = true;
        for (k, w) in word.chars().enumerate() {
            if k > 0 {
                while j < cs.len() && cs[j] == ' ' {
                    j += 1;
                }
            }
            if j < cs.len() && cs[j] == w {
                j += 1;
            } else {
                ok = false;
                break;
            }
        }
        if ok {
            return Some((word, role, j - i));
        }
    }
    None
}

enum Tok {
    Role(&'static str, Option<Role>, String),
    Mark(String),
    Text(String),
}

fn tokenize(s: &str) -> Vec<Tok> {
    let cs: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut text = String::new();
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        // A role word starts a token only at a word boundary or after a mark.
        if let Some((w, r, n)) = role_at(&cs, i) {
            let at_start = text.trim().is_empty() || !is_han(cs[i.saturating_sub(1)]) || i == 0;
            // `记者` glued after a headline-like prefix still counts.
            let glued = !at_start && text.chars().count() >= 6;
            let outlet = !at_start && is_outlet(text.trim());
            if outlet {
                let printed: String = std::mem::take(&mut text);
                let role: String = cs[i..i + n].iter().collect();
                out.push(Tok::Role(w, r, format!("{}{role}", printed.trim_start())));
                i += n;
                continue;
            }
            if at_start || glued {
                if !text.is_empty() {
                    out.push(Tok::Text(std::mem::take(&mut text)));
                }
                out.push(Tok::Role(w, r, cs[i..i + n].iter().collect()));
                i += n;
                continue;
            }
        }
        if matches!(c, '■' | '□' | '▲' | '●' | '/' | '：' | ':' | '|') {
            if !text.is_empty() {
                out.push(Tok::Text(std::mem::take(&mut text)));
            }
            out.push(Tok::Mark(c.to_string()));
            i += 1;
            continue;
        }
        text.push(c);
        i += 1;
    }
    if !text.is_empty() {
        out.push(Tok::Text(text));
    }
    out
}

/// Takes a photo credit's `摄` off the end (`本报记者 苗重安 摄`, `杨一秋摄`
/// inside brackets) and the brackets round a credit (`（杨一秋摄）`):
/// (the rest, the marks taken off, whether it was a photo credit).
fn strip_credit(line: &str) -> (&str, String, bool) {
    let mut t = line;
    let mut marks = String::new();
    let bracketed =
        (t.starts_with('（') && t.ends_with('）')) || (t.starts_with('(') && t.ends_with(')'));
    if bracketed {
        let open = t.chars().next().unwrap();
        let close = t.chars().last().unwrap();
        t = t[open.len_utf8()..t.len() - close.len_utf8()].trim();
        marks.push(open);
        marks.push(close);
    }
    if let Some(rest) = t.strip_suffix('摄') {
        let spaced = rest.ends_with(char::is_whitespace);
        let rest = rest.trim_end();
        let role_before = ROLES.iter().any(|(w, _)| rest.contains(w));
        if !rest.is_empty() && (bracketed || spaced || role_before) {
            marks.push('摄');
            return (rest, marks, true);
        }
    }
    if bracketed {
        // Brackets alone make no byline: leave the line as printed.
        return (line, String::new(), false);
    }
    (t, marks, false)
}

/// Parses a byline line. `None` when the line is not one.
pub fn parse_line(line: &str) -> Option<ParsedByline> {
    let line = line.trim();
    if line.is_empty() || line.chars().count() > 60 {
        return None;
    }
    let (core, credit_marks, photo) = strip_credit(line);
    let Some(mut p) = parse_core(core) else {
        return caption_credit(line);
    };
    if photo {
        // Whoever signs a `摄` credit took the picture.
        let b = std::mem::take(&mut p.byline);
        for (_, names) in b.roles() {
            p.byline.photographers.extend(names.iter().cloned());
        }
        if p.byline.photographers.is_empty() || p.prefix.is_some() {
            return None;
        }
        p.has_role = true;
        p.marks.push_str(&credit_marks);
    }
    Some(p)
}

/// A caption's text and its credit on one line, set apart by a space
/// (`●增开临时客车●改革售票办法　本报记者 谢志强 摄`): the credit, with the
/// caption as its prefix.
fn caption_credit(line: &str) -> Option<ParsedByline> {
    if !line.ends_with('摄') {
        return None;
    }
    let at = line
        .char_indices()
        .rev()
        .find(|&(i, c)| {
            c.is_whitespace()
                && role_at(&line[i..].trim_start().chars().collect::<Vec<_>>(), 0).is_some()
        })
        .map(|(i, _)| i)?;
    let (head, tail) = line.split_at(at);
    let mut p = parse_line(tail.trim()).filter(|p| p.prefix.is_none())?;
    if p.byline.photographers.is_empty() || head.trim().is_empty() {
        return None;
    }
    p.prefix = Some(head.trim().to_string());
    Some(p)
}

fn parse_core(line: &str) -> Option<ParsedByline> {
    let toks = tokenize(line);
    let mut p = ParsedByline::default();
    let mut role: Option<Option<Role>> = None;
    let mut pending: Vec<String> = Vec::new();
    let mut saw_mark = false;
    for (k, t) in toks.iter().enumerate() {
        match t {
            Tok::Role(w, r, printed) => {
                p.has_role = true;
                if r.is_none() {
                    // `本报评论员` is both role and signature.
                    p.byline.commentators.push(printed.clone());
                    role = Some(Some(Role::Commentator));
                    continue;
                }
                let _ = w;
                p.marks.push_str(printed);
                if !pending.is_empty() {
                    // Names printed before their role (`李雨婷 ■记者`).
                    p.byline.names_mut(r.unwrap()).append(&mut pending);
                }
                role = Some(*r);
            }
            Tok::Mark(m) => {
                saw_mark |= m == "■" || m == "□";
                p.marks.push_str(m);
            }
            Tok::Text(s) => {
                if s.trim().is_empty() {
                    continue;
                }
                match names(s) {
                    Some(ns) => {
                        if let Some(Some(r)) = role {
                            p.byline.names_mut(r).extend(ns);
                        } else {
                            pending.extend(ns);
                        }
                    }
                    None => {
                        // Only a glued prefix (before the first role word) may be other text.
                        let next_is_role = matches!(toks.get(k + 1), Some(Tok::Role(..)));
                        if k == 0 && next_is_role && p.prefix.is_none() {
                            p.prefix = Some(s.trim().to_string());
                        } else {
                            return None;
                        }
                    }
                }
            }
        }
    }
    if !pending.is_empty() {
        if !p.has_role && !saw_mark {
            // A bare line of names; the caller decides from context.
            p.byline.authors.append(&mut pending);
        } else if p.has_role {
            let r = match role {
                Some(Some(r)) => r,
                _ => Role::Author,
            };
            p.byline.names_mut(r).append(&mut pending);
        } else {
            // `■言成声`: a signature with no role word.
            p.signature = true;
            p.byline.commentators.append(&mut pending);
        }
    }
    if !(p.has_role || saw_mark || !p.byline.is_empty()) {
        return None;
    }
    if p.prefix.is_some() && p.byline.is_empty() {
        return None;
    }
    Some(p)
}

/// A byline the extraction cut inside its last name: a two-character name
/// spaced out to fill its column (`陈　杰`) whose second character, past the
/// wide space, was read as a block of its own (`■记者 陈` … `杰`). `line`
/// ends in a lone common surname and reads as no byline by itself; `tail`
/// is one Han character alone on its line. Returns the byline whole.
pub fn rejoin_cut_name(line: &str, tail: &str) -> Option<String> {
    let lone = |s: &str| {
        let mut cs = s.chars();
        match (cs.next(), cs.next()) {
            (Some(c), None) if is_han(c) => Some(c),
            _ => None,
        }
    };
    let rest = lone(tail.trim())?;
    let surname = lone(line.split_whitespace().last()?).filter(|&c| is_surname(c))?;
    if line.split_whitespace().count() < 2 || parse_line(line).is_some() {
        return None;
    }
    let joined = format!("{} {rest}", line.trim_end());
    let p = parse_line(&joined).filter(|p| p.has_role && p.prefix.is_none())?;
    let name: String = [surname, rest].iter().collect();
    let named = p.byline.roles().any(|(_, ns)| ns.last() == Some(&name));
    named.then_some(joined)
}

/// A closing byline at the end of a paragraph, `…建设成果。(杜燕华)`:
/// returns (paragraph without it, names, the brackets).
pub fn split_closing(par: &str) -> Option<(String, Vec<String>, String)> {
    split_closing_role(par).map(|(b, n, m, _)| (b, n, m))
}

/// [`split_closing`] with the role the names have: a photographer for
/// `（杨一秋摄）`, else an author.
pub fn split_closing_role(par: &str) -> Option<(String, Vec<String>, String, Role)> {
    let (before, inner, open, close) = closing_brackets(par)?;
    let (inner, role, zhe) = match inner.trim_end().strip_suffix('摄') {
        Some(rest) => (rest, Role::Photographer, "摄"),
        None => (inner, Role::Author, ""),
    };
    // `（本报记者 王五 摄）`: whoever signs a credit took the picture.
    let credited = || {
        let p = parse_core(inner.trim()).filter(|p| p.has_role && p.prefix.is_none())?;
        let ns: Vec<String> = p
            .byline
            .roles()
            .flat_map(|(_, n)| n.iter().cloned())
            .collect();
        Some((ns, p.marks))
    };
    let (ns, roles) = match names(inner) {
        Some(ns) => (ns, String::new()),
        None if role == Role::Photographer => credited()?,
        None => return None,
    };
    if ns.is_empty() || ns.len() > 5 {
        return None;
    }
    match before.chars().last() {
        Some(c) if is_terminal(c) || matches!(c, '”' | '"' | '」') => {}
        None if role == Role::Photographer => {}
        _ => return None,
    }
    Some((
        before.to_string(),
        ns,
        format!("{open}{roles}{zhe}{close}"),
        role,
    ))
}

/// A closing byline set on a line of its own, `（孙家正）`: the names in
/// brackets as the story's authors, the brackets as marks. Whether it closes
/// a story is the caller's to judge (the line before ends a sentence);
/// a bracketed word alone (`（试行）`) looks the same.
pub fn closing_alone(line: &str) -> Option<ParsedByline> {
    let (before, inner, open, close) = closing_brackets(line)?;
    if !before.is_empty() || inner.trim_end().ends_with('摄') {
        return None;
    }
    let ns = names(inner)?;
    if ns.is_empty() || ns.len() > 5 {
        return None;
    }
    let mut p = ParsedByline {
        marks: format!("{open}{close}"),
        has_role: true,
        ..Default::default()
    };
    p.byline.authors = ns;
    Some(p)
}

/// Whether the line `next` after a story's `pieces` opens another block of
/// text: a dateline (`本报讯`, `新华社…电`), or a line far wider than the
/// story's column. A bracketed name between them closes the story.
pub fn opens_other_block(pieces: &[super::draft::Piece], next: &str) -> bool {
    let t: String = next.split_whitespace().collect();
    if t.starts_with("本报讯") || t.starts_with("新华社") {
        return true;
    }
    let col = pieces
        .iter()
        .rev()
        .take(4)
        .map(|p| super::text::visible_len(&p.text))
        .max()
        .unwrap_or(0);
    col > 0 && t.chars().count() >= col * 3 / 2 + 4
}

/// Brackets closing a paragraph, `…成果。(杜燕华)`: (the text before them,
/// trimmed at its end; what they hold; the opening and closing bracket).
pub fn closing_brackets(par: &str) -> Option<(&str, &str, char, char)> {
    let t = par.trim_end();
    let close = t.chars().last()?;
    let open = match close {
        ')' => '(',
        '）' => '（',
        _ => return None,
    };
    let start = t.rfind(open)?;
    let inner = &t[start + open.len_utf8()..t.len() - close.len_utf8()];
    Some((t[..start].trim_end(), inner, open, close))
}

/// A byline in brackets opening a dateline's text, `（记者 闵鹿蕾 通讯员
/// 林徽因）今天…`: (the byline, its marks with the brackets, the text after).
pub fn split_embedded(t: &str) -> Option<(Byline, String, String)> {
    let open = t.chars().next().filter(|c| matches!(c, '（' | '('))?;
    let close = if open == '（' { '）' } else { ')' };
    let end = t.find(close)?;
    let inner = &t[open.len_utf8()..end];
    if inner.chars().count() > 40 {
        return None;
    }
    let p = parse_core(inner.trim())?;
    if !p.has_role || p.prefix.is_some() || p.byline.is_empty() {
        return None;
    }
    let marks = format!("{open}{}{close}", p.marks);
    Some((
        p.byline,
        marks,
        t[end + close.len_utf8()..].trim_start().to_string(),
    ))
}

/// The length (bytes) of a dateline opening a story other than `本报讯`:
/// `本报北京1月5日讯`, `新华社北京一月十六日电`, an outlet, place and date
/// up to `讯` or `电`.
pub fn dateline_len(t: &str) -> Option<usize> {
    if !["本报", "新华社", "中新社"]
        .iter()
        .any(|o| t.starts_with(o))
    {
        return None;
    }
    let (end, c) = t
        .char_indices()
        .take(20)
        .find(|&(_, c)| c == '讯' || c == '电')?;
    let plain = t[..end]
        .chars()
        .all(|c| is_han(c) || c.is_alphanumeric() || c.is_whitespace());
    plain.then_some(end + c.len_utf8())
}

/// A byline run into the text after a dateline, `记者王五报道：…`: (the
/// byline, its marks, the text after).
pub fn split_reported(t: &str) -> Option<(Byline, String, String)> {
    let t = t.trim_start();
    let at = t.find("报道")?;
    let tail = &t[at + "报道".len()..];
    let sep = tail
        .chars()
        .next()
        .filter(|c| matches!(c, '：' | ':' | '，'))?;
    if t[..at].chars().count() > 24 {
        return None;
    }
    let p = parse_core(t[..at].trim())?;
    if !p.has_role || p.prefix.is_some() || p.byline.is_empty() {
        return None;
    }
    let marks = format!("{}报道{sep}", p.marks);
    Some((p.byline, marks, tail[sep.len_utf8()..].to_string()))
}

/// A column label glued to the next headline,
/// `DIYIPIPINGLUN 栏目统筹：黄金凤我市一村获评`: returns
/// (label text, editor name, rest).
pub fn split_column_label(line: &str) -> Option<(String, String, String)> {
    let key = ["栏目统筹", "统筹", "主持", "责编"]
        .into_iter()
        .find_map(|k| line.find(k).map(|i| (i, k)))?;
    let (i, k) = key;
    let after = &line[i + k.len()..];
    let after = after.trim_start_matches([':', '：', ' ', '/']);
    let colon_len = line.len() - i - k.len() - after.len();
    let label = line[..i + k.len() + colon_len].to_string();
    let han: Vec<char> = after.chars().take_while(|&c| is_han(c)).collect();
    if han.len() < 2 {
        return None;
    }
    // Names are mostly three characters; two when nothing Han follows.
    let n = if han.len() == 2 { 2 } else { 3 };
    let name: String = han[..n].iter().collect();
    let rest = after[name.len()..].trim().to_string();
    Some((label, name, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> ParsedByline {
        parse_line(s).unwrap_or_else(|| panic!("not a byline: {s}"))
    }

    #[test]
    fn shapes() {
        let b = p("■记者 林旭东");
        assert_eq!(b.byline.reporters, ["林旭东"]);
        let b = p("李雨婷 ■记 者");
        assert_eq!(b.byline.reporters, ["李雨婷"]);
        let b = p("■记 者 通讯员");
        assert!(b.byline.is_empty() && b.has_role);
        let b = p("■摄影 王 强 李凤超");
        assert_eq!(b.byline.photographers, ["王强", "李凤超"]);
        let b = p("■本报评论员");
        assert_eq!(b.byline.commentators, ["本报评论员"]);
        let b = p("■言成声");
        assert_eq!(b.byline.commentators, ["言成声"]);
        assert!(b.signature);
        let b = p("居丹荔 ■记 者 通讯员 李凤超");
        assert_eq!(b.byline.reporters, ["居丹荔"]);
        assert_eq!(b.byline.correspondents, ["李凤超"]);
        let b = p("■记者 黄金凤 通讯员 何斌");
        assert_eq!(b.byline.correspondents, ["何斌"]);
        let b = p("通讯员 邹树文 姚 远");
        assert_eq!(b.byline.correspondents, ["邹树文", "姚远"]);
        let b = p("本报记者 费伟伟 实习生 周凡恺");
        assert_eq!(b.byline.reporters, ["费伟伟"]);
        assert_eq!(b.byline.intern_reporters, ["周凡恺"]);
        let b = p("特约评论员 李 静");
        assert_eq!(b.byline.commentators, ["李静"]);
        let b = p("●增开临时客车●改革售票办法　本报记者 谢志强 摄");
        assert_eq!(b.byline.photographers, ["谢志强"]);
        assert_eq!(b.prefix.as_deref(), Some("●增开临时客车●改革售票办法"));
        let b = p("本报记者 苗重安 摄");
        assert_eq!(b.byline.photographers, ["苗重安"]);
        assert!(b.byline.reporters.is_empty());
        let b = p("（杨一秋摄）");
        assert_eq!(b.byline.photographers, ["杨一秋"]);
        assert_eq!(b.marks, "（）摄");
        assert!(p("进行拍摄").byline.photographers.is_empty());
        let b = p("■见习记者 牧原");
        assert_eq!(b.byline.intern_reporters, ["牧原"]);
        let b = p("——平湖“融长”这五年系列报道(二)记者 林旭东");
        assert_eq!(b.prefix.as_deref(), Some("——平湖“融长”这五年系列报道(二)"));
        assert_eq!(b.byline.reporters, ["林旭东"]);
    }

    #[test]
    fn outlets_and_relatives_of_the_role_words() {
        let b = p("新华社记者 王小明");
        assert_eq!(b.byline.reporters, ["王小明"]);
        assert_eq!(b.marks, "新华社记者");
        assert_eq!(p("本报通讯员 李大为").byline.correspondents, ["李大为"]);
        assert_eq!(p("本报驻京记者 周九").byline.reporters, ["周九"]);
        assert_eq!(p("本报实习生 孙二").byline.intern_reporters, ["孙二"]);
        assert_eq!(p("新华社记者 陈七 摄").byline.photographers, ["陈七"]);
        assert_eq!(p("本报摄影记者 钱八").byline.photographers, ["钱八"]);
        let b = p("本报记者 吴十 实习记者 郑一");
        assert_eq!(
            (b.byline.reporters, b.byline.intern_reporters),
            (vec!["吴十".to_string()], vec!["郑一".to_string()])
        );
        let b = p("文/张三 图/李四");
        assert_eq!(
            (b.byline.authors, b.byline.photographers),
            (vec!["张三".to_string()], vec!["李四".to_string()])
        );
        // An outlet's reporter inside a sentence is no byline.
        assert!(parse_line("人民日报记者从会上获悉").is_none());
    }

    #[test]
    fn datelines_and_bylines_run_into_the_text() {
        let t = "本报北京1月5日讯 记者王五报道：会议召开。";
        let n = dateline_len(t).unwrap();
        assert_eq!(&t[..n], "本报北京1月5日讯");
        assert_eq!(
            &"新华社北京一月十六日电（记者 陈七）"
                [..dateline_len("新华社北京一月十六日电（记者 陈七）").unwrap()],
            "新华社北京一月十六日电"
        );
        assert!(dateline_len("本报记者从会上获悉，今年将召开电话会").is_none());
        let (b, m, rest) = split_reported(" 记者王五报道：会议召开。").unwrap();
        assert_eq!(
            (b.reporters[0].as_str(), m.as_str(), rest.as_str()),
            ("王五", "记者报道：", "会议召开。")
        );
        assert!(split_reported("记者从会上获悉的报道：").is_none());
    }

    #[test]
    fn not_bylines() {
        for s in [
            "马厰村村民陈粮良告诉记者，活动每年都会吸引",
            "合作联动，筑牢执法根基",
            "凝聚流动党员先锋力量",
            "（试行）",
        ] {
            assert!(parse_line(s).is_none(), "{s}");
        }
    }

    #[test]
    fn datelines_editions_and_spaced_text_are_not_names() {
        assert!(!is_name("本报讯") && !is_name("新华社") && !is_name("柯桥版"));
        assert!(is_name("韦钰") && is_name("孙家正"));
        // A dateline alone is no line of names.
        assert!(parse_line("本报讯").is_none());
        assert!(parse_line("柯桥版").is_none());
        // A story's first line spaced out to its column: text, not names.
        assert!(parse_line("本报讯 记 者 从 国 家 环 保 局").is_none());
        // A two-character name spaced out to fill its column still is one.
        let b = p("本报记者 田俊荣 韦　钰");
        assert_eq!(b.byline.reporters, ["田俊荣", "韦钰"]);
        let b = p("本报记者 李 茜 徐国春");
        assert_eq!(b.byline.reporters, ["李茜", "徐国春"]);
    }

    #[test]
    fn a_name_cut_after_its_surname_is_put_back() {
        let j = rejoin_cut_name("本报记者 张明 何", "平").unwrap();
        assert_eq!(p(&j).byline.reporters, ["张明", "何平"]);
        let j = rejoin_cut_name("■记者 吴", "东").unwrap();
        assert_eq!(p(&j).byline.reporters, ["吴东"]);
        let j = rejoin_cut_name("特约评论员 方", "圆").unwrap();
        assert_eq!(p(&j).byline.commentators, ["方圆"]);
        // No role word, no surname, a tail that is no lone character, or a
        // byline whole already: nothing to put back.
        assert!(rejoin_cut_name("他们说 何", "平").is_none());
        assert!(rejoin_cut_name("■记者 的", "平").is_none());
        assert!(rejoin_cut_name("■记者 吴", "东西").is_none());
        assert!(rejoin_cut_name("■记者 吴", "。").is_none());
        assert!(rejoin_cut_name("■记者 吴东", "平").is_none());
    }

    #[test]
    fn a_closing_signature_alone_on_its_line() {
        let b = closing_alone("（孙家正）").unwrap();
        assert_eq!(b.byline.authors, ["孙家正"]);
        assert_eq!(b.marks, "（）");
        assert!(closing_alone("（本报讯）").is_none());
        assert!(closing_alone("（杨一秋摄）").is_none());
        assert!(closing_alone("尚慕杰等会见时在座。（孙家正）").is_none());
    }

    #[test]
    fn another_block_after_a_story() {
        use crate::import::draft::Piece;
        let story = [
            Piece::line(1, "熊光楷中将及美国驻华大使"),
            Piece::line(2, "尚慕杰等会见时在座。"),
        ];
        assert!(opens_other_block(&story, "本报讯 两年前的春节前夕"));
        assert!(opens_other_block(
            &story,
            "记者施明慎从今日在京召开的中国工商银行全国分行行长会议上获悉，根据"
        ));
        assert!(!opens_other_block(
            &story,
            "办法共分五章，自发布之日起施行。"
        ));
    }

    #[test]
    fn closing_and_labels() {
        let (b, n, m) = split_closing("建设。(杜燕华)").unwrap();
        assert_eq!(
            (b.as_str(), n, m.as_str()),
            ("建设。", vec!["杜燕华".to_string()], "()")
        );
        assert!(split_closing("意见(试行)").is_none());
        let (_, n, m, r) = split_closing_role("购票。（本报记者 王五 摄）").unwrap();
        assert_eq!(
            (n[0].as_str(), m.as_str(), r),
            ("王五", "（本报记者摄）", Role::Photographer)
        );
        assert!(split_closing_role("购票。（本报记者 王五）").is_none());
        let (b, n, m, r) = split_closing_role("一角。（杨一秋摄）").unwrap();
        assert_eq!(
            (b.as_str(), n[0].as_str(), m.as_str(), r),
            ("一角。", "杨一秋", "（摄）", Role::Photographer)
        );
        let (b, m, rest) = split_embedded("（记者 闵鹿蕾 通讯员 林徽因）今天").unwrap();
        assert_eq!(
            (b.reporters[0].as_str(), b.correspondents[0].as_str()),
            ("闵鹿蕾", "林徽因")
        );
        assert_eq!((m.as_str(), rest.as_str()), ("（记者通讯员）", "今天"));
        assert!(split_embedded("（新华社电）今天").is_none());
        let (l, n, r) = split_column_label("DIYIPIPINGLUN 栏目统筹：黄金凤我市一村获评").unwrap();
        assert_eq!(
            (l.as_str(), n.as_str(), r.as_str()),
            ("DIYIPIPINGLUN 栏目统筹：", "黄金凤", "我市一村获评")
        );
    }
}
