//! The progress bar of a build: one bar whose stage and length change as the
//! build goes (reading, related articles, the index's two passes, writing),
//! drawn on standard error only when it is a terminal and not `--quiet`.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A build's progress bar, or nothing.
pub struct Progress(Option<ProgressBar>);

impl Progress {
    /// A bar when `show` and standard error is a terminal.
    pub fn new(show: bool) -> Progress {
        if !show || !std::io::IsTerminal::is_terminal(&std::io::stderr()) {
            return Progress::hidden();
        }
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} {msg:28} [{bar:30}] {human_pos}/{human_len} {elapsed_precise} (剩余 left {eta})",
            )
            .expect("a valid template")
            .progress_chars("=> "),
        );
        Progress(Some(bar))
    }

    /// No bar.
    pub fn hidden() -> Progress {
        Progress(None)
    }

    /// Starts a stage of `len` steps.
    pub fn stage(&self, msg: &'static str, len: usize) {
        if let Some(b) = &self.0 {
            b.set_message(msg);
            b.set_length(len as u64);
            b.set_position(0);
        }
    }

    /// The stage's position.
    pub fn set(&self, pos: usize) {
        if let Some(b) = &self.0 {
            b.set_position(pos as u64);
        }
    }

    pub fn inc(&self, n: usize) {
        if let Some(b) = &self.0 {
            b.inc(n as u64);
        }
    }

    /// Prints `line` above the bar.
    pub fn println(&self, line: &str) {
        match &self.0 {
            Some(b) => b.println(line),
            None => eprintln!("{line}"),
        }
    }

    /// Removes the bar.
    pub fn finish(&self) {
        if let Some(b) = &self.0 {
            b.finish_and_clear();
        }
    }
}
