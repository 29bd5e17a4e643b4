//! Focus after an in-app navigation: to the new view's heading when it fell
//! to `<body>` with the link that was removed.

use yew::prelude::*;
use yew_router::prelude::*;

/// Focus to the main region (its first heading when it has one).
pub fn focus_main() -> bool {
    use wasm_bindgen::JsCast;
    let doc = gloo::utils::document();
    let target = doc
        .query_selector("#main h1")
        .ok()
        .flatten()
        .or_else(|| doc.get_element_by_id("main"));
    let Some(el) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) else {
        return false;
    };
    if el.get_attribute("tabindex").is_none() {
        let _ = el.set_attribute("tabindex", "-1");
    }
    let _ = el.focus();
    el.tag_name() == "H1"
}

/// After an in-app navigation (a link, paging, sorting, a facet or chip),
/// focus that fell to `<body>` with the removed link goes to the new view's
/// heading, so keyboard and screen-reader users continue from there. Focus
/// still on something (the search box while typing, a sort button) stays.
#[hook]
pub fn use_focus_after_navigation() {
    let location = use_location();
    let key = location.map(|l| (l.path().to_string(), l.query_str().to_string()));
    let first = use_mut_ref(|| true);
    use_effect_with(key, move |_| {
        let skip = std::mem::replace(&mut *first.borrow_mut(), false);
        let watch = if skip { None } else { FocusWatch::start() };
        move || drop(watch)
    });
}

/// Whether focus has somewhere to be after a navigation: it stayed on a
/// control, or it was lost and is now on the new view's heading.
fn refocus() -> bool {
    // On <main> itself it was put there while the view loaded: its heading is
    // better once it is there.
    let lost = match gloo::utils::document().active_element() {
        None => true,
        Some(a) => a.tag_name() == "BODY" || !a.is_connected() || a.id() == "main",
    };
    !lost || focus_main()
}

/// Watches `<main>` while the new view renders (it may still be loading its
/// shard): each change retries [`refocus`] until it succeeds, the next
/// navigation drops the watch, or a second has passed.
struct FocusWatch {
    observer: web_sys::MutationObserver,
    _on_change:
        wasm_bindgen::closure::Closure<dyn FnMut(wasm_bindgen::JsValue, web_sys::MutationObserver)>,
    _give_up: gloo::timers::callback::Timeout,
}

impl FocusWatch {
    fn start() -> Option<Self> {
        use wasm_bindgen::JsCast;
        if refocus() {
            return None;
        }
        let main = gloo::utils::document().get_element_by_id("main")?;
        let on_change = wasm_bindgen::closure::Closure::<
            dyn FnMut(wasm_bindgen::JsValue, web_sys::MutationObserver),
        >::new(|_, observer: web_sys::MutationObserver| {
            if refocus() {
                observer.disconnect();
            }
        });
        let observer = web_sys::MutationObserver::new(on_change.as_ref().unchecked_ref()).ok()?;
        let init = web_sys::MutationObserverInit::new();
        init.set_child_list(true);
        init.set_subtree(true);
        observer.observe_with_options(&main, &init).ok()?;
        let stop = observer.clone();
        Some(Self {
            observer,
            _on_change: on_change,
            _give_up: gloo::timers::callback::Timeout::new(1000, move || stop.disconnect()),
        })
    }
}

impl Drop for FocusWatch {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}
