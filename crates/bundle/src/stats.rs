//! Figures the benchmarks report: `kanbao bench` and `cargo xtask bench`
//! summarise their timings and byte counts the same way.

/// The `p`-quantile of `v` (0.5 for the median, 0.95 for p95): the value at
/// rank `round((len − 1) × p)` once `v` is sorted (in place); 0 for none.
pub fn percentile(v: &mut [f64], p: f64) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    v[((v.len() - 1) as f64 * p).round() as usize]
}

#[cfg(test)]
mod tests {
    use super::percentile;

    #[test]
    fn nearest_rank_after_sorting() {
        assert_eq!(percentile(&mut [], 0.5), 0.0);
        assert_eq!(percentile(&mut [3.0, 1.0, 2.0], 0.5), 2.0);
        let mut v: Vec<f64> = (1..=20).rev().map(f64::from).collect();
        assert_eq!(percentile(&mut v, 0.95), 19.0);
        assert_eq!(v[0], 1.0, "sorted in place");
        assert_eq!(percentile(&mut [5.0], 0.95), 5.0);
    }
}
