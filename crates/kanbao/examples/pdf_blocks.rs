//! Prints the layout pass's intermediate results for a PDF's pages, for
//! finding why an article came out wrong: every block (box, size, weight,
//! first line), then each group (kind, head, body blocks in reading order)
//! and the loose blocks.
//!
//! `cargo run -p kanbao --example pdf_blocks -- FILE.pdf|PAGE.json [PAGE]`
//! (`VERBOSE=1`: every line of every block).

use kanbao::import::pdf::read::read_pdf;
use kanbao::import::pdf::{blocks, fields, lines, order, PdfPage, Rect};

fn cut(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

fn bx(r: &Rect) -> String {
    format!("[{:6.1} {:6.1} {:6.1} {:6.1}]", r.x0, r.y0, r.x1, r.y1)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: pdf_blocks FILE.pdf [PAGE]");
        std::process::exit(2);
    };
    let only: Option<u32> = args.next().and_then(|s| s.parse().ok());
    let verbose = std::env::var_os("VERBOSE").is_some();
    let bytes = std::fs::read(&path).unwrap_or_else(|e| {
        eprintln!("{path}: cannot read: {e}");
        std::process::exit(1)
    });
    // A page dumped as `PdfPage` JSON (`pdf_glyphs`, a test's input), or a PDF.
    let pages: Vec<PdfPage> = if path.ends_with(".json") {
        vec![serde_json::from_slice(&bytes).unwrap_or_else(|e| {
            eprintln!("{path}: not a PdfPage: {e}");
            std::process::exit(1)
        })]
    } else {
        read_pdf(&path, &bytes)
            .unwrap_or_else(|e| {
                eprintln!("{e}");
                std::process::exit(1)
            })
            .pages
    };
    for page in pages.iter().filter(|p| only.is_none_or(|n| n == p.number)) {
        let body = lines::body_size(page);
        println!(
            "page {} ({} × {}), body {body}",
            page.number, page.width, page.height
        );
        for r in &page.rects {
            println!("rect {}", bx(r));
        }
        for r in &page.images {
            println!("image {}", bx(r));
        }
        let ls = lines::merge(page, lines::segments(page), body, &page.vertical_rules());
        let bs = blocks::build(&ls, &page.horizontal_rules());
        for (k, b) in bs.iter().enumerate() {
            println!(
                "b{k:<3} {} {:4.1}{} n={:<2} {}",
                bx(&b.bbox),
                b.size,
                if b.bold { "B" } else { " " },
                b.lines.len(),
                cut(&ls[b.lines[0]].text, 24)
            );
            if verbose || b.lines.len() <= 3 {
                for &i in &b.lines {
                    let l = &ls[i];
                    println!(
                        "      l{i} {} {:4.1} f{} {}",
                        bx(&l.bbox),
                        l.size,
                        l.font,
                        l.text
                    );
                }
            }
        }
        let lay = order::arrange(page, &ls, &bs, body, &fields::is_credit_line);
        for g in &lay.groups {
            let head: Vec<String> = g.head.iter().map(|&i| ls[i].text.clone()).collect();
            println!("{:?} {:?} body {:?}", g.kind, head, g.body);
        }
        println!("loose {:?}", lay.loose);
        let m: Vec<&str> = lay.masthead.iter().map(|&i| ls[i].text.as_str()).collect();
        println!("masthead {m:?}");
    }
}
