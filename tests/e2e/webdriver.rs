//! A minimal WebDriver client (ChromeDriver over loopback HTTP), for what
//! `--dump-dom` cannot do: wait in real time (a service worker installing, a
//! download), measure time, and run script in the page. One session per
//! `Browser`; std only, with the crate's `http` helper.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::{chrome, http, tempdir::TempDir};

pub struct Browser {
    driver: Child,
    url: String,
    session: String,
    _profile: TempDir,
}

impl Browser {
    /// Starts ChromeDriver and a headless Chromium session at `width`×`height`.
    pub fn start(width: u32, height: u32) -> Browser {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let driver = Command::new(
            std::env::var_os("KANBAO_CHROMEDRIVER").unwrap_or_else(|| "chromedriver".into()),
        )
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
        let url = format!("http://127.0.0.1:{port}");
        let profile = TempDir::new(&format!("kanbao-wd-{}-{port}", std::process::id()));
        let mut options = json!({
                "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--no-first-run", "--disable-background-networking", "--disable-component-update",
                         // window.gc() and exact performance.memory, so benchmarks can tell memory
                         // held from garbage not yet collected.
                         "--js-flags=--expose-gc", "--enable-precise-memory-info",
                         format!("--window-size={width},{height}"),
                         format!("--user-data-dir={}", profile.path().display())]
        });
        // ChromeDriver finds Chromium itself unless a binary was named.
        if std::env::var_os("KANBAO_CHROME").is_some() {
            options["binary"] = json!(chrome());
        }
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            // Asynchronous scripts may wait for a cold search of a large archive.
            "timeouts": {"script": 60000},
            "goog:chromeOptions": options
        }}});
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "chromedriver did not start"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        // The port opens a moment before the driver answers; retry briefly.
        let mut session = None;
        for _ in 0..50 {
            let (_, _, body) = http("POST", &format!("{url}/session"), Some(&caps.to_string()));
            if let Ok(v) = serde_json::from_slice::<Value>(&body) {
                if let Some(id) = v["value"]["sessionId"].as_str() {
                    session = Some(id.to_string());
                    break;
                }
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Browser {
            driver,
            url,
            session: session.expect("no WebDriver session"),
            _profile: profile,
        }
    }

    fn call(&self, method: &str, path: &str, body: Value) -> Value {
        let url = format!("{}/session/{}{path}", self.url, self.session);
        let (_, _, out) = http(method, &url, Some(&body.to_string()));
        let mut v: Value = serde_json::from_slice(&out).expect("WebDriver JSON");
        if v["value"]["error"].is_string() {
            panic!("WebDriver {path}: {}", v["value"]);
        }
        v["value"].take()
    }

    /// A Chrome DevTools Protocol command (`Profiler.start`, …) through
    /// ChromeDriver; its result.
    pub fn cdp(&self, cmd: &str, params: Value) -> Value {
        self.call(
            "POST",
            "/goog/cdp/execute",
            json!({ "cmd": cmd, "params": params }),
        )
    }

    pub fn goto(&self, url: &str) {
        self.call("POST", "/url", json!({ "url": url }));
    }

    /// Runs a function body (`return …;`) in the page and returns its value.
    pub fn script(&self, body: &str) -> Value {
        self.call(
            "POST",
            "/execute/sync",
            json!({ "script": body, "args": [] }),
        )
    }

    /// Runs an asynchronous function body in the page: it calls `done(value)`.
    pub fn script_async(&self, body: &str) -> Value {
        self.call(
            "POST",
            "/execute/async",
            json!({ "script": format!("const done = arguments[arguments.length - 1]; {body}"), "args": [] }),
        )
    }

    /// The value of a JavaScript expression in the page.
    pub fn eval(&self, expr: &str) -> Value {
        self.script(&format!("return ({expr});"))
    }

    /// Waits up to `secs` for `expr` to be truthy; returns whether it became so.
    pub fn wait_for(&self, expr: &str, secs: u64) -> bool {
        let until = Instant::now() + Duration::from_secs(secs);
        while Instant::now() < until {
            if self.eval(&format!("!!({expr})")) == Value::Bool(true) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    }

    /// Polls a function body until it returns something other than null or
    /// false, and returns that; for timing, so it polls every few ms.
    pub fn poll(&self, body: &str, timeout: Duration) -> Value {
        let started = Instant::now();
        loop {
            let v = self.script(body);
            if !(v.is_null() || v == Value::Bool(false)) {
                return v;
            }
            assert!(started.elapsed() < timeout, "timed out waiting for: {body}");
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

impl Browser {
    /// The WebDriver id of the first element matching a CSS selector, waiting
    /// up to 10 s for it to appear.
    pub fn find(&self, css: &str) -> String {
        let until = Instant::now() + Duration::from_secs(10);
        loop {
            let url = format!("{}/session/{}/element", self.url, self.session);
            let body = json!({ "using": "css selector", "value": css }).to_string();
            let (_, _, out) = http("POST", &url, Some(&body));
            let v: Value = serde_json::from_slice(&out).expect("WebDriver JSON");
            if let Some(id) = v["value"][ELEMENT].as_str() {
                return id.to_string();
            }
            assert!(
                Instant::now() < until,
                "no element matches {css}: {}",
                v["value"]
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Clicks an element as a person does (WebDriver Element Click: scrolled
    /// into view, hit-tested, real mouse events).
    pub fn click(&self, css: &str) {
        let id = self.find(css);
        self.call("POST", &format!("/element/{id}/click"), json!({}));
    }

    /// Types `text` into an element with real key events (WebDriver Element
    /// Send Keys: focus, then keydown/keypress/input/keyup per character).
    /// Special keys are the WebDriver code points, e.g. [`keys::ENTER`].
    pub fn send_keys(&self, css: &str, text: &str) {
        let id = self.find(css);
        self.call(
            "POST",
            &format!("/element/{id}/value"),
            json!({ "text": text }),
        );
    }

    /// Presses keys in whatever has focus, as a keyboard does (WebDriver
    /// Perform Actions, a key source): each char of `text` goes down and up;
    /// a modifier (keys::CONTROL, …) given in `held` stays down meanwhile.
    pub fn keys(&self, held: &[&str], text: &str) {
        let mut actions = Vec::new();
        for k in held {
            actions.push(json!({ "type": "keyDown", "value": k }));
        }
        for c in text.chars() {
            actions.push(json!({ "type": "keyDown", "value": c.to_string() }));
            actions.push(json!({ "type": "keyUp", "value": c.to_string() }));
        }
        for k in held.iter().rev() {
            actions.push(json!({ "type": "keyUp", "value": k }));
        }
        self.call(
            "POST",
            "/actions",
            json!({ "actions": [{ "type": "key", "id": "keyboard", "actions": actions }] }),
        );
        self.call("DELETE", "/actions", json!({}));
    }

    /// Taps an element with a touch pointer, down and up at its centre, as a
    /// kiosk visitor's finger does.
    pub fn tap(&self, css: &str) {
        self.press(css, "touch", 0);
    }

    /// A mouse button (0 left, 1 middle, 2 right) pressed on an element's centre.
    pub fn mouse_button(&self, css: &str, button: u32) {
        self.press(css, "mouse", button);
    }

    /// One press and release of a pointer (WebDriver Perform Actions, a
    /// pointer source of `kind` touch or mouse) at an element's centre.
    fn press(&self, css: &str, kind: &str, button: u32) {
        let origin = element_ref(&self.find(css));
        let actions = json!([
            { "type": "pointerMove", "duration": 0, "origin": origin, "x": 0, "y": 0 },
            { "type": "pointerDown", "button": button },
            { "type": "pause", "duration": 30 },
            { "type": "pointerUp", "button": button }
        ]);
        self.call(
            "POST",
            "/actions",
            json!({ "actions": [{ "type": "pointer", "id": kind,
                                  "parameters": { "pointerType": kind }, "actions": actions }] }),
        );
        self.call("DELETE", "/actions", json!({}));
    }

    /// Input sources acting together (WebDriver Perform Actions), e.g. two
    /// touch pointers for a pinch or a wheel; released afterwards. Element
    /// origins are written with [`Browser::origin`].
    pub fn actions(&self, sources: Value) {
        self.call("POST", "/actions", json!({ "actions": sources }));
        self.call("DELETE", "/actions", json!({}));
    }

    /// An element as the origin of a pointer or wheel action.
    pub fn origin(&self, css: &str) -> Value {
        element_ref(&self.find(css))
    }

    /// Back in the browser's history, as the Back button does.
    pub fn back(&self) {
        self.call("POST", "/back", json!({}));
    }

    /// Loads the page again, as the Reload button does.
    pub fn refresh(&self) {
        self.call("POST", "/refresh", json!({}));
    }

    /// The page's current URL.
    pub fn current_url(&self) -> String {
        self.call("GET", "/url", json!({}))
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Saves a screenshot of the viewport as tests/output/<name>.png (look at it).
    pub fn screenshot(&self, name: &str) -> std::path::PathBuf {
        let v = self.call("GET", "/screenshot", json!({}));
        let png = crate::base64_decode(v.as_str().expect("screenshot data"));
        let path = crate::output_dir().join(format!("{name}.png"));
        std::fs::write(&path, png).expect("write screenshot");
        path
    }

    /// Sets the window's size (CSS pixels of the viewport, roughly).
    pub fn resize(&self, width: u32, height: u32) {
        self.call(
            "POST",
            "/window/rect",
            json!({ "width": width, "height": height }),
        );
    }
}

/// The key WebDriver names an element reference by.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A WebDriver element reference, as an action's origin.
fn element_ref(id: &str) -> Value {
    let mut m = serde_json::Map::new();
    m.insert(ELEMENT.to_string(), Value::String(id.to_string()));
    Value::Object(m)
}

/// WebDriver's code points for keys that are not characters.
pub mod keys {
    pub const BACKSPACE: &str = "\u{E003}";
    pub const TAB: &str = "\u{E004}";
    pub const ENTER: &str = "\u{E007}";
    pub const SHIFT: &str = "\u{E008}";
    pub const CONTROL: &str = "\u{E009}";
    pub const ESCAPE: &str = "\u{E00C}";
    pub const SPACE: &str = "\u{E00D}";
    pub const END: &str = "\u{E010}";
    pub const HOME: &str = "\u{E011}";
    pub const LEFT: &str = "\u{E012}";
    pub const UP: &str = "\u{E013}";
    pub const DOWN: &str = "\u{E015}";
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = http(
            "DELETE",
            &format!("{}/session/{}", self.url, self.session),
            None,
        );
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}
