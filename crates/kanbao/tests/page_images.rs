//! Page images of PDF pages, built from the dev PDFs (`../shared/pages-dev/pdf`,
//! skipped when absent): one image per page, within the byte budget, listed in
//! the manifest with its pixel size under a content-addressed name; none with
//! `--no-page-images`; a page that fails to render has `image_error` and the
//! rest is built; packages carry the images (a folder) or say they do not (a
//! single file).

use std::path::{Path, PathBuf};

use kanbao::build::page_images::{content_hash, PageImages, PdfInput, Rendered};
use kanbao::build::{assemble, write_bundle_with};
use kanbao::import::ParseOptions;
use kanbao::input;
use kanbao_bundle::{Archive, Manifest, Page, MANIFEST_FILE};

mod support;
use support::{kanbao, kanbao_ok, repo_root, stderr, Tmp};

/// The budget of one page image of an A3 page (issue 16).
const BUDGET: u64 = 250 * 1024;

fn dev_pdf() -> Option<PathBuf> {
    let d = repo_root().join("../shared/pages-dev/pdf");
    if d.join("L01.pdf").is_file() {
        Some(d)
    } else {
        eprintln!("skipped: {} not found", d.display());
        None
    }
}

fn manifest(bundle: &Path) -> Manifest {
    let text = std::fs::read_to_string(bundle.join(MANIFEST_FILE)).unwrap();
    Archive::open(&text).unwrap().manifest
}

fn pages(m: &Manifest) -> Vec<(String, Page)> {
    m.issues
        .iter()
        .flat_map(|i| {
            i.issue
                .pages
                .iter()
                .map(|p| (i.issue.id.clone(), p.clone()))
        })
        .collect()
}

