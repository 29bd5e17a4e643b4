//! The view of a `#/…` address that names no view.

use yew::prelude::*;

use crate::components::status::not_found;
use crate::context::Ctx;
use crate::i18n::T;

#[component]
pub fn NotFound() -> Html {
    let ctx = use_context::<Ctx>().expect("context");
    not_found(T::NotFoundPage, ctx.lang)
}
