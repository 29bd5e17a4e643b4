//! How the reader was set up: the page URL's parameters and a package's
//! `config.js` (`window.kanbaoConfig`) — kiosk mode and its idle time, and
//! the archive's public address.

use wasm_bindgen::JsValue;

/// Default idle time before the reset countdown, in seconds.
pub const DEFAULT_IDLE_SECONDS: u32 = 180;

/// The shortest warning before a reset: WCAG 2.2.1 asks for 20 s to react.
pub const MIN_COUNTDOWN_SECONDS: u32 = 20;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KioskConfig {
    pub enabled: bool,
    pub idle_seconds: u32,
}

impl KioskConfig {
    /// From the page URL (`?kiosk=1&idle=60`) or `window.kanbaoConfig`.
    pub fn load() -> Self {
        let search = gloo::utils::window()
            .location()
            .search()
            .unwrap_or_default();
        let param = |name: &str| {
            search.trim_start_matches('?').split('&').find_map(|kv| {
                kv.split_once('=')
                    .filter(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            })
        };
        let config =
            js_sys::Reflect::get(&gloo::utils::window(), &JsValue::from_str("kanbaoConfig"))
                .ok()
                .filter(|v| v.is_object());
        let field = |name: &str| {
            config
                .as_ref()
                .and_then(|c| js_sys::Reflect::get(c, &JsValue::from_str(name)).ok())
        };
        let enabled = param("kiosk").is_some_and(|v| v == "1" || v == "true")
            || field("kiosk").and_then(|v| v.as_bool()).unwrap_or(false);
        let idle_seconds = param("idle")
            .and_then(|v| v.parse().ok())
            .or_else(|| {
                field("idle_seconds")
                    .and_then(|v| v.as_f64())
                    .map(|f| f as u32)
            })
            .filter(|&s| s > 0)
            .unwrap_or(DEFAULT_IDLE_SECONDS);
        KioskConfig {
            enabled,
            idle_seconds,
        }
    }

    /// Seconds of countdown shown before the reset: a sixth of the idle
    /// time, at least 20 s and at most a minute.
    pub fn countdown(self) -> u32 {
        (self.idle_seconds / 6).clamp(MIN_COUNTDOWN_SECONDS, 60)
    }
}

/// The archive's public base URL (ending before `#`), if it has one.
pub fn public_base() -> Option<String> {
    let window = gloo::utils::window();
    let config = js_sys::Reflect::get(&window, &JsValue::from_str("kanbaoConfig"))
        .ok()
        .filter(|v| v.is_object());
    if let Some(url) = config
        .and_then(|c| js_sys::Reflect::get(&c, &JsValue::from_str("public_url")).ok())
        .and_then(|v| v.as_string())
    {
        let url = url.trim();
        if url.starts_with("http://") || url.starts_with("https://") {
            return Some(url.to_string());
        }
    }
    let loc = window.location();
    let protocol = loc.protocol().ok()?;
    let host = loc.hostname().ok()?;
    let local =
        host == "localhost" || host.starts_with("127.") || host == "[::1]" || host.is_empty();
    if (protocol == "http:" || protocol == "https:") && !local {
        let href = loc.href().ok()?;
        return Some(href.split('#').next().unwrap_or(&href).to_string());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_warning_lasts_at_least_twenty_seconds() {
        for idle in [1, 20, 60, 120, 180, 600, 3600] {
            let c = KioskConfig {
                enabled: true,
                idle_seconds: idle,
            }
            .countdown();
            assert!((MIN_COUNTDOWN_SECONDS..=60).contains(&c), "{idle}: {c}");
        }
    }
}
