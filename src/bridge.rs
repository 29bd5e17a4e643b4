//! The JavaScript side of loading bundle files (see the inline script in
//! index.html): `<script>` tags from file://, fetch over http.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = kanbaoGetShard)]
    fn get_shard(file: &str) -> js_sys::Promise;
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

/// Starts loading a bundle file now; the returned future yields its text.
pub fn load(file: &str) -> impl std::future::Future<Output = Result<String, LoadError>> {
    // The JS promise is created here, not on first poll, so loads started
    // together run in parallel.
    let promise = JsFuture::from(get_shard(file));
    let file = file.to_string();
    async move { settle(promise.await, file) }
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