/// Files below `dir`, as `name` → bytes.
fn files_in(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .map(|r| {
            r.map(|e| {
                let e = e.unwrap();
                (
                    e.file_name().to_string_lossy().into_owned(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// Width, height and bit depth from a PNG's header, decoding the image.
fn png_info(bytes: &[u8]) -> (u32, u32, png::BitDepth) {
    let dec = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = dec.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    (info.width, info.height, info.bit_depth)
}

#[test]
fn every_dev_pdf_page_has_one_image_within_budget_listed_with_its_pixel_size() {
    let Some(dev) = dev_pdf() else { return };
    let tmp = Tmp::new("build");
    let out = tmp.0.join("bundle");
    let o = kanbao_ok(&[
        "build",
        &dev.to_string_lossy(),
        "--out",
        &out.to_string_lossy(),
    ]);
    assert!(
        stderr(&o).contains("10 page images"),
        "the build reports its images: {}",
        stderr(&o)
    );
    let m = manifest(&out);
    let listed = pages(&m);
    let pdfs = std::fs::read_dir(&dev)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "pdf")
        })
        .count();
    assert_eq!(listed.len(), pdfs, "one page per dev PDF (each has one)");
    let on_disk = files_in(&out.join("pages"));
    assert_eq!(on_disk.len(), listed.len(), "one file per page, no other");
    for (issue, page) in &listed {
        assert_eq!(page.image_error, None, "{issue} p{}", page.number);
        let image = page.image.as_ref().expect("an image");
        let size = page.size.expect("a PDF page has its size");
        // pages/<issue>-<page>.<hash of the bytes>.png
        let name = image.file.strip_prefix("pages/").expect("under pages/");
        let (_, bytes) = on_disk
            .iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("{} listed but not written", image.file));
        assert_eq!(
            name,
            format!("{issue}-{}.{}.png", page.number, content_hash(bytes))
        );
        assert_eq!(image.bytes, bytes.len() as u64);
        assert!(
            image.bytes <= BUDGET,
            "{}: {} bytes, over {BUDGET}",
            image.file,
            image.bytes
        );
        let (w, h, depth) = png_info(bytes);
        assert_eq!((w, h), (image.width, image.height), "{}", image.file);
        assert_eq!(depth, png::BitDepth::Two);
        // Pixels per point the same across and down: regions map by
        // x * width / size.width.
        let (sx, sy) = (w as f32 / size.width, h as f32 / size.height);
        assert!(
            (sx - sy).abs() * size.height < 2.0,
            "{}: {sx} vs {sy}",
            image.file
        );
        // 150 dpi up to A3, never more pixels than A3 has at 150 dpi.
        assert!(sx <= 150.0 / 72.0 + 0.01, "{}: {sx} px/pt", image.file);
        assert!(w * h <= 1755 * 2482, "{}: {w} × {h}", image.file);
        if size.width <= 842.5 && size.height <= 1191.5 {
            assert!(sx > 150.0 / 72.0 - 0.01, "{}: {sx} px/pt", image.file);
        }
    }
}

#[test]
fn no_page_images_leaves_them_out() {
    let Some(dev) = dev_pdf() else { return };
    let tmp = Tmp::new("none");
    let out = tmp.0.join("bundle");
    let l01 = dev.join("L01.pdf");
    kanbao_ok(&[
        "build",
        &l01.to_string_lossy(),
        "--out",
        &out.to_string_lossy(),
        "--no-page-images",
    ]);
    assert!(!out.join("pages").exists());
    let m = manifest(&out);
    let listed = pages(&m);
    assert_eq!(listed.len(), 1);
    let page = &listed[0].1;
    assert!(page.size.is_some(), "the size (for regions) is still there");
    assert_eq!(page.image, None);
    assert_eq!(page.image_error, None);
    // Nothing is left beside the bundle either.
    let beside: Vec<String> = std::fs::read_dir(&tmp.0)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(beside, ["bundle"]);
}

/// Builds the given dev PDFs through the library, rendering with `renderer`.
fn build_with(
    inputs: &[PathBuf],
    out: &Path,
    renderer: &kanbao::build::page_images::Renderer<'_>,
) -> (Vec<String>, Manifest) {
    let files = input::collect(inputs).unwrap();
    let mut pages = Vec::new();
    let mut pdfs = Vec::new();
    for f in &files {
        let opts = ParseOptions {
            file: f.path.display().to_string(),
            date: Some("2023-08-03".into()),
            ..Default::default()
        };
        let (mut read, errors) = input::read_pages(f, &opts).unwrap();
        assert!(errors.is_empty());
        f.record_source(&mut read);
        pdfs.push(PdfInput {
            path: f.path.clone(),
            name: f.path.display().to_string(),
            pages: pages.len()..pages.len() + read.len(),
        });
        pages.extend(read);
    }
    let images = PageImages::new(out).unwrap();
    let warnings = images.render_with(&pdfs, &mut pages, renderer);
    let issues = assemble(pages, Vec::new(), None);
    write_bundle_with(
        &issues,
        out,
        "test",
        Some(&images),
        &kanbao::progress::Progress::hidden(),
    )
    .unwrap();
    (warnings, manifest(out))
}

#[test]
fn a_page_that_fails_to_render_has_image_error_and_the_rest_is_built() {
    let Some(dev) = dev_pdf() else { return };
    let tmp = Tmp::new("fail");
    let out = tmp.0.join("bundle");
    let inputs = [
        dev.join("L01.pdf"),
        dev.join("L02.pdf"),
        dev.join("L04.pdf"),
    ];
    // L02's page fails as a renderer error would; L04's panics.
    let l02 = std::fs::read(dev.join("L02.pdf")).unwrap();
    let l04 = std::fs::read(dev.join("L04.pdf")).unwrap();
    let renderer = |pdf: &hayro::hayro_syntax::Pdf, index: usize| -> Result<Rendered, String> {
        let data: &[u8] = pdf.data().as_ref();
        if data == l02.as_slice() {
            return Err("an unsupported shading (injected)".into());
        }
        if data == l04.as_slice() {
            panic!("injected");
        }
        kanbao::build::page_images::render_page(pdf, index)
    };
    let (warnings, m) = build_with(&inputs, &out, &renderer);
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    let l02 = warnings
        .iter()
        .find(|w| w.contains("L02.pdf"))
        .expect("names L02");
    assert!(
        l02.contains("page 1") && l02.contains("unsupported shading"),
        "{l02}"
    );
    let l04 = warnings
        .iter()
        .find(|w| w.contains("L04.pdf"))
        .expect("names L04");
    assert!(
        l04.contains("page 1") && l04.contains("renderer failed"),
        "{l04}"
    );

    let listed = pages(&m);
    assert_eq!(listed.len(), 3, "every page is in the archive");
    let by_file = |f: &str| {
        listed
            .iter()
            .map(|(_, p)| p)
            .find(|p| p.file.as_deref() == Some(f))
            .unwrap_or_else(|| panic!("{f} listed"))
            .clone()
    };
    let (ok, bad, panicked) = (by_file("L01.pdf"), by_file("L02.pdf"), by_file("L04.pdf"));
    assert!(ok.image.is_some() && ok.image_error.is_none());
    assert_eq!(bad.image, None);
    assert_eq!(
        bad.image_error.as_deref(),
        Some("an unsupported shading (injected)")
    );
    assert_eq!(panicked.image, None);
    assert!(panicked.image_error.unwrap().contains("renderer failed"));
    assert_eq!(files_in(&out.join("pages")).len(), 1);
    // The text of every page is built.
    for (_, p) in &listed {
        let issue = m
            .issues
            .iter()
            .find(|i| i.issue.pages.iter().any(|q| q.file == p.file))
            .unwrap();
        assert!(issue.article_count > 0, "{:?} has its articles", p.file);
    }
}

#[test]
fn a_pdf_gone_before_rendering_gives_its_pages_image_error() {
    let Some(dev) = dev_pdf() else { return };
    let tmp = Tmp::new("gone");
    let copy = tmp.0.join("L03.pdf");
    std::fs::copy(dev.join("L03.pdf"), &copy).unwrap();
    let out = tmp.0.join("bundle");
    // The renderer's file is read again after the text: remove it between.
    let files = input::collect(std::slice::from_ref(&copy)).unwrap();
    let opts = ParseOptions {
        file: copy.display().to_string(),
        ..Default::default()
    };
    let (mut pages, _) = input::read_pages(&files[0], &opts).unwrap();
    std::fs::remove_file(&copy).unwrap();
    let images = PageImages::new(&out).unwrap();
    let warnings = images.render(
        &[PdfInput {
            path: copy.clone(),
            name: copy.display().to_string(),
            pages: 0..pages.len(),
        }],
        &mut pages,
    );
    assert_eq!(warnings.len(), 1);
    assert!(
        warnings[0].contains("L03.pdf: page 1: no page image: cannot read"),
        "{}",
        warnings[0]
    );
    let page = &pages[0].issue.pages[0];
    assert!(page.image.is_none());
    assert!(page
        .image_error
        .as_deref()
        .unwrap()
        .starts_with("cannot read the file again"));
}

/// A reader folder that `kanbao package` accepts.
fn reader(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(
        dir.join("index.html"),
        "<!doctype html><html><head><title>x</title></head><body><script>function kanbaoGetShard(){}</script></body></html>",
    )
    .unwrap();
}

#[test]
fn a_folder_package_has_the_images_and_a_single_file_says_it_has_none() {
    let Some(dev) = dev_pdf() else { return };
    let tmp = Tmp::new("package");
    let bundle = tmp.0.join("bundle");
    kanbao_ok(&[
        "build",
        &dev.join("L01.pdf").to_string_lossy(),
        &dev.join("L02.pdf").to_string_lossy(),
        "--out",
        &bundle.to_string_lossy(),
        "--quiet",
    ]);
    let rdr = tmp.0.join("reader");
    reader(&rdr);
    let built = files_in(&bundle.join("pages"));
    assert_eq!(built.len(), 2);

    let folder = tmp.0.join("folder");
    kanbao_ok(&[
        "package",
        &bundle.to_string_lossy(),
        "--reader",
        &rdr.to_string_lossy(),
        "--out",
        &folder.to_string_lossy(),
    ]);
    assert_eq!(files_in(&folder.join("bundle/pages")), built);

    let single = tmp.0.join("one.html");
    let o = kanbao_ok(&[
        "package",
        &bundle.to_string_lossy(),
        "--reader",
        &rdr.to_string_lossy(),
        "--out",
        &single.to_string_lossy(),
        "--single-file",
    ]);
    assert!(
        stderr(&o).contains("2 page images are left out"),
        "{}",
        stderr(&o)
    );
    let html = std::fs::read_to_string(&single).unwrap();
    assert!(
        !html.contains("pages/"),
        "no image is named in a single file"
    );
    assert!(!html.contains("\u{89}PNG"));
    // The inlined manifest opens, and each page says why it has no image.
    let start = html.find("kanbaoLoad(\"manifest.js\"").unwrap();
    let end = start + html[start..].find("</script>").unwrap();
    let m = Archive::open(&html[start..end]).unwrap().manifest;
    let listed = pages(&m);
    assert_eq!(listed.len(), 2);
    for (_, p) in listed {
        assert_eq!(p.image, None);
        assert_eq!(
            p.image_error.as_deref(),
            Some(kanbao::package::SINGLE_FILE_NO_IMAGES)
        );
    }

    // A bundle missing a listed image is refused, naming it.
    let (gone, _) = &built[0];
    std::fs::remove_file(bundle.join("pages").join(gone)).unwrap();
    let o = kanbao(&[
        "package",
        &bundle.to_string_lossy(),
        "--reader",
        &rdr.to_string_lossy(),
        "--out",
        &tmp.0.join("folder2").to_string_lossy(),
    ]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains(gone.as_str()), "{}", stderr(&o));
}
