//! PDF bytes → [`PdfPage`]s: the text layer with geometry, through
//! `hayro-interpret` (pure Rust). The only module that names the PDF crate.
//!
//! The interpreter runs each page's content stream into a [`Device`] that
//! keeps what the layout pass needs: every shown glyph (its Unicode text, the
//! box of its advance and em height, its size as drawn, its font), where
//! images are drawn, and axis-aligned rectangles and rules. The page's initial
//! transform (crop box, rotation, y flipped) is the interpreter's, so every
//! box is in the visible page's points with a top-left origin.
//!
//! Bad input never panics: a file that is not a PDF, damaged, truncated or
//! password-protected is one [`PdfError`] naming the file; a page without a
//! text layer, or one the interpreter panics on, is an error for that page
//! ([`PdfDoc::errors`]) and the other pages are still read. Glyphs a font
//! cannot map to Unicode are left out, never shown as U+FFFD, and counted in
//! a warning naming the page and the font.

use super::model::{Glyph, PdfFont, PdfPage, Rect};
use hayro_interpret::font::{Glyph as HGlyph, GlyphRun};
use hayro_interpret::hayro_cmap::{BfString, WritingMode};
use hayro_interpret::hayro_syntax::{LoadPdfError, Pdf};
use hayro_interpret::kurbo::{self, Affine, BezPath, PathEl, Point, Shape};
use hayro_interpret::{
    interpret_page, BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, Image,
    ImageDrawProps, InterpreterCache, InterpreterSettings, InterpreterWarning, SoftMask,
};
use std::collections::HashMap;
use std::fmt;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// A PDF that cannot be read, or one page of it that cannot.
#[derive(Debug, Clone, PartialEq)]
pub struct PdfError {
    pub file: String,
    /// 1-based page, when the error is about one page.
    pub page: Option<u32>,
    /// What is wrong and what to do, without the file name.
    pub message: String,
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.page {
            Some(p) => write!(f, "{}: page {p}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for PdfError {}

impl From<PdfError> for crate::import::model::ImportError {
    fn from(e: PdfError) -> Self {
        crate::import::ImportError::Pdf {
            file: e.file,
            page: e.page,
            message: e.message,
        }
    }
}

/// A note about one page that did not stop it from being read.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PdfWarning {
    pub page: u32,
    pub message: String,
}

/// What [`read_pdf`] read from a file.
#[derive(Debug, Clone, Default)]
pub struct PdfDoc {
    /// Pages that have a text layer, in file order ([`PdfPage::number`] keeps
    /// the page's place when others are missing).
    pub pages: Vec<PdfPage>,
    /// Pages that could not be read (no text layer, an interpreter failure).
    pub errors: Vec<PdfError>,
    pub warnings: Vec<PdfWarning>,
    /// Pages in the file.
    pub page_count: u32,
}

/// Reads every page of a PDF into memory. For very long files, prefer
/// [`for_each_page`], which holds one page at a time.
///
/// Fails as a whole when the file cannot be opened, or when no page has a
/// text layer (the error of the first page is returned then).
pub fn read_pdf(file: &str, bytes: &[u8]) -> Result<PdfDoc, PdfError> {
    let mut doc = PdfDoc::default();
    doc.page_count = for_each_page(file, bytes, |result, warnings| {
        doc.warnings.extend_from_slice(warnings);
        match result {
            Ok(page) => doc.pages.push(page),
            Err(e) => doc.errors.push(e),
        }
    })?;
    if doc.pages.is_empty() {
        return Err(match doc.errors.len() {
            1 => doc.errors.remove(0),
            0 => PdfError {
                file: file.to_string(),
                page: None,
                message: "has no pages; re-export it".to_string(),
            },
            n if doc.errors.iter().all(|e| e.message.starts_with(NO_TEXT)) => PdfError {
                file: file.to_string(),
                page: None,
                message: format!(
                    "none of its {n} pages has a text layer (a scan?): run OCR on it first, \
                     or export its text"
                ),
            },
            _ => doc.errors.remove(0),
        });
    }
    Ok(doc)
}

const NO_TEXT: &str = "has no text layer";

/// Reads the pages one by one, calling `each` with every page (or that page's
/// error) and its warnings; memory stays that of one page plus the file and
/// the font cache. Returns the number of pages in the file, or the error that
/// kept the file from being opened.
pub fn for_each_page(
    file: &str,
    bytes: &[u8],
    mut each: impl FnMut(Result<PdfPage, PdfError>, &[PdfWarning]),
) -> Result<u32, PdfError> {
    let pdf = open(file, bytes)?;
    let pages = catch_unwind(AssertUnwindSafe(|| pdf.pages().len()))
        .map_err(|_| file_error(file, damaged("its page tree cannot be read")))?;
    let unsupported_fonts = Arc::new(AtomicUsize::new(0));
    let settings = counting_font_failures(unsupported_fonts.clone());
    // Fonts are shared across pages through the cache; a fresh cache every
    // 50 pages bounds its memory on long files.
    let mut cache = InterpreterCache::new();
    for i in 0..pages {
        let number = i as u32 + 1;
        if i % 50 == 0 && i > 0 {
            cache = InterpreterCache::new();
        }
        unsupported_fonts.store(0, Ordering::Relaxed);
        let read = catch_unwind(AssertUnwindSafe(|| {
            let page = &pdf.pages()[i];
            read_page(page, number, &cache, &pdf, settings.clone())
        }));
        let (result, warnings) = match read {
            Err(_) => (
                Err(page_error(
                    file,
                    number,
                    "the PDF interpreter failed on this page; re-export it or export its text"
                        .to_string(),
                )),
                Vec::new(),
            ),
            Ok((page, unmapped)) => {
                let bad_fonts = unsupported_fonts.load(Ordering::Relaxed);
                let warnings = font_warnings(number, &unmapped, bad_fonts);
                let unreadable: usize = unmapped.iter().map(|(_, n)| n).sum();
                (with_text(file, page, unreadable), warnings)
            }
        };
        each(result, &warnings);
    }
    Ok(pages as u32)
}

fn file_error(file: &str, message: String) -> PdfError {
    PdfError {
        file: file.to_string(),
        page: None,
        message,
    }
}

fn page_error(file: &str, page: u32, message: String) -> PdfError {
    PdfError {
        file: file.to_string(),
        page: Some(page),
        message,
    }
}

/// The file opened by the interpreter, after [`check_envelope`]; a file it
/// cannot open is one error saying why (encrypted, damaged).
fn open(file: &str, bytes: &[u8]) -> Result<Pdf, PdfError> {
    check_envelope(bytes).map_err(|m| file_error(file, m))?;
    catch_unwind(|| Pdf::new(bytes.to_vec()))
        .map_err(|_| file_error(file, damaged("the interpreter failed on its structure")))?
        .map_err(|e| file_error(file, load_error(e)))
}

/// What to tell of a file the interpreter cannot load.
fn load_error(e: LoadPdfError) -> String {
    use hayro_interpret::hayro_syntax::DecryptionError as D;
    match e {
        LoadPdfError::Decryption(D::PasswordProtected) => {
            "is encrypted; remove the password or export the text".to_string()
        }
        LoadPdfError::Decryption(D::UnsupportedAlgorithm) => {
            "is encrypted with an unsupported algorithm; remove the password or export the text"
                .to_string()
        }
        LoadPdfError::Decryption(_) => damaged("its encryption dictionary is invalid"),
        LoadPdfError::Invalid => damaged("no readable cross-reference table or objects"),
    }
}

/// The interpreter's settings, counting the fonts it fails to load in
/// `count`.
fn counting_font_failures(count: Arc<AtomicUsize>) -> InterpreterSettings {
    InterpreterSettings {
        warning_sink: Arc::new(move |w| {
            if matches!(w, InterpreterWarning::UnsupportedFont) {
                count.fetch_add(1, Ordering::Relaxed);
            }
        }),
        ..InterpreterSettings::default()
    }
}

/// The warnings of page `number`: glyphs left out of each font without a
/// Unicode mapping (`unmapped`), and fonts that failed to load.
fn font_warnings(number: u32, unmapped: &[(String, usize)], bad_fonts: usize) -> Vec<PdfWarning> {
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let mut warnings: Vec<PdfWarning> = unmapped
        .iter()
        .map(|(font, n)| PdfWarning {
            page: number,
            message: format!(
                "font {font} has no Unicode mapping for {n} \
                 glyph{}; they are left out (embed a ToUnicode map when exporting, \
                 or export the text)",
                plural(*n)
            ),
        })
        .collect();
    if bad_fonts > 0 {
        warnings.push(PdfWarning {
            page: number,
            message: format!(
                "{bad_fonts} font load{} failed; its text \
                 may be missing (embed the fonts when exporting)",
                plural(bad_fonts)
            ),
        });
    }
    warnings
}

/// The page, unless it has no text: text printed only in fonts that say
/// nothing of what their glyphs mean (`unreadable` glyphs left out), or none
/// at all (a scan).
fn with_text(file: &str, page: PdfPage, unreadable: usize) -> Result<PdfPage, PdfError> {
    let number = page.number;
    if page.glyphs.is_empty() && unreadable > 0 {
        Err(page_error(
            file,
            number,
            format!(
                "its {unreadable} glyphs are in fonts without a Unicode mapping: \
                 re-export it with ToUnicode maps (fonts embedded), export its text, \
                 or run OCR on it"
            ),
        ))
    } else if page.glyphs.is_empty() {
        Err(page_error(
            file,
            number,
            format!("{NO_TEXT} (a scanned image?): run OCR on it first, or export its text"),
        ))
    } else {
        Ok(page)
    }
}

fn damaged(what: &str) -> String {
    format!("is damaged or truncated: {what}; re-export it")
}

/// The `%PDF-` header and the `%%EOF` trailer, before the interpreter (which
/// would otherwise rebuild a truncated file's objects silently and lose
/// text).
fn check_envelope(bytes: &[u8]) -> Result<(), String> {
    if bytes.is_empty() {
        return Err("is empty; re-export it".to_string());
    }
    let head = &bytes[..bytes.len().min(1024)];
    if find(head, b"%PDF-").is_none() {
        return Err("is not a PDF (no %PDF- header); export the page as PDF or as text".into());
    }
    let tail = &bytes[bytes.len().saturating_sub(2048)..];
    if find(tail, b"%%EOF").is_none() {
        return Err(damaged("it ends without %%EOF"));
    }
    Ok(())
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// One page through the interpreter; the page and the glyphs left out for
/// want of a Unicode mapping, per font name.
fn read_page<'a>(
    page: &hayro_interpret::hayro_syntax::page::Page<'a>,
    number: u32,
    cache: &InterpreterCache<'a>,
    pdf: &'a Pdf,
    settings: InterpreterSettings,
) -> (PdfPage, Vec<(String, usize)>) {
    let (width, height) = page.render_dimensions();
    let initial = Affine::new(page.initial_transform(true).as_coeffs());
    let mut ctx = Context::new(
        initial,
        kurbo::Rect::new(0.0, 0.0, width as f64, height as f64),
        cache,
        pdf.xref(),
        settings,
    );
    let mut dev = Collector {
        page: PdfPage {
            number,
            width,
            height,
            ..PdfPage::default()
        },
        fonts: HashMap::new(),
        unmapped: Vec::new(),
        last_run: None,
    };
    interpret_page(page, &mut ctx, &mut dev);
    drop_guesses(dev.page, dev.unmapped)
}

/// A font most of whose glyphs have no Unicode mapping (a CJK subset without
/// a ToUnicode map, say) maps the rest only by the guess of a standard
/// encoding: Latin letters where Chinese was printed. Those guesses are
/// left out with the unmapped glyphs rather than shown as text.
fn drop_guesses(
    mut page: PdfPage,
    mut unmapped: Vec<(String, usize)>,
) -> (PdfPage, Vec<(String, usize)>) {
    for (name, n) in &mut unmapped {
        let of_font = |g: &Glyph| page.fonts[g.font as usize].name == *name;
        let mapped = page.glyphs.iter().filter(|g| of_font(g)).count();
        if mapped > 0 && *n > mapped {
            let fonts = page.fonts.clone();
            page.glyphs.retain(|g| fonts[g.font as usize].name != *name);
            *n += mapped;
        }
    }
    (page, unmapped)
}

struct Collector {
    page: PdfPage,
    /// Font program key → index into `page.fonts`.
    fonts: HashMap<u128, u16>,
    /// Glyphs without a Unicode mapping, per font name.
    unmapped: Vec<(String, usize)>,
    /// The last filled glyph run: (first index into `page.glyphs`, glyph
    /// count, first glyph's transform), to drop the stroke of fill-then-stroke
    /// text (render mode 2, which the interpreter gives as two runs).
    last_run: Option<(usize, usize, Affine)>,
}

impl Collector {
    fn font_index(&mut self, g: &HGlyph<'_>) -> u16 {
        let (key, name, weight) = match g {
            HGlyph::Outline(o) => match o.font_data() {
                Some(d) => (d.cache_key, d.postscript_name.unwrap_or_default(), d.weight),
                None => (1, String::new(), None),
            },
            HGlyph::Type3(_) => (2, "Type3".to_string(), None),
        };
        if let Some(&i) = self.fonts.get(&key) {
            return i;
        }
        let name = strip_subset(&name).to_string();
        // Subsets of one face are one font.
        if let Some(i) = self
            .page
            .fonts
            .iter()
            .position(|f| !name.is_empty() && f.name == name)
        {
            self.fonts.insert(key, i as u16);
            return i as u16;
        }
        let bold = bold_by_name(&name) || weight.is_some_and(|w| w >= 600);
        let i = self.page.fonts.len().min(u16::MAX as usize) as u16;
        self.page.fonts.push(PdfFont { name, bold });
        self.fonts.insert(key, i);
        i
    }
}

/// `ABCDEF+Name` → `Name`.
fn strip_subset(name: &str) -> &str {
    match name.split_once('+') {
        Some((tag, rest)) if tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()) => rest,
        _ => name,
    }
}

/// Bold, heavy, black, semibold/demibold, or a Japanese-style weight W5 and
/// up (medium counts: CJK headline faces are often Medium). ExtraBold and
/// UltraBold hold "bold"; ExtraLight does not.
fn bold_by_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    const WORDS: [&str; 6] = ["bold", "heavy", "black", "demi", "semibold", "medium"];
    if WORDS.iter().any(|w| lower.contains(w)) {
        return true;
    }
    // W5…W9 (Morisawa/Founder style), as a separate token.
    let b = name.as_bytes();
    b.windows(2).enumerate().any(|(i, w)| {
        w[0] == b'W'
            && (b'5'..=b'9').contains(&w[1])
            && (i == 0 || !b[i - 1].is_ascii_alphabetic())
            && b.get(i + 2).is_none_or(|c| !c.is_ascii_digit())
    })
}

