//! Page images: every page read from a PDF, rendered at build time so the
//! reader can show the page as printed, with its articles' regions on it.
//!
//! The PDF is opened again here, by the path it was read from, and each page
//! is rasterised by `hayro` (pure Rust, the interpreter the text reader uses)
//! at [`DPI`], fewer for pages larger than A3 so that no page has more than
//! [`MAX_PIXELS`]. The image is grey in four levels (black, two greys for the
//! edges of glyphs and for tints and photos, white), a 2-bit PNG.
//!
//! Why that encoding: on the ten dev pages (`../shared/pages-dev/pdf`, A3 and
//! one larger), at 150 dpi (1754 × 2481 px for A3), per page on average:
//!
//! | encoding | KB/page | largest | encode ms | body text at 2× |
//! | --- | --- | --- | --- | --- |
//! | PNG 2-bit grey, 4 levels, no filter | 169 | 203 | 14 | legible, smooth edges |
//! | PNG 1-bit, 2 levels | 93 | 113 | 70 | legible, ragged strokes |
//! | PNG 4-bit, 8 levels | 307 | 386 | 180 | legible |
//! | PNG 4-bit, 16 levels | 337 | 425 | 197 | legible |
//! | WebP lossless (image-webp), 16 levels | 345 | 430 | 29 | legible |
//! | WebP lossless, 256 grey | 563 | 725 | 33 | legible |
//! | JPEG q40 grey (jpeg-encoder) | 440 | 532 | 30 | legible, ringing |
//!
//! Only the 2-bit PNG keeps every page under 250 KB with smooth strokes, and
//! its encoder is already in the tree (through hayro). Rendering takes 80–150
//! ms a page on one core; a page's image is built in one task and pages run
//! in parallel (rayon).
//!
//! A page that cannot be rendered never stops the build: it gets
//! `image_error` with the reason, the build warns naming the file and page,
//! and its text is kept.

use std::ops::Range;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use anyhow::{Context, Result};
use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::Pdf;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::{PixmapSettings, RenderCache, RenderSettings};
use kanbao_bundle::PageImage;
use rayon::prelude::*;

use crate::import::ParsedPage;

/// Resolution of a page image, for pages up to A3.
pub const DPI: f32 = 150.0;
/// The most pixels a page image has: A3 (842 × 1191 pt) at [`DPI`]. A larger
/// page is rendered at a lower resolution, so the budget in bytes holds.
pub const MAX_PIXELS: f32 = (842.0 * DPI / 72.0) * (1191.0 * DPI / 72.0);
/// The longest side of a page image, in pixels (a long strip of a page).
pub const MAX_SIDE: f32 = 8192.0;
/// Grey levels of a page image (2 bits a pixel).
pub const LEVELS: u32 = 4;
/// Extension of the page image files.
pub const EXT: &str = "png";

/// A rendered, encoded page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// How a page image is made: page `index` (0-based) of an opened PDF, or why
/// not. [`render_page`]; tests pass their own to make a page fail.
pub type Renderer<'a> = dyn Fn(&Pdf, usize) -> Result<Rendered, String> + Sync + 'a;

/// The scale (pixels per point) for a page of `width` × `height` points.
pub fn scale_for(width: f32, height: f32) -> f32 {
    let dpi = DPI / 72.0;
    let by_area = (MAX_PIXELS / (width * height).max(1.0)).sqrt();
    let by_side = MAX_SIDE / width.max(height).max(1.0);
    dpi.min(by_area).min(by_side)
}

/// Renders page `index` of `pdf` to a 2-bit grey PNG.
pub fn render_page(pdf: &Pdf, index: usize) -> Result<Rendered, String> {
    let pages = pdf.pages();
    let page = pages
        .get(index)
        .ok_or_else(|| format!("the file has no page {}", index + 1))?;
    let (w, h) = page.render_dimensions();
    let scale = scale_for(w, h);
    if (w * scale) < 1.0 || (h * scale) < 1.0 {
        return Err(format!("the page is empty ({w} × {h} pt)"));
    }
    let pixmap = hayro::render(
        page,
        &RenderCache::new(),
        &InterpreterSettings::default(),
        &RenderSettings::default(),
        &PixmapSettings {
            x_scale: scale,
            y_scale: scale,
            bg_color: WHITE,
        },
    );
    let (width, height) = (pixmap.width() as u32, pixmap.height() as u32);
    let bytes = encode(pixmap.data_as_u8_slice(), width, height)?;
    Ok(Rendered {
        bytes,
        width,
        height,
    })
}

