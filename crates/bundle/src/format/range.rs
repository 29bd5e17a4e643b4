//! Document ranges: a document shard, an issue and a doc-info shard each
//! cover documents `first .. first + count`, listed in document order; one
//! lookup finds which entry holds a document.

/// An entry covering documents `first .. first + count`.
pub trait DocRange {
    /// (first document, number of documents).
    fn doc_range(&self) -> (u32, u32);
}

/// Which of `entries` (in document order, not overlapping) holds `doc`.
pub fn entry_of<T: DocRange>(entries: &[T], doc: u32) -> Option<usize> {
    let i = entries
        .partition_point(|e| e.doc_range().0 <= doc)
        .checked_sub(1)?;
    let (first, count) = entries[i].doc_range();
    (doc < first.saturating_add(count)).then_some(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    impl DocRange for (u32, u32) {
        fn doc_range(&self) -> (u32, u32) {
            *self
        }
    }

    #[test]
    fn the_entry_holding_a_document() {
        // A gap at 5..7 (an entry may hold fewer documents than the next starts after).
        let entries = [(0, 3), (3, 2), (7, 4)];
        let of: Vec<Option<usize>> = (0..12).map(|d| entry_of(&entries, d)).collect();
        let want = [0, 0, 0, 1, 1, 9, 9, 2, 2, 2, 2, 9].map(|i| (i != 9).then_some(i));
        assert_eq!(of, want);
        assert_eq!(entry_of::<(u32, u32)>(&[], 0), None);
        assert_eq!(entry_of(&[(2, 1)], 1), None);
    }
}
