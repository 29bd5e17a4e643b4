//! End-to-end tests of the built reader in headless Chromium, from file:// and
//! over http. Run through `cargo xtask test` (which builds dist/ first).

mod a11y;
mod bench;
mod broken;
mod compare;
mod counts;
mod interact;
mod package;
mod page;
mod progressive;
mod reader;
mod update;
mod views;
