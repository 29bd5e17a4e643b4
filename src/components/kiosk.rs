//! Kiosk mode (`?kiosk=1`, or `kiosk: true` in a package's config.js): large
//! text and targets, nothing that leaves the archive (no context menu, print,
//! save, new tabs, dragging or text selection), an idle timer that clears
//! everything a visitor left behind and returns home after a countdown of at
//! least 20 s, and an on-screen keyboard for pinyin and digits for visitors
//! without a Chinese input method.
//!
//! A kiosk keeps no browser history: every navigation replaces the current
//! entry, so after a reset Back and Forward lead nowhere a visitor went. A
//! visitor's own way back is the header's 返回 button, over a stack held in
//! memory and emptied by the reset.
//!
//! Whether kiosk mode is on, and its idle time, is read in `config.rs`.

use std::cell::RefCell;

use gloo::timers::callback::{Interval, Timeout};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::search_box::search_input;
use crate::context::Ctx;
use crate::i18n::{Lang, T};
use crate::route::Route;
use crate::settings::Settings;

/// The countdown's message, `{}` filled with the seconds left.
pub fn countdown_text(lang: Lang, seconds: u32) -> String {
    match (lang, seconds) {
        (Lang::En, 1) => {
            "No activity: in 1 second this visit is cleared and the reader returns home.".into()
        }
        _ => T::IdleReset.s(lang).replace("{}", &seconds.to_string()),
    }
}

thread_local! {
    /// Where the visitor's 返回 button leads: the `#/…` of each view left by
    /// a navigation, newest last.
    static BACK: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

fn current_hash() -> String {
    gloo::utils::window().location().hash().unwrap_or_default()
}

/// Moves to `hash` in place (no new history entry) and tells the router.
fn replace_location(hash: &str) {
    let window = gloo::utils::window();
    if let Ok(history) = window.history() {
        let target = if hash.is_empty() { "#/" } else { hash };
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(target));
        if let Ok(ev) = web_sys::PopStateEvent::new("popstate") {
            let _ = window.dispatch_event(&ev);
        }
    }
}

/// In a kiosk, `history.pushState` (the router's links and navigations)
/// replaces the current entry instead, after noting where the visitor was.
/// Called once, before the router starts.
pub fn keep_no_history() {
    let Ok(history) = gloo::utils::window().history() else {
        return;
    };
    let target = history.clone();
    let push = Closure::<dyn Fn(JsValue, JsValue, JsValue)>::new(
        move |state: JsValue, _title: JsValue, url: JsValue| {
            BACK.with(|b| b.borrow_mut().push(current_hash()));
            let url = url.as_string();
            let _ = target.replace_state_with_url(&state, "", url.as_deref());
        },
    );
    let _ = js_sys::Reflect::set(&history, &JsValue::from_str("pushState"), push.as_ref());
    push.forget();
}

/// The header's 返回 button: back to the view before, within this visit.
#[component]
pub fn KioskBack() -> Html {
    let ctx = use_context::<Ctx>().expect("context");
    // Re-rendered on every navigation, so it shows once there is a way back.
    let _location = use_location();
    if BACK.with(|b| b.borrow().is_empty()) {
        return html! {};
    }
    let onclick = Callback::from(|_: MouseEvent| {
        if let Some(hash) = BACK.with(|b| b.borrow_mut().pop()) {
            replace_location(&hash);
        }
    });
    html! {
        <button class="kiosk-back" id="kiosk-back" {onclick}>
            <span aria-hidden="true">{ "← " }</span>{ ctx.t(T::Back) }
        </button>
    }
}

