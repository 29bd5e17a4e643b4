//! "Take it with you": a QR code of an article's permalink, for visitors to
//! scan with a phone. Shown only when the archive has a public address —
//! `public_url` in a package's config.js, or a page served from a real host.

use qrcodegen::{QrCode, QrCodeEcc};
use yew::prelude::*;

use crate::config::public_base;
use crate::context::Ctx;
use crate::i18n::T;
use crate::route::{route_href, Route};

/// The QR code of `text` as SVG path data, with its size in modules.
pub fn qr_path(text: &str) -> Option<(i32, String)> {
    let qr = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let n = qr.size();
    let mut d = String::new();
    for y in 0..n {
        for x in 0..n {
            if qr.get_module(x, y) {
                d.push_str(&format!("M{x} {y}h1v1h-1z"));
            }
        }
    }
    Some((n, d))
}

#[derive(Properties, PartialEq)]
pub struct ShareProps {
    pub article_id: String,
}

#[component]
pub fn Share(props: &ShareProps) -> Html {
    let ctx = use_context::<Ctx>().expect("context");
    let open = use_state(|| false);
    let Some(base) = public_base() else {
        return html! {};
    };
    let id = props.article_id.clone();
    let url = base + &route_href(&Route::Article { id });
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    html! {
        <section class="share" id="share">
            <button onclick={toggle} aria-expanded={open.to_string()}>{ ctx.t(T::ReadOnPhone) }</button>
            if *open {
                if let Some((n, d)) = qr_path(&url) {
                    <figure>
                        <svg class="qr" viewBox={format!("-4 -4 {} {}", n + 8, n + 8)} role="img" aria-label={ctx.t(T::QrLabel)} shape-rendering="crispEdges">
                            <rect x="-4" y="-4" width={(n + 8).to_string()} height={(n + 8).to_string()} fill="#fff" />
                            <path d={d} fill="#000" />
                        </svg>
                        <figcaption>{ ctx.t(T::ScanToRead) }<br /><code>{ url.clone() }</code></figcaption>
                    </figure>
                }
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permalinks_encode() {
        let (n, d) = qr_path("https://example.org/archive/#/article/2023-08-03_1_2").unwrap();
        assert!(n >= 21);
        assert!(d.starts_with('M'));
    }
}
