//! Grouping pages into issues and numbering articles.

use std::collections::BTreeMap;

use kanbao_bundle::{Article, Issue};

use crate::import::feed::FeedArticle;
use crate::import::ParsedPage;

/// An issue with its articles in reading order (page, then position).
#[derive(Debug, Clone)]
pub struct AssembledIssue {
    pub issue: Issue,
    pub articles: Vec<Article>,
    /// Unassigned text of the issue's pages, kept visible.
    pub unassigned: Vec<String>,
}

/// Eight hex digits of a name's hash: enough to tell files apart.
fn short_hash(s: &str) -> String {
    format!("{:08x}", kanbao_bundle::codec::fnv1a64(s.as_bytes()) as u32)
}

/// Issues being assembled, by (date, `paper|edition`) or, undated, by a key
/// of their own; dated keys sort by date.
type Groups = BTreeMap<(Option<String>, String), AssembledIssue>;

/// Groups pages by (date, paper, edition) and feed articles by date.
pub fn assemble(
    pages: Vec<ParsedPage>,
    feed: Vec<FeedArticle>,
    feed_paper: Option<&str>,
) -> Vec<AssembledIssue> {
    let mut groups = Groups::new();
    for p in pages {
        add_page(&mut groups, p);
    }
    for f in feed {
        add_feed_article(&mut groups, f, feed_paper);
    }
    finish(groups)
}

/// The group a page joins: its date, paper and edition; an inner page
/// without a masthead joins the day's one issue; an undated page is an issue
/// of its own, named by its file.
fn page_key(groups: &Groups, p: &ParsedPage) -> (Option<String>, String) {
    let Some(d) = &p.issue.date else {
        return (None, format!("undated-{}", short_hash(&p.file)));
    };
    let key = (
        Some(d.clone()),
        format!(
            "{}|{}",
            p.issue.paper.clone().unwrap_or_default(),
            p.issue.edition.clone().unwrap_or_default()
        ),
    );
    let same_day: Vec<_> = groups.keys().filter(|k| k.0 == key.0).cloned().collect();
    let bare = p.issue.paper.is_none() && p.issue.edition.is_none();
    match same_day.as_slice() {
        [only] if bare => only.clone(),
        _ => key,
    }
}

/// Adds a page's fields, page entries (numbered), articles and unassigned
/// text to its group.
fn add_page(groups: &mut Groups, p: ParsedPage) {
    let key = page_key(groups, &p);
    let entry = groups.entry(key).or_insert_with(|| AssembledIssue {
        issue: Issue {
            pages: Vec::new(),
            ..p.issue.clone()
        },
        articles: Vec::new(),
        unassigned: Vec::new(),
    });
    merge_issue_fields(&mut entry.issue, &p.issue);
    let page_no = p.page.unwrap_or(entry.issue.pages.len() as u32 + 1);
    for mut page in p.issue.pages.clone() {
        page.number = page_no;
        entry.issue.pages.push(page);
    }
    for mut a in p.articles {
        a.page = Some(page_no);
        entry.articles.push(a);
    }
    entry
        .unassigned
        .extend(p.unassigned.into_iter().map(|u| u.text));
}

/// A feed article joins the issue of its date (of the feed's paper).
fn add_feed_article(groups: &mut Groups, f: FeedArticle, feed_paper: Option<&str>) {
    let key = (f.date.clone(), format!("{}|", feed_paper.unwrap_or("")));
    let entry = groups.entry(key).or_insert_with(|| AssembledIssue {
        issue: Issue {
            date: f.date.clone(),
            paper: feed_paper.map(str::to_string),
            ..Default::default()
        },
        articles: Vec::new(),
        unassigned: Vec::new(),
    });
    entry.articles.push(f.article);
}

/// The issues in order, dated ones first by date, each with its id (unique
/// per day), its pages in order and its articles numbered.
fn finish(groups: Groups) -> Vec<AssembledIssue> {
    let mut out: Vec<AssembledIssue> = Vec::new();
    let mut per_day: BTreeMap<String, u32> = BTreeMap::new();
    let mut undated = Vec::new();
    for ((date, key), mut issue) in groups {
        issue.issue.id = match &date {
            Some(d) => {
                let n = per_day.entry(d.clone()).or_insert(0);
                *n += 1;
                if *n == 1 {
                    d.clone()
                } else {
                    format!("{d}-{n}")
                }
            }
            None => key,
        };
        if issue.issue.pages.is_empty() {
            issue.issue.pages = pages_of_articles(&issue.articles);
        }
        issue.issue.pages.sort_by_key(|p| p.number);
        // Stable sort keeps reading order within a page.
        issue.articles.sort_by_key(|a| a.page.unwrap_or(0));
        number_articles(&mut issue);
        if date.is_some() {
            out.push(issue)
        } else {
            undated.push(issue)
        }
    }
    out.extend(undated);
    out
}

