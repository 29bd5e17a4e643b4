//! The stage: the page's box on screen, the canvas in it (the image and the
//! outlines), and the transform written to the canvas.

use std::cell::RefCell;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::Element;
use yew::prelude::*;

use super::gesture::Gesture;

#[derive(Default)]
pub struct Stage {
    pub g: RefCell<Gesture>,
    pub stage: NodeRef,
    pub canvas: NodeRef,
}

impl Stage {
    pub fn size(&self) -> (f64, f64) {
        self.stage
            .cast::<Element>()
            .map(|e| (e.client_width() as f64, e.client_height() as f64))
            .unwrap_or((1.0, 1.0))
    }

    /// Client coordinates to the stage's.
    pub fn local(&self, x: f64, y: f64) -> (f64, f64) {
        let Some(el) = self.stage.cast::<Element>() else {
            return (x, y);
        };
        let rect = js_sys::Reflect::get(&el, &JsValue::from_str("getBoundingClientRect"))
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            .and_then(|f| f.call0(&el).ok());
        let field = |name: &str| {
            rect.as_ref()
                .and_then(|r| js_sys::Reflect::get(r, &JsValue::from_str(name)).ok())
                .and_then(|v| v.as_f64())
                .unwrap_or(0.0)
        };
        (x - field("left"), y - field("top"))
    }

    /// Writes the transform to the canvas (no re-render: a gesture moves it
    /// every frame); outlines keep their width on screen through `--inv`.
    pub fn apply(&self) {
        let (sw, sh) = self.size();
        let mut g = self.g.borrow_mut();
        g.clamp(sw, sh);
        if let Some(c) = self.canvas.cast::<Element>() {
            let _ = c.set_attribute(
                "style",
                &format!(
                    "width:{}px;height:{}px;transform:translate({:.2}px,{:.2}px) scale({:.5});--inv:{:.4}",
                    g.w,
                    g.h,
                    g.tx,
                    g.ty,
                    g.s,
                    1.0 / g.s
                ),
            );
        }
        let zoomed = !g.at_fit();
        drop(g);
        if let Some(st) = self.stage.cast::<Element>() {
            let _ = st.set_attribute("data-zoomed", if zoomed { "1" } else { "0" });
        }
    }

    /// Fits the page (`w` × `h` image pixels) to the stage, then shows the
    /// box `current` (image pixels) when there is one: the viewer's start.
    pub fn start(&self, w: f64, h: f64, current: Option<(f64, f64, f64, f64)>) {
        {
            let mut g = self.g.borrow_mut();
            g.w = w;
            g.h = h;
        }
        self.refit();
        if let Some(b) = current {
            let (sw, sh) = self.size();
            self.g.borrow_mut().show(b, sw, sh, 3.0);
            self.apply();
        }
    }

    pub fn refit(&self) {
        let (sw, sh) = self.size();
        let mut g = self.g.borrow_mut();
        g.fit = (sw / g.w).min(sh / g.h).max(1e-3);
        g.s = g.fit;
        drop(g);
        self.apply();
    }

    pub fn zoom_center(&self, k: f64) {
        let (sw, sh) = self.size();
        self.g.borrow_mut().zoom_at(k, sw / 2.0, sh / 2.0);
        self.apply();
    }

    pub fn pan(&self, dx: f64, dy: f64) {
        {
            let mut g = self.g.borrow_mut();
            g.tx += dx;
            g.ty += dy;
        }
        self.apply();
    }

    /// Double tap or double click: in at the point, or back to fit.
    pub fn toggle_zoom(&self, x: f64, y: f64) {
        {
            let mut g = self.g.borrow_mut();
            if g.at_fit() {
                g.zoom_at(2.5, x, y);
            } else {
                g.s = g.fit;
            }
        }
        self.apply();
    }

    /// Brings a region link that got focus into view when it is off the stage.
    pub fn reveal(&self, el: &Element) {
        let num = |k: &str| {
            el.get_attribute(k)
                .and_then(|v| v.parse::<f64>().ok())
                .unwrap_or(0.0)
        };
        let b = (
            num("data-x0"),
            num("data-y0"),
            num("data-x1"),
            num("data-y1"),
        );
        let (sw, sh) = self.size();
        {
            let mut g = self.g.borrow_mut();
            let (l, t) = (g.tx + b.0 * g.s, g.ty + b.1 * g.s);
            let (r, bt) = (g.tx + b.2 * g.s, g.ty + b.3 * g.s);
            if l >= 0.0 && t >= 0.0 && r <= sw && bt <= sh {
                return;
            }
            g.tx = sw / 2.0 - (b.0 + b.2) / 2.0 * g.s;
            g.ty = sh / 2.0 - (b.1 + b.3) / 2.0 * g.s;
        }
        self.apply();
    }
}
