//! The page's image: whether it is the image the bundle describes, and what
//! is shown when it is not.

use kanbao_bundle::PageImage;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use super::text_list::text_list;
use crate::i18n::{Lang, T};
use crate::perf::mark;

#[derive(Clone, Copy, PartialEq)]
pub enum ImageState {
    Loading,
    Shown,
    Failed,
}

/// The image's `load` handler: shown when it has the pixels the bundle
/// says and, over http, all its bytes, and decodes whole; else failed.
pub fn on_load(image_state: UseStateHandle<ImageState>, image: &PageImage) -> Callback<Event> {
    let (w, h, bytes) = (image.width, image.height, image.bytes);
    Callback::from(move |e: Event| {
        mark("kanbao-page-image");
        let Some(img) = e.target() else { return };
        let natural = |k: &str| {
            js_sys::Reflect::get(&img, &JsValue::from_str(k))
                .ok()
                .and_then(|v| v.as_f64())
                .unwrap_or(0.0)
        };
        // A file of other pixels is another image (or a damaged one).
        if natural("naturalWidth") as u32 != w || natural("naturalHeight") as u32 != h {
            image_state.set(ImageState::Failed);
            return;
        }
        // A truncated file may load with its top only. Over http the
        // browser tells how many bytes came (from file:// it cannot).
        let got = js_sys::Reflect::get(&img, &JsValue::from_str("currentSrc"))
            .ok()
            .and_then(|v| v.as_string())
            .and_then(|src| {
                gloo::utils::window()
                    .performance()?
                    .get_entries_by_name(&src)
                    .iter()
                    .last()
            })
            .and_then(|e| js_sys::Reflect::get(&e, &JsValue::from_str("decodedBodySize")).ok())
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0);
        if got > 0.0 && got as u64 != bytes {
            image_state.set(ImageState::Failed);
            return;
        }
        image_state.set(ImageState::Shown);
        // A file the browser cannot decode whole.
        let decode = js_sys::Reflect::get(&img, &JsValue::from_str("decode"))
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            .and_then(|f| f.call0(&img).ok())
            .and_then(|p| p.dyn_into::<js_sys::Promise>().ok());
        if let Some(p) = decode {
            let image_state = image_state.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if wasm_bindgen_futures::JsFuture::from(p).await.is_err() {
                    image_state.set(ImageState::Failed);
                }
            });
        }
    })
}

/// The image of page `label` at `src` could not be shown: say so, and list
/// the page's articles (id, headline) as text.
pub fn missing(label: &str, src: String, texts: &[(String, String)], lang: Lang) -> Html {
    html! {
        <>
        <div class="notice error page-missing" role="alert" id="page-image-error">
            <p><strong>{ T::PageImageMissing.s(lang).replace("{}", label) }</strong></p>
            <p><code>{ src }</code></p>
            <p>{ T::LoadFailedHint.s(lang) }</p>
        </div>
        { text_list(texts, lang) }
        </>
    }
}