fn is_private_use(c: char) -> bool {
    matches!(c as u32, 0xE000..=0xF8FF | 0xF0000..=0xFFFFD | 0x100000..=0x10FFFD)
}

fn rect_of(r: kurbo::Rect) -> Rect {
    Rect {
        x0: r.x0 as f32,
        y0: r.y0 as f32,
        x1: r.x1 as f32,
        y1: r.y1 as f32,
    }
}

impl<'a> Device<'a> for Collector {
    fn draw_path(&mut self, path: &BezPath, props: DrawProps<'a>, mode: &DrawMode) {
        self.last_run = None;
        // Rectangles and rules only: moves and axis-parallel lines.
        let t = props.transform;
        let mut last = Point::ZERO;
        let mut segments = 0;
        for el in path.elements() {
            match *el {
                PathEl::MoveTo(p) => last = t * p,
                PathEl::LineTo(p) => {
                    let p = t * p;
                    if (p.x - last.x).abs() > 0.01 && (p.y - last.y).abs() > 0.01 {
                        return;
                    }
                    last = p;
                    segments += 1;
                }
                PathEl::ClosePath => {}
                _ => return,
            }
        }
        if segments == 0 || segments > 8 {
            return;
        }
        let mut bb = (t * path.clone()).bounding_box();
        if let DrawMode::Stroke(s) | DrawMode::FillAndStroke(_, s) = mode {
            let w = (s.line_width as f64 * t.determinant().abs().sqrt()).max(0.1) / 2.0;
            bb = bb.inflate(w, w);
        }
        if matches!(mode, DrawMode::Invisible) {
            return;
        }
        let (w, h) = (self.page.width as f64, self.page.height as f64);
        // A page-sized background is not a box.
        if bb.width() * bb.height() > 0.9 * w * h {
            return;
        }
        self.page.rects.push(rect_of(bb));
    }

