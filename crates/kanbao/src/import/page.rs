//! The raw page parser: blocks of lines to articles.
//!
//! First version: blank lines split blocks; a short block without closing
//! punctuation starts an article; `■`/记者 lines are bylines.

use kanbao_bundle::{Article, ArticleKind, Issue, Page, Role, SourceSpan};

use super::{Diagnostic, ParseOptions, ParsedPage, Unassigned};

struct Block {
    line: u32,
    end_line: u32,
    text: String,
}

fn blocks(text: &str) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut cur: Option<Block> = None;
    for (i, line) in text.lines().enumerate() {
        let n = i as u32 + 1;
        let t = line.trim();
        if t.is_empty() {
            out.extend(cur.take());
            continue;
        }
        match cur.as_mut() {
            Some(b) => {
                b.text.push('\n');
                b.text.push_str(t);
                b.end_line = n;
            }
            None => {
                cur = Some(Block {
                    line: n,
                    end_line: n,
                    text: t.to_string(),
                })
            }
        }
    }
    out.extend(cur);
    out
}

fn is_title_like(t: &str) -> bool {
    let n = t.chars().count();
    n >= 4
        && n <= 40
        && !t.contains('\n')
        && !t.ends_with(['。', '！', '？', '…', '”', '：', '，', ',', ';', '；'])
        && !t.starts_with('■')
}

fn role_of(word: &str) -> Option<Role> {
    Some(match word {
        "记者" => Role::Reporter,
        "见习记者" => Role::InternReporter,
        "通讯员" => Role::Correspondent,
        "摄影" => Role::Photographer,
        "本报评论员" | "评论员" => Role::Commentator,
        "编辑" => Role::Editor,
        _ => return None,
    })
}

fn parse_byline(t: &str, article: &mut Article) -> bool {
    let looks = t.starts_with('■')
        || ["记者", "通讯员", "摄影"]
            .iter()
            .any(|w| t.replace(' ', "").starts_with(w))
        || t.replace(' ', "").ends_with("记者");
    if !looks || t.chars().count() > 40 {
        return false;
    }
    let s = t.replace('■', " ").replace("记 者", "记者");
    let mut role = Role::Reporter;
    let mut pending: Vec<String> = Vec::new();
    for w in s.split_whitespace() {
        if let Some(r) = role_of(w) {
            if !pending.is_empty() {
                // Names printed before their role (`李雨婷 ■记者`).
                article.byline.names_mut(r).append(&mut pending);
            }
            role = r;
        } else {
            pending.push(w.to_string());
        }
    }
    if !pending.is_empty() {
        let role = if t.replace(' ', "").starts_with('■')
            && role_of(&pending[0]).is_none()
            && role == Role::Reporter
            && !t.contains("记")
        {
            Role::Author
        } else {
            role
        };
        article.byline.names_mut(role).append(&mut pending);
    }
    true
}

/// Parses one page of raw text.
pub fn parse_page(text: &str, opts: &ParseOptions) -> ParsedPage {
    let mut issue = Issue::default();
    let mut articles: Vec<Article> = Vec::new();
    let mut unassigned = Vec::new();
    let warnings: Vec<Diagnostic> = Vec::new();
    let mut has_body = false;
    for b in blocks(text) {
        let t = b.text.as_str();
        if t.contains("◆星期") || t.contains("星期") && t.contains('年') && t.chars().count() < 20
        {
            if let Some(d) = masthead_date(t) {
                issue.date = Some(d);
            }
            unassigned.push(Unassigned {
                line: b.line,
                text: b.text.clone(),
            });
            continue;
        }
        if let Some(a) = articles.last_mut() {
            if !has_body && parse_byline(t, a) {
                continue;
            }
        }
        if is_title_like(t) && (articles.is_empty() || has_body) {
            articles.push(Article {
                headline: t.to_string(),
                kind: ArticleKind::News,
                source: Some(SourceSpan {
                    file: opts.file.clone(),
                    line_start: b.line,
                    line_end: b.end_line,
                }),
                ..Default::default()
            });
            has_body = false;
            continue;
        }
        match articles.last_mut() {
            Some(a) => {
                let mut p = b.text.replace('\n', "");
                if !has_body {
                    if let Some(rest) = p.strip_prefix("本报讯") {
                        a.dateline = Some("本报讯".into());
                        p = rest.trim().to_string();
                    }
                }
                a.paragraphs.push(p);
                if let Some(s) = a.source.as_mut() {
                    s.line_end = b.end_line;
                }
                has_body = true;
            }
            None => unassigned.push(Unassigned {
                line: b.line,
                text: b.text.clone(),
            }),
        }
    }
    if issue.date.is_none() {
        issue.date = opts.date.clone();
    }
    issue.pages = vec![Page {
        number: 1,
        name: None,
        file: Some(opts.file.clone()),
    }];
    for a in &mut articles {
        a.page = Some(1);
    }
    ParsedPage {
        file: opts.file.clone(),
        encoding: "UTF-8".into(),
        issue,
        page: Some(1),
        articles,
        unassigned,
        warnings,
    }
}

fn masthead_date(t: &str) -> Option<String> {
    let (y, rest) = t.split_once('年')?;
    let (m, rest) = rest.split_once('月')?;
    let (d, _) = rest.split_once('日')?;
    let num = |s: &str| s.trim().trim_start_matches('#').trim().parse::<u32>().ok();
    let y = num(&y[y.len().saturating_sub(4)..])?;
    Some(format!("{y:04}-{:02}-{:02}", num(m)?, num(d)?))
}
