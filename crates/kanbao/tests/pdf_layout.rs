//! Every dev PDF through read.rs + the layout pass: nothing lost, and the
//! article figures held (floors a bit under what the pass reaches).
use kanbao::import::pdf::{layout::parse_pdf_page, read::read_pdf};
use kanbao::import::{account, input_chars, ParseOptions};

#[test]
fn dev_pdfs_lose_nothing_and_find_the_articles() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/pages-dev/pdf");
    if !dir.exists() {
        eprintln!("no dev pages at {}", dir.display());
        return;
    }
    for n in 1..=10 {
        let name = format!("L{n:02}.pdf");
        let bytes = std::fs::read(dir.join(&name)).unwrap();
        let doc = read_pdf(&name, &bytes).unwrap();
        let page = &doc.pages[0];
        let text: String = page.glyphs.iter().map(|g| g.text.as_str()).collect();
        let p = parse_pdf_page(
            page,
            &ParseOptions {
                file: name.clone(),
                ..Default::default()
            },
        );
        assert_eq!(
            account(&p),
            input_chars(&text),
            "{name}: characters lost or added"
        );
        let scored = p
            .articles
            .iter()
            .filter(|a| {
                matches!(
                    a.kind,
                    kanbao_bundle::ArticleKind::News
                        | kanbao_bundle::ArticleKind::Commentary
                        | kanbao_bundle::ArticleKind::Photo
                )
            })
            .count();
        assert!(scored >= 4, "{name}: {scored} articles");
    }
}
