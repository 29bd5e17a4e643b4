//! The untangle pass: lines back in reading order where the extraction
//! interleaved side-by-side columns, before any line is read for what it is.
//! pdftotext's default order gives each printed line its own paragraph,
//! taking the columns' lines in turn by height (`…约翰内` / `通讯员 王文杰` /
//! `帮你设计…` / `斯堡的夜空…`).
//!
//! Evidence the page gives: a line cut mid-word runs on into the next line
//! of its column, so across the cut jieba finds a word or the page prints
//! the three characters elsewhere ([`Joins`]); and a column's lines come in
//! turn, every k-th line, in lines of one length.

use std::ops::Range;
use std::sync::OnceLock;

use jieba_rs::Jieba;

use crate::import::classify::Line;
use crate::import::columns::{join_score, Joins};
use crate::import::text::{ends_complete, ends_sentence, is_han, visible_len};
use crate::import::wrap::print_width;

/// At most this many columns are taken in turn.
const MAX_COLS: usize = 6;

/// jieba's dictionary, loaded the first time a page needs it.
fn jieba() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    JIEBA.get_or_init(Jieba::new)
}

/// Lines in reading order: each stretch of one-line paragraphs whose lines
/// run on every k-th line (k of 2 to [`MAX_COLS`]) rather than line by line
/// is read column by column. Only reorders: the same lines come out.
pub(super) fn untangle<'a>(lines: Vec<Line<'a>>, joins: &Joins) -> Vec<Line<'a>> {
    let blocks = blocks(&lines);
    let mut runs: Vec<Vec<usize>> = Vec::new();
    let mut b = 0;
    while b < blocks.len() {
        let end = stretch_end(&lines, &blocks, b);
        if end > b {
            untangle_stretch(&lines, &blocks, b..end, joins, &mut runs, 0);
            b = end;
        } else {
            runs.push(blocks[b].clone());
            b += 1;
        }
    }
    if runs.len() == blocks.len() {
        return lines;
    }
    let mut slots: Vec<Option<Line<'a>>> = lines.into_iter().map(Some).collect();
    let mut out = Vec::with_capacity(slots.len());
    for run in runs {
        for (k, &i) in run.iter().enumerate() {
            let mut l = slots[i].take().expect("each line once");
            l.gap = if k > 0 { 0 } else { l.gap.max(1) };
            out.push(l);
        }
    }
    out
}

/// Reads the blocks `range` (short blocks of short lines) into `runs`:
/// stretches of the commonest width that run on across other blocks as
/// columns, the rest as printed, one run a block; blocks of another width
/// are read the same way at their own width.
fn untangle_stretch(
    lines: &[Line],
    blocks: &[Vec<usize>],
    range: Range<usize>,
    joins: &Joins,
    runs: &mut Vec<Vec<usize>>,
    depth: usize,
) {
    let width_of = |i: usize| print_width(&lines[i].text);
    let Some(w) = mode(
        range
            .clone()
            .flat_map(|b| blocks[b].iter().map(|&i| width_of(i))),
    ) else {
        runs.extend(blocks[range].iter().cloned());
        return;
    };
    let fits = |b: usize| {
        blocks[b].iter().all(|&i| {
            let n = width_of(i);
            n <= w + 2 && (n + 5 >= w || ends_sentence(&lines[i].text))
        })
    };
    let mut b = range.start;
    while b < range.end {
        let mut e = b;
        while e < range.end && fits(e) {
            e += 1;
        }
        if e == b {
            // Blocks of another width: read at their own width.
            while e < range.end && !fits(e) {
                e += 1;
            }
            // (A few widths a stretch: the page is read a few times over.)
            if e - b >= 6 && e - b < range.len() && depth < 3 {
                untangle_stretch(lines, blocks, b..e, joins, runs, depth + 1);
            } else {
                runs.extend(blocks[b..e].iter().cloned());
            }
            b = e;
            continue;
        }
        let texts: Vec<(&str, &str)> = blocks[b..e]
            .iter()
            .map(|bl| (&*lines[bl[0]].text, &*lines[*bl.last().unwrap()].text))
            .collect();
        // The line before the stretch, which may run on into a column.
        let before = runs.last().map(|r| &*lines[*r.last().unwrap()].text);
        match (e - b >= 6)
            .then(|| columns_of(&texts, before, joins))
            .flatten()
        {
            Some(cols) => {
                for c in cols {
                    runs.push(c.iter().flat_map(|&i| blocks[b + i].clone()).collect());
                }
            }
            None => runs.extend(blocks[b..e].iter().cloned()),
        }
        b = e;
    }
}

