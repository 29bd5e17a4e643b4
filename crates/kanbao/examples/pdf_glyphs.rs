//! Prints what the PDF reader gives the layout pass, as JSON: every page's
//! glyphs, fonts, images and rects (`PdfPage`), with the file's warnings and
//! page errors.
//!
//! `cargo run -p kanbao --example pdf_glyphs -- FILE.pdf [PAGE] > out.json`
//! (PAGE: 1-based, all pages when omitted).

use kanbao::import::pdf::read::for_each_page;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: pdf_glyphs FILE.pdf [PAGE]");
        std::process::exit(2);
    };
    let only: Option<u32> = args.next().and_then(|s| s.parse().ok());
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: cannot read: {e}");
            std::process::exit(1);
        }
    };
    let mut pages = Vec::new();
    let mut notes = Vec::new();
    let counted = for_each_page(&path, &bytes, |page, warnings| {
        notes.extend(warnings.iter().map(|w| w.message.clone()));
        match page {
            Ok(p) if only.is_none_or(|n| n == p.number) => pages.push(p),
            Ok(_) => {}
            Err(e) => notes.push(e.to_string()),
        }
    });
    if let Err(e) = counted {
        eprintln!("{e}");
        std::process::exit(1);
    }
    for n in &notes {
        eprintln!("{n}");
    }
    let out = serde_json::json!({ "file": path, "notes": notes, "pages": pages });
    println!(
        "{}",
        serde_json::to_string_pretty(&out).expect("serialisable")
    );
}
