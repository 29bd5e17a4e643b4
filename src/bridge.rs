//! The JavaScript side of loading bundle files (see the inline script in
//! index.html): `<script>` tags from file://, fetch over http. JS is given a
//! file's URL ([`kanbao_bundle::Manifest::url_of`]); the archive keeps bare names.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = kanbaoGetShard)]
    fn get_shard(url: &str) -> js_sys::Promise;
    // `catch`: a page without the loader script (component tests) has none.
    #[wasm_bindgen(catch, js_name = kanbaoKeep)]
    fn keep_js(urls: js_sys::Array) -> Result<(), JsValue>;
}

/// Why a bundle file could not be loaded.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// The file is not there (or the network failed).
    Missing(String),
    /// The file is there but is not a whole bundle file.
    Corrupt(String),
    /// The bundle's content is wrong (version, shape).
    Bundle(kanbao_bundle::BundleError),
}

/// Starts loading bundle file `file` from `url` now; the returned future
/// yields its text.
pub fn load(file: &str, url: &str) -> impl std::future::Future<Output = Result<String, LoadError>> {
    // The JS promise is created here, not on first poll, so loads started
    // together run in parallel.
    let promise = JsFuture::from(get_shard(url));
    let file = file.to_string();
    async move { settle(promise.await, file) }
}

/// Tells the service worker the URLs of every file of the bundle now open, so
/// it can drop the files of earlier builds from its cache.
pub fn keep(urls: &[String]) {
    let _ = keep_js(urls.iter().map(|u| JsValue::from_str(u)).collect());
}

fn settle(result: Result<JsValue, JsValue>, file: String) -> Result<String, LoadError> {
    match result {
        Ok(v) => v.as_string().ok_or(LoadError::Corrupt(file)),
        Err(e) => {
            let msg = e.as_string().unwrap_or_default();
            if msg.starts_with("corrupt:") {
                Err(LoadError::Corrupt(file))
            } else {
                Err(LoadError::Missing(file))
            }
        }
    }
}