/// The most common value (the larger on a tie).
fn mode(values: impl Iterator<Item = usize>) -> Option<usize> {
    let mut counts = std::collections::BTreeMap::new();
    for v in values {
        *counts.entry(v).or_insert(0usize) += 1;
    }
    counts
        .into_iter()
        .max_by_key(|&(v, c)| (c, v))
        .map(|(v, _)| v)
}

/// Blocks: lines the extraction set together, with no blank line between.
fn blocks(lines: &[Line]) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        match out.last_mut() {
            Some(b) if l.gap == 0 => b.push(i),
            _ => out.push(vec![i]),
        }
    }
    out
}

/// A line that may be a column's: plain text no wider than a column, or a
/// paragraph's last line, however short.
fn column_line(l: &Line) -> bool {
    let n = visible_len(&l.text);
    l.level == 0 && l.markup.is_empty() && n <= 40 && (n >= 4 || ends_sentence(&l.text))
}

/// The end of the stretch of short blocks of column lines from `b`.
fn stretch_end(lines: &[Line], blocks: &[Vec<usize>], b: usize) -> usize {
    let mut e = b;
    while e < blocks.len()
        && blocks[e].len() <= 3
        && blocks[e].iter().all(|&i| column_line(&lines[i]))
    {
        e += 1;
    }
    e
}

/// How strongly the page says `b` runs on from `a` across a line's cut: 0
/// when `a` ends a sentence or either side is no Han character.
fn runs_on(a: &str, b: &str, joins: &Joins) -> usize {
    if ends_complete(a) {
        return 0;
    }
    // A number cut at the line's end (`…友谊。19` / `31年他在…`).
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    if digit(a.trim_end().chars().last()) && digit(b.trim_start().chars().next()) {
        return STRONG;
    }
    let tail: Vec<char> = a
        .trim_end()
        .chars()
        .rev()
        .take_while(|&c| is_han(c))
        .take(4)
        .collect();
    let head: Vec<char> = b
        .trim_start()
        .chars()
        .take_while(|&c| is_han(c))
        .take(4)
        .collect();
    if tail.is_empty() || head.is_empty() {
        return 0;
    }
    let cut = tail.len();
    let s: String = tail.iter().rev().chain(head.iter()).collect();
    let word = jieba()
        .cut(&s, false)
        .iter()
        .any(|t| t.start < cut && t.end > cut);
    join_score(a, b, joins).min(4) + if word { 3 } else { 0 }
}

/// Whether evidence counts as a join.
const STRONG: usize = 3;

/// The columns of a stretch of blocks (first and last line of each), when
/// its lines run on across other lines much more often than into the next:
/// the blocks of each column in order, the columns in order of their first
/// block. None when the stretch reads in order.
fn columns_of(
    texts: &[(&str, &str)],
    before: Option<&str>,
    joins: &Joins,
) -> Option<Vec<Vec<usize>>> {
    let n = texts.len();
    let mut links: Vec<(usize, usize, usize)> = Vec::new();
    for i in 0..n {
        for j in i + 1..(i + SPAN + 1).min(n) {
            let s = runs_on(texts[i].1, texts[j].0, joins);
            if s >= STRONG {
                links.push((s, i, j));
            }
        }
    }
    let natural = links.iter().filter(|l| l.2 == l.1 + 1).count();
    let mut far: Vec<usize> = links.iter().map(|l| l.2 - l.1).filter(|&d| d > 1).collect();
    // Lines cut mid-sentence: most of them must be seen to run on.
    let open = texts.iter().filter(|t| !ends_complete(t.1)).count();
    if far.len() < 3 || far.len() < 2 * natural + 2 || 5 * far.len() < 2 * open {
        return None;
    }
    far.sort_unstable();
    let k = far[far.len() / 2];
    let next = link(n, k, links);
    let mut cols = Vec::new();
    let mut headed = vec![false; n];
    for &j in next.iter().flatten() {
        headed[j] = true;
    }
    for h in (0..n).filter(|&h| !headed[h]) {
        let mut c = vec![h];
        while let Some(j) = next[*c.last().unwrap()] {
            c.push(j);
        }
        cols.push(c);
    }
    (cols.len() > 1).then(|| column_order(texts, cols, before, joins))
}

