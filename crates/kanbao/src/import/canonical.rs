//! Canonical issue files: a Markdown file a librarian can correct by hand,
//! which `kanbao build` reads back (`kanbao import page.txt -o issue.md`).
//!
//! A front-matter block between `---` lines holds the issue fields; then each
//! article is a `## headline` section: `key: value` field lines right under
//! the heading, a blank line, then paragraphs separated by blank lines, with
//! in-article headings as `### heading`. A paragraph that would start with
//! `#` or `\` is written with a leading `\`.

use std::fmt::Write as _;

use kanbao_bundle::{Article, ArticleKind, Issue, Page, Role, SourceSpan};

use super::model::{ImportError, ParsedPage, Unassigned};

const ROLES: [(Role, &str); 7] = [
    (Role::Reporter, "reporters"),
    (Role::InternReporter, "intern_reporters"),
    (Role::Correspondent, "correspondents"),
    (Role::Photographer, "photographers"),
    (Role::Commentator, "commentators"),
    (Role::Author, "authors"),
    (Role::Editor, "editors"),
];

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Writes the pages of one issue as a canonical issue file.
pub fn write_pages(pages: &[ParsedPage]) -> String {
    let mut issue = Issue::default();
    for p in pages {
        let i = &p.issue;
        macro_rules! take {
            ($($f:ident),*) => {$( if issue.$f.is_none() { issue.$f = i.$f.clone(); } )*};
        }
        take!(
            paper,
            edition,
            date,
            weekday,
            lunar_date,
            issue_number,
            publisher,
            year_hint
        );
    }
    let mut o = String::new();
    o.push_str("---\n");
    let _ = writeln!(
        o,
        "# kanbao canonical issue: edit and rebuild with `kanbao build`"
    );
    let field = |o: &mut String, k: &str, v: Option<String>| {
        if let Some(v) = v {
            let _ = writeln!(o, "{k}: {}", one_line(&v));
        }
    };
    field(&mut o, "paper", issue.paper.clone());
    field(&mut o, "edition", issue.edition.clone());
    field(&mut o, "date", issue.date.clone());
    field(&mut o, "weekday", issue.weekday.clone());
    field(&mut o, "lunar_date", issue.lunar_date.clone());
    field(
        &mut o,
        "issue_number",
        issue.issue_number.map(|n| n.to_string()),
    );
    field(&mut o, "publisher", issue.publisher.clone());
    field(&mut o, "year_hint", issue.year_hint.map(|n| n.to_string()));
    for p in pages {
        for pg in &p.issue.pages {
            let _ = writeln!(
                o,
                "page: {} {}",
                p.page.map(|n| n.to_string()).unwrap_or_else(|| "?".into()),
                pg.file.as_deref().unwrap_or("")
            );
            let _ = pg;
        }
        for u in &p.unassigned {
            let _ = writeln!(o, "unassigned: {} {}", u.line, one_line(&u.text));
        }
    }
    o.push_str("---\n");
    for p in pages {
        for a in &p.articles {
            write_article(&mut o, a);
        }
    }
    o
}

fn write_article(o: &mut String, a: &Article) {
    let _ = writeln!(o, "\n## {}", one_line(&a.headline));
    let mut f = |k: &str, v: Option<String>| {
        if let Some(v) = v {
            let _ = writeln!(o, "{k}: {}", one_line(&v));
        }
    };
    f("page", a.page.map(|n| n.to_string()));
    f("kind", Some(a.kind.as_str().to_string()));
    f("kicker", a.kicker.clone());
    f("subheadline", a.subheadline.clone());
    for (role, key) in ROLES {
        let names = match role {
            Role::Reporter => &a.byline.reporters,
            Role::InternReporter => &a.byline.intern_reporters,
            Role::Correspondent => &a.byline.correspondents,
            Role::Photographer => &a.byline.photographers,
            Role::Commentator => &a.byline.commentators,
            Role::Author => &a.byline.authors,
            Role::Editor => &a.byline.editors,
        };
        if !names.is_empty() {
            f(key, Some(names.join("、")));
        }
    }
    f("dateline", a.dateline.clone());
    f("continues_to", a.continues_to.clone());
    f("continued_from", a.continued_from.clone());
    f("interleaved", a.interleaved.then(|| "true".to_string()));
    f("source_id", a.source_id.clone());
    f(
        "source",
        a.source
            .as_ref()
            .map(|s| format!("{}:{}-{}", s.file, s.line_start, s.line_end)),
    );
    for r in &a.regions {
        f(
            "region",
            Some(format!("{} {} {} {} {}", r.page, r.x0, r.y0, r.x1, r.y1)),
        );
    }
    for p in &a.paragraphs {
        o.push('\n');
        if a.section_headings.contains(p) {
            let _ = writeln!(o, "### {}", one_line(p));
        } else {
            if p.starts_with(['#', '\\', '-']) {
                o.push('\\');
            }
            let _ = writeln!(o, "{}", one_line(p));
        }
    }
}

