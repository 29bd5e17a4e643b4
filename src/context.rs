//! What every view can reach (the opened archive, the language, the
//! settings, kiosk mode) and the hooks that get data from the archive.

use std::rc::Rc;

use kanbao_bundle::{Archive, Need};
use yew::prelude::*;

use crate::bridge::LoadError;
use crate::config::KioskConfig;
use crate::i18n::{Lang, T};
use crate::settings::Settings;
use crate::store::ArchiveHandle;

/// What every view can reach.
#[derive(Clone, PartialEq)]
pub struct Ctx {
    pub archive: ArchiveHandle,
    pub lang: Lang,
    pub settings: Settings,
    pub kiosk: KioskConfig,
    /// Changes and remembers the settings.
    pub update: Callback<Settings>,
    /// Starts the reader afresh for the next visitor (a kiosk's reset):
    /// every component below the shell is made anew.
    pub new_visit: Callback<()>,
}

impl Ctx {
    pub fn t(&self, key: T) -> &'static str {
        key.s(self.lang)
    }
}

/// State of something loaded from the archive.
#[derive(Clone, PartialEq)]
pub enum Loadable<T> {
    Loading,
    Ready(T),
    Failed(LoadError),
}

/// Resolves `f` against the archive whenever `deps` change, loading shards as needed.
#[hook]
pub fn use_archive<T, D, F>(deps: D, f: F) -> Loadable<T>
where
    T: Clone + 'static,
    D: PartialEq + Clone + 'static,
    F: Fn(&Archive, &D) -> Result<T, Need> + 'static,
{
    use_archive_tracked(deps, f).0
}

/// As [`use_archive`], also telling whether the state answers the current
/// `deps` (until a new answer arrives, the previous one stays on screen).
#[hook]
pub fn use_archive_tracked<T, D, F>(deps: D, f: F) -> (Loadable<T>, bool)
where
    T: Clone + 'static,
    D: PartialEq + Clone + 'static,
    F: Fn(&Archive, &D) -> Result<T, Need> + 'static,
{
    let ctx = use_context::<Ctx>().expect("context");
    let state = use_state(|| (None::<D>, Loadable::Loading));
    let generation = use_mut_ref(|| 0u64);
    let f = Rc::new(f);
    // When every shard it needs is loaded, the answer is computed while
    // rendering: one render of the new answer, rather than one of the old
    // answer and another once an effect has set the new one.
    let now = {
        let f = f.clone();
        let archive = ctx.archive.clone();
        use_memo(deps.clone(), move |d| f(&archive.0.borrow(), d).ok())
    };
    {
        let state = state.clone();
        let answered = now.is_some();
        use_effect_with(deps.clone(), move |deps| {
            *generation.borrow_mut() += 1;
            let mine = *generation.borrow();
            if answered {
                return;
            }
            // Show loading, load what the answer needs, then answer (the
            // resolve loop answers at once if it was loaded meanwhile).
            let deps = deps.clone();
            let handle = ctx.archive.clone();
            state.set((Some(deps.clone()), Loadable::Loading));
            wasm_bindgen_futures::spawn_local(async move {
                let result = handle.resolve(|a| f(a, &deps)).await;
                // A newer request superseded this one.
                if *generation.borrow() != mine {
                    return;
                }
                state.set((
                    Some(deps),
                    match result {
                        Ok(v) => Loadable::Ready(v),
                        Err(e) => Loadable::Failed(e),
                    },
                ));
            });
        });
    }
    if let Some(v) = &*now {
        return (Loadable::Ready(v.clone()), true);
    }
    let fresh = state.0.as_ref() == Some(&deps);
    (state.1.clone(), fresh)
}
