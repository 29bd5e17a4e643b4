//! `cargo xtask icons`: draws the reader's app icons (public/icon.svg and the
//! PNGs the web app manifest lists), so they are reproducible without an image
//! editor. The same shapes in both: a red tile with a white newspaper page.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

use crate::root;

const RED: [u8; 3] = [0xa4, 0x16, 0x1a];
const WHITE: [u8; 3] = [0xff, 0xff, 0xff];
const INK: [u8; 3] = [0x1d, 0x1d, 0x1b];
const GREY: [u8; 3] = [0x9a, 0x98, 0x90];

/// A rounded rectangle on a 512-unit canvas: (x, y, w, h, radius, colour).
type Shape = (f32, f32, f32, f32, f32, [u8; 3]);

/// The icon's shapes, drawn in order.
const SHAPES: &[Shape] = &[
    (0.0, 0.0, 512.0, 512.0, 96.0, RED),
    (112.0, 88.0, 288.0, 336.0, 16.0, WHITE),
    (148.0, 128.0, 216.0, 44.0, 6.0, RED),
    (148.0, 196.0, 100.0, 92.0, 6.0, INK),
    (264.0, 196.0, 100.0, 16.0, 4.0, GREY),
    (264.0, 234.0, 100.0, 16.0, 4.0, GREY),
    (264.0, 272.0, 100.0, 16.0, 4.0, GREY),
    (148.0, 310.0, 216.0, 16.0, 4.0, GREY),
    (148.0, 348.0, 216.0, 16.0, 4.0, GREY),
];

pub fn run() -> Result<()> {
    let public = root().join("public");
    write(&public.join("icon.svg"), svg().as_bytes())?;
    for size in [192, 512] {
        write(
            &public.join(format!("icon-{size}.png")),
            &png(size, &draw(size))?,
        )?;
    }
    Ok(())
}

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
    eprintln!("icons: wrote {} ({} bytes)", path.display(), bytes.len());
    Ok(())
}

fn hex(c: [u8; 3]) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

fn svg() -> String {
    let mut s = String::from(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 512 512\">\n<title>看报</title>\n",
    );
    for &(x, y, w, h, r, c) in SHAPES {
        s.push_str(&format!(
            "<rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" rx=\"{r}\" fill=\"{}\"/>\n",
            hex(c)
        ));
    }
    s.push_str("</svg>\n");
    s
}

fn inside(px: f32, py: f32, (x, y, w, h, r): (f32, f32, f32, f32, f32)) -> bool {
    if px < x || py < y || px >= x + w || py >= y + h {
        return false;
    }
    // Distance into the corner square, if the point is in one.
    let into = |p: f32, start: f32, len: f32| {
        if p < start + r {
            start + r - p
        } else if p > start + len - r {
            p - (start + len - r)
        } else {
            0.0
        }
    };
    let (cx, cy) = (into(px, x, w), into(py, y, h));
    cx * cx + cy * cy <= r * r
}

/// RGBA pixels, 4×4 supersampled for smooth edges.
fn draw(size: u32) -> Vec<u8> {
    const N: u32 = 4;
    let scale = 512.0 / size as f32;
    let mut out = Vec::with_capacity((size * size * 4) as usize);
    for y in 0..size {
        for x in 0..size {
            let mut acc = [0f32; 4];
            for sy in 0..N {
                for sx in 0..N {
                    let px = (x as f32 + (sx as f32 + 0.5) / N as f32) * scale;
                    let py = (y as f32 + (sy as f32 + 0.5) / N as f32) * scale;
                    let top = SHAPES
                        .iter()
                        .rev()
                        .find(|s| inside(px, py, (s.0, s.1, s.2, s.3, s.4)));
                    if let Some(s) = top {
                        for (a, c) in acc.iter_mut().zip(s.5) {
                            *a += c as f32;
                        }
                        acc[3] += 255.0;
                    }
                }
            }
            let n = (N * N) as f32;
            let alpha = acc[3] / n;
            for (i, a) in acc.iter().enumerate() {
                // Colour is averaged over covered samples only (straight alpha).
                let v = if i == 3 || alpha == 0.0 {
                    alpha
                } else {
                    a / (acc[3] / 255.0)
                };
                out.push(v.round().clamp(0.0, 255.0) as u8);
            }
        }
    }
    out
}

/// A minimal PNG: 8-bit RGBA, no filtering, zlib-compressed.
fn png(size: u32, rgba: &[u8]) -> Result<Vec<u8>> {
    let mut raw = Vec::with_capacity(rgba.len() + size as usize);
    for row in rgba.chunks(size as usize * 4) {
        raw.push(0);
        raw.extend_from_slice(row);
    }
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(&raw)?;
    let idat = z.finish()?;
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&size.to_be_bytes());
    ihdr.extend_from_slice(&size.to_be_bytes());
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    for (kind, data) in [(b"IHDR", &ihdr), (b"IDAT", &idat), (b"IEND", &Vec::new())] {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(data);
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        out.extend_from_slice(&crc.sum().to_be_bytes());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn png_has_signature_and_chunks() {
        let p = png(2, &[0; 16]).unwrap();
        assert!(p.starts_with(b"\x89PNG\r\n\x1a\n"));
        assert_eq!(&p[12..16], b"IHDR");
        assert!(p.ends_with(&[0xae, 0x42, 0x60, 0x82]), "IEND CRC");
    }

    #[test]
    fn corners_are_transparent_centre_is_white() {
        let px = draw(64);
        assert_eq!(px[3], 0, "top-left corner is outside the rounded tile");
        let c = ((32 * 64 + 32) * 4) as usize;
        assert_eq!(px[c + 3], 255);
    }
}
