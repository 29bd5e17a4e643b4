//! One article: 引题/主题/副题, byline with roles, date with weekday, lunar
//! date, issue number and page; continuation links; previous and next; related
//! articles; a GB/T 7714 citation and the permalink to copy; print with
//! where the article comes from.

use kanbao_bundle::{Article, ArticleKind, Issue, IssueEntry, Page, Region, Role};
use yew::prelude::*;
use yew_router::prelude::*;

use kanbao_bundle::search::highlight;

use crate::components::labels::{fragments, issue_date, kind_label, page_label, paper_line};
use crate::components::share::Share;
use crate::components::status::{loadable, not_found};
use crate::config::public_base;
use crate::context::{use_archive, Ctx, Loadable};
use crate::i18n::{Lang, T};
use crate::printed_page::{bounds, image_src, regions_on};
use crate::route::{page_href, ArticleParams, Route};
use crate::title::set_title;

#[derive(Properties, PartialEq)]
pub struct ArticleProps {
    pub id: String,
}

/// An article with what its page shows around it.
#[derive(Clone, PartialEq)]
struct Loaded {
    article: Article,
    issue: IssueEntry,
    prev: Option<Neighbour>,
    next: Option<Neighbour>,
    /// The page views of the articles it continues to and from, at them,
    /// when they are outlined on a page image.
    continues_to_page: Option<String>,
    continued_from_page: Option<String>,
}

/// The article before or after in the archive's order.
#[derive(Clone, PartialEq)]
struct Neighbour {
    id: String,
    headline: String,
    /// The neighbour's issue, when it is not this article's: moving to it
    /// crosses into another day's paper.
    other_issue: Option<Issue>,
}

#[component]
pub fn ArticleView(props: &ArticleProps) -> Html {
    let ctx = use_context::<Ctx>().expect("context");
    let location = use_location();
    // Terms to highlight, passed from the search results (`?hl=…`).
    let terms: Vec<String> = location
        .as_ref()
        .and_then(|l| l.query::<ArticleParams>().ok())
        .and_then(|p| p.hl)
        .map(|h| h.split_whitespace().map(str::to_string).collect())
        .unwrap_or_default();
    let state = use_archive(props.id.clone(), |a, id: &String| {
        let Some(doc) = a.find_article(id)? else {
            return Ok(None);
        };
        let Some(article) = a.article(doc)?.cloned() else {
            return Ok(None);
        };
        let Some(issue) = a.manifest.issue_of_doc(doc).cloned() else {
            return Ok(None);
        };
        let neighbour = |d: Option<u32>| -> Result<Option<Neighbour>, kanbao_bundle::Need> {
            let Some(d) = d else { return Ok(None) };
            let other_issue = a
                .manifest
                .issue_of_doc(d)
                .filter(|e| e.issue.id != issue.issue.id)
                .map(|e| e.issue.clone());
            Ok(a.article(d)?.map(|x| Neighbour {
                id: x.id.clone(),
                headline: x.headline.clone(),
                other_issue,
            }))
        };
        let prev = neighbour(doc.checked_sub(1))?;
        let next = neighbour(Some(doc + 1))?;
        let on_page = |target: Option<&str>| -> Result<Option<String>, kanbao_bundle::Need> {
            let Some(id) = target else { return Ok(None) };
            let Some(d) = a.find_article(id)? else {
                return Ok(None);
            };
            let (Some(x), Some(e)) = (a.article(d)?, a.manifest.issue_of_doc(d)) else {
                return Ok(None);
            };
            Ok(shown_on(x, &e.issue)
                .map(|(page, _)| page_href(&e.issue.id, page.number, Some(&x.id), None)))
        };
        let continues_to_page = on_page(article.continues_to_article.as_deref())?;
        let continued_from_page = on_page(article.continued_from_article.as_deref())?;
        Ok(Some(Loaded {
            article,
            issue,
            prev,
            next,
            continues_to_page,
            continued_from_page,
        }))
    });
    {
        // A new article starts at the top.
        use_effect_with(props.id.clone(), |_| {
            gloo::utils::window().scroll_to_with_x_and_y(0.0, 0.0)
        });
    }
    {
        // The window title names the article once it is known.
        let archive = ctx.archive.0.borrow().manifest.title.clone();
        let title = match &state {
            Loadable::Ready(Some(l)) => Some(l.article.headline.clone()),
            Loadable::Ready(None) => Some(T::NotFoundArticle.s(ctx.lang).to_string()),
            _ => None,
        };
        use_effect_with(title, move |t| {
            if let Some(t) = t {
                set_title(Some(t), &archive);
            }
        });
    }
    loadable(&state, ctx.lang, |v: &Option<Loaded>| match v {
        None => not_found(T::NotFoundArticle, ctx.lang),
        Some(l) => view(l, &ctx, &terms),
    })
}