/// RGBA pixels (opaque: the page is drawn on white) → grey in [`LEVELS`]
/// levels, packed 2 bits a pixel, as a PNG. No row filter: on images of so few
/// levels filtering only adds entropy (dev pages: 169 KB unfiltered, 185 KB
/// adaptive, 208 KB `Sub`).
pub fn encode(rgba: &[u8], width: u32, height: u32) -> Result<Vec<u8>, String> {
    let (w, h) = (width as usize, height as usize);
    if rgba.len() < w * h * 4 {
        return Err("the renderer returned too few pixels".into());
    }
    let row = w.div_ceil(4);
    let mut packed = vec![0u8; row * h];
    for (y, out) in packed.chunks_exact_mut(row).enumerate() {
        let line = &rgba[y * w * 4..(y + 1) * w * 4];
        for (x, p) in line.chunks_exact(4).enumerate() {
            // Rec. 601 luma, then the nearest of the levels.
            let grey = (p[0] as u32 * 77 + p[1] as u32 * 150 + p[2] as u32 * 29) >> 8;
            let level = (grey * (LEVELS - 1) + 127) / 255;
            out[x / 4] |= (level as u8) << (6 - 2 * (x % 4));
        }
    }
    let mut png = Vec::with_capacity(packed.len() / 4);
    let mut enc = png::Encoder::new(&mut png, width, height);
    enc.set_color(png::ColorType::Grayscale);
    enc.set_depth(png::BitDepth::Two);
    enc.set_compression(png::Compression::Balanced);
    enc.set_filter(png::Filter::NoFilter);
    let mut writer = enc.write_header().map_err(|e| format!("PNG: {e}"))?;
    writer
        .write_image_data(&packed)
        .map_err(|e| format!("PNG: {e}"))?;
    writer.finish().map_err(|e| format!("PNG: {e}"))?;
    Ok(png)
}

/// A content hash of a file: FNV-1a, 64 bits, in hex. Names a page image so
/// that a rebuilt page is a new file (cached files are never stale).
pub fn content_hash(bytes: &[u8]) -> String {
    format!("{:016x}", kanbao_bundle::codec::fnv1a64(bytes))
}

/// CPU seconds the process has used (user and system, all threads), from
/// `/proc/self/stat` (clock ticks of 1/100 s); `None` where there is none.
fn process_cpu_secs() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name, which is in parentheses.
    let rest = &stat[stat.rfind(')')? + 2..];
    let mut fields = rest.split_whitespace().skip(11);
    let utime: u64 = fields.next()?.parse().ok()?;
    let stime: u64 = fields.next()?.parse().ok()?;
    Some((utime + stime) as f64 / 100.0)
}

/// One PDF input and the pages read from it (a range of the build's pages).
#[derive(Debug, Clone)]
pub struct PdfInput {
    /// Where to open it.
    pub path: PathBuf,
    /// How warnings name it (the path as given).
    pub name: String,
    pub pages: Range<usize>,
}

/// Page images of one build, rendered into a folder beside the bundle
/// (`.<out>.pages/<hash>.png`) as the pages are read, and moved into the
/// bundle's `pages/` when it is written. The folder is removed when this is
/// dropped, whatever happened.
pub struct PageImages {
    dir: PathBuf,
    rendered: AtomicUsize,
    bytes: AtomicU64,
    /// Wall time of each page's render and encode, summed.
    nanos: AtomicU64,
    /// CPU time of the process spent in [`Self::render_with`], where the
    /// system tells it (Linux): the honest cost on a loaded machine, where
    /// wall time counts the waits.
    cpu_nanos: AtomicU64,
    /// Final names already given to each rendered file (a page of the same
    /// pixels twice is copied, not rendered twice).
    placed: Mutex<std::collections::HashMap<String, PathBuf>>,
}

/// What rendering cost and made.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RenderStats {
    pub images: usize,
    pub bytes: u64,
    /// Time spent rendering and encoding: CPU seconds of all threads where
    /// the system tells them, else wall time summed over the pages.
    pub secs: f64,
}

impl RenderStats {
    /// Pages rendered per second of one core.
    pub fn pages_per_core_second(&self) -> f64 {
        if self.secs > 0.0 {
            self.images as f64 / self.secs
        } else {
            0.0
        }
    }
}

