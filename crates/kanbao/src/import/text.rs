//! Character classes and line-wrap repair for extracted Chinese text.
//!
//! Extraction leaves spaces where a printed line wrapped; real spaces sit
//! between Latin words and between parallel phrases of a headline.

/// A Han ideograph (the CJK blocks newspapers use).
pub fn is_han(c: char) -> bool {
    kanbao_bundle::text::is_han(c)
}

/// CJK punctuation and full-width forms.
pub fn is_cjk_punct(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFF65 | 0x2014..=0x201F | 0x2026 | 0x00B7 | 0x25A0..=0x25FF)
}

pub fn is_cjk(c: char) -> bool {
    is_han(c) || is_cjk_punct(c)
}

/// Ends a sentence (so a paragraph that ends here is complete).
pub fn is_terminal(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '…' | '；' | ';')
}

/// Whether text ends as a complete sentence: `。`, `！`, or a closing quote
/// or bracket after one.
pub fn ends_complete(s: &str) -> bool {
    let mut it = s.trim_end().chars().rev();
    match it.next() {
        None => true,
        Some(c) if is_terminal(c) => true,
        Some('”' | '"' | '’' | '\'' | '」' | '』' | '）' | ')' | '》') => true,
        Some(_) => false,
    }
}

/// Ends on a sentence's end, quoted or not (`…了。`, `…幸福！”`); a
/// closing bracket or title mark alone (`《让老师满意》`) is no sentence end.
pub fn ends_sentence(s: &str) -> bool {
    s.trim_end()
        .trim_end_matches(['”', '"', '’', '\'', '」', '』'])
        .chars()
        .last()
        .is_some_and(is_terminal)
}

/// Count of non-space characters.
pub fn visible_len(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

pub fn han_count(s: &str) -> usize {
    s.chars().filter(|&c| is_han(c)).count()
}

/// Whether a body line shows line-wrap spaces: spaces between two Chinese
/// characters, often, in long lines.
pub fn wrap_spaces_in(s: &str) -> usize {
    let cs: Vec<char> = s.chars().collect();
    let mut n = 0;
    for i in 1..cs.len().saturating_sub(1) {
        if cs[i] == ' ' && !cs[i - 1].is_ascii_alphanumeric() && !cs[i + 1].is_ascii_alphanumeric()
        {
            n += 1;
        }
    }
    n
}

/// Removes line-wrap spaces. On a page with wrap spaces (`wrapped`), any
/// space not between two Latin letters or digits goes; otherwise only
/// spaces between two Chinese characters go.
pub fn repair_spaces(s: &str, wrapped: bool) -> String {
    let cs: Vec<char> = s.trim().chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        if c.is_whitespace() {
            let mut j = i;
            while j < cs.len() && cs[j].is_whitespace() {
                j += 1;
            }
            let prev = out.chars().last();
            let next = cs.get(j).copied();
            let keep = match (prev, next) {
                (Some(a), Some(b)) => {
                    let latin = |x: char| x.is_ascii_alphanumeric();
                    if latin(a) && latin(b) {
                        true
                    } else if wrapped {
                        false
                    } else {
                        !(is_cjk(a) && is_cjk(b))
                    }
                }
                _ => false,
            };
            if keep {
                out.push(' ');
            }
            i = j;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Removes spaces only between two Han characters (`戴 琰` → `戴琰`),
/// keeping those around numbers and labels.
pub fn repair_name_spaces(s: &str) -> String {
    let cs: Vec<char> = s
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .collect();
    let mut out = String::with_capacity(s.len());
    // Length of the Han run starting at `i`.
    let run_fwd = |i: usize| cs[i..].iter().take_while(|&&c| is_han(c)).count();
    for (i, &c) in cs.iter().enumerate() {
        if c == ' ' && i > 0 && is_han(cs[i - 1]) && cs.get(i + 1).is_some_and(|&n| is_han(n)) {
            // A lone character beside the space is half of a spaced-out name.
            let run_back = out.chars().rev().take_while(|&c| is_han(c)).count();
            if run_back == 1 || run_fwd(i + 1) == 1 {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// Space-separated segments of a headline-like line.
pub fn segments(s: &str) -> Vec<&str> {
    s.split_whitespace().collect()
}

/// Repairs a headline: keeps spaces between parallel phrases (two halves of
/// about the same length, neither a bracketed name), drops wrap spaces.
pub fn repair_headline(s: &str, wrapped: bool) -> String {
    let segs = segments(s);
    if segs.len() <= 1 {
        return segs.concat();
    }
    if !wrapped {
        return segs.join(" ");
    }
    let parallel = segs.len() >= 3 || {
        let a = visible_len(segs[0]);
        let b = visible_len(segs[1]);
        a.abs_diff(b) <= 1 && !segs.iter().any(|x| x.contains(['(', '（', ')', '）']))
    };
    if parallel {
        segs.join(" ")
    } else {
        segs.concat()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_ends_on_its_mark_not_on_a_title_mark() {
        assert!(ends_sentence("获得了满足和幸福！”") && ends_sentence("会见时在座。"));
        assert!(!ends_sentence("住房：《让老师满意》") && !ends_sentence("（孙家正）"));
    }

    #[test]
    fn wrap_spaces_go_latin_spaces_stay() {
        assert_eq!(
            repair_spaces("浙沪 边界,一直 以来", true),
            "浙沪边界,一直以来"
        );
        assert_eq!(
            repair_spaces("ISO 37101(文旅型)", true),
            "ISO 37101(文旅型)"
        );
        assert_eq!(repair_spaces("品牌 logo，聚合", false), "品牌 logo，聚合");
        assert_eq!(repair_spaces("本报讯 昨天", false), "本报讯昨天");
    }

    #[test]
    fn headlines_keep_parallel_spaces() {
        const CASES: &[(&str, bool, &str)] = &[
            (
                "坚定发展信心 深化转型升级",
                false,
                "坚定发展信心 深化转型升级",
            ),
            (
                "平湖首个顶尖人才 项目签约落户",
                true,
                "平湖首个顶尖人才项目签约落户",
            ),
            ("-堂生动党课 一场初心洗礼", true, "-堂生动党课 一场初心洗礼"),
            (
                "市人大党组(扩大)会议 传达学习省党代会精神",
                true,
                "市人大党组(扩大)会议传达学习省党代会精神",
            ),
        ];
        for (input, wrapped, want) in CASES {
            assert_eq!(repair_headline(input, *wrapped), *want, "{input}");
        }
    }

    #[test]
    fn name_spaces() {
        assert_eq!(
            repair_name_spaces("编辑/戴 琰 电话/85018195 版式/李春霞 校对/张 真"),
            "编辑/戴琰 电话/85018195 版式/李春霞 校对/张真"
        );
    }

    #[test]
    fn completeness() {
        assert!(ends_complete("说。"));
        assert!(ends_complete("“心坎里”。"));
        assert!(!ends_complete("曹桥街"));
        assert!(!ends_complete("戏曲、"));
    }
}
