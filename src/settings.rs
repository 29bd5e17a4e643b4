//! Reader preferences kept on the device: language, text size, theme.
//! Applied as attributes on <html> so the stylesheet does the rest.

use gloo::storage::{LocalStorage, Storage};

use crate::i18n::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum TextSize {
    Small,
    #[default]
    Medium,
    Large,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Theme {
    /// Follow the system.
    #[default]
    Auto,
    Light,
    Dark,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Settings {
    pub lang: Lang,
    pub size: TextSize,
    pub theme: Theme,
}

impl TextSize {
    pub const ALL: [TextSize; 3] = [TextSize::Small, TextSize::Medium, TextSize::Large];
    pub fn key(self) -> &'static str {
        match self {
            TextSize::Small => "s",
            TextSize::Medium => "m",
            TextSize::Large => "l",
        }
    }
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::Auto, Theme::Light, Theme::Dark];
    pub fn key(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

impl Settings {
    pub fn load() -> Self {
        let get = |k: &str| LocalStorage::get::<String>(k).ok();
        Settings {
            lang: Lang::load(),
            size: TextSize::ALL
                .into_iter()
                .find(|s| get("kanbao.size").as_deref() == Some(s.key()))
                .unwrap_or_default(),
            theme: Theme::ALL
                .into_iter()
                .find(|t| get("kanbao.theme").as_deref() == Some(t.key()))
                .unwrap_or_default(),
        }
    }

    pub fn save(self) {
        self.lang.save();
        let _ = LocalStorage::set("kanbao.size", self.size.key());
        let _ = LocalStorage::set("kanbao.theme", self.theme.key());
    }

    /// Reflects the settings on the document element.
    pub fn apply(self) {
        if let Some(el) = gloo::utils::document().document_element() {
            let _ = el.set_attribute("lang", self.lang.html_lang());
            let _ = el.set_attribute("data-size", self.size.key());
            let _ = el.set_attribute("data-theme", self.theme.key());
        }
    }
}
