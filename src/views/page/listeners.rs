//! The stage's listeners: wheel (not passive, to keep the page from
//! scrolling), pointers for drag and pinch, taps and double taps, double
//! click, keys, focus and resize. Each event has a handler of its own, and
//! [`on`] sets each up the same way.

use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use web_sys::{Element, EventTarget, HtmlElement};
use yew::prelude::*;

use super::stage::Stage;

/// What the stage does with one kind of event.
type Handler = fn(&Stage, &Event);

/// Listens for `event` on `target`, handled by `handler` on the stage.
fn on(
    target: &EventTarget,
    stage: &Rc<Stage>,
    event: &'static str,
    options: EventListenerOptions,
    handler: Handler,
) -> EventListener {
    let stage = stage.clone();
    EventListener::new_with_options(target, event, options, move |e| handler(&stage, e))
}

/// Every listener of the stage, removed when dropped.
pub fn listen(stage: &Rc<Stage>) -> Vec<EventListener> {
    let Some(el) = stage.stage.cast::<HtmlElement>() else {
        return Vec::new();
    };
    // These prevent the browser's default: scrolling, a tap's click, keys.
    let active = EventListenerOptions::enable_prevent_default();
    let passive = EventListenerOptions::default();
    let on_stage: [(&'static str, EventListenerOptions, Handler); 9] = [
        ("wheel", active, wheel),
        ("pointerdown", passive, pointer_down),
        ("pointermove", passive, pointer_move),
        ("pointerup", passive, pointer_up),
        ("pointercancel", passive, pointer_up),
        ("touchend", active, touch_end),
        ("dblclick", passive, double_click),
        ("keydown", active, key_down),
        ("focusin", passive, focus_in),
    ];
    let mut out: Vec<EventListener> = on_stage
        .into_iter()
        .map(|(event, options, handler)| on(&el, stage, event, options, handler))
        .collect();
    out.push(on(&gloo::utils::window(), stage, "resize", passive, resize));
    out
}

/// The wheel zooms at the pointer; sideways (or with Shift) it pans.
fn wheel(s: &Stage, e: &Event) {
    let Some(e) = e.dyn_ref::<WheelEvent>() else {
        return;
    };
    e.prevent_default();
    let unit = match e.delta_mode() {
        1 => 16.0,
        2 => 400.0,
        _ => 1.0,
    };
    let (dx, dy) = (e.delta_x() * unit, e.delta_y() * unit);
    if dx.abs() > dy.abs() || e.shift_key() {
        let d = if dx.abs() > dy.abs() { dx } else { dy };
        s.pan(-d, 0.0);
    } else {
        let (x, y) = s.local(e.client_x() as f64, e.client_y() as f64);
        s.g.borrow_mut().zoom_at((-dy * 0.002).exp(), x, y);
        s.apply();
    }
}

fn pointer_down(s: &Stage, e: &Event) {
    let Some(e) = e.dyn_ref::<PointerEvent>() else {
        return;
    };
    if e.pointer_type() == "mouse" && e.button() != 0 {
        return;
    }
    let p = s.local(e.client_x() as f64, e.client_y() as f64);
    let mut g = s.g.borrow_mut();
    g.pointers.insert(e.pointer_id(), p);
    if g.pointers.len() == 1 {
        g.start = p;
        g.moved = false;
    } else {
        // A second finger: a pinch, never a tap.
        g.moved = true;
    }
    g.tap = None;
}

/// Two pointers pinch (zoom about their middle, and move with it); one
/// drags once it has moved a few pixels.
fn pointer_move(s: &Stage, e: &Event) {
    let Some(e) = e.dyn_ref::<PointerEvent>() else {
        return;
    };
    let p = s.local(e.client_x() as f64, e.client_y() as f64);
    let mut g = s.g.borrow_mut();
    let Some(&before) = g.pointers.get(&e.pointer_id()) else {
        return;
    };
    if g.pointers.len() >= 2 {
        let other = g
            .pointers
            .iter()
            .find(|(id, _)| **id != e.pointer_id())
            .map(|(_, p)| *p)
            .unwrap_or(before);
        let d0 = (before.0 - other.0).hypot(before.1 - other.1).max(1.0);
        let d1 = (p.0 - other.0).hypot(p.1 - other.1).max(1.0);
        let mid0 = ((before.0 + other.0) / 2.0, (before.1 + other.1) / 2.0);
        let mid1 = ((p.0 + other.0) / 2.0, (p.1 + other.1) / 2.0);
        g.zoom_at(d1 / d0, mid1.0, mid1.1);
        g.tx += mid1.0 - mid0.0;
        g.ty += mid1.1 - mid0.1;
        g.pointers.insert(e.pointer_id(), p);
        drop(g);
        s.apply();
        return;
    }
    if !g.moved && (p.0 - g.start.0).hypot(p.1 - g.start.1) > 6.0 {
        g.moved = true;
        // A drag, not a click: the release goes to the stage, so no
        // link under the pointer opens.
        if let Some(el) = s.stage.cast::<Element>() {
            let _ = el.set_pointer_capture(e.pointer_id());
        }
    }
    g.pointers.insert(e.pointer_id(), p);
    if g.moved {
        g.tx += p.0 - before.0;
        g.ty += p.1 - before.1;
        drop(g);
        s.apply();
    }
}

/// `pointerup` and `pointercancel`: a touch that went up without moving
/// is a tap.
fn pointer_up(s: &Stage, e: &Event) {
    let Some(e) = e.dyn_ref::<PointerEvent>() else {
        return;
    };
    let mut g = s.g.borrow_mut();
    let p = g.pointers.remove(&e.pointer_id());
    if e.type_() == "pointerup" && e.pointer_type() == "touch" && !g.moved && g.pointers.is_empty()
    {
        g.tap = p;
    }
}

/// A touch tap: the stage handles its click, to tell a double tap (zoom)
/// from a tap on an article (open it, once no second tap came).
fn touch_end(s: &Stage, e: &Event) {
    let Some(p) = s.g.borrow_mut().tap.take() else {
        return;
    };
    e.prevent_default();
    let now = js_sys::Date::now();
    let double = {
        let g = s.g.borrow();
        g.last_tap
            .is_some_and(|(t, x, y)| now - t < 350.0 && (x - p.0).hypot(y - p.1) < 40.0)
    };
    if double {
        {
            let mut g = s.g.borrow_mut();
            g.last_tap = None;
            g.pending_tap = None;
        }
        s.toggle_zoom(p.0, p.1);
        return;
    }
    let link = e
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|t| t.closest("a.region").ok().flatten())
        .and_then(|a| a.dyn_into::<HtmlElement>().ok());
    let mut g = s.g.borrow_mut();
    g.last_tap = Some((now, p.0, p.1));
    g.pending_tap = link.map(|a| {
        Timeout::new(300, move || {
            // As a click on the link does (the kiosk keeps no history of it).
            a.click();
        })
    });
}