/// What a kiosk blocks: the context menu, print and save shortcuts, new tabs
/// and windows (middle click, modified clicks), link dragging and text
/// selection outside the search box; same-document links move in place.
#[hook]
pub fn use_kiosk_locks(on: bool) {
    use_effect_with(on, |&on| {
        let doc = gloo::utils::document();
        let mut listeners = Vec::new();
        if on {
            use gloo::events::{EventListener, EventListenerOptions};
            let opts = EventListenerOptions::enable_prevent_default();
            let stop = |e: &Event| e.prevent_default();
            for ev in ["contextmenu", "dragstart", "auxclick"] {
                listeners.push(EventListener::new_with_options(&doc, ev, opts, stop));
            }
            listeners.push(EventListener::new_with_options(
                &doc,
                "selectstart",
                opts,
                |e| {
                    let in_box = e
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                        .is_some_and(|el| el.tag_name() == "INPUT");
                    if !in_box {
                        e.prevent_default();
                    }
                },
            ));
            listeners.push(EventListener::new_with_options(
                &doc,
                "mousedown",
                opts,
                |e| {
                    if e.dyn_ref::<MouseEvent>().is_some_and(|m| m.button() == 1) {
                        e.prevent_default();
                    }
                },
            ));
            listeners.push(EventListener::new_with_options(
                &doc,
                "keydown",
                opts,
                |e| {
                    let Some(k) = e.dyn_ref::<KeyboardEvent>() else {
                        return;
                    };
                    let key = k.key().to_lowercase();
                    let command = k.ctrl_key() || k.meta_key();
                    let blocked = (command
                        && matches!(key.as_str(), "p" | "s" | "o" | "u" | "n" | "t" | "j" | "h"))
                        || key == "f12"
                        || (command && k.shift_key() && matches!(key.as_str(), "i" | "j" | "c"));
                    if blocked {
                        e.prevent_default();
                    }
                },
            ));
            let click = EventListenerOptions {
                phase: gloo::events::EventListenerPhase::Capture,
                passive: false,
            };
            listeners.push(EventListener::new_with_options(&doc, "click", click, |e| {
                let Some(m) = e.dyn_ref::<MouseEvent>() else {
                    return;
                };
                let link = m
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .and_then(|el| el.closest("a[href]").ok().flatten());
                let Some(link) = link else { return };
                let href = link.get_attribute("href").unwrap_or_default();
                let modified = m.ctrl_key() || m.meta_key() || m.shift_key() || m.alt_key();
                // A link to the view already shown (an issue's 第N版 jumps)
                // is the page's own: its handler scrolls, and the browser
                // adds no history entry for the same URL.
                if href == current_hash() && !modified {
                    return;
                }
                e.prevent_default();
                if modified {
                    return;
                }
                // A plain `#/…` link: in place, remembered for 返回.
                if href.starts_with('#') {
                    e.stop_propagation();
                    BACK.with(|b| b.borrow_mut().push(current_hash()));
                    replace_location(&href);
                }
            }));
        }
        move || drop(listeners)
    });
}

/// Watches for activity; when idle, counts down and resets the reader.
#[component]
pub fn IdleGuard() -> Html {
    let ctx = use_context::<Ctx>().expect("context");
    let config = ctx.kiosk;
    let navigator = use_navigator();
    // Seconds left in the countdown; None while the visitor is active.
    let left = use_state(|| None::<u32>);
    let activity = use_state(|| 0u64);
    let stay_ref = use_node_ref();
    {
        // (Re)start the idle timer on every bit of activity.
        let left = left.clone();
        use_effect_with(*activity, move |_| {
            let timer = Timeout::new(config.idle_seconds * 1000, move || {
                left.set(Some(config.countdown()))
            });
            move || drop(timer)
        });
    }
    {
        let activity = activity.clone();
        let left = left.clone();
        use_effect_with((), move |_| {
            let doc = gloo::utils::document();
            let listeners: Vec<_> = ["pointerdown", "keydown", "touchstart", "wheel", "input"]
                .into_iter()
                .map(|ev| {
                    let activity = activity.clone();
                    let left = left.clone();
                    gloo::events::EventListener::new(&doc, ev, move |_| {
                        left.set(None);
                        activity.set(js_sys::Date::now() as u64);
                    })
                })
                .collect();
            move || drop(listeners)
        });
    }
    {
        // While the warning shows, the rest of the page is inert (a modal
        // dialog), and its button has focus: one key or tap keeps reading.
        let stay_ref = stay_ref.clone();
        use_effect_with(left.is_some(), move |&open| {
            let doc = gloo::utils::document();
            if let Ok(parts) =
                doc.query_selector_all("body > * > header.site, #main, footer.site, .osk")
            {
                for i in 0..parts.length() {
                    if let Some(el) = parts.get(i).and_then(|n| n.dyn_into::<HtmlElement>().ok()) {
                        el.set_inert(open);
                    }
                }
            }
            if open {
                if let Some(b) = stay_ref.cast::<HtmlElement>() {
                    let _ = b.focus();
                }
            }
        });
    }
    {
        let left_state = left.clone();
        let ctx = ctx.clone();
        use_effect_with(*left, move |left| {
            let interval = left.map(|n| {
                let left = left_state.clone();
                Interval::new(1000, move || {
                    if n <= 1 {
                        left.set(None);
                        reset(&ctx, navigator.as_ref());
                    } else {
                        left.set(Some(n - 1));
                    }
                })
            });
            move || drop(interval)
        });
    }
    let Some(n) = *left else {
        return html! {};
    };
    let stay = {
        let left = left.clone();
        Callback::from(move |_| left.set(None))
    };
    html! {
        <div class="idle-overlay" role="alertdialog" aria-modal="true" aria-labelledby="idle-title" aria-describedby="idle-text" id="idle-countdown">
            <div class="idle-box">
                <h2 id="idle-title">{ ctx.t(T::StillThere) }</h2>
                <p id="idle-text">{ countdown_text(ctx.lang, n) }</p>
                <button ref={stay_ref} id="keep-reading" onclick={stay}>{ ctx.t(T::KeepReading) }</button>
            </div>
        </div>
    }
}

