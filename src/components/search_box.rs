//! The search box in the header: results while typing (debounced), pinyin
//! suggestions for the word being typed as a combobox (arrow keys, Enter,
//! Esc), and the query of a results page shown in it.
//!
//! The box is uncontrolled: it holds what the visitor types, and the URL's
//! query is written into it only when the URL changes to a query the box did
//! not send itself (back and forward, links, a kiosk reset). Yew forces a
//! controlled input's `value` on every render, and each keystroke renders
//! (the suggestions follow the typing), so a `value={…}` here undid every
//! key a visitor pressed.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use kanbao_bundle::search::{suggest, Suggestion};
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::context::{use_archive, Ctx, Loadable};
use crate::i18n::T;
use crate::route::{Route, SearchParams};

const DEBOUNCE_MS: u32 = 300;

/// The header's search box, `#q`.
pub fn search_input() -> Option<HtmlInputElement> {
    gloo::utils::document()
        .get_element_by_id("q")
        .and_then(|e| e.dyn_into().ok())
}

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

/// `text` with its trailing pinyin replaced by the chosen `word`.
pub fn with_suggestion(text: &str, word: &str) -> String {
    let keep = text.trim_end().len() - pinyin_word(text).len();
    format!("{}{word}", &text[..keep])
}

/// The option moved to by an arrow key among `n` (wrapping; none when empty).
fn step(active: Option<usize>, n: usize, down: bool) -> Option<usize> {
    if n == 0 {
        return None;
    }
    Some(match (active, down) {
        (None, true) => 0,
        (None, false) => n - 1,
        (Some(i), true) => (i + 1) % n,
        (Some(i), false) => (i + n - 1) % n,
    })
}

/// What the box's handlers share: the input, the pending search, what is
/// being typed, the highlighted suggestion and whether the list was closed,
/// and how to go to a query's results.
#[derive(Clone)]
struct BoxState {
    input: NodeRef,
    timer: Rc<RefCell<Option<Timeout>>>,
    typing: UseStateHandle<String>,
    active: UseStateHandle<Option<usize>>,
    closed: UseStateHandle<bool>,
    /// Goes to the results of a query (`true`: in place of this history entry).
    go: Rc<dyn Fn(String, bool)>,
}

#[component]
pub fn SearchBox() -> Html {
    let ctx = use_context::<Ctx>().expect("context");
    let navigator = use_navigator();
    let location = use_location();
    let route = use_route::<Route>();
    let input = use_node_ref();
    let timer = use_mut_ref(|| None::<Timeout>);
    // The query this box last sent to the URL: the URL's answer to it must
    // not be written back over what the visitor typed since.
    let sent: Rc<RefCell<String>> = use_mut_ref(String::new);
    let on_search_page = route == Some(Route::Search);
    let params = if on_search_page {
        SearchParams::of(&location)
    } else {
        SearchParams::default()
    };
    // The text typed so far (for the suggestions), the highlighted
    // suggestion, and whether the visitor closed the list with Esc.
    let typing = use_state(String::new);
    let active = use_state(|| None::<usize>);
    let closed = use_state(|| false);
    use_query_in_box(&input, &sent, &typing, params.q.clone());
    let state = BoxState {
        input: input.clone(),
        timer,
        typing,
        active,
        closed,
        go: go_to_results(navigator, &params, sent, on_search_page),
    };
    let word = pinyin_word(&state.typing);
    let suggestions = use_suggestions(word, *state.closed);
    let open = !suggestions.is_empty();
    let active_index = state.active.filter(|&i| i < suggestions.len());
    let oninput = state.on_input(params.q.clone(), on_search_page);
    use_search_after_composition(&state, &params, on_search_page);
    let pick = state.pick();
    let words: Vec<String> = suggestions.iter().map(|s| s.word.clone()).collect();
    let onkeydown = state.on_key_down(words, active_index, pick.clone());
    let onsubmit = state.on_submit();
    html! {
        <form class="search-box" role="search" {onsubmit}>
            <label for="q" class="visually-hidden">{ ctx.t(T::SearchLabel) }</label>
            <input id="q" name="q" type="search" ref={input} placeholder={ctx.t(T::SearchPlaceholder)}
                autocomplete="off" autocapitalize="off" spellcheck="false" enterkeyhint="search"
                {oninput} {onkeydown} aria-keyshortcuts="/"
                role="combobox" aria-autocomplete="list" aria-expanded={open.to_string()}
                aria-controls={open.then_some("suggestions")}
                aria-activedescendant={active_index.map(option_id)} />
            <button type="submit">{ ctx.t(T::SearchButton) }</button>
            if open { { suggestion_list(&suggestions, active_index, &pick, ctx.t(T::PinyinSuggestions)) } }
        </form>
    }
}

