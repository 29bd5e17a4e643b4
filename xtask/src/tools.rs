//! Installing what the build and the tests need, once: the wasm32 target,
//! trunk and wasm-bindgen-cli (into the tools folder), wasm-opt from npm's
//! binaryen, axe-core from npm (the end-to-end accessibility checks), and
//! Debian's Chromium, ChromeDriver and a CJK font.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::{root, run_cmd, step};

const TRUNK_VERSION: &str = "0.22.1";
const BINARYEN_VERSION: &str = "132";
/// axe-core, whose `axe.min.js` the end-to-end tests inject into each view
/// (tests/e2e/a11y.rs, WCAG 2.1 A/AA rules).
const AXE_VERSION: &str = "4.14.1";
/// Engines the benchmark compares kanbao with (`cargo xtask bench --compare-only`).
pub const PAGEFIND_VERSION: &str = "1.6.0";
pub const MINISEARCH_VERSION: &str = "7.2.0";

/// Where the tools are and how to call them.
pub struct ToolEnv {
    pub dir: PathBuf,
    /// PATH with the tools first.
    pub path: OsString,
    pub chrome: PathBuf,
    pub chromedriver: PathBuf,
    /// axe-core's `axe.min.js`, for the end-to-end accessibility checks.
    pub axe: PathBuf,
}

pub fn tools_dir() -> PathBuf {
    match std::env::var_os("KANBAO_TOOLS_DIR") {
        Some(d) if !d.is_empty() => PathBuf::from(d),
        _ => root().join(".tools"),
    }
}

fn output(cmd: &mut Command) -> Option<String> {
    let out = cmd.output().ok()?;
    out.status.success().then(|| {
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
    })
}

fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

/// The wasm-bindgen version Cargo.lock resolved; the CLI must match it exactly.
pub fn wasm_bindgen_version() -> Result<String> {
    let lock =
        std::fs::read_to_string(root().join("Cargo.lock")).context("cannot read Cargo.lock")?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(v.trim_end_matches('"').to_string());
            }
        }
    }
    bail!("Cargo.lock has no wasm-bindgen entry")
}

/// Installs an npm package (`name@version`) into the tools folder's npm
/// prefix, installing npm itself from Debian first when it is missing.
fn npm_add(dir: &Path, spec: &str) -> Result<()> {
    if which("npm").is_none() {
        apt_install(&["nodejs", "npm"])?;
    }
    let prefix = dir.join("npm");
    std::fs::create_dir_all(&prefix)?;
    run_cmd(&mut npm_install(&prefix, spec))
}