fn view(l: &Loaded, ctx: &Ctx, terms: &[String]) -> Html {
    // Highlighted like the search snippet, by the same code.
    let text = |t: &str| -> Html {
        if terms.is_empty() {
            html! { { t.to_string() } }
        } else {
            fragments(&highlight(t, terms))
        }
    };
    let a = &l.article;
    let issue = &l.issue.issue;
    let lang = ctx.lang;
    let mut meta: Vec<String> = Vec::new();
    if let Some(lunar) = &issue.lunar_date {
        meta.push(lunar.clone());
    }
    if let Some(n) = issue.issue_number {
        meta.push(T::IssueNumber.s(lang).replace("{}", &n.to_string()));
    }
    if let Some(p) = a.page {
        meta.push(page_label(p, lang));
    }
    let citation = citation(a, issue);
    html! {
        <article class="article" id="article-view" aria-labelledby="headline">
            <header>
                <p class="where">
                    <Link<Route> to={Route::Issue { id: issue.id.clone() }}><span lang="zh-CN">{ paper_line(issue) }</span>{ " · " }{ issue_date(issue, lang) }</Link<Route>>
                    if !meta.is_empty() { <span class="meta">{ " · " }{ meta.join(" · ") }</span> }
                    if a.kind != ArticleKind::News { <span class="kind">{ kind_label(a.kind, lang) }</span> }
                </p>
                if let Some(k) = &a.kicker { <p class="kicker" lang="zh-CN">{ k.clone() }</p> }
                <h1 class="headline" id="headline" lang="zh-CN">{ text(&a.headline) }</h1>
                if let Some(s) = &a.subheadline { <p class="subheadline" lang="zh-CN">{ s.clone() }</p> }
                if !a.byline.is_empty() {
                    <p class="byline" id="byline">
                        { for a.byline.roles().filter(|(_, n)| !n.is_empty()).map(|(role, names)| html! {
                            <span class="role"><span class="label">{ role_label(role, lang) }</span>{ " " }<span lang="zh-CN">{ names.join(" ") }</span></span>
                        }) }
                    </p>
                }
            </header>
            if a.interleaved { <p class="notice warn" role="note">{ T::Interleaved.s(lang) }</p> }
            if let Some((page, regions)) = shown_on(a, issue) {
                <Clipping issue_id={issue.id.clone()} page={page.clone()} {regions} article_id={a.id.clone()} />
            }
            if let Some(from) = &a.continued_from {
                <p class="jump">{ continuation(T::ContinuedFrom, from, a.continued_from_article.as_deref(), l.continued_from_page.as_deref(), lang) }</p>
            }
            <div class="body" id="article-body" lang="zh-CN">
                { for a.paragraphs.iter().enumerate().map(|(i, p)| {
                    let dateline = (i == 0).then(|| a.dateline.clone()).flatten();
                    if a.section_headings.contains(p) {
                        html! { <h2 class="section">{ text(p) }</h2> }
                    } else {
                        html! { <p>if let Some(d) = dateline { <span class="dateline">{ d }{ " " }</span> }{ text(p) }</p> }
                    }
                }) }
            </div>
            if let Some(to) = &a.continues_to {
                <p class="jump">{ continuation(T::ContinuesTo, to, a.continues_to_article.as_deref(), l.continues_to_page.as_deref(), lang) }</p>
            }
            <ArticleTools id={a.id.clone()} />
            <p class="print-only provenance">{ provenance(ctx, issue) }</p>
            <Citation text={citation} />
            <Share article_id={a.id.clone()} />
            if !a.related.is_empty() { <Related docs={a.related.clone()} /> }
            <nav class="prev-next" aria-label={T::MoreArticles.s(lang)}>
                if let Some(n) = &l.prev { { neighbour_link(n, "prev", T::PrevArticle, T::PrevIssueArticle, lang) } }
                if let Some(n) = &l.next { { neighbour_link(n, "next", T::NextArticle, T::NextIssueArticle, lang) } }
            </nav>
        </article>
    }
}

