//! The page as the PDF reader gives it to the layout passes: glyphs, fonts,
//! images and ruled boxes in points, top-left origin (a leaf module).

use serde::{Deserialize, Serialize};

/// A box on the page, in points, top-left origin.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub struct Rect {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

/// Thinner than this, in points, a drawn rectangle is a rule.
const RULE_MAX: f32 = 3.0;

impl Rect {
    pub const fn new(x0: f32, y0: f32, x1: f32, y1: f32) -> Rect {
        Rect { x0, y0, x1, y1 }
    }
    /// A rule running down the page (between columns).
    pub fn is_vertical_rule(&self) -> bool {
        self.x1 - self.x0 < RULE_MAX
    }

    /// A rule running across the page (under a masthead, between stories).
    pub fn is_horizontal_rule(&self) -> bool {
        self.y1 - self.y0 < RULE_MAX
    }

    pub fn width(&self) -> f32 {
        self.x1 - self.x0
    }

    /// How far the two boxes share the same x, 0 when they do not.
    pub fn x_overlap(&self, other: &Rect) -> f32 {
        (self.x1.min(other.x1) - self.x0.max(other.x0)).max(0.0)
    }

    /// The smallest box holding both.
    pub fn union(&self, other: &Rect) -> Rect {
        Rect {
            x0: self.x0.min(other.x0),
            y0: self.y0.min(other.y0),
            x1: self.x1.max(other.x1),
            y1: self.y1.max(other.y1),
        }
    }

    /// Whether the box's centre lies within `outer` (edges included).
    pub fn centre_within(&self, outer: &Rect) -> bool {
        let (cx, cy) = ((self.x0 + self.x1) / 2.0, (self.y0 + self.y1) / 2.0);
        cx >= outer.x0 && cx <= outer.x1 && cy >= outer.y0 && cy <= outer.y1
    }
}

/// One shown glyph: the text it maps to (usually one character; a ligature
/// or a ToUnicode entry may give more) and the box it occupies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Glyph {
    pub text: String,
    pub bbox: Rect,
    /// Font size in points as drawn (text matrix and CTM applied).
    pub size: f32,
    /// Index into [`PdfPage::fonts`].
    pub font: u16,
}

/// A font used on the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct PdfFont {
    /// Base font name without the subset prefix (`ABCDEF+`).
    pub name: String,
    /// Bold by name (`Bold`, `Heavy`, `Black`, `W7`…) or by descriptor weight.
    pub bold: bool,
}

/// One page of a PDF, as the layout pass needs it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct PdfPage {
    /// 1-based page number within the file.
    pub number: u32,
    pub width: f32,
    pub height: f32,
    /// Glyphs in content-stream order (which may be any order).
    pub glyphs: Vec<Glyph>,
    pub fonts: Vec<PdfFont>,
    /// Where images are drawn (photos, logos).
    pub images: Vec<Rect>,
    /// Stroked or filled rectangles and rules (boxes around ads and notices,
    /// lines between columns), thinner than a few points or wider.
    pub rects: Vec<Rect>,
}

impl PdfPage {
    /// The page's vertical rules.
    pub fn vertical_rules(&self) -> Vec<Rect> {
        self.rects
            .iter()
            .filter(|r| r.is_vertical_rule())
            .copied()
            .collect()
    }

    /// The page's horizontal rules.
    pub fn horizontal_rules(&self) -> Vec<Rect> {
        self.rects
            .iter()
            .filter(|r| r.is_horizontal_rule())
            .copied()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(x0: f32, y0: f32, x1: f32, y1: f32) -> Rect {
        Rect::new(x0, y0, x1, y1)
    }

    #[test]
    fn box_geometry() {
        let a = r(0.0, 0.0, 10.0, 10.0);
        let b = r(6.0, 20.0, 30.0, 22.0);
        assert_eq!(a.x_overlap(&b), 4.0);
        assert_eq!(a.x_overlap(&r(11.0, 0.0, 12.0, 1.0)), 0.0);
        assert_eq!(a.union(&b), r(0.0, 0.0, 30.0, 22.0));
        assert!(r(2.0, 2.0, 4.0, 4.0).centre_within(&a));
        assert!(!b.centre_within(&a));
        assert!(b.is_horizontal_rule() && !b.is_vertical_rule());
        assert_eq!(b.width(), 24.0);
    }
}