/// Reads a canonical issue file back into one parsed page per page number.
pub fn read(file: &str, text: &str) -> Result<Vec<ParsedPage>, ImportError> {
    let lines: Vec<&str> = text.lines().collect();
    let mut r = Reader {
        file,
        lines: &lines,
        i: 0,
    };
    let front = r.front_matter()?;
    let articles = r.articles()?;
    Ok(pages_of(file, front, articles))
}

/// What the front matter holds: the issue's fields, its pages (number and
/// file) and the text left unassigned.
#[derive(Default)]
struct FrontMatter {
    issue: Issue,
    pages: Vec<(Option<u32>, String)>,
    unassigned: Vec<Unassigned>,
}

/// A canonical file being read, line by line.
struct Reader<'a> {
    file: &'a str,
    lines: &'a [&'a str],
    /// The next line's index (so, after a line is taken, its 1-based number).
    i: usize,
}

impl Reader<'_> {
    fn syntax(&self, line: usize, message: String) -> ImportError {
        ImportError::Syntax {
            file: self.file.into(),
            line,
            message,
        }
    }

    /// A number in the field `k` of the line just read.
    fn num(&self, k: &str, v: &str) -> Result<i64, ImportError> {
        v.parse::<i64>()
            .map_err(|_| self.syntax(self.i, format!("`{k}` is not a number: `{v}`")))
    }

    /// The front matter: blank lines, then `---`, `key: value` lines (and
    /// `#` comments) up to the closing `---`.
    fn front_matter(&mut self) -> Result<FrontMatter, ImportError> {
        let lines = self.lines;
        while self.i < lines.len() && lines[self.i].trim().is_empty() {
            self.i += 1;
        }
        if lines.get(self.i).map(|l| l.trim()) != Some("---") {
            return Err(self.syntax(
                self.i + 1,
                "a canonical issue starts with a `---` front-matter line".into(),
            ));
        }
        self.i += 1;
        let mut front = FrontMatter::default();
        loop {
            let Some(l) = lines.get(self.i) else {
                return Err(self.syntax(self.i, "front matter is not closed with `---`".into()));
            };
            self.i += 1;
            let l = l.trim();
            if l == "---" {
                return Ok(front);
            }
            if l.is_empty() || l.starts_with('#') {
                continue;
            }
            let (k, v) = l.split_once(':').ok_or_else(|| {
                self.syntax(self.i, format!("expected `key: value`, found `{l}`"))
            })?;
            self.issue_field(&mut front, k, v.trim().to_string())?;
        }
    }

    /// One `key: value` line of the front matter (`k` as written, before
    /// the colon).
    fn issue_field(&self, front: &mut FrontMatter, k: &str, v: String) -> Result<(), ImportError> {
        let issue = &mut front.issue;
        match k.trim() {
            "paper" => issue.paper = Some(v),
            "edition" => issue.edition = Some(v),
            "date" => {
                if !super::feed::is_iso_date(&v) {
                    return Err(self.syntax(self.i, format!("date `{v}` is not YYYY-MM-DD")));
                }
                issue.date = Some(v)
            }
            "weekday" => issue.weekday = Some(v),
            "lunar_date" => issue.lunar_date = Some(v),
            "issue_number" => issue.issue_number = Some(self.num(k, &v)? as u32),
            "publisher" => issue.publisher = Some(v),
            "year_hint" => issue.year_hint = Some(self.num(k, &v)? as i32),
            "page" => {
                let (n, f) = v.split_once(' ').unwrap_or((&v, ""));
                let n = if n == "?" {
                    None
                } else {
                    Some(self.num(k, n)? as u32)
                };
                front.pages.push((n, f.trim().to_string()));
            }
            "unassigned" => {
                let (n, t) = v.split_once(' ').unwrap_or((&v, ""));
                front.unassigned.push(Unassigned {
                    line: self.num(k, n)? as u32,
                    text: t.to_string(),
                });
            }
            other => {
                return Err(self.syntax(self.i, format!("unknown issue field `{other}`")));
            }
        }
        Ok(())
    }

    /// The articles after the front matter: each a `## headline`, its
    /// `key: value` fields up to a blank line, then paragraphs and `###`
    /// headings.
    fn articles(&mut self) -> Result<Vec<Article>, ImportError> {
        let mut articles: Vec<Article> = Vec::new();
        let mut in_fields = false;
        while self.i < self.lines.len() {
            let raw = self.lines[self.i];
            self.i += 1;
            let l = raw.trim();
            if let Some(h) = l
                .strip_prefix("## ")
                .or(if l == "##" { Some("") } else { None })
            {
                articles.push(Article {
                    headline: h.trim().to_string(),
                    ..Default::default()
                });
                in_fields = true;
                continue;
            }
            let Some(a) = articles.last_mut() else {
                if l.is_empty() {
                    continue;
                }
                return Err(self.syntax(self.i, "text before the first `## headline`".into()));
            };
            if l.is_empty() {
                in_fields = false;
            } else if in_fields {
                let (k, v) = l.split_once(':').ok_or_else(|| {
                    self.syntax(
                        self.i,
                        format!("expected `key: value` under the headline, found `{l}`"),
                    )
                })?;
                self.article_field(a, k.trim(), v.trim().to_string())?;
            } else if let Some(h) = l.strip_prefix("### ") {
                a.section_headings.push(h.trim().to_string());
                a.paragraphs.push(h.trim().to_string());
            } else {
                let p = l.strip_prefix('\\').unwrap_or(l);
                a.paragraphs.push(p.to_string());
            }
        }
        Ok(articles)
    }

    /// One `key: value` line under an article's headline.
    fn article_field(&self, a: &mut Article, k: &str, v: String) -> Result<(), ImportError> {
        let i = self.i;
        match k {
            "page" => {
                a.page = Some(
                    v.parse()
                        .map_err(|_| self.syntax(i, format!("page `{v}` is not a number")))?,
                )
            }
            "kind" => {
                a.kind = ArticleKind::ALL
                    .into_iter()
                    .find(|k| k.as_str() == v)
                    .ok_or_else(|| {
                        self.syntax(
                            i,
                            format!(
                                "unknown kind `{v}` (news, commentary, photo, ad, banner, notice)"
                            ),
                        )
                    })?
            }
            "kicker" => a.kicker = Some(v),
            "subheadline" => a.subheadline = Some(v),
            "dateline" => a.dateline = Some(v),
            "continues_to" => a.continues_to = Some(v),
            "continued_from" => a.continued_from = Some(v),
            "interleaved" => a.interleaved = v == "true",
            "source_id" => a.source_id = Some(v),
            "source" => a.source = Some(source_span(&v)),
            "region" => a.regions.push(region(&v).ok_or_else(|| {
                self.syntax(
                    i,
                    format!("region `{v}` is not `page x0 y0 x1 y1` (PDF points)"),
                )
            })?),
            key => match ROLES.iter().find(|(_, k)| *k == key) {
                Some((role, _)) => *a.byline.names_mut(*role) = names(&v),
                None => return Err(self.syntax(i, format!("unknown article field `{key}`"))),
            },
        }
        Ok(())
    }
}

