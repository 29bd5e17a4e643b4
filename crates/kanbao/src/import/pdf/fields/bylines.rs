//! Bylines as the PDF prints them: a line of role words and names (names
//! set solid or not), an editor credit line, a byline in brackets opening
//! the body, a photo credit or an author in brackets closing it. Each is
//! taken only when every character of it is accounted for, as a name or as
//! a mark.

use kanbao_bundle::{Byline, Role};

use super::built::Built;
use super::names::{space_names, split_solid};
use crate::import::byline;
use crate::import::text::{is_han, is_terminal};

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
        .take_while(|&c| is_han(c) || c == ' ' || c == '　')
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

/// An author's name in brackets closing a paragraph after its last sentence:
/// (the paragraph without it, the names, the brackets).
pub fn split_closing_author(p: &str) -> Option<(String, Vec<String>, String)> {
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
    if !after_sentence || office || !(2..=9).contains(&n) || !inner.chars().all(is_han) {
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
pub fn split_closing_role(p: &str) -> Option<(String, Vec<String>, String, Role)> {
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
    if !(4..=9).contains(&n) || !inner.chars().all(is_han) {
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
pub fn read_byline(t: &str, bare: bool) -> Option<(Byline, String)> {
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

/// [`read_byline`] where a byline of photographers alone counts only with a
/// photo in the story's region (`has_photo`): without one, a photo credit
/// (`压题照片…（杨一秋摄）`) captions a picture printed elsewhere and stays
/// text.
pub fn read_credit_aware(t: &str, bare: bool, has_photo: bool) -> Option<(Byline, String)> {
    read_byline(t, bare).filter(|(b, _)| {
        has_photo
            || b.roles()
                .any(|(role, names)| role != Role::Photographer && !names.is_empty())
    })
}

/// A bracketed byline opening a paragraph (`（记者 X 通讯员 Y）…`): its names
/// into the article's byline, its role words and brackets into `marks`, the rest kept as
/// the paragraph; left alone unless every character is accounted for.
pub fn take_embedded_byline(p: &mut String, line: u32, out: &mut Built) {
    if let Some((by, m, after)) = split_embedded(p) {
        let (left, ok) = diff(
            &chars(&p[..p.len() - after.len()]),
            &chars(&(byline_chars(&by) + &m)),
        );
        if ok {
            out.merge_byline(by);
            out.mark_role(line, m.chars().chain(left).collect());
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
    fn a_photo_credit_needs_a_photo() {
        assert!(read_credit_aware("本报记者 王五摄", false, false).is_none());
        assert!(read_credit_aware("本报记者 王五摄", false, true).is_some());
        assert!(read_credit_aware("本报记者 王五", false, false).is_some());
    }

    #[test]
    fn closing_authors_and_embedded_bylines() {
        let (before, names, m) = split_closing_author("见解。（李毅郝益东）").unwrap();
        assert_eq!((before.as_str(), m.as_str()), ("见解。", "（）"));
        assert_eq!(names, ["李毅", "郝益东"]);
        assert!(split_closing_author("消息。（新华社）").is_none());
        let mut out = Built::default();
        let mut p = "（记者闵鹿蕾通讯员林徽因）中国奥委会".to_string();
        take_embedded_byline(&mut p, 3, &mut out);
        assert_eq!(p, "中国奥委会");
        assert_eq!(out.article.byline.reporters, ["闵鹿蕾"]);
        assert_eq!(out.article.byline.correspondents, ["林徽因"]);
        assert_eq!(out.marks[0].line, 3);
    }
}