/// Clears what a visitor left: the query, preferences, storage, the way
/// back, and the view; then the reader starts afresh at home.
fn reset(ctx: &Ctx, navigator: Option<&Navigator>) {
    let window = gloo::utils::window();
    if let Ok(Some(storage)) = window.local_storage() {
        let keys: Vec<String> = (0..storage.length().unwrap_or(0))
            .filter_map(|i| storage.key(i).ok().flatten())
            .filter(|k| k.starts_with("kanbao."))
            .collect();
        for k in keys {
            let _ = storage.remove_item(&k);
        }
    }
    if let Ok(Some(session)) = window.session_storage() {
        let _ = session.clear();
    }
    BACK.with(|b| b.borrow_mut().clear());
    ctx.update.emit(Settings::default());
    if let Some(input) = search_input() {
        input.set_value("");
        let _ = input.blur();
    }
    if let Some(nav) = navigator {
        nav.replace(&Route::Home);
    }
    window.scroll_to_with_x_and_y(0.0, 0.0);
    // Every component below the shell starts again: the keyboard closed,
    // no suggestions, no state of the last visit.
    ctx.new_visit.emit(());
}

/// Types into the search box as if from a keyboard, so live search runs.
fn type_into_search(edit: impl Fn(&str) -> String) {
    let Some(input) = search_input() else { return };
    let next = edit(&input.value());
    input.set_value(&next);
    if let Ok(ev) = web_sys::InputEvent::new("input") {
        let _ = input.dispatch_event(&ev);
    }
}

/// Runs the search in the box, as its 搜索 button does.
fn submit_search() {
    if let Some(form) = search_input().and_then(|i| i.form()) {
        let _ = form.request_submit();
    }
}

const ROWS: [&str; 4] = ["1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm"];

/// Letters for pinyin and digits; the search understands pinyin.
#[component]
pub fn OnScreenKeyboard() -> Html {
    let ctx = use_context::<Ctx>().expect("context");
    let open = use_state(|| false);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    let key =
        |c: char| Callback::from(move |_: MouseEvent| type_into_search(|v| format!("{v}{c}")));
    html! {
        <div class="osk">
            <button class="osk-toggle" aria-expanded={open.to_string()} aria-controls="osk-keys" onclick={toggle}>
                <span aria-hidden="true">{ "⌨ " }</span>{ ctx.t(T::PinyinKeyboard) }
            </button>
            if *open {
                <div class="osk-keys" id="osk-keys" role="group" aria-label={ctx.t(T::PinyinKeyboard)}>
                    { for ROWS.iter().map(|row| html! {
                        <div class="osk-row">
                            { for row.chars().map(|c| html! { <button class="osk-key" data-key={c.to_string()} onclick={key(c)}>{ c }</button> }) }
                        </div>
                    }) }
                    <div class="osk-row">
                        <button class="osk-key wide" data-key="space" onclick={Callback::from(|_: MouseEvent| type_into_search(|v| format!("{v} ")))}>{ ctx.t(T::Space) }</button>
                        <button class="osk-key" data-key="backspace" aria-label={ctx.t(T::Backspace)} onclick={Callback::from(|_: MouseEvent| type_into_search(|v| { let mut s = v.to_string(); s.pop(); s }))}>{ "⌫" }</button>
                        <button class="osk-key" data-key="clear" onclick={Callback::from(|_: MouseEvent| type_into_search(|_| String::new()))}>{ ctx.t(T::Clear) }</button>
                        <button class="osk-key enter" data-key="enter" onclick={Callback::from(|_: MouseEvent| submit_search())}>{ ctx.t(T::SearchButton) }</button>
                    </div>
                </div>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_second_is_singular() {
        assert!(countdown_text(Lang::En, 1).contains("in 1 second "));
        assert!(countdown_text(Lang::En, 2).contains("in 2 seconds"));
        assert!(countdown_text(Lang::Zh, 5).contains("5 秒"));
    }
}
