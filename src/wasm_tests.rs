//! Component tests in headless Chromium (wasm-bindgen-test): render a component
//! into a detached root and assert on its DOM.

use wasm_bindgen_test::*;
use yew::prelude::*;

use crate::bridge::LoadError;
use crate::components::status::LoadFailure;
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
        file: "manifest.js".into(),
        found: 9,
        expected: 1,
    });
    let root = render::<LoadFailure>(crate::components::status::LoadFailureProps {
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
    let root = render::<LoadFailure>(crate::components::status::LoadFailureProps {
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

#[derive(Properties, PartialEq)]
struct OfflineProps {
    state: crate::components::offline::State,
    lang: Lang,
}

#[function_component]
fn OfflineView(p: &OfflineProps) -> Html {
    crate::components::offline::view(&p.state, p.lang, Callback::noop())
}

#[wasm_bindgen_test]
async fn the_offline_line_shows_each_state() {
    use crate::components::offline::State;
    let cases = [
        (State::Unknown, Lang::Zh, ""),
        (State::File, Lang::Zh, "从本地文件打开，无需网络"),
        (State::Partial, Lang::Zh, "下载全部以便离线阅读"),
        (
            State::Complete,
            Lang::En,
            "The whole archive is available offline",
        ),
        (
            State::Failed("docs/0002.js".into()),
            Lang::Zh,
            "docs/0002.js",
        ),
    ];
    for (state, lang, text) in cases {
        let root = render::<OfflineView>(OfflineProps {
            state: state.clone(),
            lang,
        })
        .await;
        let got = root.text_content().unwrap_or_default();
        assert!(got.contains(text), "{state:?}: {got}");
        if text.is_empty() {
            assert!(got.is_empty(), "{state:?} shows nothing: {got}");
        }
    }
    let root = render::<OfflineView>(OfflineProps {
        state: State::Downloading {
            done: 250_000.0,
            total: 1_500_000.0,
        },
        lang: Lang::Zh,
    })
    .await;
    let progress = root
        .query_selector("progress")
        .unwrap()
        .expect("a progress bar");
    assert_eq!(progress.get_attribute("value").as_deref(), Some("250000"));
    assert!(root.text_content().unwrap().contains("250 KB / 1.5 MB"));
}
