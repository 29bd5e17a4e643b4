//! Trunk `post_build` hook: make `index.html` self-starting from file://.
//!
//! Chromium refuses, for pages opened from disk, both the ES-module import of
//! Trunk's JS glue and any fetch of the `.wasm`. An inline `<script type="module">`
//! still runs, so the glue is inlined (its `export`s dropped) and the wasm is
//! embedded as base64 and instantiated from bytes. The same page works over http.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

pub fn run() -> Result<()> {
    let staging = std::env::var_os("TRUNK_STAGING_DIR")
        .map(PathBuf::from)
        .context("TRUNK_STAGING_DIR is not set: `embed` runs as Trunk's post_build hook")?;
    embed_dir(&staging)
}

pub fn embed_dir(dir: &Path) -> Result<()> {
    let index = dir.join("index.html");
    let html = std::fs::read_to_string(&index)
        .with_context(|| format!("cannot read {}", index.display()))?;
    let (start, end) =
        find_loader(&html).context("index.html has no Trunk module loader to embed")?;
    let loader = &html[start..end];
    let js_name = between(loader, "from '", "'")
        .or_else(|| between(loader, "from \"", "\""))
        .context("loader names no JS glue")?;
    let wasm_name = between(loader, "module_or_path: '", "'")
        .or_else(|| between(loader, "module_or_path: \"", "\""))
        .context("loader names no wasm")?;
    let js_path = dir.join(js_name.trim_start_matches("./"));
    let wasm_path = dir.join(wasm_name.trim_start_matches("./"));
    let js = std::fs::read_to_string(&js_path)
        .with_context(|| format!("cannot read {}", js_path.display()))?;
    let wasm = std::fs::read(&wasm_path)
        .with_context(|| format!("cannot read {}", wasm_path.display()))?;

    let glue = strip_exports(&js);
    if glue.contains("</script") {
        bail!("the JS glue contains `</script`; it cannot be inlined");
    }
    let script = format!(
        "<script type=\"module\">\n{glue}\nconst kanbaoWasm = Uint8Array.from(atob(\"{}\"), (c) => c.charCodeAt(0));\nconst kanbaoExports = await __wbg_init({{ module_or_path: kanbaoWasm }});\nwindow.kanbaoWasm = kanbaoExports;\ndispatchEvent(new CustomEvent(\"TrunkApplicationStarted\", {{ detail: {{ wasm: kanbaoExports }} }}));\n</script>",
        base64(&wasm)
    );
    let mut out = String::with_capacity(html.len() + script.len());
    out.push_str(&html[..start]);
    out.push_str(&script);
    out.push_str(&html[end..]);
    let out = remove_preloads(&out);
    std::fs::write(&index, out).with_context(|| format!("cannot write {}", index.display()))?;
    std::fs::remove_file(&js_path)?;
    std::fs::remove_file(&wasm_path)?;
    eprintln!(
        "embed: inlined {} KB of JS and {} KB of wasm into index.html",
        js.len() / 1024,
        wasm.len() / 1024
    );
    Ok(())
}

/// Byte range of the `<script type="module">` that imports the glue.
fn find_loader(html: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(i) = html[from..].find("<script type=\"module\"") {
        let start = from + i;
        let end = start + html[start..].find("</script>")? + "</script>".len();
        if html[start..end].contains("import init") {
            return Some((start, end));
        }
        from = end;
    }
    None
}

fn between<'a>(s: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let i = s.find(open)? + open.len();
    let j = s[i..].find(close)?;
    Some(&s[i..i + j])
}

/// Turns the ES module glue into plain module code: `export function f` →
/// `function f`, and the trailing `export { … }` / `export default …` lines go.
fn strip_exports(js: &str) -> String {
    let mut out = String::with_capacity(js.len());
    for line in js.lines() {
        let t = line.trim_start();
        if t.starts_with("export {") || t.starts_with("export default ") {
            continue;
        }
        match line.strip_prefix("export ") {
            Some(rest) => out.push_str(rest),
            None => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

/// Drops `<link rel="modulepreload">` and wasm `<link rel="preload">` tags (the
/// files they name no longer exist).
fn remove_preloads(html: &str) -> String {
    let Ok(kept) = kanbao_bundle::html::rewrite_link_tags(html, |tag, out| {
        let drop = tag.contains("modulepreload")
            || (tag.contains("rel=\"preload\"") && tag.contains(".wasm"));
        if !drop {
            out.push_str(tag);
        }
        Ok::<_, std::convert::Infallible>(())
    });
    kept
}

fn base64(data: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        out.push(T[(n >> 18) as usize & 63] as char);
        out.push(T[(n >> 12) as usize & 63] as char);
        out.push(if chunk.len() > 1 {
            T[(n >> 6) as usize & 63] as char
        } else {
            '='
        });
        out.push(if chunk.len() > 2 {
            T[n as usize & 63] as char
        } else {
            '='
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc4648() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn exports_are_stripped() {
        let js = "export function a() {}\nexport class B {}\nexport { initSync };\nexport default __wbg_init;\n";
        assert_eq!(strip_exports(js), "function a() {}\nclass B {}\n");
    }

    #[test]
    fn preloads_go_other_links_stay() {
        let html = r#"<link rel="modulepreload" href="./a.js"><link rel="stylesheet" href="s.css"><link rel="preload" href="./a_bg.wasm" as="fetch">"#;
        assert_eq!(
            remove_preloads(html),
            r#"<link rel="stylesheet" href="s.css">"#
        );
    }
}