/// The columns in reading order: a column whose last line runs on into
/// another's first is followed by it, and the one the line before the
/// stretch runs on into comes first; the rest by their first block.
fn column_order(
    texts: &[(&str, &str)],
    cols: Vec<Vec<usize>>,
    before: Option<&str>,
    joins: &Joins,
) -> Vec<Vec<usize>> {
    let into = |a: &str| {
        (0..cols.len())
            .map(|d| (runs_on(a, texts[cols[d][0]].0, joins), d))
            .filter(|&(s, _)| s >= STRONG)
            .max_by_key(|&(s, d)| (s, std::cmp::Reverse(d)))
            .map(|(_, d)| d)
    };
    let mut follow: Vec<Option<usize>> = cols
        .iter()
        .enumerate()
        .map(|(c, col)| into(texts[*col.last().unwrap()].1).filter(|&d| d != c))
        .collect();
    let mut led = vec![false; cols.len()];
    for f in follow.iter_mut() {
        match *f {
            Some(d) if led[d] => *f = None,
            Some(d) => led[d] = true,
            None => {}
        }
    }
    let first = before.and_then(into);
    let mut done = vec![false; cols.len()];
    let mut order = Vec::with_capacity(cols.len());
    let mut start = first;
    loop {
        let c = match start.take() {
            Some(c) => c,
            None => match (0..cols.len())
                .find(|&c| !done[c] && !led[c])
                .or_else(|| (0..cols.len()).find(|&c| !done[c]))
            {
                Some(c) => c,
                None => break,
            },
        };
        let mut c = Some(c);
        while let Some(x) = c.filter(|&x| !done[x]) {
            done[x] = true;
            order.push(x);
            c = follow[x];
        }
    }
    let mut cols: Vec<Option<Vec<usize>>> = cols.into_iter().map(Some).collect();
    order.into_iter().filter_map(|c| cols[c].take()).collect()
}

/// Links each block to the one it runs on into (its column's next): the
/// page's joins first, strongest first and nearest `k` apart (the columns'
/// usual turn) on a tie; then a block left over to the one as far on as its
/// column's last step, if that one is still free.
fn link(n: usize, k: usize, mut links: Vec<(usize, usize, usize)>) -> Vec<Option<usize>> {
    let mut next = vec![None; n];
    let mut prev = vec![None; n];
    let off = |i: usize, j: usize| (j - i).abs_diff(k);
    links.sort_by_key(|&(s, i, j)| (std::cmp::Reverse(s), off(i, j), i));
    for (_, i, j) in links {
        if next[i].is_none() && prev[j].is_none() {
            next[i] = Some(j);
            prev[j] = Some(i);
        }
    }
    // The rest, `k` on for a column's first block.
    for i in 0..n {
        if next[i].is_some() {
            continue;
        }
        let want = prev[i].map_or(k, |p| i - p);
        let j = i + want;
        if j < n && prev[j].is_none() {
            next[i] = Some(j);
            prev[j] = Some(i);
        }
    }
    next
}