/// `张三、李四`: names separated by `、`.
fn names(v: &str) -> Vec<String> {
    v.split('、')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// `file:start-end`: the lines of the source an article came from.
fn source_span(v: &str) -> SourceSpan {
    let (f, range) = v.rsplit_once(':').unwrap_or((v, ""));
    let (s, e) = range.split_once('-').unwrap_or((range, range));
    SourceSpan {
        file: f.to_string(),
        line_start: s.parse().unwrap_or(0),
        line_end: e.parse().unwrap_or(0),
    }
}

/// One parsed page per page of the front matter (or, with none, one page
/// numbered as the first article is), each holding its articles (by page
/// number, else the first page's) in order of appearance; the unassigned
/// text on the first.
fn pages_of(file: &str, front: FrontMatter, articles: Vec<Article>) -> Vec<ParsedPage> {
    let mut pages = front.pages;
    if pages.is_empty() {
        pages.push((articles.first().and_then(|a| a.page), file.to_string()));
    }
    let mut out: Vec<ParsedPage> = Vec::new();
    for (n, f) in &pages {
        out.push(ParsedPage {
            file: if f.is_empty() {
                file.to_string()
            } else {
                f.clone()
            },
            encoding: "UTF-8".into(),
            issue: Issue {
                pages: vec![Page {
                    number: n.unwrap_or(0),
                    name: None,
                    file: (!f.is_empty()).then(|| f.clone()),
                    ..Default::default()
                }],
                ..front.issue.clone()
            },
            page: *n,
            articles: Vec::new(),
            unassigned: Vec::new(),
            masthead: Vec::new(),
            marks: Vec::new(),
            warnings: Vec::new(),
            explain: Vec::new(),
        });
    }
    out[0].unassigned = front.unassigned;
    for a in articles {
        let k = out.iter().position(|p| p.page == a.page).unwrap_or(0);
        out[k].articles.push(a);
    }
    out
}

/// `page x0 y0 x1 y1`: where an article from a PDF is printed.
fn region(v: &str) -> Option<kanbao_bundle::Region> {
    let mut it = v.split_whitespace();
    let page = it.next()?.parse().ok()?;
    let mut n = || it.next()?.parse::<f32>().ok().filter(|x| x.is_finite());
    let (x0, y0, x1, y1) = (n()?, n()?, n()?, n()?);
    (x0 <= x1 && y0 <= y1).then_some(kanbao_bundle::Region {
        page,
        x0,
        y0,
        x1,
        y1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_bad_fields() {
        let e = read("x.md", "---\ndate: 2023-13-01\n---\n").err().unwrap();
        assert!(e.to_string().contains("x.md:2"), "{e}");
        let e = read("x.md", "---\n---\n## 标题\nkind: poem\n")
            .err()
            .unwrap();
        assert!(e.to_string().contains("unknown kind"), "{e}");
    }

    #[test]
    fn front_matter_fields_and_pages() {
        let text = "\n---\n# note\npaper: 绍兴日报\ndate: 1998-01-20\nissue_number: 7\npage: 2 a.pdf\npage: ? b.txt\nunassigned: 12 编辑\n---\n## 甲\npage: 2\nreporters: 张三、 李四\nsource: a.txt:3-9\n\n正文\n### 小标题\n\\#号\n## 乙\n";
        let pages = read("x.md", text).unwrap();
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].issue.paper.as_deref(), Some("绍兴日报"));
        assert_eq!(pages[0].issue.issue_number, Some(7));
        assert_eq!((pages[0].page, pages[0].file.as_str()), (Some(2), "a.pdf"));
        assert_eq!((pages[1].page, pages[1].file.as_str()), (None, "b.txt"));
        assert_eq!(pages[0].unassigned[0].line, 12);
        let a = &pages[0].articles[0];
        assert_eq!(a.byline.reporters, ["张三", "李四"]);
        assert_eq!(a.paragraphs, ["正文", "小标题", "#号"]);
        assert_eq!(a.section_headings, ["小标题"]);
        assert_eq!(
            a.source.as_ref().map(|s| (s.line_start, s.line_end)),
            Some((3, 9))
        );
        // An article of no page goes to the page of no number.
        assert_eq!(pages[1].articles[0].headline, "乙");
        let e = read("x.md", "---\nissue_number: seven\n---\n")
            .err()
            .unwrap();
        assert!(e.to_string().contains("x.md:2"), "{e}");
        let e = read("x.md", "---\npaper: x\n").err().unwrap();
        assert!(e.to_string().contains("not closed"), "{e}");
        let e = read("x.md", "---\n---\n正文\n").err().unwrap();
        assert!(e.to_string().contains("x.md:3"), "{e}");
    }

    #[test]
    fn escapes_paragraphs() {
        let a = Article {
            headline: "标题".into(),
            paragraphs: vec!["#号开头".into(), "正文".into()],
            ..Default::default()
        };
        let mut o = String::from("---\n---\n");
        write_article(&mut o, &a);
        let back = read("x.md", &o).unwrap();
        assert_eq!(back[0].articles[0].paragraphs, a.paragraphs);
    }

    #[test]
    fn regions_round_trip_and_bad_ones_are_refused() {
        let r = |page, x0, y0, x1, y1| kanbao_bundle::Region {
            page,
            x0,
            y0,
            x1,
            y1,
        };
        let a = Article {
            headline: "标题".into(),
            paragraphs: vec!["正文".into()],
            regions: vec![
                r(3, 36.5, 100.0, 220.25, 480.0),
                r(3, 230.0, 100.0, 400.0, 300.1),
            ],
            ..Default::default()
        };
        let mut o = String::from("---\n---\n");
        write_article(&mut o, &a);
        let back = read("x.md", &o).unwrap();
        assert_eq!(back[0].articles[0].regions, a.regions);
        for bad in ["3 1 2 3", "x 1 2 3 4", "3 5 5 1 1", "3 NaN 1 2 3"] {
            let e = read("x.md", &format!("---\n---\n## 标题\nregion: {bad}\n"))
                .err()
                .unwrap();
            assert!(e.to_string().contains("x.md:4"), "{bad}: {e}");
        }
    }
}