/// Installs whatever is missing and returns the environment to use.
pub fn setup() -> Result<ToolEnv> {
    let dir = tools_dir();
    let bin = dir.join("bin");
    let npm_bin = dir.join("npm").join("node_modules").join(".bin");
    std::fs::create_dir_all(&bin).with_context(|| format!("cannot create {}", bin.display()))?;

    // wasm32 target.
    let installed =
        output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if !installed.contains("wasm32-unknown-unknown") {
        step("installing the wasm32-unknown-unknown target");
        run_cmd(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }

    // wasm-bindgen-cli at exactly the version in Cargo.lock (no --locked: it fails to resolve here).
    let wb = wasm_bindgen_version()?;
    let have = output(Command::new(bin.join("wasm-bindgen")).arg("--version")).unwrap_or_default();
    if !have.contains(&wb) {
        step(&format!(
            "installing wasm-bindgen-cli {wb} into {} (a few minutes, once)",
            dir.display()
        ));
        run_cmd(cargo_install(&dir).args(["wasm-bindgen-cli", "--version", &wb]))?;
    }

    // trunk.
    let have = output(Command::new(bin.join("trunk")).arg("--version")).unwrap_or_default();
    if !have.contains(TRUNK_VERSION) {
        step(&format!(
            "installing trunk {TRUNK_VERSION} into {} (about 8 minutes, once)",
            dir.display()
        ));
        run_cmd(cargo_install(&dir).args([
            "--locked",
            "--ignore-rust-version",
            "trunk",
            "--version",
            TRUNK_VERSION,
        ]))?;
    }

    // wasm-opt from npm's binaryen (Debian's is too old to read our wasm).
    let have = output(Command::new(npm_bin.join("wasm-opt")).arg("--version")).unwrap_or_default();
    if !have.contains(BINARYEN_VERSION) {
        step(&format!(
            "installing wasm-opt (npm binaryen@{BINARYEN_VERSION})"
        ));
        npm_add(&dir, &format!("binaryen@{BINARYEN_VERSION}"))?;
    }

    // axe-core, which the end-to-end tests run in each view of the reader.
    let axe_dir = dir.join("npm").join("node_modules").join("axe-core");
    if npm_package_version(&axe_dir).as_deref() != Some(AXE_VERSION) {
        step(&format!(
            "installing axe-core@{AXE_VERSION} from npm (accessibility checks)"
        ));
        npm_add(&dir, &format!("axe-core@{AXE_VERSION}"))?;
    }
    let axe = axe_dir.join("axe.min.js");
    if !axe.is_file() {
        bail!("{}: axe-core installed without axe.min.js", axe.display());
    }

    // Chromium, its driver and a font that has Chinese glyphs.
    let chrome = std::env::var_os("KANBAO_CHROME")
        .map(PathBuf::from)
        .or_else(|| which("chromium"))
        .or_else(|| which("chromium-browser"))
        .or_else(|| which("google-chrome"));
    let chromedriver = which("chromedriver");
    let has_font = Path::new("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc").exists();
    if chrome.is_none() || chromedriver.is_none() || !has_font {
        step("installing Chromium, ChromeDriver and a CJK font (Debian packages)");
        apt_install(&["chromium", "chromium-driver", "fonts-wqy-zenhei"])?;
    }
    let chrome = chrome
        .or_else(|| which("chromium"))
        .context("Chromium is not installed")?;
    let chromedriver = chromedriver
        .or_else(|| which("chromedriver"))
        .context("ChromeDriver is not installed")?;

    let mut paths = vec![bin, npm_bin];
    if let Some(p) = std::env::var_os("PATH") {
        paths.extend(std::env::split_paths(&p));
    }
    let path = std::env::join_paths(paths)?;
    Ok(ToolEnv {
        dir,
        path,
        chrome,
        chromedriver,
        axe,
    })
}

/// The version in an installed npm package's package.json.
fn npm_package_version(dir: &Path) -> Option<String> {
    let text = std::fs::read_to_string(dir.join("package.json")).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    json["version"].as_str().map(str::to_string)
}

fn is_root() -> bool {
    output(Command::new("id").arg("-u"))
        .map(|s| s.trim() == "0")
        .unwrap_or(false)
}

fn apt_install(packages: &[&str]) -> Result<()> {
    if !is_root() || which("apt-get").is_none() {
        bail!(
            "please install these packages (or their equivalents) and run again: {}",
            packages.join(" ")
        );
    }
    run_cmd(Command::new("apt-get").args(["update", "-qq"]))?;
    run_cmd(
        Command::new("apt-get")
            .args(["install", "-y", "-qq", "--no-install-recommends"])
            .args(packages)
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}

/// `trunk` with the tools on PATH.
pub fn trunk(env: &ToolEnv) -> Command {
    let mut cmd = Command::new(env.dir.join("bin").join("trunk"));
    cmd.env("PATH", &env.path);
    cmd
}

/// Environment for `cargo test --target wasm32-unknown-unknown` in headless Chromium.
pub fn wasm_test_env(env: &ToolEnv, cmd: &mut Command) {
    cmd.env("PATH", &env.path)
        .env(
            "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
            env.dir.join("bin").join("wasm-bindgen-test-runner"),
        )
        .env("CHROMEDRIVER", &env.chromedriver)
        .env("WASM_BINDGEN_USE_BROWSER", "1");
}

/// An npm package only the benchmark comparison uses, installed once into the
/// tools folder's npm prefix (beside binaryen). Returns its folder, or why it
/// is not available, so the benchmark can go on without it.
pub fn bench_npm_package(env: &ToolEnv, name: &str, version: &str) -> Result<PathBuf, String> {
    let prefix = env.dir.join("npm");
    let dir = prefix.join("node_modules").join(name);
    let installed = || npm_package_version(&dir);
    if installed().as_deref() == Some(version) {
        return Ok(dir);
    }
    if which("npm").is_none() {
        return Err("npm is not installed".into());
    }
    step(&format!(
        "installing {name}@{version} from npm (benchmark comparison only)"
    ));
    std::fs::create_dir_all(&prefix).map_err(|e| format!("{}: {e}", prefix.display()))?;
    run_cmd(&mut npm_install(&prefix, &format!("{name}@{version}")))
        .map_err(|e| format!("npm install {name}@{version} failed: {e:#}"))?;
    match installed() {
        Some(v) if v == version => Ok(dir),
        other => Err(format!("npm installed {name} {other:?}, not {version}")),
    }
}

/// Pagefind's extended binary (Chinese segmentation), which the npm package
/// ships inside its platform package (`@pagefind/<platform>/bin/`).
pub fn pagefind_binary(env: &ToolEnv) -> Result<PathBuf, String> {
    bench_npm_package(env, "pagefind", PAGEFIND_VERSION)?;
    let scope = env.dir.join("npm").join("node_modules").join("@pagefind");
    let exe = format!("pagefind_extended{}", std::env::consts::EXE_SUFFIX);
    std::fs::read_dir(&scope)
        .map_err(|e| format!("{}: {e}", scope.display()))?
        .flatten()
        .map(|e| e.path().join("bin").join(&exe))
        .find(|p| p.is_file())
        .ok_or_else(|| format!("no {exe} for this platform under {}", scope.display()))
}

/// `npm install` of one package into `prefix`, quietly.
fn npm_install(prefix: &Path, spec: &str) -> Command {
    let mut cmd = Command::new("npm");
    cmd.arg("install").arg("--prefix").arg(prefix).args([
        "--no-audit",
        "--no-fund",
        "--silent",
        spec,
    ]);
    cmd
}

/// `cargo install --root <dir>`, for the tools the build needs.
fn cargo_install(dir: &Path) -> Command {
    let mut cmd = Command::new("cargo");
    cmd.arg("install").arg("--root").arg(dir);
    cmd
}
