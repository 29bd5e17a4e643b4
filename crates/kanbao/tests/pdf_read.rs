//! The PDF reader on the dev PDFs (`../shared/pages-dev/pdf`, skipped when
//! absent) and on bad input made here: never a panic, one clear line.

use kanbao::import::pdf::read::read_pdf;
use std::path::PathBuf;

fn dev() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/pages-dev")
}

#[test]
fn dev_pdfs_have_clean_text_and_every_gold_character() {
    let dir = dev();
    if !dir.join("pdf").exists() {
        eprintln!("skipped: {} not found", dir.display());
        return;
    }
    for i in 1..=10 {
        let name = format!("L{i:02}");
        let bytes = std::fs::read(dir.join(format!("pdf/{name}.pdf"))).unwrap();
        let doc = read_pdf(&name, &bytes).unwrap();
        assert_eq!(doc.pages.len(), 1, "{name}");
        let page = &doc.pages[0];
        let text: String = page.glyphs.iter().map(|g| g.text.as_str()).collect();
        let bad = text
            .chars()
            .filter(|&c| c == '\u{FFFD}' || ('\u{E000}'..='\u{F8FF}').contains(&c))
            .count();
        assert_eq!(bad, 0, "{name}: U+FFFD or private-use characters");
        assert!(page.glyphs.iter().all(|g| g.size > 3.0 && g.size < 120.0));
        let gold: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join(format!("gold-pdf/{name}.json"))).unwrap(),
        )
        .unwrap();
        for a in gold["articles"].as_array().unwrap() {
            for key in [
                "headline",
                "kicker",
                "subheadline",
                "body_start",
                "body_end",
            ] {
                for c in a[key].as_str().unwrap_or("").chars() {
                    assert!(
                        c.is_whitespace() || text.contains(c),
                        "{name}: {key} character {c} missing"
                    );
                }
            }
        }
    }
}

/// A PDF of `pages` pages, each showing `text` in Helvetica (or nothing).
fn make_pdf(pages: usize, text: Option<&str>) -> Vec<u8> {
    let texts: Vec<Option<String>> = (0..pages)
        .map(|i| text.map(|t| format!("{t} {}", i + 1)))
        .collect();
    make_pdf_of(&texts)
}

/// A PDF whose page `i` shows `texts[i]` in Helvetica, or only a filled
/// square (a page without text) where it is `None`.
fn make_pdf_of(texts: &[Option<String>]) -> Vec<u8> {
    let pages = texts.len();
    let mut objs: Vec<String> = Vec::new();
    let kids: Vec<String> = (0..pages).map(|i| format!("{} 0 R", 4 + 2 * i)).collect();
    objs.push("<< /Type /Catalog /Pages 2 0 R >>".into());
    objs.push(format!(
        "<< /Type /Pages /Kids [{}] /Count {pages} >>",
        kids.join(" ")
    ));
    objs.push("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".into());
    for (i, text) in texts.iter().enumerate() {
        objs.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
             /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
            5 + 2 * i
        ));
        let content = match text {
            Some(t) => format!("BT /F1 12 Tf 72 720 Td ({t}) Tj ET"),
            None => "0 0 1 rg 72 72 200 200 re f".to_string(),
        };
        objs.push(format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        ));
    }
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objs.len() + 1
        )
        .as_bytes(),
    );
    out
}

#[test]
fn five_hundred_pages_read_page_by_page() {
    let bytes = make_pdf(500, Some("Page"));
    let doc = read_pdf("long.pdf", &bytes).unwrap();
    assert_eq!(doc.page_count, 500);
    assert_eq!(doc.pages.len(), 500);
    let last: String = doc.pages[499]
        .glyphs
        .iter()
        .map(|g| g.text.as_str())
        .collect();
    assert_eq!(last, "Page500");
    assert!(doc.pages[0]
        .glyphs
        .iter()
        .all(|g| (g.size - 12.0).abs() < 0.01));
}

#[test]
fn image_only_pdf_says_run_ocr() {
    let e = read_pdf("scan.pdf", &make_pdf(1, None)).unwrap_err();
    let line = e.to_string();
    assert!(
        line.starts_with("scan.pdf: page 1: has no text layer"),
        "{line}"
    );
    assert!(line.contains("OCR"), "{line}");
    let e = read_pdf("scans.pdf", &make_pdf(3, None)).unwrap_err();
    assert!(e.to_string().contains("none of its 3 pages"), "{e}");
}

