//! Printed jumps between pages: `(下转2版)` where an article breaks off and
//! `(上接1版)` where it resumes, on a line of their own or ending a line.

const OPEN: &[char] = &['(', '（', '『', '【', '[', '■', '「', ' '];
const CLOSE: &[char] = &[')', '）', '』', '】', ']', '」', ' '];

/// Parses `下转 C2 版` / `上接1版` at `s`: (page, bytes consumed).
fn jump_page(s: &str) -> Option<(String, usize)> {
    let t = s.trim_start();
    // `下转第7版`: the ordinal mark is printed or not.
    let t = t.strip_prefix('第').unwrap_or(t).trim_start();
    let skipped = s.len() - t.len();
    let mut page = String::new();
    let mut used = 0;
    for c in t.chars() {
        if c.is_ascii_alphanumeric() {
            page.push(c);
        } else if c != ' ' {
            break;
        }
        used += c.len_utf8();
    }
    if !page.chars().any(|c| c.is_ascii_digit()) || page.len() > 4 {
        return None;
    }
    let rest = &t[used..];
    let rest2 = rest.strip_prefix('版')?;
    Some((
        format!("{page}版"),
        skipped + used + (rest.len() - rest2.len()),
    ))
}

/// `…130余次。(下转2版)` → (text, `2版`, the printed jump).
pub fn split_jump_to(t: &str) -> Option<(String, String, String)> {
    let pos = t.rfind("下转")?;
    let (page, used) = jump_page(&t[pos + "下转".len()..])?;
    let after = &t[pos + "下转".len() + used..];
    if !after.trim_matches(CLOSE).is_empty() {
        return None;
    }
    let start = t[..pos].trim_end_matches(OPEN).len();
    let printed: String = t[start..].trim_start().to_string();
    Some((t[..start].trim_end().to_string(), page, printed))
}

/// `(上接1版)…` → (text, `1版`, the printed jump).
pub fn split_jump_from(t: &str) -> Option<(String, String, String)> {
    let body = t.trim_start_matches(OPEN);
    let rest = body.strip_prefix("上接")?;
    let (page, used) = jump_page(rest)?;
    let after = &rest[used..];
    let after_t = after.trim_start_matches(CLOSE);
    let cut = t.len() - after_t.len();
    Some((after_t.to_string(), page, t[..cut].to_string()))
}

/// A line that is nothing but a jump to another page.
pub fn is_jump_line(t: &str) -> bool {
    split_jump_to(t).is_some_and(|(rest, _, _)| rest.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jumps() {
        let (t, p, m) = split_jump_to("联合执法活动130余次。(下转2版)").unwrap();
        assert_eq!(
            (t.as_str(), p.as_str(), m.as_str()),
            ("联合执法活动130余次。", "2版", "(下转2版)")
        );
        let (t, p, m) = split_jump_to("\"融合\", ■ 『下转 C2 版").unwrap();
        assert_eq!(
            (t.as_str(), p.as_str(), m.as_str()),
            ("\"融合\",", "C2版", "■ 『下转 C2 版")
        );
        let (t, p, _) = split_jump_from("(上接1版)截至目前").unwrap();
        assert_eq!((t.as_str(), p.as_str()), ("截至目前", "1版"));
        assert!(split_jump_to("下转的文字").is_none());
        let (t, p, m) = split_jump_to("(下转第7版)").unwrap();
        assert_eq!(
            (t.as_str(), p.as_str(), m.as_str()),
            ("", "7版", "(下转第7版)")
        );
        assert!(is_jump_line("（下转5版）"));
        assert!(!is_jump_line("还可以种（下转5版）"));
    }
}
