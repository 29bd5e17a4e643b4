//! The tools above the page: zoom out, in and to fit, and how to move it.

use std::rc::Rc;

use yew::prelude::*;

use super::stage::Stage;
use crate::i18n::{Lang, T};

pub fn toolbar(stage: &Rc<Stage>, lang: Lang) -> Html {
    let button = |label: T, text: &'static str, class: &'static str, f: Rc<dyn Fn()>| {
        html! {
            <button class={classes!("zoom", class)} aria-label={label.s(lang)} title={label.s(lang)}
                onclick={Callback::from(move |_: MouseEvent| f())}>
                <span aria-hidden="true">{ text }</span>
            </button>
        }
    };
    let zin: Rc<dyn Fn()> = {
        let s = stage.clone();
        Rc::new(move || s.zoom_center(1.5))
    };
    let zout: Rc<dyn Fn()> = {
        let s = stage.clone();
        Rc::new(move || s.zoom_center(1.0 / 1.5))
    };
    let zfit: Rc<dyn Fn()> = {
        let s = stage.clone();
        Rc::new(move || s.refit())
    };
    html! {
        <div class="page-tools">
            <div class="zoom-buttons" role="group" aria-label={T::Zoom.s(lang)}>
                { button(T::ZoomOut, "−", "zoom-out", zout) }
                { button(T::ZoomIn, "+", "zoom-in", zin) }
                { button(T::ZoomFit, T::ZoomFit.s(lang), "zoom-fit", zfit) }
            </div>
            <p class="page-hint">{ T::PageViewHint.s(lang) }</p>
        </div>
    }
}
