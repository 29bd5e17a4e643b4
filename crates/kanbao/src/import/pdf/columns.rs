//! Columns and reading order: blocks set one above the other (sharing at
//! least half the narrower one's width) are one column; a group's blocks
//! read column by column, left to right, each top to bottom.

use super::blocks::Block;
use super::model::Rect;

/// Blocks set one above the other, and the box they span.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub bbox: Rect,
    /// Indices into the page's blocks, in the order they were given.
    pub blocks: Vec<usize>,
}

/// Whether two boxes stand in one column: they share half the narrower's
/// width.
fn same_column(column: &Rect, r: &Rect) -> bool {
    column.x_overlap(r) >= 0.5 * r.width().min(column.width())
}

/// The columns of blocks `ks`, taken in the order given: each block joins
/// the first column it stands in, which grows to hold it.
pub fn columns(blocks: &[Block], ks: &[usize]) -> Vec<Column> {
    let mut cols: Vec<Column> = Vec::new();
    for &k in ks {
        let r = blocks[k].bbox;
        match cols.iter_mut().find(|c| same_column(&c.bbox, &r)) {
            Some(c) => {
                c.bbox = c.bbox.union(&r);
                c.blocks.push(k);
            }
            None => cols.push(Column {
                bbox: r,
                blocks: vec![k],
            }),
        }
    }
    cols
}

/// Blocks in column order: columns left to right, each top to bottom.
pub fn column_order(blocks: &[Block], mut ks: Vec<usize>) -> Vec<usize> {
    ks.sort_by(|&a, &b| blocks[a].bbox.x0.total_cmp(&blocks[b].bbox.x0));
    let mut cols = columns(blocks, &ks);
    // Columns by their left edge; a block spanning columns reads first.
    cols.sort_by(|a, b| a.bbox.x0.total_cmp(&b.bbox.x0));
    cols.into_iter()
        .flat_map(|mut c| {
            c.blocks
                .sort_by(|&a, &b| blocks[a].bbox.y0.total_cmp(&blocks[b].bbox.y0));
            c.blocks
        })
        .collect()
}

/// One step of a run of columns outwards: the run's edge after it and the
/// blocks of the columns it adds.
pub type RunStep = (f32, Vec<usize>);

/// The run of neighbouring columns outwards from `edge`, leftwards or
/// rightwards: each step takes the columns starting within a gutter of the
/// run's edge (from half a body character inside it to two and a half
/// outside).
pub fn run_outwards(cols: &[Column], mut edge: f32, left: bool, body: f32) -> Vec<RunStep> {
    let mut steps: Vec<RunStep> = Vec::new();
    let mut taken = vec![false; cols.len()];
    loop {
        let next: Vec<usize> = (0..cols.len())
            .filter(|&c| !taken[c])
            .filter(|&c| {
                let r = &cols[c].bbox;
                let gap = if left { edge - r.x1 } else { r.x0 - edge };
                (-0.5 * body..2.5 * body).contains(&gap)
            })
            .collect();
        if next.is_empty() {
            break;
        }
        for &c in &next {
            taken[c] = true;
            let r = &cols[c].bbox;
            edge = if left { edge.min(r.x0) } else { edge.max(r.x1) };
        }
        let bs = next
            .iter()
            .flat_map(|&c| cols[c].blocks.iter().copied())
            .collect();
        steps.push((edge, bs));
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(x0: f32, y0: f32, x1: f32, y1: f32) -> Block {
        Block {
            lines: vec![],
            bbox: Rect { x0, y0, x1, y1 },
            size: 9.0,
            bold: false,
        }
    }

    #[test]
    fn columns_read_left_to_right_each_top_to_bottom() {
        let bs = vec![
            block(110.0, 200.0, 200.0, 300.0),
            block(10.0, 150.0, 100.0, 300.0),
            block(110.0, 50.0, 200.0, 190.0),
            block(10.0, 50.0, 100.0, 140.0),
        ];
        assert_eq!(column_order(&bs, vec![0, 1, 2, 3]), [3, 1, 2, 0]);
        let cols = columns(&bs, &[0, 1, 2, 3]);
        assert_eq!(cols.len(), 2);
        assert_eq!(cols[0].blocks, [0, 2]);
        assert_eq!(cols[0].bbox.y0, 50.0);
    }

    #[test]
    fn a_block_spanning_columns_reads_first() {
        let bs = vec![
            block(10.0, 100.0, 100.0, 200.0),
            block(110.0, 100.0, 200.0, 200.0),
            block(10.0, 50.0, 200.0, 90.0),
        ];
        assert_eq!(column_order(&bs, vec![0, 1, 2]), [2, 0, 1]);
    }

    #[test]
    fn runs_step_across_gutters() {
        let bs = vec![
            block(110.0, 0.0, 200.0, 10.0),
            block(210.0, 0.0, 300.0, 10.0),
            block(400.0, 0.0, 500.0, 10.0),
        ];
        let cols = columns(&bs, &[0, 1, 2]);
        let right = run_outwards(&cols, 100.0, false, 9.0);
        assert_eq!(right, [(200.0, vec![0]), (300.0, vec![1])]);
        assert!(run_outwards(&cols, 110.0, true, 9.0).is_empty());
    }
}
