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

fn short_hash(s: &str) -> String {
    // FNV-1a: stable across runs and platforms, enough to tell files apart.
    let mut h: u64 = 0xcbf29ce484222325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("{:08x}", h as u32)
}

/// Groups pages by (date, paper, edition) and feed articles by date.
pub fn assemble(
    pages: Vec<ParsedPage>,
    feed: Vec<FeedArticle>,
    feed_paper: Option<&str>,
) -> Vec<AssembledIssue> {
    let mut groups: BTreeMap<(Option<String>, String), AssembledIssue> = BTreeMap::new();
    for p in pages {
        let key = match &p.issue.date {
            Some(d) => (
                Some(d.clone()),
                format!(
                    "{}|{}",
                    p.issue.paper.clone().unwrap_or_default(),
                    p.issue.edition.clone().unwrap_or_default()
                ),
            ),
            None => (None, format!("undated-{}", short_hash(&p.file))),
        };
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
    for f in feed {
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
    // Dated issues first by date; ids must be unique per day.
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
            let mut pages: Vec<u32> = issue.articles.iter().filter_map(|a| a.page).collect();
            pages.sort_unstable();
            pages.dedup();
            issue.issue.pages = pages
                .into_iter()
                .map(|number| kanbao_bundle::Page {
                    number,
                    ..Default::default()
                })
                .collect();
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
}
