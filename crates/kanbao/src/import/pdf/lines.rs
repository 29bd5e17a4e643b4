//! Pass 1: glyphs → lines.
//!
//! Glyphs are taken in page order (left to right), whatever order the
//! content stream drew them in, and chained into line segments of one size on
//! one baseline while the gap to the previous glyph stays under about half an
//! em. Segments on the same baseline are then merged across wider gaps (a
//! space after `本报讯`, between the halves of a headline) unless the gap is
//! a column gutter: the right piece starts where column lines start, more
//! than half an em after the left piece (which may end short of its column:
//! a paragraph's last line, a ragged right edge).

use super::model::{PdfPage, Rect};

/// One printed line (or the part of it within one column).
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    pub bbox: Rect,
    /// Font size of most of its glyphs.
    pub size: f32,
    /// Most of its glyphs are in a bold font.
    pub bold: bool,
    /// Font index of most of its glyphs.
    pub font: u16,
    /// Indices into `PdfPage::glyphs`, left to right.
    pub glyphs: Vec<usize>,
}

impl Line {
    pub fn yc(&self) -> f32 {
        (self.bbox.y0 + self.bbox.y1) / 2.0
    }
    pub fn width(&self) -> f32 {
        self.bbox.x1 - self.bbox.x0
    }
}

fn yc(r: &Rect) -> f32 {
    (r.y0 + r.y1) / 2.0
}

fn same_size(a: f32, b: f32) -> bool {
    (a - b).abs() <= 0.04 * a.max(b) + 0.05
}

/// Builds the page's line segments (before merging across gaps).
pub fn segments(page: &PdfPage) -> Vec<Line> {
    let g = &page.glyphs;
    let mut order: Vec<usize> = (0..g.len())
        .filter(|&i| !g[i].text.is_empty() && g[i].size > 0.0)
        .collect();
    order.sort_by(|&a, &b| {
        let (ra, rb) = (&g[a].bbox, &g[b].bbox);
        ra.x0
            .total_cmp(&rb.x0)
            .then(yc(ra).total_cmp(&yc(rb)))
            .then(g[a].text.cmp(&g[b].text))
            .then(g[a].size.total_cmp(&g[b].size))
    });
    // Open chains: (glyph indices, right edge, centre y, size).
    struct Open {
        glyphs: Vec<usize>,
        x1: f32,
        yc: f32,
        size: f32,
    }
    let mut open: Vec<Open> = Vec::new();
    let mut done: Vec<Vec<usize>> = Vec::new();
    for &i in &order {
        let gl = &g[i];
        let (x0, y, s) = (gl.bbox.x0, yc(&gl.bbox), gl.size);
        // Chains that ended well to the left can take no more glyphs.
        let mut k = 0;
        while k < open.len() {
            if open[k].x1 < x0 - 2.0 * open[k].size {
                done.push(std::mem::take(&mut open[k].glyphs));
                open.swap_remove(k);
            } else {
                k += 1;
            }
        }
        let best = open
            .iter()
            .enumerate()
            .filter(|(_, o)| {
                same_size(o.size, s)
                    && (o.yc - y).abs() <= 0.3 * s
                    && x0 - o.x1 <= 0.6 * s
                    && x0 - o.x1 >= -0.6 * s
            })
            .min_by(|a, b| (a.1.yc - y).abs().total_cmp(&(b.1.yc - y).abs()))
            .map(|(k, _)| k);
        match best {
            Some(k) => {
                let o = &mut open[k];
                o.glyphs.push(i);
                o.x1 = o.x1.max(gl.bbox.x1);
            }
            None => open.push(Open {
                glyphs: vec![i],
                x1: gl.bbox.x1,
                yc: y,
                size: s,
            }),
        }
    }
    done.extend(open.into_iter().map(|o| o.glyphs));
    let mut lines: Vec<Line> = done
        .into_iter()
        .filter_map(|gs| make_line(page, gs))
        .collect();
    sort_lines(&mut lines);
    lines
}

fn sort_lines(lines: &mut [Line]) {
    lines.sort_by(|a, b| {
        a.bbox
            .y0
            .total_cmp(&b.bbox.y0)
            .then(a.bbox.x0.total_cmp(&b.bbox.x0))
    });
}

