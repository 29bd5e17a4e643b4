//! The page's transform on the stage (scale and offset) and the gesture in
//! progress: the arithmetic of zoom, pan and fit, with no DOM.

use std::collections::HashMap;

use gloo::timers::callback::Timeout;

/// The stage's transform and the gesture in progress. The image's own pixels
/// are the canvas's CSS pixels, scaled by `s` and moved by `(tx, ty)`.
#[derive(Default)]
pub struct Gesture {
    pub s: f64,
    pub tx: f64,
    pub ty: f64,
    pub fit: f64,
    /// Image pixels.
    pub w: f64,
    pub h: f64,
    /// Pointers down: position on the stage.
    pub pointers: HashMap<i32, (f64, f64)>,
    pub start: (f64, f64),
    pub moved: bool,
    /// A touch that went down and up without moving: a tap, whose click
    /// the stage handles itself (to tell it from a double tap).
    pub tap: Option<(f64, f64)>,
    pub last_tap: Option<(f64, f64, f64)>,
    pub pending_tap: Option<Timeout>,
}

impl Gesture {
    pub fn bounds(&self) -> (f64, f64) {
        (self.fit * 0.75, (self.fit * 8.0).max(2.0))
    }

    /// Keeps the page on the stage: centred in a direction it fits, else no
    /// empty margin beyond its edge.
    pub fn clamp(&mut self, sw: f64, sh: f64) {
        let (lo, hi) = self.bounds();
        self.s = self.s.clamp(lo, hi);
        let pw = self.w * self.s;
        let ph = self.h * self.s;
        self.tx = if pw <= sw {
            (sw - pw) / 2.0
        } else {
            self.tx.clamp(sw - pw, 0.0)
        };
        self.ty = if ph <= sh {
            (sh - ph) / 2.0
        } else {
            self.ty.clamp(sh - ph, 0.0)
        };
    }

    pub fn zoom_at(&mut self, k: f64, px: f64, py: f64) {
        let (lo, hi) = self.bounds();
        let s = (self.s * k).clamp(lo, hi);
        let k = s / self.s;
        self.tx = px - (px - self.tx) * k;
        self.ty = py - (py - self.ty) * k;
        self.s = s;
    }

    /// Shows the box `(x0, y0, x1, y1)` (image pixels) whole and centred,
    /// zoomed in up to `max_zoom` × fit when it is small.
    pub fn show(&mut self, b: (f64, f64, f64, f64), sw: f64, sh: f64, max_zoom: f64) {
        let (bw, bh) = ((b.2 - b.0).max(1.0), (b.3 - b.1).max(1.0));
        self.s = (0.92 * (sw / bw).min(sh / bh)).clamp(self.fit, self.fit * max_zoom);
        self.tx = sw / 2.0 - (b.0 + bw / 2.0) * self.s;
        self.ty = sh / 2.0 - (b.1 + bh / 2.0) * self.s;
    }

    pub fn at_fit(&self) -> bool {
        self.s <= self.fit * 1.05
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 1000×2000 px page shown at its fit scale, a quarter.
    fn at_fit() -> Gesture {
        Gesture {
            w: 1000.0,
            h: 2000.0,
            fit: 0.25,
            s: 0.25,
            ..Default::default()
        }
    }

    #[test]
    fn zooming_keeps_the_point_under_the_pointer_and_the_page_on_the_stage() {
        let mut g = at_fit();
        // Stage 400×500: at fit the page (250×500) is centred across.
        g.clamp(400.0, 500.0);
        assert_eq!((g.tx, g.ty), (75.0, 0.0));
        // Twice at (200, 100): that point of the page stays there.
        let before = ((200.0 - g.tx) / g.s, (100.0 - g.ty) / g.s);
        g.zoom_at(2.0, 200.0, 100.0);
        assert_eq!(g.s, 0.5);
        let after = ((200.0 - g.tx) / g.s, (100.0 - g.ty) / g.s);
        assert_eq!(before, after);
        // Panned far off: brought back to the edge.
        g.tx = 900.0;
        g.ty = -5000.0;
        g.clamp(400.0, 500.0);
        assert_eq!((g.tx, g.ty), (0.0, 500.0 - 1000.0));
        // Zoom is bounded (8× fit at most here, never below 0.75× fit).
        g.zoom_at(100.0, 0.0, 0.0);
        assert_eq!(g.s, 2.0);
        g.zoom_at(0.0001, 0.0, 0.0);
        assert_eq!(g.s, 0.25 * 0.75);
    }

    #[test]
    fn an_article_is_shown_whole_and_centred() {
        let mut g = at_fit();
        // A small box: zoomed in, up to 3× fit, centred.
        g.show((100.0, 100.0, 200.0, 150.0), 400.0, 500.0, 3.0);
        assert_eq!(g.s, 0.75);
        assert_eq!(g.tx + 150.0 * g.s, 200.0);
        assert_eq!(g.ty + 125.0 * g.s, 250.0);
        // A box as big as the page: fit.
        g.show((0.0, 0.0, 1000.0, 2000.0), 400.0, 500.0, 3.0);
        assert_eq!(g.s, 0.25);
    }
}