/// The id of the `i`th suggestion.
fn option_id(i: usize) -> String {
    format!("suggestion-{i}")
}

/// Writes the URL's query `q` into the box when it changes to one the box
/// did not send itself.
#[hook]
fn use_query_in_box(
    input: &NodeRef,
    sent: &Rc<RefCell<String>>,
    typing: &UseStateHandle<String>,
    q: String,
) {
    let input = input.clone();
    let sent = sent.clone();
    let typing = typing.clone();
    use_effect_with(q, move |q| {
        if let Some(el) = input.cast::<HtmlInputElement>() {
            if *q != *sent.borrow() && el.value().trim() != q.trim() {
                el.set_value(q);
                typing.set(String::new());
            }
        }
        sent.borrow_mut().clear();
    });
}

/// Goes to the results of `q`, keeping the filters chosen so far.
fn go_to_results(
    navigator: Option<Navigator>,
    params: &SearchParams,
    sent: Rc<RefCell<String>>,
    on_search_page: bool,
) -> Rc<dyn Fn(String, bool)> {
    let params = params.clone();
    Rc::new(move |q: String, replace: bool| {
        let Some(nav) = &navigator else { return };
        // The same query again (Enter after the live search ran) stays
        // one history entry.
        let replace = replace || (on_search_page && q == params.q);
        let next = SearchParams {
            q,
            sort: params.sort.clone(),
            p: None,
            ..params.clone()
        };
        *sent.borrow_mut() = next.q.clone();
        let _ = if replace {
            nav.replace_with_query(&Route::Search, &next)
        } else {
            nav.push_with_query(&Route::Search, &next)
        };
    })
}

/// Pinyin suggestions for `word`, the pinyin being typed: none without one,
/// or once the visitor closed the list.
#[hook]
fn use_suggestions(word: String, closed: bool) -> Vec<Suggestion> {
    let suggestions = use_archive(word.clone(), |a, w: &String| {
        if w.is_empty() {
            Ok(Vec::new())
        } else {
            suggest(a, w, 8)
        }
    });
    match suggestions {
        Loadable::Ready(v) if !word.is_empty() && !closed => v,
        _ => Vec::new(),
    }
}