fn role_label(role: Role, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => role.label_zh(),
        Lang::En => role.label_en(),
    }
}

/// 上一篇/下一篇, saying so when it is in another issue (上一期 · its date).
fn neighbour_link(n: &Neighbour, class: &'static str, same: T, other: T, lang: Lang) -> Html {
    let dir = match &n.other_issue {
        Some(issue) => format!("{} · {}", other.s(lang), issue_date(issue, lang)),
        None => same.s(lang).to_string(),
    };
    html! {
        <Link<Route> to={Route::Article { id: n.id.clone() }} classes={classes!(class, n.other_issue.is_some().then_some("other-issue"))}>
            <span class="dir">{ dir }</span><span lang="zh-CN">{ n.headline.clone() }</span>
        </Link<Route>>
    }
}

/// 下转/上接: a link to the continued article when the archive has it,
/// else plain text (the page it was printed on is not in the archive); and
/// to its outline on the printed page, when it has one.
fn continuation(
    label: T,
    page: &str,
    target: Option<&str>,
    on_page: Option<&str>,
    lang: Lang,
) -> Html {
    let text = format!("{} {page}", label.s(lang));
    let link = match target {
        Some(id) => {
            html! { <Link<Route> to={Route::Article { id: id.to_string() }}>{ text.clone() }{ " →" }</Link<Route>> }
        }
        None => html! { <span class="jump-note">{ text.clone() }</span> },
    };
    html! {
        <>
            { link }
            if let Some(href) = on_page {
                <a class="on-page" href={href.to_string()} aria-label={format!("{text} · {}", T::ViewOnPage.s(lang))}>{ T::ViewOnPage.s(lang) }</a>
            }
        </>
    }
}

/// The page an article is outlined on, with its image, and its regions there.
fn shown_on<'a>(a: &Article, issue: &'a Issue) -> Option<(&'a Page, Vec<Region>)> {
    let n = a.page.or_else(|| a.regions.first().map(|r| r.page))?;
    let page = issue.pages.iter().find(|p| p.number == n)?;
    page.image.as_ref()?;
    page.size?;
    let regions = regions_on(a, n);
    (!regions.is_empty()).then_some((page, regions))
}

#[derive(Properties, PartialEq)]
struct ClippingProps {
    issue_id: String,
    page: Page,
    regions: Vec<Region>,
    article_id: String,
}

/// 在版面上查看: the article's region cut from the page image by CSS (the
/// page's own file, scaled and moved in a frame of the region's shape), a
/// link to the page view at the article. A missing image says so.
#[component]
fn Clipping(props: &ClippingProps) -> Html {
    let ctx = use_context::<Ctx>().expect("context");
    let lang = ctx.lang;
    let failed = use_state(|| false);
    let (Some(image), Some(size), Some((x0, y0, x1, y1))) = (
        props.page.image.as_ref(),
        props.page.size,
        bounds(&props.regions),
    ) else {
        return html! {};
    };
    let label = page_label(props.page.number, lang);
    let href = page_href(
        &props.issue_id,
        props.page.number,
        Some(&props.article_id),
        None,
    );
    let src = image_src(image);
    if *failed {
        return html! {
            <section class="clipping" id="clipping" aria-labelledby="clip-title">
                <h2 id="clip-title">{ T::ViewOnPage.s(lang) }</h2>
                <p class="notice error clip-error" role="alert">
                    { T::PageImageMissing.s(lang).replace("{}", &label) }{ "：" }<code>{ src }</code>
                </p>
            </section>
        };
    }
    let (bw, bh) = ((x1 - x0).max(1.0), (y1 - y0).max(1.0));
    let pct = |v: f32, of: f32| format!("{:.3}%", v / of * 100.0);
    // At most 24rem tall (a tall column is narrow), at least 10rem wide.
    let ratio = bw / bh;
    let frame = format!(
        "aspect-ratio:{bw:.1}/{bh:.1};width:clamp(min(100%,10rem),{:.2}rem,100%)",
        24.0 * ratio
    );
    let img = format!(
        "width:{};left:{};top:{}",
        pct(size.width, bw),
        pct(-x0, bw),
        pct(-y0, bh)
    );
    let onerror = {
        let failed = failed.clone();
        Callback::from(move |_: Event| failed.set(true))
    };
    let alt = T::PageImageAlt.s(lang).replace("{}", &label);
    html! {
        <section class="clipping" id="clipping" aria-labelledby="clip-title">
            <h2 id="clip-title">{ T::ViewOnPage.s(lang) }</h2>
            <a class="clip" {href}>
                <span class="clip-frame" style={frame}>
                    <img {src} {alt} style={img} {onerror} draggable="false" />
                    if props.regions.len() > 1 {
                        { for props.regions.iter().map(|r| html! {
                            <span class="clip-box" aria-hidden="true" style={format!("left:{};top:{};width:{};height:{}",
                                pct(r.x0 - x0, bw), pct(r.y0 - y0, bh), pct(r.x1 - r.x0, bw), pct(r.y1 - r.y0, bh))}></span>
                        }) }
                    }
                </span>
                <span class="clip-caption">{ label }{ " · " }{ T::ViewOnPage.s(lang) }{ " →" }</span>
            </a>
        </section>
    }
}

