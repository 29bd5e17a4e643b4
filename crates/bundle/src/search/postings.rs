//! Posting-list algebra: sorted document lists intersected and united,
//! weighted postings merged, and document sets as bits.

use crate::index::Word;

/// Documents with weight words (see [`crate::index::field_bits`] and
/// [`crate::format::codec::BODY_LEVEL_SHIFT`]).
#[derive(Default)]
pub(crate) struct Postings {
    pub docs: Vec<u32>,
    pub tf: Vec<u32>,
}

/// Merges weighted postings: field bits and length levels or'ed (a
/// document's level is the same in every list that has it, 0 in those that
/// do not), body counts added. Many long lists (every word holding a common
/// term) go through one array of weights by document rather than pairwise
/// merges.
pub(crate) fn merge_weighted(lists: &[&Word], n_docs: u32) -> Postings {
    let add = |u: u32, v: u32| (u | v) & !0x3F | ((u & 0x3F) + (v & 0x3F)).min(0x3F);
    let mut out = Postings::default();
    match lists {
        [] => {}
        [one] => {
            out.docs = one.docs().to_vec();
            out.tf = one.tf().to_vec();
        }
        _ => {
            let mut dense = vec![0u32; n_docs as usize];
            let mut any = vec![0u64; (n_docs as usize).div_ceil(64)];
            for l in lists {
                for (&d, &w) in l.docs().iter().zip(l.tf()) {
                    if let Some(x) = dense.get_mut(d as usize) {
                        *x = add(*x, w);
                        any[d as usize / 64] |= 1 << (d % 64);
                    }
                }
            }
            for (k, &bits) in any.iter().enumerate() {
                let mut b = bits;
                while b != 0 {
                    let d = k * 64 + b.trailing_zeros() as usize;
                    out.docs.push(d as u32);
                    out.tf.push(dense[d]);
                    b &= b - 1;
                }
            }
        }
    }
    out
}

pub(crate) fn intersect(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if small.len() * 32 < large.len() {
        // Much shorter: look each up, moving forward.
        let mut out = Vec::with_capacity(small.len());
        let mut from = 0;
        for &x in small {
            from += large[from..].partition_point(|&y| y < x);
            if large.get(from) == Some(&x) {
                out.push(x);
            }
        }
        return out;
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::with_capacity(a.len().min(b.len()));
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

pub(crate) fn union(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        let x = match (a.get(i), b.get(j)) {
            (Some(&x), Some(&y)) if x == y => {
                i += 1;
                j += 1;
                x
            }
            (Some(&x), Some(&y)) if x < y => {
                i += 1;
                x
            }
            (Some(_), Some(&y)) => {
                j += 1;
                y
            }
            (Some(&x), None) => {
                i += 1;
                x
            }
            (None, Some(&y)) => {
                j += 1;
                y
            }
            (None, None) => break,
        };
        out.push(x);
    }
    out
}

pub(crate) fn contains(sorted: &[u32], d: u32) -> bool {
    sorted.binary_search(&d).is_ok()
}

/// A set of document numbers below `n` as bits.
pub(crate) struct Bits(Vec<u64>);

impl Bits {
    pub(crate) fn of(docs: &[u32], n: u32) -> Self {
        let mut v = vec![0u64; (n as usize).div_ceil(64)];
        for &d in docs {
            if let Some(w) = v.get_mut(d as usize / 64) {
                *w |= 1 << (d % 64);
            }
        }
        Bits(v)
    }

    pub(crate) fn has(&self, d: u32) -> bool {
        self.0
            .get(d as usize / 64)
            .is_some_and(|w| w >> (d % 64) & 1 == 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::testing::{corpus, Built, WORDS};

    #[test]
    fn sorted_lists_intersect_and_unite() {
        assert_eq!(intersect(&[1, 3, 5, 7], &[3, 4, 5]), vec![3, 5]);
        // A much shorter list is looked up in the longer.
        let long: Vec<u32> = (0..1000).collect();
        assert_eq!(intersect(&[5, 999, 2000], &long), vec![5, 999]);
        assert_eq!(union(&[1, 3], &[2, 3, 9]), vec![1, 2, 3, 9]);
        assert!(contains(&[1, 4, 9], 4) && !contains(&[1, 4, 9], 5));
    }

    #[test]
    fn bits_hold_documents_below_n() {
        let b = Bits::of(&[0, 63, 64, 200], 130);
        assert!(b.has(0) && b.has(63) && b.has(64));
        assert!(!b.has(1) && !b.has(200));
    }

    #[test]
    fn weighted_postings_merge_by_document() {
        let b = Built::new(corpus(), WORDS).load_all();
        let words = &b.archive.index.shard_for('平').unwrap().words;
        let ph = &words["平湖"];
        let one = merge_weighted(&[ph], 6);
        assert_eq!(
            (one.docs.as_slice(), one.tf.as_slice()),
            (ph.docs(), ph.tf())
        );
        let two = merge_weighted(&[ph, ph], 6);
        assert_eq!(two.docs, ph.docs());
        for (&m, &w) in two.tf.iter().zip(ph.tf()) {
            // Field bits and length levels or'ed, body counts added.
            assert_eq!(m, (w & !0x3F) | ((w & 0x3F) * 2));
        }
    }
}