#[test]
fn truncated_random_and_empty_are_one_line_errors() {
    let good = make_pdf(2, Some("Hello"));
    for cut in [good.len() / 2, good.len() - 10, 20, 5] {
        let e = read_pdf("cut.pdf", &good[..cut]).unwrap_err().to_string();
        assert!(e.starts_with("cut.pdf: "), "{e}");
        assert!(e.contains("re-export") || e.contains("not a PDF"), "{e}");
    }
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let random: Vec<u8> = (0..4096)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect();
    let e = read_pdf("noise.pdf", &random).unwrap_err().to_string();
    assert!(e.contains("not a PDF"), "{e}");
    let mut fake = b"%PDF-1.7\n".to_vec();
    fake.extend_from_slice(&random);
    fake.extend_from_slice(b"\n%%EOF\n");
    let e = read_pdf("fake.pdf", &fake).unwrap_err().to_string();
    assert!(e.starts_with("fake.pdf: "), "{e}");
    assert!(read_pdf("empty.pdf", b"")
        .unwrap_err()
        .to_string()
        .contains("empty"));
}

#[test]
fn a_password_protected_pdf_says_remove_the_password() {
    // Made with pikepdf (AES-256, user password `secret`): one Helvetica line.
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf/password.pdf");
    let e = read_pdf("password.pdf", &std::fs::read(&path).unwrap()).unwrap_err();
    let line = e.to_string();
    assert_eq!(line.lines().count(), 1, "{line}");
    assert!(line.starts_with("password.pdf: is encrypted"), "{line}");
    assert!(line.contains("remove the password"), "{line}");

    // Through the CLI, beside a readable page: reported, the rest is built.
    let out = std::env::temp_dir().join(format!("kanbao-pdf-locked-{}", std::process::id()));
    let page = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../samples");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_kanbao"))
        .arg("build")
        .arg(&page)
        .arg(&path)
        .arg("--out")
        .arg(&out)
        .arg("--quiet")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    let _ = std::fs::remove_dir_all(&out);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("password.pdf: is encrypted"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn a_font_without_unicode_mapping_is_named_not_shown_as_guesses() {
    // 平湖新闻 本报讯 in a wqy-zenhei subset (reportlab), its ToUnicode map
    // removed (pikepdf): the glyph codes say nothing of the characters, and a
    // standard encoding's guess would show Latin letters where Chinese was
    // printed.
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf/no-unicode.pdf");
    let e = read_pdf("no-unicode.pdf", &std::fs::read(&path).unwrap()).unwrap_err();
    let line = e.to_string();
    assert_eq!(line.lines().count(), 1, "{line}");
    assert!(
        line.starts_with(
            "no-unicode.pdf: page 1: its 7 glyphs are in fonts without a Unicode mapping"
        ),
        "{line}"
    );
    assert!(line.contains("ToUnicode"), "{line}");
}

#[test]
fn an_issue_pdf_keeps_its_readable_pages_numbered_and_names_the_others() {
    let texts = [
        Some("Front page".to_string()),
        None,
        Some("Third page".to_string()),
    ];
    let dir = std::env::temp_dir().join(format!("kanbao-pdf-issue-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("issue.pdf");
    std::fs::write(&path, make_pdf_of(&texts)).unwrap();
    let opts = kanbao::import::ParseOptions {
        file: "issue.pdf".into(),
        ..Default::default()
    };
    let (pages, errors) = kanbao::import::pdf::read_file(&path, &opts).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    let numbers: Vec<Option<u32>> = pages.iter().map(|p| p.page).collect();
    assert_eq!(numbers, [Some(1), Some(3)]);
    assert_eq!(errors.len(), 1);
    let e = errors[0].to_string();
    assert!(e.starts_with("issue.pdf: page 2: has no text layer"), "{e}");
    for p in &pages {
        assert_eq!(p.issue.pages.len(), 1);
        assert_eq!(Some(p.issue.pages[0].number), p.page);
    }
}
