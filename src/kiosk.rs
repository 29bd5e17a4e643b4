//! Kiosk mode (`?kiosk=1`, or `kiosk: true` in a package's config.js): large
//! text and targets, no print, an idle timer that clears everything a visitor
//! left behind and returns home after a gentle countdown, and an on-screen
//! keyboard for pinyin and digits for visitors without a Chinese input method.

use gloo::timers::callback::{Interval, Timeout};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::{Ctx, Route};
use crate::i18n::T;
use crate::settings::Settings;

/// Default idle time before the reset countdown, in seconds.
pub const DEFAULT_IDLE_SECONDS: u32 = 180;

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

    /// Seconds of countdown shown before the reset.
    pub fn countdown(self) -> u32 {
        (self.idle_seconds / 6).clamp(3, 15)
    }
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
        let left_state = left.clone();
        let ctx = ctx.clone();
        use_effect_with(*left, move |left| {
            let interval = left.map(|n| {
                let left = left_state.clone();
                Interval::new(1000, move || {
                    if n <= 1 {
                        reset(&ctx, navigator.as_ref());
                        left.set(None);
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
        <div class="idle-overlay" role="alertdialog" aria-modal="true" aria-labelledby="idle-title" id="idle-countdown">
            <div class="idle-box">
                <p id="idle-title">{ ctx.t(T::IdleReset).replace("{}", &n.to_string()) }</p>
                <button onclick={stay} autofocus=true>{ ctx.t(T::KeepReading) }</button>
            </div>
        </div>
    }
}

/// Clears what a visitor left: the query, preferences, and the view.
fn reset(ctx: &Ctx, navigator: Option<&Navigator>) {
    if let Ok(Some(storage)) = gloo::utils::window().local_storage() {
        let keys: Vec<String> = (0..storage.length().unwrap_or(0))
            .filter_map(|i| storage.key(i).ok().flatten())
            .filter(|k| k.starts_with("kanbao."))
            .collect();
        for k in keys {
            let _ = storage.remove_item(&k);
        }
    }
    ctx.update.emit(Settings::default());
    if let Some(input) = search_input() {
        input.set_value("");
        let _ = input.blur();
    }
    if let Some(nav) = navigator {
        nav.replace(&Route::Home);
    }
    gloo::utils::window().scroll_to_with_x_and_y(0.0, 0.0);
}

fn search_input() -> Option<HtmlInputElement> {
    gloo::utils::document()
        .get_element_by_id("q")
        .and_then(|e| e.dyn_into().ok())
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
                            { for row.chars().map(|c| html! { <button class="osk-key" onclick={key(c)}>{ c }</button> }) }
                        </div>
                    }) }
                    <div class="osk-row">
                        <button class="osk-key wide" onclick={Callback::from(|_: MouseEvent| type_into_search(|v| format!("{v} ")))}>{ ctx.t(T::Space) }</button>
                        <button class="osk-key" aria-label={ctx.t(T::Backspace)} onclick={Callback::from(|_: MouseEvent| type_into_search(|v| { let mut s = v.to_string(); s.pop(); s }))}>{ "⌫" }</button>
                        <button class="osk-key" onclick={Callback::from(|_: MouseEvent| type_into_search(|_| String::new()))}>{ ctx.t(T::Clear) }</button>
                    </div>
                </div>
            }
        </div>
    }
}