/// A line from glyph indices (left to right); `None` when it shows nothing.
fn make_line(page: &PdfPage, mut gs: Vec<usize>) -> Option<Line> {
    let g = &page.glyphs;
    if gs.iter().all(|&i| g[i].text.trim().is_empty()) {
        return None;
    }
    gs.sort_by(|&a, &b| g[a].bbox.x0.total_cmp(&g[b].bbox.x0));
    let mut text = String::new();
    let mut bbox = g[gs[0]].bbox;
    let mut prev: Option<usize> = None;
    for &i in &gs {
        let gl = &g[i];
        if let Some(p) = prev {
            let gap = gl.bbox.x0 - g[p].bbox.x1;
            let spaced = text.ends_with(char::is_whitespace) || gl.text.starts_with(' ');
            if gap > 0.3 * gl.size && !spaced {
                text.push(' ');
            }
        }
        text.push_str(&gl.text);
        bbox.x0 = bbox.x0.min(gl.bbox.x0);
        bbox.y0 = bbox.y0.min(gl.bbox.y0);
        bbox.x1 = bbox.x1.max(gl.bbox.x1);
        bbox.y1 = bbox.y1.max(gl.bbox.y1);
        prev = Some(i);
    }
    let vis: Vec<usize> = gs
        .iter()
        .copied()
        .filter(|&i| !g[i].text.trim().is_empty())
        .collect();
    let mut sizes: Vec<f32> = vis.iter().map(|&i| g[i].size).collect();
    sizes.sort_by(f32::total_cmp);
    let size = sizes[sizes.len() / 2];
    let bold_n = vis
        .iter()
        .filter(|&&i| page.fonts.get(g[i].font as usize).is_some_and(|f| f.bold))
        .count();
    let mut fonts: Vec<u16> = vis.iter().map(|&i| g[i].font).collect();
    fonts.sort_unstable();
    let font = mode(&fonts);
    Some(Line {
        text: text.trim().to_string(),
        bbox,
        size,
        bold: bold_n * 2 > vis.len(),
        font,
        glyphs: gs,
    })
}

fn mode(v: &[u16]) -> u16 {
    let (mut best, mut n, mut i) = (v[0], 0, 0);
    while i < v.len() {
        let j = i + v[i..].iter().take_while(|&&x| x == v[i]).count();
        if j - i > n {
            (best, n) = (v[i], j - i);
        }
        i = j;
    }
    best
}

/// The body text size: the size most glyphs are printed in.
pub fn body_size(page: &PdfPage) -> f32 {
    let mut counts: std::collections::BTreeMap<i32, usize> = Default::default();
    for g in &page.glyphs {
        if !g.text.trim().is_empty() {
            *counts.entry((g.size * 10.0).round() as i32).or_default() += 1;
        }
    }
    counts
        .iter()
        .max_by_key(|(_, &n)| n)
        .map_or(10.0, |(&s, _)| s as f32 / 10.0)
}

/// x positions (whole points) at which at least three body lines start.
fn starts(lines: &[Line], body: f32) -> Vec<f32> {
    let mut xs: Vec<i32> = lines
        .iter()
        .filter(|l| same_size(l.size, body) && l.glyphs.len() >= 4)
        .map(|l| l.bbox.x0.round() as i32)
        .collect();
    xs.sort_unstable();
    let mut out = Vec::new();
    let mut i = 0;
    while i < xs.len() {
        let j = i + xs[i..].iter().take_while(|&&x| x - xs[i] <= 1).count();
        if j - i >= 3 {
            out.push(xs[i] as f32);
        }
        i = j;
    }
    out
}

/// The least gap (in ems) before a glyph that starts a column: type set
/// solid leaves none between glyphs, and punctuation hung into the gutter
/// (`，` ending a line) may leave little more than a tenth of an em.
const GUTTER_MIN: f32 = 0.1;