/// How far apart two lines of one column may come.
const SPAN: usize = MAX_COLS + 2;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::classify;
    use crate::import::fields::corpus_of;

    fn order(text: &str) -> Vec<String> {
        let joins = Joins::new(corpus_of(text));
        untangle(classify::lines(text), &joins)
            .iter()
            .map(|l| l.text.to_string())
            .collect()
    }

    /// Two columns of 14 characters, their lines taken in turn.
    const TWO: &str = "我国陆上石油工业在过去一年中\n\n突出问题，精心组织好科研攻关。第\n\n\
取得重大成绩：全年发现十个亿吨级\n\n三，进一步加大企业改革的力度。老\n\n\
储量规模的油气区，新增油气储量创\n\n油田要下力气实行主业与副业的分离，\n\n\
最高水平。东部油田原油递减速度明\n\n走减人增效的路子。第四，利用国内\n\n\
显放慢，西部油田原油增长速度不断\n\n外两种资源、两个市场，既可弥补国\n\n\
加快，战略格局已基本形成。\n\n内油气资源的不足。\n";

    #[test]
    fn lines_taken_in_turn_are_read_column_by_column() {
        let got = order(TWO);
        assert_eq!(got[0], "我国陆上石油工业在过去一年中");
        assert_eq!(got[1], "取得重大成绩：全年发现十个亿吨级");
        assert_eq!(got[5], "加快，战略格局已基本形成。");
        assert_eq!(got[6], "突出问题，精心组织好科研攻关。第");
        assert_eq!(got[7], "三，进一步加大企业改革的力度。老");
        assert_eq!(got.len(), 12);
    }

    /// Across a line's cut: (end of a line, start of a line, runs on).
    const CUTS: &[(&str, &str, bool)] = &[
        (
            "五彩缤纷的烟花映红了约翰内",
            "斯堡的夜空，它们时而像信号弹飞",
            true,
        ),
        (
            "五彩缤纷的烟花映红了约翰内",
            "帮你设计，助你造型，使你有一副",
            false,
        ),
        ("国结成的亲密友谊。19", "31年他在香港遭港英当", true),
        ("得了人们的喝彩。", "开屏……空中声声巨响渲染着节日", false),
    ];

    #[test]
    fn a_word_or_number_cut_at_the_line_end_runs_on() {
        let joins = Joins::new(String::new());
        for &(a, b, want) in CUTS {
            assert_eq!(runs_on(a, b, &joins) >= STRONG, want, "{a} / {b}");
        }
    }

    /// Three columns of a row of stories, in lines of one width.
    const THREE: [[&str; 4]; 3] = [
        [
            "今天是大年初一，是中国人民的传",
            "统节日。国务院总理李鹏今天下",
            "午来到京郊延庆县，走访看望农",
            "户家庭，向乡亲们祝贺节日。",
        ],
        [
            "夜幕降临前，就在该校绿茵运动",
            "场上，不同肤色的学生给侨胞表",
            "演了舞狮、舞蹈和中国传统武术，",
            "唱出了雄壮的歌声。",
        ],
        [
            "在北京常见空空的出租汽车满街",
            "跑，而许多活动、演出结束后，",
            "又有大量的人叫不到车。在上海，",
            "一些司机就会天天注意看广告。",
        ],
    ];

    #[test]
    fn three_columns_taken_in_turn_come_back_one_after_another() {
        // Printed in turn, by height: each line its own paragraph.
        let turn: Vec<&str> = (0..4)
            .flat_map(|r| THREE.iter().map(move |c| c[r]))
            .collect();
        let got = order(&turn.join("\n\n"));
        let want: Vec<&str> = THREE.iter().flatten().copied().collect();
        assert_eq!(got, want);
    }

    #[test]
    fn the_column_the_line_above_runs_on_into_comes_first() {
        // The first column starts under its story's dateline, lower than
        // the second, so the extraction gives the second's line first.
        let texts = [
            ("面世，邦德在许多国家", "面世，邦德在许多国家"),
            ("国出品的“007”系列", "国出品的“007”系列"),
            ("成了一位家喻户晓的英雄。", "成了一位家喻户晓的英雄。"),
            ("影片一部接一部地", "影片一部接一部地"),
        ];
        let joins = Joins::new(String::new());
        let cols = vec![vec![0, 2], vec![1, 3]];
        let got = column_order(&texts, cols, Some("本报讯 去年岁末，美"), &joins);
        assert_eq!(got, [vec![1, 3], vec![0, 2]]);
    }

    #[test]
    fn text_in_order_stays() {
        let text = "五彩缤纷的烟花映红了约翰内\n\n斯堡的夜空，它们时而像信号弹飞\n\n\
旋，时而似天女散花，时而若孔雀\n\n开屏……空中声声巨响渲染着节日\n\n\
气氛，地上阵阵掌声表达了愉悦的\n\n心情。南非华侨国定学校正在举办\n\n新年团圆会。\n";
        let want: Vec<String> = text
            .split('\n')
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect();
        assert_eq!(order(text), want);
    }
}