    fn push_clip_path(&mut self, _: &ClipPath) {}

    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}

    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, 'a>, props: DrawProps<'a>, mode: &DrawMode) {
        let glyphs = run.glyphs();
        let Some(first) = glyphs.first() else {
            return;
        };
        let t0 = props.transform * first.transform();
        if let DrawMode::Stroke(_) = mode {
            if let Some((_, n, t)) = self.last_run {
                if n == glyphs.len() && t == t0 {
                    self.last_run = None;
                    return;
                }
            }
        }
        let font = self.font_index(first);
        let vertical = matches!(run.writing_mode(), WritingMode::Vertical);
        let start = self.page.glyphs.len();
        for g in glyphs {
            let t = props.transform * g.transform();
            let text = match g.as_unicode() {
                Some(BfString::Char(c)) => c.to_string(),
                Some(BfString::String(s)) => s,
                None => String::new(),
            };
            let text: String = text.chars().filter(|&c| c != '\0').collect();
            if text.is_empty() || text.chars().any(|c| c == '\u{FFFD}' || is_private_use(c)) {
                let name = &self.page.fonts[font as usize].name;
                let name = if name.is_empty() { "(unnamed)" } else { name };
                match self.unmapped.iter_mut().find(|(n, _)| n == name) {
                    Some((_, k)) => *k += 1,
                    None => self.unmapped.push((name.to_string(), 1)),
                }
                continue;
            }
            if text.chars().all(char::is_whitespace) {
                continue;
            }
            // Glyph space is 1000 units per em.
            let advance = match &**g {
                HGlyph::Outline(o) => o.advance_width().filter(|a| *a > 0.0),
                HGlyph::Type3(t3) => t3.advance_width().filter(|a| *a > 0.0),
            }
            .map(f64::from)
            .unwrap_or(if text.is_ascii() { 500.0 } else { 1000.0 });
            let em = if vertical {
                kurbo::Rect::new(-500.0, -1000.0, 500.0, 0.0)
            } else {
                kurbo::Rect::new(0.0, -120.0, advance, 880.0)
            };
            let bbox = (t * em.to_path(0.1)).bounding_box();
            let size = (t * Point::new(0.0, 1000.0) - t * Point::ZERO).hypot() as f32;
            self.page.glyphs.push(Glyph {
                text,
                bbox: rect_of(bbox),
                size,
                font,
            });
        }
        self.last_run = match mode {
            DrawMode::Fill(_) | DrawMode::FillAndStroke(..) => Some((start, glyphs.len(), t0)),
            _ => None,
        };
    }

    fn draw_image(&mut self, image: Image<'a, '_>, props: ImageDrawProps<'a>) {
        self.last_run = None;
        // Images are drawn into their pixel grid.
        let (w, h) = (image.width() as f64, image.height() as f64);
        let bb = (props.transform * kurbo::Rect::new(0.0, 0.0, w, h).to_path(0.1)).bounding_box();
        self.page.images.push(rect_of(bb));
    }

    fn pop_clip(&mut self) {}

    fn pop_transparency_group(&mut self) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subset_prefix_and_bold_names() {
        assert_eq!(
            strip_subset("ABCDEF+NotoSerifCJKsc-Bold"),
            "NotoSerifCJKsc-Bold"
        );
        assert_eq!(strip_subset("Abcdef+X"), "Abcdef+X");
        assert!(bold_by_name("NotoSerifCJKsc-Bold"));
        assert!(bold_by_name("NotoSansCJKsc-Black"));
        assert!(bold_by_name("FZHei-B01S-Heavy"));
        assert!(bold_by_name("RyuminPro-W6"));
        assert!(bold_by_name("NotoSerifCJKsc-SemiBold"));
        assert!(!bold_by_name("NotoSerifCJKsc-Regular"));
        assert!(!bold_by_name("NotoSansCJKsc-ExtraLight"));
        assert!(!bold_by_name("WenQuanYiZenHei"));
        assert!(!bold_by_name("RyuminPro-W3"));
        assert!(!bold_by_name("Helvetica"));
    }

    #[test]
    fn pages_without_text_and_fonts_without_mappings_say_what_to_do() {
        let page = PdfPage {
            number: 3,
            ..Default::default()
        };
        let e = with_text("x.pdf", page.clone(), 0).unwrap_err();
        assert_eq!(e.page, Some(3));
        assert!(e
            .to_string()
            .starts_with("x.pdf: page 3: has no text layer"));
        let e = with_text("x.pdf", page, 12).unwrap_err();
        assert!(e.message.contains("its 12 glyphs"), "{e}");
        let w = font_warnings(3, &[("SimSun".into(), 1), ("KaiTi".into(), 5)], 2);
        assert_eq!(w.len(), 3);
        assert!(w[0]
            .message
            .contains("SimSun has no Unicode mapping for 1 glyph;"));
        assert!(w[1].message.contains("for 5 glyphs;"));
        assert!(w[2].message.starts_with("2 font loads failed"));
    }

    #[test]
    fn envelope_errors_name_what_to_do() {
        assert!(check_envelope(b"").unwrap_err().contains("empty"));
        assert!(check_envelope(b"hello world")
            .unwrap_err()
            .contains("not a PDF"));
        assert!(check_envelope(b"%PDF-1.4\n1 0 obj")
            .unwrap_err()
            .contains("damaged or truncated"));
    }
}