/// The last input event of an input method's composition still says it is
/// composing; search when the composition ends instead.
#[hook]
fn use_search_after_composition(state: &BoxState, params: &SearchParams, on_search_page: bool) {
    let input = state.input.clone();
    let go = state.go.clone();
    let timer = state.timer.clone();
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

impl BoxState {
    /// Typing: the suggestions follow at once; the search runs after a
    /// pause, for a query other than `current`.
    fn on_input(&self, current: String, on_search_page: bool) -> Callback<InputEvent> {
        let s = self.clone();
        Callback::from(move |e: InputEvent| {
            let Some(el) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            else {
                return;
            };
            s.typing.set(el.value());
            s.active.set(None);
            s.closed.set(false);
            // Wait for the input method to finish a Chinese character.
            if e.is_composing() {
                return;
            }
            let go = s.go.clone();
            let current = current.clone();
            *s.timer.borrow_mut() = Some(Timeout::new(DEBOUNCE_MS, move || {
                let q = el.value().trim().to_string();
                if q != current && !q.is_empty() {
                    // While typing on the results page, replace the history entry.
                    go(q, on_search_page);
                }
            }));
        })
    }

    /// Takes a suggestion: it replaces the pinyin being typed, the search
    /// runs, and the box keeps focus for more typing.
    fn pick(&self) -> Rc<dyn Fn(String)> {
        let s = self.clone();
        Rc::new(move |word: String| {
            let Some(el) = s.input.cast::<HtmlInputElement>() else {
                return;
            };
            s.timer.borrow_mut().take();
            let q = with_suggestion(&el.value(), &word);
            el.set_value(&q);
            s.typing.set(String::new());
            (s.go)(q.trim().to_string(), false);
            let _ = el.focus();
        })
    }

    /// The combobox's keys over the suggestions `words`: arrows move, Enter
    /// takes the highlighted one, Esc closes the list, then clears the box.
    fn on_key_down(
        &self,
        words: Vec<String>,
        active_index: Option<usize>,
        pick: Rc<dyn Fn(String)>,
    ) -> Callback<KeyboardEvent> {
        let s = self.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.is_composing() {
                return;
            }
            match e.key().as_str() {
                "ArrowDown" | "ArrowUp" if !words.is_empty() => {
                    e.prevent_default();
                    s.active
                        .set(step(active_index, words.len(), e.key() == "ArrowDown"));
                }
                "Enter" => {
                    if let Some(w) = active_index.and_then(|i| words.get(i)) {
                        e.prevent_default();
                        pick(w.clone());
                    }
                }
                "Escape" => {
                    e.prevent_default();
                    if !words.is_empty() {
                        // First Esc closes the suggestions, the next clears the box.
                        s.closed.set(true);
                        s.active.set(None);
                    } else if let Some(el) = e
                        .target()
                        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
                    {
                        s.timer.borrow_mut().take();
                        el.set_value("");
                        s.typing.set(String::new());
                        let _ = el.blur();
                    }
                }
                _ => {}
            }
        })
    }

    /// The 搜索 button or Enter: search now.
    fn on_submit(&self) -> Callback<SubmitEvent> {
        let s = self.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            s.timer.borrow_mut().take();
            let Some(el) = s.input.cast::<HtmlInputElement>() else {
                return;
            };
            s.typing.set(String::new());
            // An empty box opens the search page's help on how to search.
            (s.go)(el.value().trim().to_string(), false);
        })
    }
}

/// The suggestions as a listbox, `active` highlighted; `pick` takes one.
fn suggestion_list(
    suggestions: &[Suggestion],
    active: Option<usize>,
    pick: &Rc<dyn Fn(String)>,
    label: &'static str,
) -> Html {
    html! {
        <ul class="suggestions" id="suggestions" role="listbox" aria-label={label}>
            { for suggestions.iter().enumerate().map(|(i, s)| {
                let pick = pick.clone();
                let word = s.word.clone();
                // Pressing an option must not take focus from the box.
                let onpointerdown = Callback::from(|e: PointerEvent| e.prevent_default());
                let onclick = Callback::from(move |_: MouseEvent| pick(word.clone()));
                let selected = active == Some(i);
                html! {
                    <li role="option" id={option_id(i)} aria-selected={selected.to_string()}
                        class={selected.then_some("active")} {onpointerdown} {onclick}>
                        <span class="word" lang="zh-CN">{ s.word.clone() }</span><span class="py" lang="zh-Latn-pinyin">{ s.pinyin.clone() }</span>
                    </li>
                }
            }) }
        </ul>
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

    #[test]
    fn a_suggestion_replaces_the_pinyin_being_typed() {
        assert_eq!(with_suggestion("pinghu", "平湖"), "平湖");
        assert_eq!(with_suggestion("平湖 yurongfu ", "羽绒服"), "平湖 羽绒服");
        assert_eq!(with_suggestion("1998 ping", "平湖"), "1998 平湖");
    }

    #[test]
    fn arrow_keys_wrap_around_the_suggestions() {
        assert_eq!(step(None, 3, true), Some(0));
        assert_eq!(step(None, 3, false), Some(2));
        assert_eq!(step(Some(2), 3, true), Some(0));
        assert_eq!(step(Some(0), 3, false), Some(2));
        assert_eq!(step(None, 0, true), None);
    }
}