impl PageImages {
    /// A fresh folder for the page images of a build writing `out`.
    pub fn new(out: &Path) -> Result<PageImages> {
        let dir = crate::atomic::sibling(out, "pages");
        if dir.exists() {
            std::fs::remove_dir_all(&dir)
                .with_context(|| format!("{}: cannot clear", dir.display()))?;
        }
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("{}: cannot create", dir.display()))?;
        Ok(PageImages {
            dir,
            rendered: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
            nanos: AtomicU64::new(0),
            cpu_nanos: AtomicU64::new(0),
            placed: Mutex::new(Default::default()),
        })
    }

    pub fn stats(&self) -> RenderStats {
        RenderStats {
            images: self.rendered.load(Ordering::Relaxed),
            bytes: self.bytes.load(Ordering::Relaxed),
            secs: match self.cpu_nanos.load(Ordering::Relaxed) {
                0 => self.nanos.load(Ordering::Relaxed),
                cpu => cpu,
            } as f64
                / 1e9,
        }
    }

    /// Renders the pages of `inputs` with [`render_page`], setting each page's
    /// `image` (a file of this folder until the bundle is written) or
    /// `image_error`. Returns one warning per page that has no image.
    pub fn render(&self, inputs: &[PdfInput], pages: &mut [ParsedPage]) -> Vec<String> {
        self.render_with(inputs, pages, &render_page)
    }

    /// [`Self::render`] with another renderer.
    pub fn render_with(
        &self,
        inputs: &[PdfInput],
        pages: &mut [ParsedPage],
        renderer: &Renderer<'_>,
    ) -> Vec<String> {
        // Each input's pages as its own slice, so files and their pages can
        // be rendered in parallel.
        let mut slices: Vec<(&PdfInput, &mut [ParsedPage])> = Vec::new();
        let mut rest: &mut [ParsedPage] = pages;
        let mut at = 0;
        let mut sorted: Vec<&PdfInput> = inputs.iter().collect();
        sorted.sort_by_key(|i| i.pages.start);
        for input in sorted {
            if input.pages.start < at || input.pages.end > at + rest.len() {
                continue;
            }
            let (_, tail) = std::mem::take(&mut rest).split_at_mut(input.pages.start - at);
            let (mine, tail) = tail.split_at_mut(input.pages.len());
            slices.push((input, mine));
            rest = tail;
            at = input.pages.end;
        }
        let cpu = process_cpu_secs();
        let warnings: Vec<Vec<String>> = slices
            .into_par_iter()
            .map(|(input, pages)| self.render_file(input, pages, renderer))
            .collect();
        if let (Some(a), Some(b)) = (cpu, process_cpu_secs()) {
            self.cpu_nanos
                .fetch_add(((b - a).max(0.0) * 1e9) as u64, Ordering::Relaxed);
        }
        warnings.into_iter().flatten().collect()
    }

    fn render_file(
        &self,
        input: &PdfInput,
        pages: &mut [ParsedPage],
        renderer: &Renderer<'_>,
    ) -> Vec<String> {
        let opened = std::fs::read(&input.path)
            .map_err(|e| format!("cannot read the file again: {e}"))
            .and_then(|bytes| match catch_unwind(|| Pdf::new(bytes)) {
                Ok(Ok(pdf)) => Ok(pdf),
                _ => Err("the PDF could not be opened again".to_string()),
            });
        let count = opened.as_ref().map(|p| p.pages().len()).unwrap_or(0);
        let results: Vec<Option<String>> = pages
            .par_iter_mut()
            .map(|page| {
                // Only pages read from the PDF have a size.
                let pg = page.issue.pages.first_mut()?;
                let size = pg.size?;
                let result = opened.as_ref().map_err(Clone::clone).and_then(|pdf| {
                    // As the PDF reader numbers pages: a file of one page is
                    // numbered by its name, the pages of an issue file by
                    // their place in it.
                    let index = if count == 1 {
                        0
                    } else {
                        page.page.unwrap_or(pg.number) as usize - 1
                    };
                    self.render_one(pdf, index, size, renderer)
                });
                match result {
                    Ok(image) => {
                        pg.image = Some(image);
                        pg.image_error = None;
                        None
                    }
                    Err(why) => {
                        let warning = format!(
                            "{}: page {}: no page image: {why}; its text is kept",
                            input.name, pg.number
                        );
                        pg.image = None;
                        pg.image_error = Some(why);
                        Some(warning)
                    }
                }
            })
            .collect();
        results.into_iter().flatten().collect()
    }

    fn render_one(
        &self,
        pdf: &Pdf,
        index: usize,
        size: kanbao_bundle::PageSize,
        renderer: &Renderer<'_>,
    ) -> Result<PageImage, String> {
        let start = Instant::now();
        let rendered = catch_unwind(AssertUnwindSafe(|| renderer(pdf, index)))
            .map_err(|_| "the renderer failed on this page".to_string())??;
        self.nanos
            .fetch_add(start.elapsed().as_nanos() as u64, Ordering::Relaxed);
        // The image must be of the page the text was read from: same shape.
        let (rw, rh) = (rendered.width as f32, rendered.height as f32);
        let (sw, sh) = (size.width.max(1e-3), size.height.max(1e-3));
        // Pixels per point by the longer side (its rounding matters least).
        let s = if sw >= sh { rw / sw } else { rh / sh };
        if (rw - sw * s).abs() > 2.0 || (rh - sh * s).abs() > 2.0 {
            return Err(format!(
                "the rendered page ({} × {} px) is not the shape of the page read ({} × {} pt)",
                rendered.width, rendered.height, size.width, size.height
            ));
        }
        let name = format!("{}.{EXT}", content_hash(&rendered.bytes));
        let path = self.dir.join(&name);
        std::fs::write(&path, &rendered.bytes)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        self.rendered.fetch_add(1, Ordering::Relaxed);
        self.bytes
            .fetch_add(rendered.bytes.len() as u64, Ordering::Relaxed);
        Ok(PageImage {
            file: name,
            width: rendered.width,
            height: rendered.height,
            bytes: rendered.bytes.len() as u64,
        })
    }

    /// Moves a rendered image into the bundle being written in `bundle`, as
    /// `pages/<issue>-<page>.<hash>.png`, and returns it as listed there.
    pub(crate) fn place(
        &self,
        image: &PageImage,
        issue: &str,
        page: u32,
        bundle: &Path,
    ) -> Result<PageImage> {
        let file = format!("pages/{issue}-{page}.{}", image.file);
        let to = bundle.join(&file);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("{}: cannot create", parent.display()))?;
        }
        let mut placed = self.placed.lock().unwrap_or_else(|e| e.into_inner());
        match placed.get(&image.file) {
            Some(earlier) if *earlier == to => {}
            Some(earlier) => {
                std::fs::copy(earlier, &to)
                    .with_context(|| format!("{}: cannot write", to.display()))?;
            }
            None => {
                let from = self.dir.join(&image.file);
                std::fs::rename(&from, &to)
                    .or_else(|_| std::fs::copy(&from, &to).map(|_| ()))
                    .with_context(|| format!("{}: cannot write", to.display()))?;
                placed.insert(image.file.clone(), to);
            }
        }
        Ok(PageImage {
            file,
            ..image.clone()
        })
    }
}

