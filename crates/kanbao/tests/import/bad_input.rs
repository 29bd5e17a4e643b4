//! Bad input: clear errors naming the file, or warnings; never a panic.

use kanbao::import::{account, input_chars, parse_page, read_page, ParseOptions};

fn read(name: &str, bytes: &[u8]) -> Result<kanbao::import::ParsedPage, String> {
    let dir = std::env::temp_dir().join(format!("kanbao-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    let opts = ParseOptions {
        file: name.into(),
        ..Default::default()
    };
    read_page(&path, &opts).map_err(|e| e.to_string())
}

#[test]
fn empty_blank_and_binary_files_are_errors_naming_the_file() {
    for (name, bytes) in [
        ("empty.txt", &b""[..]),
        ("blank.txt", &b"  \r\n\t\n"[..]),
        ("binary.txt", &b"\x89PNG\r\n\x1a\n\x00\x00"[..]),
    ] {
        let e = read(name, bytes)
            .err()
            .unwrap_or_else(|| panic!("{name} accepted"));
        assert!(e.contains(name), "{e}");
    }
}

#[test]
fn page_without_chinese_warns() {
    let p = read(
        "latin.txt",
        b"Hello world\n\nThis page has no Chinese text.\n",
    )
    .unwrap();
    assert!(
        p.warnings.iter().any(|w| w.message.contains("no Chinese")),
        "{:?}",
        p.warnings
    );
}

#[test]
fn a_huge_single_line_parses_fast_and_whole() {
    let unit = "联合行政执法队的成立，推动了浙沪两地协同执法，提升了执法效能，";
    let text: String = unit.repeat(50_000_000 / unit.len() + 1);
    let start = std::time::Instant::now();
    let page = parse_page(&text, &ParseOptions::default());
    assert!(start.elapsed().as_secs() < 60, "took {:?}", start.elapsed());
    assert_eq!(account(&page).len(), input_chars(&text).len());
}

#[test]
fn gbk_and_utf16_pages_parse_like_utf8() {
    let text = std::fs::read_to_string(crate::repo_root().join("samples/002_ac5d52ca97990831.txt"))
        .unwrap();
    let utf8 = parse_page(&text, &ParseOptions::default());
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let p = read("gbk.txt", &gbk).unwrap();
    assert_eq!(p.encoding, "GBK");
    let texts = |a: &[kanbao_bundle::Article]| -> Vec<(String, Vec<String>)> {
        a.iter()
            .map(|a| (a.headline.clone(), a.paragraphs.clone()))
            .collect()
    };
    assert_eq!(texts(&p.articles), texts(&utf8.articles));
    let mut u16 = vec![0xFF, 0xFE];
    for u in text.replace('\n', "\r\n").encode_utf16() {
        u16.extend_from_slice(&u.to_le_bytes());
    }
    let p = read("utf16.txt", &u16).unwrap();
    assert_eq!(p.encoding, "UTF-16LE (BOM)");
    assert_eq!(p.articles.len(), utf8.articles.len());
}

#[test]
fn strict_parse_fails_on_warnings() {
    let root = crate::repo_root();
    let page = root.join("samples/000_4afe9fc55a17b6e4.txt");
    let code = kanbao::cli::run(["kanbao", "parse", "--strict", page.to_str().unwrap()]).unwrap();
    assert_eq!(code, std::process::ExitCode::from(1));
    let code = kanbao::cli::run([
        "kanbao",
        "parse",
        "--explain",
        "--date",
        "2023-11-20",
        page.to_str().unwrap(),
    ])
    .unwrap();
    assert_eq!(code, std::process::ExitCode::SUCCESS);
}