/// Where a printed article comes from: the archive, paper and date, and its
/// permalink (printed pages keep no links).
fn provenance(ctx: &Ctx, issue: &Issue) -> String {
    let archive = ctx.archive.0.borrow().manifest.title.clone();
    let link = permalink();
    format!(
        "{archive} · {} · {} · {}：{link}",
        paper_line(issue),
        issue_date(issue, ctx.lang),
        T::Permalink.s(ctx.lang)
    )
}

/// This page's address as a reader would share it: at the archive's public
/// address when it has one, without the highlight of the search that led here.
fn permalink() -> String {
    let href = gloo::utils::window().location().href().unwrap_or_default();
    let href = href.split("?hl=").next().unwrap_or(&href).to_string();
    match public_base() {
        Some(base) => format!("{base}{}", href.find('#').map(|i| &href[i..]).unwrap_or("")),
        None => href,
    }
}

#[derive(Properties, PartialEq)]
struct ToolsProps {
    id: String,
}

/// Copy the article's permalink, and print.
#[component]
fn ArticleTools(props: &ToolsProps) -> Html {
    let ctx = use_context::<Ctx>().expect("context");
    html! {
        <div class="article-tools">
            <CopyButton key={props.id.clone()} text={permalink()} label={T::CopyLink} done={T::LinkCopied} id="copy-link" />
            <button class="print" onclick={Callback::from(|_| { let _ = gloo::utils::window().print(); })}>{ ctx.t(T::Print) }</button>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct CopyProps {
    text: String,
    label: T,
    done: T,
    id: &'static str,
    /// Selected for copying by hand when there is no clipboard (a kiosk policy).
    #[prop_or_default]
    select: Option<&'static str>,
}

/// A button that copies `text` and says so (the label changes, and a screen
/// reader hears it through `aria-live`).
#[component]
fn CopyButton(props: &CopyProps) -> Html {
    let ctx = use_context::<Ctx>().expect("context");
    let copied = use_state(|| false);
    let onclick = {
        let text = props.text.clone();
        let select = props.select;
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            let promise = gloo::utils::window()
                .navigator()
                .clipboard()
                .write_text(&text);
            let copied = copied.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if wasm_bindgen_futures::JsFuture::from(promise).await.is_ok() {
                    copied.set(true);
                } else if let Some(el) =
                    select.and_then(|id| gloo::utils::document().get_element_by_id(id))
                {
                    if let Ok(Some(sel)) = gloo::utils::window().get_selection() {
                        let _ = sel.select_all_children(&el);
                    }
                }
            });
        })
    };
    html! {
        <button id={props.id} {onclick} aria-live="polite">{ if *copied { ctx.t(props.done) } else { ctx.t(props.label) } }</button>
    }
}

