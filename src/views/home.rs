//! Home: the newest issue's front page, a calendar to browse by date, the
//! same day in past years, and the month's issues.

use std::collections::BTreeMap;

use kanbao_bundle::{Article, ArticleKind, IssueEntry, Manifest};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::calendar::{days_in_month, shift, weekday, ymd, MONTHS_EN, WEEKDAYS_EN, WEEKDAYS_ZH};
use crate::components::labels::{byline_text, issue_date, paper_line};
use crate::context::{use_archive, Ctx, Loadable};
use crate::i18n::{Lang, T};
use crate::route::{HomeParams, Route};

fn month_label(y: i32, m: u32, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{y}年{m}月"),
        Lang::En => format!("{} {y}", MONTHS_EN[m as usize - 1]),
    }
}

/// `#/?m=2023-08`: the calendar at a month.
fn month_link(y: i32, m: u32) -> HomeParams {
    HomeParams {
        m: Some(format!("{y:04}-{m:02}")),
    }
}

#[component]
pub fn Home() -> Html {
    let ctx = use_context::<Ctx>().expect("context");
    let location = use_location();
    let params: HomeParams = location
        .as_ref()
        .and_then(|l| l.query::<HomeParams>().ok())
        .unwrap_or_default();
    let archive = ctx.archive.0.borrow();
    let m = &archive.manifest;
    let lang = ctx.lang;
    let by_day = by_day(m);
    // The newest dated issue (an addition may come after newer issues).
    let newest = m
        .issues
        .iter()
        .rev()
        .filter(|e| e.issue.date.is_some())
        .max_by(|a, b| a.issue.date.cmp(&b.issue.date))
        .or_else(|| m.issues.last())
        .cloned();
    // The front page's articles before anything is shown: the calendar and
    // issues below it would otherwise jump down the screen when they arrive.
    let front = use_archive(newest.clone(), |a, e: &Option<IssueEntry>| {
        let Some(e) = e else { return Ok(Vec::new()) };
        let docs = a.articles(e.first_doc..e.first_doc + e.article_count)?;
        let first_page = docs.iter().filter_map(|(_, a)| a.page).min();
        Ok(docs
            .into_iter()
            .filter(|(_, a)| a.page == first_page)
            .map(|(_, a)| a.clone())
            .collect::<Vec<Article>>())
    });
    let front = match front {
        Loadable::Loading => {
            return html! { <p class="loading" role="status" aria-live="polite">{ T::Loading.s(lang) }</p> }
        }
        Loadable::Ready(v) => v,
        // The calendar still works without the front page.
        Loadable::Failed(_) => Vec::new(),
    };
    let calendar = Calendar::at(by_day, params.m.as_deref());
    let today = js_sys::Date::new_0();
    let past_years = calendar.on_day(today.get_month() + 1, today.get_date());
    let month_issues = calendar.month_issues();
    let undated: Vec<&IssueEntry> = m.issues.iter().filter(|e| e.issue.date.is_none()).collect();
    html! {
        <div class="home">
            if let Some(e) = newest { <FrontPage entry={e} articles={front} /> }
            <div class="browse">
                { calendar.view(&ctx, month_issues.is_empty()) }
                <section class="issues-section" aria-labelledby="issues-title">
                    <h2 id="issues-title">{ ctx.t(T::Issues) }</h2>
                    <p class="summary">{ format!("{} {} · {} {}", m.issues.len(), ctx.t(T::IssuesUnit), m.listed_articles(), ctx.t(T::Articles)) }</p>
                    <ul class="issues" id="issue-list">
                        { for month_issues.iter().chain(undated.iter()).map(|e| issue_card(e, lang)) }
                    </ul>
                    if !past_years.is_empty() {
                        <h2>{ ctx.t(T::TodayInPastYears) }</h2>
                        <ul class="issues" id="past-years">{ for past_years.iter().map(|e| issue_card(e, lang)) }</ul>
                    }
                </section>
            </div>
        </div>
    }
}

/// Dated issues by day.
type ByDay<'a> = BTreeMap<(i32, u32, u32), Vec<&'a IssueEntry>>;

fn by_day(m: &Manifest) -> ByDay<'_> {
    let mut by_day: ByDay = BTreeMap::new();
    for e in &m.issues {
        if let Some(d) = e.issue.date.as_deref().and_then(ymd) {
            by_day.entry(d).or_default().push(e);
        }
    }
    by_day
}

/// The calendar at a month: the archive's dated issues by day, and the
/// month shown (`y`, `mo`).
struct Calendar<'a> {
    by_day: ByDay<'a>,
    y: i32,
    mo: u32,
}