/// Bare page entries for the pages an issue's articles name (a feed's).
fn pages_of_articles(articles: &[Article]) -> Vec<kanbao_bundle::Page> {
    let mut pages: Vec<u32> = articles.iter().filter_map(|a| a.page).collect();
    pages.sort_unstable();
    pages.dedup();
    pages
        .into_iter()
        .map(|number| kanbao_bundle::Page {
            number,
            ..Default::default()
        })
        .collect()
}

fn merge_issue_fields(into: &mut Issue, from: &Issue) {
    macro_rules! take {
        ($f:ident) => {
            if into.$f.is_none() {
                into.$f = from.$f.clone();
            }
        };
    }
    take!(paper);
    take!(edition);
    take!(date);
    take!(weekday);
    take!(lunar_date);
    take!(issue_number);
    take!(publisher);
    take!(year_hint);
}

/// Ids `<issue>_<page>_<n>`, then continuation links between pages.
fn number_articles(issue: &mut AssembledIssue) {
    let mut counters: BTreeMap<u32, u32> = BTreeMap::new();
    for a in &mut issue.articles {
        let page = a.page.unwrap_or(0);
        let n = counters.entry(page).or_insert(0);
        *n += 1;
        a.id = format!("{}_{}_{}", issue.issue.id, page, n);
    }
    link_continuations(&mut issue.articles);
}

/// The page number in a printed jump: `2版` → 2, `C2版` → 2.
fn jump_page(jump: &str) -> Option<u32> {
    let digits: String = jump
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit())
        .collect();
    digits.parse().ok()
}

/// Links `(下转2版)` to the article on page 2 that says `(上接1版)`; when
/// several do, the one with the same headline, else the first.
fn link_continuations(articles: &mut [Article]) {
    for i in 0..articles.len() {
        let (Some(to), Some(from_page)) = (
            articles[i].continues_to.as_deref().and_then(jump_page),
            articles[i].page,
        ) else {
            continue;
        };
        let candidates: Vec<usize> = (0..articles.len())
            .filter(|&j| {
                j != i
                    && articles[j].page == Some(to)
                    && articles[j].continued_from_article.is_none()
                    && articles[j].continued_from.as_deref().and_then(jump_page) == Some(from_page)
            })
            .collect();
        let pick = candidates
            .iter()
            .copied()
            .find(|&j| {
                !articles[j].headline.is_empty() && articles[j].headline == articles[i].headline
            })
            .or(candidates.first().copied());
        if let Some(j) = pick {
            let (from_id, to_id) = (articles[i].id.clone(), articles[j].id.clone());
            articles[i].continues_to_article = Some(to_id);
            articles[j].continued_from_article = Some(from_id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{parse_page, ParseOptions};

    #[test]
    fn jumps_link_across_pages() {
        let p1 = "平湖版\n\n跨区域执法 共建共享带\n\n■记者 林旭东\n\n本报讯 近日，两地开展联合执法。\n\n截至目前，共开展联合执法活动130余次。(下转2版)\n";
        let p2 = "(上接1版)执法队还将继续加强合作。\n\n另一条新闻标题在此\n\n■记者 李雨婷\n\n本报讯 昨天，会议召开。\n";
        let page = |t: &str, f: &str| {
            parse_page(
                t,
                &ParseOptions {
                    file: f.into(),
                    date: Some("2023-08-03".into()),
                    ..Default::default()
                },
            )
        };
        let issues = assemble(
            vec![page(p1, "x_p1.txt"), page(p2, "x_p2.txt")],
            Vec::new(),
            None,
        );
        assert_eq!(issues.len(), 1);
        let a = &issues[0].articles;
        let from = a.iter().find(|a| a.continues_to.is_some()).unwrap();
        let to = a.iter().find(|a| a.continued_from.is_some()).unwrap();
        assert_eq!(from.continues_to_article.as_deref(), Some(to.id.as_str()));
        assert_eq!(to.continued_from_article.as_deref(), Some(from.id.as_str()));
        assert_eq!(to.page, Some(2));
    }
}