fn double_click(s: &Stage, e: &Event) {
    let Some(e) = e.dyn_ref::<MouseEvent>() else {
        return;
    };
    let (x, y) = s.local(e.client_x() as f64, e.client_y() as f64);
    s.toggle_zoom(x, y);
}

/// `+` and `-` zoom, `0` fits, the arrow keys pan.
fn key_down(s: &Stage, e: &Event) {
    let Some(e) = e.dyn_ref::<KeyboardEvent>() else {
        return;
    };
    if e.ctrl_key() || e.meta_key() || e.alt_key() {
        return;
    }
    let step = 80.0;
    match e.key().as_str() {
        "+" | "=" => s.zoom_center(1.5),
        "-" | "_" => s.zoom_center(1.0 / 1.5),
        "0" => s.refit(),
        "ArrowLeft" => s.pan(step, 0.0),
        "ArrowRight" => s.pan(-step, 0.0),
        "ArrowUp" => s.pan(0.0, step),
        "ArrowDown" => s.pan(0.0, -step),
        _ => return,
    }
    e.prevent_default();
}

/// A region link that got focus (Tab) is brought into view.
fn focus_in(s: &Stage, e: &Event) {
    if let Some(a) = e
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .filter(|t| t.matches("a.region").unwrap_or(false))
    {
        s.reveal(&a);
    }
}

/// The window's size changed: still fitted if it was, else kept in bounds.
fn resize(s: &Stage, _: &Event) {
    if s.g.borrow().at_fit() {
        s.refit();
    } else {
        s.apply();
    }
}