impl<'a> Calendar<'a> {
    /// At the month `m` (`2023-08`) when it is one, else the newest with issues.
    fn at(by_day: ByDay<'a>, m: Option<&str>) -> Self {
        let (y, mo) = m
            .and_then(|s| ymd(&format!("{s}-01")))
            .map(|(y, m, _)| (y, m))
            .filter(|(_, m)| (1..=12).contains(m))
            .or_else(|| by_day.keys().next_back().map(|&(y, m, _)| (y, m)))
            .unwrap_or((2023, 1));
        Calendar { by_day, y, mo }
    }

    /// The issues of the month shown, newest first.
    fn month_issues(&self) -> Vec<&'a IssueEntry> {
        let (y, mo) = (self.y, self.mo);
        self.by_day
            .range((y, mo, 0)..=(y, mo, 31))
            .rev()
            .flat_map(|(_, es)| es.iter().copied())
            .collect()
    }

    /// The issues of this day of the month in every year.
    fn on_day(&self, tm: u32, td: u32) -> Vec<&'a IssueEntry> {
        self.by_day
            .iter()
            .filter(|((_, m, d), _)| *m == tm && *d == td)
            .flat_map(|(_, es)| es.iter().copied())
            .collect()
    }

    /// The calendar: years, the month with its neighbours, its days, and
    /// (`empty`: the month has no issue) the nearest months with issues.
    fn view(&self, ctx: &Ctx, empty: bool) -> Html {
        html! {
            <section class="calendar" aria-labelledby="cal-title" id="calendar">
                <h2 id="cal-title">{ ctx.t(T::BrowseByDate) }</h2>
                { self.years(ctx) }
                { self.month_nav(ctx) }
                // A table of weeks: a screen reader announces each day
                // with its weekday column; days with issues are links.
                { self.grid(ctx.lang) }
                if empty { { self.nearest(ctx) } }
            </section>
        }
    }

    /// Years with issues and their article counts, each a link to its
    /// latest month with issues.
    fn years(&self, ctx: &Ctx) -> Html {
        let lang = ctx.lang;
        let years: BTreeMap<i32, u32> =
            self.by_day
                .iter()
                .fold(BTreeMap::new(), |mut acc, ((y, _, _), es)| {
                    *acc.entry(*y).or_default() += es.iter().map(|e| e.article_count).sum::<u32>();
                    acc
                });
        html! {
            <nav class="years" aria-label={ctx.t(T::Years)}>
                { for years.iter().map(|(yr, count)| {
                    let (jy, jm) = self.by_day.range((*yr, 0, 0)..=(*yr, 12, 31)).next_back().map(|(&(y, m, _), _)| (y, m)).unwrap_or((*yr, 1));
                    let current = *yr == self.y;
                    html! {
                        <Link<Route, HomeParams> to={Route::Home} query={Some(month_link(jy, jm))} classes={classes!("year", current.then_some("current"))}>
                            { if lang == Lang::Zh { format!("{yr}年") } else { yr.to_string() } }
                            <span class="n">{ count }</span>
                        </Link<Route, HomeParams>>
                    }
                }) }
            </nav>
        }
    }

    /// The month's name between links to the months before and after.
    fn month_nav(&self, ctx: &Ctx) -> Html {
        let (py, pm) = shift(self.y, self.mo, -1);
        let (ny, nm) = shift(self.y, self.mo, 1);
        html! {
            <div class="month-nav">
                <Link<Route, HomeParams> to={Route::Home} query={Some(month_link(py, pm))} classes="prev">
                    <span aria-hidden="true">{ "‹" }</span><span class="visually-hidden">{ ctx.t(T::PrevMonth) }</span>
                </Link<Route, HomeParams>>
                <h3 id="month-title" aria-live="polite">{ month_label(self.y, self.mo, ctx.lang) }</h3>
                <Link<Route, HomeParams> to={Route::Home} query={Some(month_link(ny, nm))} classes="next">
                    <span aria-hidden="true">{ "›" }</span><span class="visually-hidden">{ ctx.t(T::NextMonth) }</span>
                </Link<Route, HomeParams>>
            </div>
        }
    }

    /// The month's days as a table of weeks, days with issues linked to
    /// their issue.
    fn grid(&self, lang: Lang) -> Html {
        let (y, mo) = (self.y, self.mo);
        let weekdays = match lang {
            Lang::Zh => ["一", "二", "三", "四", "五", "六", "日"],
            Lang::En => ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"],
        };
        let weekday_names = match lang {
            Lang::Zh => WEEKDAYS_ZH,
            Lang::En => WEEKDAYS_EN,
        };
        let first = weekday(y, mo, 1);
        let cells: Vec<Option<u32>> = (0..first)
            .map(|_| None)
            .chain((1..=days_in_month(y, mo)).map(Some))
            .collect();
        html! {
            <table class="grid" aria-labelledby="month-title">
                <thead><tr>
                    { for weekdays.iter().zip(weekday_names).map(|(w, name)| html! { <th scope="col" class="wd" abbr={name}>{ *w }</th> }) }
                </tr></thead>
                <tbody>
                    { for cells.chunks(7).map(|week| html! {
                        <tr>
                            { for (0..7).map(|i| match week.get(i).copied().flatten() {
                                None => html! { <td></td> },
                                Some(d) => match self.by_day.get(&(y, mo, d)) {
                                    Some(es) => {
                                        let count: u32 = es.iter().map(|e| e.article_count).sum();
                                        let label = match lang { Lang::Zh => format!("{mo}月{d}日，{count}篇"), Lang::En => format!("{d} {}, {count} articles", month_label(y, mo, lang)) };
                                        html! {
                                            <td>
                                                <Link<Route> to={Route::Issue { id: es[0].issue.id.clone() }} classes="day has">
                                                    <span aria-hidden="true">{ d }</span><span class="n" aria-hidden="true">{ count }</span>
                                                    <span class="visually-hidden">{ label }</span>
                                                </Link<Route>>
                                            </td>
                                        }
                                    }
                                    None => html! { <td><span class="day">{ d }</span></td> },
                                },
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
        }
    }

    /// A month without issues: links to the nearest months with issues
    /// before and after.
    fn nearest(&self, ctx: &Ctx) -> Html {
        let (y, mo, lang) = (self.y, self.mo, ctx.lang);
        let prev_with = self
            .by_day
            .range(..(y, mo, 1))
            .next_back()
            .map(|(&(y, m, _), _)| (y, m));
        let next_with = self
            .by_day
            .range((y, mo, 32)..)
            .next()
            .map(|(&(y, m, _), _)| (y, m));
        html! {
            <p class="hint">
                { ctx.t(T::NoIssuesThisMonth) }
                if let Some((y, m)) = prev_with { { " " }<Link<Route, HomeParams> to={Route::Home} query={Some(month_link(y, m))}>{ format!("← {}", month_label(y, m, lang)) }</Link<Route, HomeParams>> }
                if let Some((y, m)) = next_with { { " " }<Link<Route, HomeParams> to={Route::Home} query={Some(month_link(y, m))}>{ format!("{} →", month_label(y, m, lang)) }</Link<Route, HomeParams>> }
            </p>
        }
    }
}

fn issue_card(e: &IssueEntry, lang: Lang) -> Html {
    html! {
        <li class="issue-card">
            <Link<Route> to={Route::Issue { id: e.issue.id.clone() }}>
                <span class="date">{ issue_date(&e.issue, lang) }</span>
                <span class="paper" lang="zh-CN">{ paper_line(&e.issue) }</span>
                <span class="count">{ format!("{} {}", e.article_count, T::Articles.s(lang)) }</span>
            </Link<Route>>
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct FrontPageProps {
    entry: IssueEntry,
    /// Its first page's articles.
    articles: Vec<Article>,
}

/// The newest issue's first page: what a reader sees on the newsstand.
#[component]
fn FrontPage(props: &FrontPageProps) -> Html {
    let ctx = use_context::<Ctx>().expect("context");
    let issue = &props.entry.issue;
    let lang = ctx.lang;
    let articles = &props.articles;
    html! {
        <section class="front" aria-labelledby="front-title" id="front-page">
            <header>
                <p class="eyebrow">{ ctx.t(T::LatestIssue) }</p>
                <h1 id="front-title">
                    <Link<Route> to={Route::Issue { id: issue.id.clone() }}>{ issue_date(issue, lang) }</Link<Route>>
                </h1>
                <p class="paper" lang="zh-CN">{ paper_line(issue) }</p>
            </header>
            // The paper's own words are Chinese whatever the interface language;
            // the byline's role labels are the interface's.
            <ol class="front-articles" lang="zh-CN">
                { for articles.iter().filter(|a| !matches!(a.kind, ArticleKind::Ad | ArticleKind::Notice | ArticleKind::Banner)).take(8).map(|a| html! {
                    <li class={classes!("front-article", format!("kind-{}", a.kind.as_str()))}>
                        if let Some(k) = &a.kicker { <p class="kicker">{ k.clone() }</p> }
                        <Link<Route> to={Route::Article { id: a.id.clone() }} classes="headline">{ a.headline.clone() }</Link<Route>>
                        if !a.byline.is_empty() { <p class="byline" lang={lang.html_lang()}>{ byline_text(&a.byline, lang) }</p> }
                        if let Some(p) = a.paragraphs.first() { <p class="lede">{ p.chars().take(90).collect::<String>() }{ "…" }</p> }
                    </li>
                }) }
            </ol>
        </section>
    }
}
