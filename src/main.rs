//! 看报 kanbao reader: a Yew app that opens a kanbao bundle in the browser,
//! from a static host or straight from disk (file://), with no server.

mod app;
mod bridge;
mod calendar;
mod components;
mod config;
mod context;
mod focus;
mod i18n;
mod perf;
mod printed_page;
mod route;
mod settings;
mod shortcuts;
mod store;
mod title;
mod views;
#[cfg(all(test, target_arch = "wasm32"))]
mod wasm_tests;

fn main() {
    if let Some(boot) = gloo::utils::document().get_element_by_id("boot") {
        boot.remove();
    }
    yew::Renderer::<app::App>::new().render();
}
