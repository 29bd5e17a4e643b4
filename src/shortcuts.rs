//! Keyboard shortcuts for the whole reader.

use yew::prelude::*;

/// Keyboard shortcuts for the whole reader: `/` focuses the search box
/// (Esc in the box is the box's own: it closes the suggestions, then clears).
#[hook]
pub fn use_global_keys() {
    use wasm_bindgen::JsCast;
    use_effect_with((), |_| {
        let listener = gloo::events::EventListener::new(&gloo::utils::document(), "keydown", |e| {
            let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                return;
            };
            let active = gloo::utils::document().active_element();
            let typing = active.as_ref().is_some_and(|el| {
                let tag = el.tag_name();
                tag == "INPUT" || tag == "TEXTAREA" || tag == "SELECT"
            });
            let Some(input) = gloo::utils::document()
                .get_element_by_id("q")
                .and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            if e.key() == "/" && !typing && !e.ctrl_key() && !e.meta_key() && !e.alt_key() {
                e.prevent_default();
                let _ = input.focus();
                input.select();
            }
        });
        move || drop(listener)
    });
}
