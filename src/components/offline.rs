//! The footer's offline line. Over http, once the service worker serves the
//! page: what is kept for offline use, and a button that keeps the whole
//! archive, with progress. From file://: a note that no network is needed.
//! The work itself is in index.html's script (`kanbaoOffline`, `kanbaoDownload`),
//! given each file's URL.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use crate::context::Ctx;
use crate::i18n::{Lang, T};

#[wasm_bindgen]
extern "C" {
    // `catch`: a page without the loader script (component tests) just shows nothing.
    #[wasm_bindgen(catch, js_name = kanbaoOffline)]
    fn offline_state() -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(catch, js_name = kanbaoDownload)]
    fn download(
        files: js_sys::Array,
        sizes: js_sys::Array,
        progress: &js_sys::Function,
    ) -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(catch, js_name = kanbaoCached)]
    fn cached(files: js_sys::Array) -> Result<js_sys::Promise, JsValue>;
}

#[derive(Clone, Debug, PartialEq)]
pub enum State {
    /// Not known yet, or offline use is not possible (no service worker).
    Unknown,
    /// Opened from disk.
    File,
    /// Over http through the service worker: what was read is kept.
    Partial,
    Downloading {
        done: f64,
        total: f64,
    },
    Complete,
    /// The named file could not be downloaded.
    Failed(String),
}

/// Every bundle file but the manifest (kept anyway): its URL, and its size
/// when known.
fn bundle_files(ctx: &Ctx) -> Vec<(String, f64)> {
    let archive = ctx.archive.0.borrow();
    crate::store::bundle_files(&archive.manifest)
        .into_iter()
        .map(|(url, bytes)| (url, bytes as f64))
        .collect()
}

fn urls(files: &[(String, f64)]) -> js_sys::Array {
    files.iter().map(|(f, _)| JsValue::from_str(f)).collect()
}

async fn settle(p: Result<js_sys::Promise, JsValue>) -> Result<JsValue, JsValue> {
    JsFuture::from(p?).await
}

#[component]
pub fn Offline() -> Html {
    let ctx = use_context::<Ctx>().expect("context");
    let state = use_state(|| State::Unknown);
    let files = use_memo((), |_| bundle_files(&ctx));
    {
        let state = state.clone();
        let files = files.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let how = settle(offline_state())
                    .await
                    .ok()
                    .and_then(|v| v.as_string());
                match how.as_deref() {
                    Some("file") => state.set(State::File),
                    Some("ready") => {
                        let all = settle(cached(urls(&files)))
                            .await
                            .ok()
                            .and_then(|v| v.as_bool())
                            .unwrap_or(false);
                        state.set(if all { State::Complete } else { State::Partial });
                    }
                    _ => {}
                }
            });
        });
    }
    let start = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            let total: f64 = files.iter().map(|(_, b)| b).sum();
            state.set(State::Downloading { done: 0.0, total });
            let state = state.clone();
            let files = files.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let progress = {
                    let state = state.clone();
                    Closure::<dyn FnMut(f64)>::new(move |done: f64| {
                        state.set(State::Downloading { done, total })
                    })
                };
                let sizes: js_sys::Array = files.iter().map(|(_, b)| JsValue::from(*b)).collect();
                let result = settle(download(
                    urls(&files),
                    sizes,
                    progress.as_ref().unchecked_ref(),
                ))
                .await;
                drop(progress);
                state.set(match result {
                    Ok(_) => State::Complete,
                    Err(e) => {
                        let msg = e.as_string().unwrap_or_default();
                        State::Failed(msg.trim_start_matches("missing:").to_string())
                    }
                });
            });
        })
    };
    view(&state, ctx.lang, start)
}

/// Bytes as `340 KB` / `1.2 MB`.
fn size(bytes: f64) -> String {
    if bytes >= 1e6 {
        format!("{:.1} MB", bytes / 1e6)
    } else {
        format!("{:.0} KB", bytes / 1e3)
    }
}

pub fn view(state: &State, lang: Lang, start: Callback<MouseEvent>) -> Html {
    let t = |k: T| k.s(lang);
    match state {
        State::Unknown => html! {},
        State::File => html! {
            <p class="offline" id="offline" data-state="file">{ t(T::OfflineFromDisk) }</p>
        },
        State::Partial => html! {
            <div class="offline" id="offline" data-state="ready">
                <p>{ t(T::OfflineParts) }</p>
                <button onclick={start}>{ t(T::DownloadAll) }</button>
            </div>
        },
        State::Downloading { done, total } => html! {
            <div class="offline" id="offline" data-state="downloading" role="status">
                <label>
                    { t(T::Downloading) }{ " " }
                    <progress max={total.max(1.0).to_string()} value={done.to_string()}></progress>
                </label>
                { format!(" {} / {}", size(*done), size(*total)) }
            </div>
        },
        State::Complete => html! {
            <p class="offline" id="offline" data-state="complete">{ t(T::OfflineAll) }</p>
        },
        State::Failed(file) => html! {
            <div class="offline" id="offline" data-state="failed" role="alert">
                <p>{ t(T::DownloadFailed) }{ " " }<code>{ file.clone() }</code></p>
                <button onclick={start}>{ t(T::TryAgain) }</button>
            </div>
        },
    }
}
