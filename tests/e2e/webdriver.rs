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