/// GB/T 7714-2015 reference for a newspaper article:
/// `林旭东. 跨区域执法，“交界处”变“共建带”[N]. 嘉兴日报, 2023-11-20(1).`
pub fn citation(a: &Article, issue: &Issue) -> String {
    let b = &a.byline;
    let mut names: Vec<&str> = Vec::new();
    for list in [
        &b.reporters,
        &b.intern_reporters,
        &b.authors,
        &b.commentators,
    ] {
        names.extend(list.iter().map(String::as_str));
    }
    if names.is_empty() && a.kind == ArticleKind::Photo {
        names.extend(b.photographers.iter().map(String::as_str));
    }
    let authors = match names.len() {
        0 => String::new(),
        1..=3 => format!("{}. ", names.join(", ")),
        _ => format!("{}, 等. ", names[..3].join(", ")),
    };
    let paper = issue.paper.clone().unwrap_or_else(|| "[报纸名不详]".into());
    let date = issue
        .date
        .clone()
        .unwrap_or_else(|| "[出版日期不详]".into());
    let page = a.page.map(|p| format!("({p})")).unwrap_or_default();
    format!("{authors}{}[N]. {paper}, {date}{page}.", a.headline)
}

#[derive(Properties, PartialEq)]
struct CitationProps {
    text: String,
}

#[component]
fn Citation(props: &CitationProps) -> Html {
    let ctx = use_context::<Ctx>().expect("context");
    html! {
        <section class="citation" aria-labelledby="cite-title">
            <h2 id="cite-title">{ ctx.t(T::Cite) }</h2>
            <p id="citation-text" class="cite-text" lang="zh-CN">{ props.text.clone() }</p>
            <CopyButton key={props.text.clone()} text={props.text.clone()} label={T::CopyCitation} done={T::Copied} id="copy-citation" select={Some("citation-text")} />
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct RelatedProps {
    docs: Vec<u32>,
}

/// Related articles, loaded after the article itself.
#[component]
fn Related(props: &RelatedProps) -> Html {
    let ctx = use_context::<Ctx>().expect("context");
    let state = use_archive(props.docs.clone(), |a, docs: &Vec<u32>| {
        // Ask for every shard at once, not one round trip per article.
        let mut need: Vec<String> = Vec::new();
        let mut out = Vec::new();
        for &doc in docs {
            match a.article(doc) {
                Ok(Some(x)) => {
                    let date = a
                        .manifest
                        .issue_of_doc(doc)
                        .and_then(|e| e.issue.date.clone());
                    out.push((x.id.clone(), x.headline.clone(), date));
                }
                Ok(None) => {}
                Err(kanbao_bundle::Need(files)) => need.extend(files),
            }
        }
        if need.is_empty() {
            Ok(out)
        } else {
            need.sort();
            need.dedup();
            Err(kanbao_bundle::Need(need))
        }
    });
    let Loadable::Ready(items) = state else {
        return html! {};
    };
    html! {
        <section class="related" aria-labelledby="related-title" id="related">
            <h2 id="related-title">{ ctx.t(T::Related) }</h2>
            <ul lang="zh-CN">
                { for items.iter().map(|(id, h, date)| html! {
                    <li>
                        <Link<Route> to={Route::Article { id: id.clone() }}>{ h.clone() }</Link<Route>>
                        if let Some(d) = date { <span class="meta">{ " " }{ d.clone() }</span> }
                    </li>
                }) }
            </ul>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kanbao_bundle::Byline;

    #[test]
    fn gb_t_7714_citation() {
        let a = Article {
            headline: "跨区域执法，“交界处”变“共建带”".into(),
            page: Some(1),
            byline: Byline {
                reporters: vec!["林旭东".into()],
                correspondents: vec!["顾秋叶".into()],
                ..Default::default()
            },
            ..Default::default()
        };
        let issue = Issue {
            paper: Some("嘉兴日报".into()),
            date: Some("2023-11-20".into()),
            ..Default::default()
        };
        assert_eq!(
            citation(&a, &issue),
            "林旭东. 跨区域执法，“交界处”变“共建带”[N]. 嘉兴日报, 2023-11-20(1)."
        );
        let b = Article {
            headline: "无名".into(),
            ..Default::default()
        };
        assert_eq!(
            citation(&b, &Issue::default()),
            "无名[N]. [报纸名不详], [出版日期不详]."
        );
    }
}
