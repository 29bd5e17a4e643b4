//! The search box in the header: results while typing (debounced), pinyin
//! suggestions for the word being typed, and the query of a results page
//! shown in it. Uncontrolled: the box holds what the visitor types, and the
//! URL's query is written into it only when the URL changes.

use gloo::timers::callback::Timeout;
use kanbao_bundle::search::suggest;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::{use_archive, Ctx, Loadable, Route, SearchParams};
use crate::i18n::T;

const DEBOUNCE_MS: u32 = 300;

/// The trailing pinyin being typed (`平湖 yurong` → `yurong`, `ping hu` → `ping hu`):
/// letters, spaces and apostrophes, possibly after Chinese characters of the
/// same word; empty unless it has a letter.
pub fn pinyin_word(text: &str) -> String {
    let t = text.trim_end();
    let start = t
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_alphabetic() || *c == ' ' || *c == '\'')
        .last()
        .map(|(i, _)| i)
        .unwrap_or(t.len());
    let word = t[start..].trim_start();
    if word.chars().any(|c| c.is_ascii_alphabetic()) {
        word.to_string()
    } else {
        String::new()
    }
}

#[component]
pub fn SearchBox() -> Html {
    let ctx = use_context::<Ctx>().expect("context");
    let navigator = use_navigator();
    let location = use_location();
    let route = use_route::<Route>();
    let input = use_node_ref();
    let timer = use_mut_ref(|| None::<Timeout>);
    let on_search_page = route == Some(Route::Search);
    let params = if on_search_page {
        SearchParams::of(&location)
    } else {
        SearchParams::default()
    };
    {
        // Keep the box in step with the URL (back/forward, links), unless the
        // reader is typing in it.
        let input = input.clone();
        use_effect_with(params.q.clone(), move |q| {
            if let Some(el) = input.cast::<HtmlInputElement>() {
                let focused = gloo::utils::document()
                    .active_element()
                    .is_some_and(|a| a.id() == "q");
                if el.value() != *q && !focused {
                    el.set_value(q);
                }
            }
        });
    }
    // Goes to the results of `q`, keeping the filters chosen so far.
    let go = {
        let navigator = navigator.clone();
        let params = params.clone();
        move |q: String, replace: bool| {
            let Some(nav) = &navigator else { return };
            let next = SearchParams {
                q,
                sort: params.sort.clone(),
                p: None,
                ..params.clone()
            };
            let _ = if replace {
                nav.replace_with_query(&Route::Search, &next)
            } else {
                nav.push_with_query(&Route::Search, &next)
            };
        }
    };
    // The word being typed, for pinyin suggestions.
    let typing = use_state(String::new);
    let suggestions = use_archive(pinyin_word(&typing), |a, w: &String| {
        if w.is_empty() {
            Ok(Vec::new())
        } else {
            suggest(a, w, 8)
        }
    });
    let oninput = {
        let go = go.clone();
        let timer = timer.clone();
        let current = params.q.clone();
        let typing = typing.clone();
        Callback::from(move |e: InputEvent| {
            // Wait for the input method to finish a Chinese character.
            if e.is_composing() {
                return;
            }
            let Some(el) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            else {
                return;
            };
            typing.set(el.value());
            let go = go.clone();
            let current = current.clone();
            *timer.borrow_mut() = Some(Timeout::new(DEBOUNCE_MS, move || {
                let q = el.value().trim().to_string();
                if q != current && !q.is_empty() {
                    // While typing on the results page, replace the history entry.
                    go(q, on_search_page);
                }
            }));
        })
    };
    {
        // The last input event of an input method's composition still says it is
        // composing; search when the composition ends instead.
        let input = input.clone();
        let go = go.clone();
        let timer = timer.clone();
        use_effect_with((params.clone(), on_search_page), move |_| {
            let listener = input.cast::<HtmlInputElement>().map(|el| {
                let target = el.clone();
                gloo::events::EventListener::new(&el, "compositionend", move |_| {
                    let go = go.clone();
                    let el = target.clone();
                    *timer.borrow_mut() = Some(Timeout::new(DEBOUNCE_MS, move || {
                        let q = el.value().trim().to_string();
                        if !q.is_empty() {
                            go(q, on_search_page);
                        }
                    }));
                })
            });
            move || drop(listener)
        });
    }
    let suggestions = match suggestions {
        Loadable::Ready(v) if !pinyin_word(&typing).is_empty() => v,
        _ => Vec::new(),
    };
    let pick = {
        let go = go.clone();
        let typing = typing.clone();
        let input = input.clone();
        move |word: String| {
            let go = go.clone();
            let typing = typing.clone();
            let input = input.clone();
            Callback::from(move |_: MouseEvent| {
                // Replace the pinyin being typed by the chosen word.
                let text = (*typing).clone();
                let keep = text.trim_end().len() - pinyin_word(&text).len();
                let q = format!("{}{word}", &text[..keep]);
                if let Some(el) = input.cast::<HtmlInputElement>() {
                    el.set_value(&q);
                }
                typing.set(String::new());
                go(q, false);
            })
        }
    };
    let onsubmit = {
        let input = input.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            timer.borrow_mut().take();
            let Some(el) = input.cast::<HtmlInputElement>() else {
                return;
            };
            go(el.value().trim().to_string(), false);
        })
    };
    html! {
        <form class="search-box" role="search" {onsubmit}>
            <label for="q" class="visually-hidden">{ ctx.t(T::SearchLabel) }</label>
            <input id="q" name="q" type="search" ref={input} placeholder={ctx.t(T::SearchPlaceholder)}
                autocomplete="off" enterkeyhint="search" value={params.q.clone()} {oninput}
                aria-keyshortcuts="/" />
            <button type="submit">{ ctx.t(T::SearchButton) }</button>
            if !suggestions.is_empty() {
                <ul class="suggestions" id="suggestions" aria-label={ctx.t(T::PinyinSuggestions)}>
                    { for suggestions.iter().map(|s| html! {
                        <li><button type="button" onclick={pick(s.word.clone())}>
                            <span class="word">{ s.word.clone() }</span><span class="py">{ s.pinyin.clone() }</span>
                        </button></li>
                    }) }
                </ul>
            }
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pinyin_being_typed() {
        assert_eq!(pinyin_word("pinghu"), "pinghu");
        assert_eq!(pinyin_word("ping hu"), "ping hu");
        assert_eq!(pinyin_word("平湖 yurong"), "yurong");
        assert_eq!(pinyin_word("平湖"), "");
        assert_eq!(pinyin_word("1998 "), "");
        assert_eq!(pinyin_word(""), "");
    }
}
