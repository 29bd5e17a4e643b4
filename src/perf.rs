//! Performance marks and measures, read by `cargo xtask bench` through
//! WebDriver to time the reader (`kanbao-interactive`, `kanbao-search`,
//! `kanbao-core`, the page view's).

/// A performance measure from the mark `start` to now, for the benchmarks.
/// Only the latest of a name is kept: a kiosk searches all day.
pub fn measure(name: &str, start: &str) {
    if let Some(p) = gloo::utils::window().performance() {
        p.clear_measures_with_measure_name(name);
        let _ = p.measure_with_start_mark(name, start);
    }
}

/// A performance mark the benchmarks read (`performance.getEntriesByName`);
/// only the latest of a name is kept.
pub fn mark(name: &str) {
    if let Some(p) = gloo::utils::window().performance() {
        p.clear_marks_with_mark_name(name);
        let _ = p.mark(name);
    }
}
