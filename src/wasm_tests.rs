//! Component tests in headless Chromium (wasm-bindgen-test): render a component
//! into a detached root and assert on its DOM.

use wasm_bindgen_test::*;
use yew::prelude::*;

use crate::app::LoadFailure;
use crate::bridge::LoadError;
use crate::i18n::Lang;

wasm_bindgen_test_configure!(run_in_browser);

async fn render<C: BaseComponent>(props: C::Properties) -> web_sys::Element {
    let root = gloo::utils::document().create_element("div").unwrap();
    gloo::utils::body().append_child(&root).unwrap();
    yew::Renderer::<C>::with_root_and_props(root.clone(), props).render();
    // Let the scheduler run the first render.
    let tick = js_sys::Promise::new(&mut |resolve, _| {
        let _ = gloo::utils::window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(tick).await;
    root
}

#[wasm_bindgen_test]
async fn a_version_mismatch_says_what_to_do_in_both_languages() {
    let error = LoadError::Bundle(kanbao_bundle::BundleError::Version {
        found: 9,
        expected: 1,
    });
    let root = render::<LoadFailure>(crate::app::LoadFailureProps {
        error,
        lang: Lang::Zh,
    })
    .await;
    let text = root.text_content().unwrap_or_default();
    assert!(text.contains("无法打开档案"), "{text}");
    assert!(text.contains("The archive could not be opened"), "{text}");
    assert!(text.contains("kanbao build"), "{text}");
    assert!(root.query_selector("[role=alert]").unwrap().is_some());
}

#[wasm_bindgen_test]
async fn a_missing_file_is_named() {
    let error = LoadError::Missing("docs/0003.js".into());
    let root = render::<LoadFailure>(crate::app::LoadFailureProps {
        error,
        lang: Lang::En,
    })
    .await;
    let text = root.text_content().unwrap_or_default();
    assert!(
        text.contains("docs/0003.js") && text.contains("缺少档案文件"),
        "{text}"
    );
}