impl Drop for PageImages {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a3_is_150_dpi_and_larger_pages_keep_the_pixel_budget() {
        let a3 = scale_for(842.0, 1191.0);
        assert!((a3 - 150.0 / 72.0).abs() < 1e-3, "{a3}");
        assert!(
            (scale_for(595.0, 842.0) - a3).abs() < 1e-6,
            "A4 at 150 dpi too"
        );
        let big = scale_for(935.0, 1368.0);
        assert!(big < a3);
        assert!(935.0 * big * 1368.0 * big <= MAX_PIXELS * 1.001);
        // A long strip: its long side is bounded.
        assert!(14400.0 * scale_for(14400.0, 10.0) <= MAX_SIDE + 0.5);
    }

    #[test]
    fn encode_packs_four_grey_levels_into_a_png() {
        // 5 × 2 px: black, dark, light, white, red (a luma of 76: dark grey).
        let px: [[u8; 4]; 5] = [
            [0, 0, 0, 255],
            [90, 90, 90, 255],
            [170, 170, 170, 255],
            [255, 255, 255, 255],
            [255, 0, 0, 255],
        ];
        let rgba: Vec<u8> = px.iter().chain(px.iter()).flatten().copied().collect();
        let png = encode(&rgba, 5, 2).unwrap();
        let mut dec = png::Decoder::new(std::io::Cursor::new(png));
        dec.set_transformations(png::Transformations::EXPAND);
        let mut reader = dec.read_info().unwrap();
        assert_eq!(reader.info().bit_depth, png::BitDepth::Two);
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        assert_eq!((info.width, info.height), (5, 2));
        assert_eq!(&buf[..5], &[0, 85, 170, 255, 85]);
        assert_eq!(&buf[5..10], &[0, 85, 170, 255, 85]);
    }

    #[test]
    fn process_cpu_time_grows_with_work_where_the_system_tells_it() {
        let Some(a) = process_cpu_secs() else { return };
        let mut x = 0u64;
        let start = Instant::now();
        while start.elapsed().as_millis() < 60 {
            x = x.wrapping_mul(31).wrapping_add(7);
        }
        std::hint::black_box(x);
        let b = process_cpu_secs().unwrap();
        assert!(b >= a && b - a < 10.0, "{a} → {b}");
    }

    #[test]
    fn content_hash_tells_files_apart() {
        assert_eq!(content_hash(b"a"), content_hash(b"a"));
        assert_ne!(content_hash(b"a"), content_hash(b"b"));
        assert_eq!(content_hash(b"").len(), 16);
    }
}