/// Splits segments of body type where a glyph starts a column: at an x where
/// column lines start, with a gap before it. Chaining alone joins two
/// columns' lines across punctuation hung into the gutter.
fn split_at_columns(page: &PdfPage, segs: Vec<Line>, body: f32) -> Vec<Line> {
    let starts = starts(&segs, body);
    let g = &page.glyphs;
    let mut out = Vec::with_capacity(segs.len());
    for seg in segs {
        let s = seg.size;
        if !(same_size(s, body) || s < body * 1.2) {
            out.push(seg);
            continue;
        }
        let cuts: Vec<usize> = (1..seg.glyphs.len())
            .filter(|&k| {
                let (a, b) = (&g[seg.glyphs[k - 1]].bbox, &g[seg.glyphs[k]].bbox);
                b.x0 - a.x1 >= GUTTER_MIN * s && starts.iter().any(|&p| (b.x0 - p).abs() <= 0.6)
            })
            .collect();
        if cuts.is_empty() {
            out.push(seg);
            continue;
        }
        let mut from = 0;
        for to in cuts.into_iter().chain([seg.glyphs.len()]) {
            out.extend(make_line(page, seg.glyphs[from..to].to_vec()));
            from = to;
        }
    }
    sort_lines(&mut out);
    out
}

/// Merges segments on one baseline across gaps that are not column gutters.
pub fn merge(page: &PdfPage, segs: Vec<Line>, body: f32, rules: &[Rect]) -> Vec<Line> {
    let segs = split_at_columns(page, segs, body);
    let starts = starts(&segs, body);
    let near =
        |ps: &[f32], x: f32, lo: f32, hi: f32| ps.iter().any(|&p| x >= p + lo && x <= p + hi);
    // Rows: segments of one size on one baseline, left to right.
    let mut idx: Vec<usize> = (0..segs.len()).collect();
    idx.sort_by(|&a, &b| {
        (segs[a].size.total_cmp(&segs[b].size))
            .then(segs[a].bbox.y1.total_cmp(&segs[b].bbox.y1))
            .then(segs[a].bbox.x0.total_cmp(&segs[b].bbox.x0))
    });
    let mut used = vec![false; segs.len()];
    let mut out: Vec<Line> = Vec::new();
    for (n, &a) in idx.iter().enumerate() {
        if used[a] {
            continue;
        }
        used[a] = true;
        let mut glyphs = segs[a].glyphs.clone();
        let mut cur = segs[a].clone();
        // Candidates on the same baseline, nearest to the right first.
        loop {
            let s = cur.size;
            let next = idx[n + 1..]
                .iter()
                .copied()
                .take_while(|&b| {
                    same_size(segs[b].size, s) && segs[b].bbox.y1 <= cur.bbox.y1 + 0.5 * s
                })
                .filter(|&b| !used[b])
                .filter(|&b| (segs[b].yc() - cur.yc()).abs() <= 0.25 * s)
                .filter(|&b| segs[b].bbox.x0 >= cur.bbox.x1 - 0.3 * s)
                .min_by(|&x, &y| segs[x].bbox.x0.total_cmp(&segs[y].bbox.x0));
            let Some(b) = next else { break };
            let nb = &segs[b];
            let gap = nb.bbox.x0 - cur.bbox.x1;
            let body_like = same_size(s, body) || s < body * 1.2;
            let limit = if body_like { 2.5 * s } else { 1.2 * s };
            // A gutter: the right piece starts where column lines start,
            // whether or not the left one ends where they end (a
            // paragraph's last line, a ragged column).
            // Or, for a column of few lines (a caption run on into a second
            // column), a gap of an em or more where the line above or below
            // ends too: the left piece ends at its column's justified edge.
            let edge = gap >= 0.9 * s
                && segs.iter().any(|q| {
                    same_size(q.size, s)
                        && (q.bbox.x1 - cur.bbox.x1).abs() <= 1.0
                        && (q.yc() - cur.yc()).abs() > 0.5 * s
                        && (q.yc() - cur.yc()).abs() <= 2.5 * s
                        && q.bbox.x0 < cur.bbox.x1 - 2.0 * s
                });
            let gutter = body_like
                && (gap >= GUTTER_MIN * s && near(&starts, nb.bbox.x0, -0.6, 0.6) || edge);
            let ruled = rules.iter().any(|r| {
                r.is_vertical_rule()
                    && r.x0 >= cur.bbox.x1 - 1.0
                    && r.x1 <= nb.bbox.x0 + 1.0
                    && r.y0 <= cur.yc()
                    && r.y1 >= cur.yc()
            });
            if gap > limit || gutter || ruled {
                break;
            }
            used[b] = true;
            glyphs.extend_from_slice(&nb.glyphs);
            cur = make_line(page, glyphs.clone()).expect("merged glyphs show text");
        }
        out.push(cur);
    }
    sort_lines(&mut out);
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::super::{Glyph, PdfFont};
    use super::*;

    /// A page with `rows` of text: (x, baseline y, size, text), one glyph per
    /// character, each `size` wide.
    pub(crate) fn page(rows: &[(f32, f32, f32, &str)]) -> PdfPage {
        let mut glyphs = Vec::new();
        for &(x, y, s, t) in rows {
            for (k, c) in t.chars().enumerate() {
                let x0 = x + k as f32 * s;
                glyphs.push(Glyph {
                    text: c.to_string(),
                    bbox: Rect {
                        x0,
                        y0: y - s,
                        x1: x0 + s,
                        y1: y,
                    },
                    size: s,
                    font: 0,
                });
            }
        }
        PdfPage {
            number: 1,
            width: 600.0,
            height: 800.0,
            glyphs,
            fonts: vec![PdfFont::default()],
            ..Default::default()
        }
    }

    fn texts(p: &PdfPage) -> Vec<String> {
        let segs = segments(p);
        let body = body_size(p);
        merge(p, segs, body, &[])
            .into_iter()
            .map(|l| l.text)
            .collect()
    }

    #[test]
    fn orders_give_the_same_lines() {
        let mut p = page(&[
            (10.0, 20.0, 10.0, "第一行文字很长的"),
            (10.0, 34.0, 10.0, "第二行文字"),
            (130.0, 20.0, 10.0, "右栏一行"),
        ]);
        let want = vec!["第一行文字很长的", "右栏一行", "第二行文字"];
        assert_eq!(texts(&p), want);
        p.glyphs.reverse();
        assert_eq!(texts(&p), want);
        // Shuffled deterministically.
        let n = p.glyphs.len();
        for i in 0..n {
            p.glyphs.swap(i, (i * 7 + 3) % n);
        }
        assert_eq!(texts(&p), want);
    }

    #[test]
    fn sizes_split_and_spaces_join() {
        let p = page(&[
            (10.0, 40.0, 20.0, "大标题"),
            (80.0, 40.0, 20.0, "后半"),
            (150.0, 38.0, 10.0, "小字"),
        ]);
        let t = texts(&p);
        assert!(t.contains(&"大标题 后半".to_string()), "{t:?}");
        assert!(t.contains(&"小字".to_string()));
    }

    #[test]
    fn gutters_split_columns() {
        // Three lines in each of two columns, the gutter one em wide.
        let mut rows = Vec::new();
        for k in 0..3 {
            let y = 20.0 + 14.0 * k as f32;
            rows.push((10.0, y, 10.0, "左栏左栏左栏左栏"));
            rows.push((100.0, y, 10.0, "右栏右栏右栏右栏"));
        }
        rows.push((10.0, 62.0, 10.0, "本报讯"));
        rows.push((50.0, 62.0, 10.0, "今天"));
        let p = page(&rows);
        let t = texts(&p);
        assert_eq!(
            t.iter()
                .filter(|x| x.as_str() == "左栏左栏左栏左栏")
                .count(),
            3
        );
        assert!(t.contains(&"本报讯 今天".to_string()), "{t:?}");
    }

    #[test]
    fn punctuation_hung_into_the_gutter_ends_the_line() {
        // The right column starts 0.12 em after a comma hung past the left
        // column's edge; a paragraph's short last line has a wide gap.
        let mut rows = Vec::new();
        for k in 0..4 {
            let y = 20.0 + 14.0 * k as f32;
            rows.push((10.0, y, 10.0, "左栏左栏左栏左栏"));
            rows.push((101.2, y, 10.0, "右栏右栏右栏右栏"));
        }
        rows.push((10.0, 76.0, 10.0, "左栏左栏左栏左栏，"));
        rows.push((101.2, 76.0, 10.0, "右栏右栏右栏右栏"));
        rows.push((10.0, 90.0, 10.0, "末行。"));
        rows.push((101.2, 90.0, 10.0, "右栏右栏右栏右栏"));
        let t = texts(&page(&rows));
        assert!(t.contains(&"左栏左栏左栏左栏，".to_string()), "{t:?}");
        assert!(t.contains(&"末行。".to_string()), "{t:?}");
        assert_eq!(t.iter().filter(|x| x.starts_with('右')).count(), 6);
    }
}
