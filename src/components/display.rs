//! Text size and theme, on every page: the header's 显示 button opens them
//! (a disclosure: Esc or a second press closes it). Remembered on the device.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::context::Ctx;
use crate::i18n::{Lang, T};
use crate::settings::{Settings, TextSize, Theme};

#[component]
pub fn DisplayMenu() -> Html {
    let ctx = use_context::<Ctx>().expect("context");
    let open = use_state(|| false);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    {
        // Esc, or a press outside the menu, closes it.
        let open = open.clone();
        use_effect_with(*open, move |&is_open| {
            let listeners = is_open.then(|| {
                let doc = gloo::utils::document();
                let o = open.clone();
                let key = gloo::events::EventListener::new(&doc, "keydown", move |e| {
                    if e.dyn_ref::<KeyboardEvent>()
                        .is_some_and(|k| k.key() == "Escape")
                    {
                        o.set(false);
                        if let Some(b) = gloo::utils::document()
                            .get_element_by_id("display-toggle")
                            .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
                        {
                            let _ = b.focus();
                        }
                    }
                });
                let o = open.clone();
                let press = gloo::events::EventListener::new(&doc, "pointerdown", move |e| {
                    let inside = e
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                        .and_then(|el| el.closest(".display-menu").ok().flatten())
                        .is_some();
                    if !inside {
                        o.set(false);
                    }
                });
                (key, press)
            });
            move || drop(listeners)
        });
    }
    html! {
        <div class="display-menu">
            <button id="display-toggle" class="display-toggle" aria-expanded={open.to_string()} aria-controls="display-controls" onclick={toggle}>
                <span aria-hidden="true" lang="en">{ "Aa " }</span>{ ctx.t(T::Display) }
            </button>
            if *open { <DisplayControls /> }
        </div>
    }
}

/// Text size in three steps and the theme.
#[component]
pub fn DisplayControls() -> Html {
    let ctx = use_context::<Ctx>().expect("context");
    let lang = ctx.lang;
    let set = |s: Settings| {
        let update = ctx.update.clone();
        Callback::from(move |_: MouseEvent| update.emit(s))
    };
    let size_label = |s: TextSize| match (s, lang) {
        (TextSize::Small, Lang::Zh) => "小",
        (TextSize::Medium, Lang::Zh) => "中",
        (TextSize::Large, Lang::Zh) => "大",
        (TextSize::Small, Lang::En) => "S",
        (TextSize::Medium, Lang::En) => "M",
        (TextSize::Large, Lang::En) => "L",
    };
    let theme_label = |t: Theme| match t {
        Theme::Auto => T::ThemeAuto.s(lang),
        Theme::Light => T::ThemeLight.s(lang),
        Theme::Dark => T::ThemeDark.s(lang),
    };
    html! {
        <div class="display-controls" id="display-controls">
            <div role="group" aria-label={T::TextSize.s(lang)}>
                <span class="label" aria-hidden="true">{ T::TextSize.s(lang) }</span>
                { for TextSize::ALL.into_iter().map(|s| html! {
                    <button class={format!("size-{}", s.key())} aria-pressed={(ctx.settings.size == s).to_string()} onclick={set(Settings { size: s, ..ctx.settings })}>{ size_label(s) }</button>
                }) }
            </div>
            <div role="group" aria-label={T::Theme.s(lang)}>
                <span class="label" aria-hidden="true">{ T::Theme.s(lang) }</span>
                { for Theme::ALL.into_iter().map(|t| html! {
                    <button class={format!("theme-{}", t.key())} aria-pressed={(ctx.settings.theme == t).to_string()} onclick={set(Settings { theme: t, ..ctx.settings })}>{ theme_label(t) }</button>
                }) }
            </div>
        </div>
    }
}
