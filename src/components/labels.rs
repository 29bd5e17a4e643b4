//! How the reader writes what it shows everywhere: dates with their
//! weekday, paper and edition, bylines, page numbers, kinds of article,
//! and text with its hits marked.

use kanbao_bundle::search::Fragment;
use kanbao_bundle::{ArticleKind, Byline, Issue};
use yew::prelude::*;

use crate::calendar::{weekday, ymd, MONTHS_EN, WEEKDAYS_EN, WEEKDAYS_ZH};
use crate::i18n::{Lang, T};

/// `2023年8月3日 星期四` / `Thursday, 3 August 2023`; `日期不详` when unknown.
/// The weekday is the one printed on the masthead when the issue has it (in
/// Chinese), else the calendar's.
pub fn issue_date(issue: &Issue, lang: Lang) -> String {
    let Some(date) = issue.date.as_deref() else {
        return match issue.year_hint {
            Some(y) => format!("{}（{}？）", T::Undated.s(lang), y),
            None => T::Undated.s(lang).to_string(),
        };
    };
    let Some((y, m, d)) = ymd(date).filter(|&(_, m, d)| (1..=12).contains(&m) && d >= 1) else {
        return date.to_string();
    };
    let wd = weekday(y, m, d) as usize;
    match lang {
        Lang::Zh => {
            let w = issue.weekday.as_deref().unwrap_or(WEEKDAYS_ZH[wd]);
            format!("{y}年{m}月{d}日 {w}")
        }
        Lang::En => format!("{}, {d} {} {y}", WEEKDAYS_EN[wd], MONTHS_EN[m as usize - 1]),
    }
}

/// Paper and edition, e.g. `嘉兴日报 · 平湖版`.
pub fn paper_line(issue: &Issue) -> String {
    [issue.paper.as_deref(), issue.edition.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Byline with roles labelled: `记者 林旭东 · 通讯员 顾秋叶 施俊杰`.
pub fn byline_text(byline: &Byline, lang: Lang) -> String {
    byline
        .roles()
        .filter(|(_, names)| !names.is_empty())
        .map(|(role, names)| {
            let label = match lang {
                Lang::Zh => role.label_zh(),
                Lang::En => role.label_en(),
            };
            format!("{label} {}", names.join(" "))
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// `第3版` / `Page 3`.
pub fn page_label(page: u32, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("第{page}版"),
        Lang::En => format!("Page {page}"),
    }
}

pub fn kind_label(kind: ArticleKind, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => kind.label_zh(),
        Lang::En => kind.label_en(),
    }
}

/// Text with hits marked; always rendered as text, never as markup.
pub fn fragments(frags: &[Fragment]) -> Html {
    frags
        .iter()
        .map(|f| {
            if f.hit {
                html! { <mark>{ f.text.clone() }</mark> }
            } else {
                html! { { f.text.clone() } }
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dated(date: &str, weekday: Option<&str>) -> Issue {
        Issue {
            date: Some(date.into()),
            weekday: weekday.map(str::to_string),
            ..Default::default()
        }
    }

    #[test]
    fn dates_keep_their_weekday_in_both_languages() {
        let printed = dated("2023-08-03", Some("星期四"));
        assert_eq!(issue_date(&printed, Lang::Zh), "2023年8月3日 星期四");
        assert_eq!(issue_date(&printed, Lang::En), "Thursday, 3 August 2023");
        // No weekday printed: the calendar's.
        let bare = dated("2023-11-20", None);
        assert_eq!(issue_date(&bare, Lang::Zh), "2023年11月20日 星期一");
        assert_eq!(issue_date(&bare, Lang::En), "Monday, 20 November 2023");
        assert_eq!(issue_date(&dated("1998-1", None), Lang::En), "1998-1");
    }
}
