//! Names set solid: a byline that prints its names with no space between
//! (`本报记者赵孝东张文范`, `（李新良唐磊摄）`) is spaced out into names of
//! two or three characters before it is read.

use crate::import::byline::is_surname;
use crate::import::text::is_han;

/// Role words a byline's names follow (longest first).
pub const ROLE_WORDS: &[&str] = &[
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

/// Splits a run of names set solid (`王文杰李刚`, `李毅郝益东`) into names of
/// two or three characters: the split whose names most often start with a
/// common surname, three-character names first on a tie.
pub fn split_solid(run: &str) -> Vec<String> {
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
                let score = score + usize::from(is_surname(cs[0]));
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
pub fn space_names(t: &str) -> String {
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
        if !is_han(c) {
            out.push(c);
            rest = &rest[c.len_utf8()..];
            continue;
        }
        // A run of Han characters and spaces up to the next role word.
        let mut end = 0;
        for (i, c) in rest.char_indices() {
            if ROLE_WORDS.iter().any(|w| rest[i..].starts_with(w))
                || !(is_han(c) || c == ' ' || c == '　')
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solid_runs_split_at_common_surnames() {
        assert_eq!(split_solid("王文杰李刚"), ["王文杰", "李刚"]);
        assert_eq!(split_solid("李毅郝益东"), ["李毅", "郝益东"]);
        assert_eq!(split_solid("韦"), ["韦"]);
    }

    #[test]
    fn names_after_role_words_are_spaced_out() {
        assert_eq!(
            space_names("本报记者赵孝东张文范"),
            "本报记者 赵孝东 张文范 "
        );
        assert_eq!(space_names("韩宇东陈小波摄"), "韩宇东陈小波摄");
        assert_eq!(
            space_names("记者从国家环保局获知"),
            "记者 从国家环保局获知 "
        );
    }
}
