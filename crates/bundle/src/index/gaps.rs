//! Postings gathered while an index is built, compactly: each document as
//! its gap from the previous one in LEB128 (one byte for most), followed by
//! its weight byte for a word. A character's list at 1,000,000 articles would
//! take 4 bytes a document as a `Vec<u32>` (and up to twice that while it
//! grows); it is written out as [`crate::format::codec::encode_postings`]
//! at the end.

/// One term's documents, ascending, and for a word their weights.
#[derive(Debug, Default, Clone)]
pub(crate) struct Gaps {
    bytes: Vec<u8>,
    /// The last document added, plus one (0 while empty).
    next: u32,
}

impl Gaps {
    /// Whether `doc` was the last document added.
    pub(crate) fn ends_with(&self, doc: u32) -> bool {
        !self.bytes.is_empty() && self.next == doc + 1
    }

    /// Adds `doc` (above every document added so far), with its weight for a word.
    pub(crate) fn push(&mut self, doc: u32, weight: Option<u8>) {
        debug_assert!(self.bytes.is_empty() || doc >= self.next);
        let mut gap = doc - self.next;
        loop {
            let b = (gap & 0x7F) as u8;
            gap >>= 7;
            if gap == 0 {
                self.bytes.push(b);
                break;
            }
            self.bytes.push(b | 0x80);
        }
        self.next = doc + 1;
        if let Some(w) = weight {
            self.bytes.push(w);
        }
    }

    /// The documents and, when `weighted`, their weights.
    pub(crate) fn decode(&self, weighted: bool) -> (Vec<u32>, Vec<u8>) {
        let mut docs = Vec::new();
        let mut weights = Vec::new();
        let mut next = 0u32;
        let mut it = self.bytes.iter();
        while let Some(&first) = it.next() {
            let (mut gap, mut shift, mut b) = (0u32, 0, first);
            loop {
                gap |= ((b & 0x7F) as u32) << shift;
                if b & 0x80 == 0 {
                    break;
                }
                shift += 7;
                b = *it.next().expect("a gap is whole");
            }
            let d = next + gap;
            docs.push(d);
            next = d + 1;
            if weighted {
                weights.push(*it.next().expect("a weight follows its gap"));
            }
        }
        (docs, weights)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_and_weights_read_back() {
        let mut g = Gaps::default();
        for (d, w) in [
            (0, 3),
            (1, 0x80),
            (200, 2),
            (70_000, 0xFF),
            (4_000_000_000, 1),
        ] {
            assert!(!g.ends_with(d));
            g.push(d, Some(w));
            assert!(g.ends_with(d));
        }
        let (docs, weights) = g.decode(true);
        assert_eq!(docs, [0, 1, 200, 70_000, 4_000_000_000]);
        assert_eq!(weights, [3, 0x80, 2, 0xFF, 1]);
        let mut c = Gaps::default();
        c.push(5, None);
        c.push(6, None);
        assert_eq!(c.decode(false), (vec![5, 6], vec![]));
        assert_eq!(c.bytes.len(), 2, "one byte a small gap");
    }
}
