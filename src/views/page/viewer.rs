//! The page image on its stage, with the articles outlined and the zoom
//! tools: what a page with an image shows.

use kanbao_bundle::{PageImage, PageSize};
use yew::prelude::*;

use super::image::{self, ImageState};
use super::listeners::listen;
use super::overlay::{outlines, Mark};
use super::stage::Stage;
use super::toolbar::toolbar;
use crate::context::Ctx;
use crate::i18n::T;
use crate::perf::{mark, measure};
use crate::printed_page::image_src;
use crate::route::ArticleParams;

#[derive(Properties, PartialEq)]
pub struct ViewerProps {
    pub image: PageImage,
    pub size: PageSize,
    pub marks: Vec<Mark>,
    /// The article to show (zoomed to and marked).
    pub current: Option<String>,
    pub hl: Option<String>,
    /// `第3版`.
    pub label: String,
    /// Every article on the page (id, headline), listed if the image fails.
    pub texts: Vec<(String, String)>,
}

#[component]
pub fn Viewer(props: &ViewerProps) -> Html {
    let ctx = use_context::<Ctx>().expect("context");
    let lang = ctx.lang;
    let image_state = use_state(|| ImageState::Loading);
    let stage = use_memo((), |_| Stage::default());
    let (w, h) = (
        props.image.width.max(1) as f64,
        props.image.height.max(1) as f64,
    );
    // Points to image pixels.
    let (kx, ky) = (
        w / props.size.width.max(1.0) as f64,
        h / props.size.height.max(1.0) as f64,
    );
    {
        // Fitted, at the current article, and listening from the start.
        let stage = stage.clone();
        let current = props
            .current
            .as_ref()
            .and_then(|c| props.marks.iter().find(|m| &m.id == c).map(|m| m.bounds))
            .map(|b| {
                (
                    b.0 as f64 * kx,
                    b.1 as f64 * ky,
                    b.2 as f64 * kx,
                    b.3 as f64 * ky,
                )
            });
        use_effect_with((), move |_| {
            stage.start(w, h, current);
            let listeners = listen(&stage);
            move || drop(listeners)
        });
    }
    {
        // The page view is interactive once the image is on screen: its
        // outlines and listeners are there before it loads.
        use_effect_with(*image_state, |s| {
            if *s == ImageState::Shown {
                mark("kanbao-page-interactive");
                measure("kanbao-page-ready", "kanbao-page-image");
            }
        });
    }
    let onload = image::on_load(image_state.clone(), &props.image);
    let onerror = {
        let image_state = image_state.clone();
        Callback::from(move |_: Event| image_state.set(ImageState::Failed))
    };
    let src = image_src(&props.image);
    if *image_state == ImageState::Failed {
        return image::missing(&props.label, src, &props.texts, lang);
    }
    let hl = ArticleParams {
        hl: props.hl.clone(),
    };
    let alt = T::PageImageAlt.s(lang).replace("{}", &props.label);
    html! {
        <>
            { toolbar(&stage, lang) }
            <div class="page-stage" id="page-stage" ref={stage.stage.clone()} tabindex="0"
                role="group" aria-label={alt.clone()}
                data-image={(*image_state).eq(&ImageState::Shown).then_some("shown")}>
                <div class="page-canvas" ref={stage.canvas.clone()}
                    style={format!("width:{w}px;height:{h}px")}>
                    <img class="page-image" {src} {alt} width={props.image.width.to_string()}
                        height={props.image.height.to_string()} draggable="false" {onload} {onerror} />
                    { for outlines(&props.marks, props.current.as_deref(), &hl, props.size, (kx, ky)) }
                </div>
            </div>
        </>
    }
}
