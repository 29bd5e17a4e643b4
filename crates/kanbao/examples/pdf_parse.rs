//! Runs the PDF layout pass on a page dumped as `PdfPage` JSON and prints the
//! `ParsedPage` (the gold schema's fields): `pdf_parse PAGE.json > PRED.json`.
use kanbao::import::pdf::{layout::parse_pdf_page, PdfPage};
use kanbao::import::ParseOptions;

fn main() {
    let path = std::env::args().nth(1).expect("usage: pdf_parse PAGE.json");
    let page: PdfPage = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let opts = ParseOptions {
        file: path,
        ..Default::default()
    };
    let p = parse_pdf_page(&page, &opts);
    println!("{}", serde_json::to_string_pretty(&p).unwrap());
}
