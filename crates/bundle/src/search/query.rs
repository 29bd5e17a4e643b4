//! The query language: spaces mean AND, `"…"` a phrase, `-词` excludes, `OR`
//! joins alternatives, and `作者:`/`author:`, `版:`/`page:`, `日期:`/`date:`
//! (or a bare `2023-01..2023-06`) filter. Anything malformed degrades to plain
//! words; parsing never fails.

use serde::{Deserialize, Serialize};

use super::pinyin::is_pinyin_like;
use crate::text::normalize::{fold, is_word_char};

/// One string that must occur in a field, after folding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    pub text: String,
    /// From `"…"`: matched exactly, punctuation and spaces included.
    pub phrase: bool,
}

/// Alternatives joined by `OR`; a document matches when any one occurs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clause {
    pub any: Vec<Term>,
}

/// Filters on facts of an article rather than its text; all given must hold.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
#[serde(default)]
pub struct Filters {
    /// Any of these names in the byline (exact, after folding).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// Any of these page numbers.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pages: Vec<u32>,
    /// Dates from..=to as prefixes: `2023`, `2023-08`, `2023-08-03`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_to: Option<String>,
    /// Any of these issue ids.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub issues: Vec<String>,
    /// Any of these kinds (`news`, `photo`…).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub kinds: Vec<String>,
    /// Only articles of issues with no known date (`日期:不详`, a facet's
    /// 日期不详 bucket).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub undated: bool,
}

/// The date filter value that stands for issues with no known date.
pub const UNDATED: &str = "undated";

/// What a filter typed in the query text filters on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilterField {
    Author,
    Page,
    /// A date, month, year or range (`2023-01..2023-06`; either side may be
    /// empty), or [`UNDATED`].
    Date,
    Issue,
    Kind,
}

/// A filter typed in the query text (`版:1`, `作者:李雨婷`, `2023-01..2023-06`):
/// what it filters on, its value as the search uses it, and where it is in
/// the text, so that a chip can show it and take it out of the query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextFilter {
    pub field: FilterField,
    /// The page number, the name, the issue id, the kind, or the date range
    /// as `from..to` (`2023-08` alone when both ends are the same).
    pub value: String,
    /// Byte range of the filter's word in the query as typed.
    pub span: std::ops::Range<usize>,
}

impl TextFilter {
    /// The query text without this filter's word (spaces around it collapsed).
    pub fn remove_from(&self, q: &str) -> String {
        let (Some(head), Some(tail)) = (q.get(..self.span.start), q.get(self.span.end..)) else {
            return q.to_string();
        };
        let (head, tail) = (head.trim_end(), tail.trim_start());
        match (head.is_empty(), tail.is_empty()) {
            (true, _) => tail.to_string(),
            (_, true) => head.to_string(),
            _ => format!("{head} {tail}"),
        }
    }
}

/// The filters typed in a query's text, in order.
pub fn text_filters(q: &str) -> Vec<TextFilter> {
    parse(q).text_filters
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }

    /// Adds the filters of `other` (a request's filters to a query's).
    pub fn merge(&mut self, other: &Filters) {
        self.authors.extend(other.authors.iter().map(|a| fold(a)));
        self.pages.extend(&other.pages);
        if other.date_from.is_some() {
            self.date_from = other.date_from.clone();
        }
        if other.date_to.is_some() {
            self.date_to = other.date_to.clone();
        }
        self.issues.extend(other.issues.iter().cloned());
        self.kinds.extend(other.kinds.iter().cloned());
        self.undated |= other.undated;
    }

    /// Whether `date` (`YYYY-MM-DD`) lies in the date range. Undated articles
    /// pass only when no range is set; with [`Filters::undated`], only they pass.
    pub fn date_ok(&self, date: Option<&str>) -> bool {
        if self.undated {
            return date.is_none();
        }
        if self.date_from.is_none() && self.date_to.is_none() {
            return true;
        }
        let Some(date) = date else { return false };
        if let Some(f) = &self.date_from {
            if date < f.as_str() && !date.starts_with(f.as_str()) {
                return false;
            }
        }
        if let Some(t) = &self.date_to {
            let head = &date[..t.len().min(date.len())];
            if head > t.as_str() {
                return false;
            }
        }
        true
    }
}

/// A parsed query.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    /// All must match.
    pub clauses: Vec<Clause>,
    /// None may match.
    pub exclude: Vec<Term>,
    pub filters: Filters,
    /// Runs of adjacent plain words that may be pinyin (`ping hu`, `平hu`),
    /// for the search to widen with the Chinese words they spell.
    pub pinyin: Vec<PinyinRun>,
    /// Excluded words that may be pinyin (`-zhongguo`).
    pub exclude_pinyin: Vec<String>,
    /// The filters typed in the text, where they are (see [`text_filters`]).
    pub text_filters: Vec<TextFilter>,
    /// The `"…"` phrases typed (not excluded), as typed inside the quotes.
    pub quoted: Vec<String>,
}

/// Adjacent query words that may be pinyin: each word (as typed) and the
/// clauses its terms became, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PinyinRun {
    pub words: Vec<(String, std::ops::Range<usize>)>,
}

impl PinyinRun {
    /// The run as one input, words separated by spaces (syllable breaks).
    pub fn text(&self) -> String {
        self.words
            .iter()
            .map(|w| w.0.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Clauses of the whole run.
    pub fn clauses(&self) -> std::ops::Range<usize> {
        let start = self.words.first().map_or(0, |w| w.1.start);
        start..self.words.last().map_or(0, |w| w.1.end)
    }
}

impl Query {
    /// Every positive term, for highlighting.
    pub fn terms(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for c in &self.clauses {
            for t in &c.any {
                if !out.contains(&t.text) {
                    out.push(t.text.clone());
                }
            }
        }
        out
    }

    /// Nothing to search for and nothing to filter on.
    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty() && self.filters.is_empty()
    }

    /// Only words to leave out (`-北京`): nothing to search for, no filter.
    pub fn only_exclusions(&self) -> bool {
        self.is_empty() && !self.exclude.is_empty()
    }
}

#[derive(Debug, PartialEq)]
enum Token {
    Word(String),
    Phrase(String),
}

/// Splits on whitespace, keeping `"…"` together; an unclosed quote runs to
/// the end. A full-width colon `：` reads as `:`. Each token with its byte
/// range in `q`.
fn tokenize(q: &str) -> Vec<(bool, Token, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    let mut chars = q.char_indices().peekable();
    loop {
        while chars.peek().is_some_and(|(_, c)| c.is_whitespace()) {
            chars.next();
        }
        let Some(&(start, c)) = chars.peek() else {
            break;
        };
        let mut end = start;
        let mut negated = false;
        if c == '-' || c == '－' {
            chars.next();
            end = start + c.len_utf8();
            negated = true;
        }
        if let Some(&(i, q @ ('"' | '“' | '”' | '＂'))) = chars.peek() {
            chars.next();
            end = i + q.len_utf8();
            let mut s = String::new();
            for (i, c) in chars.by_ref() {
                end = i + c.len_utf8();
                if matches!(c, '"' | '“' | '”' | '＂') {
                    break;
                }
                s.push(c);
            }
            out.push((negated, Token::Phrase(s), start..end));
        } else {
            let mut s = String::new();
            while let Some(&(i, c)) = chars.peek() {
                if c.is_whitespace() {
                    break;
                }
                s.push(if c == '：' { ':' } else { c });
                end = i + c.len_utf8();
                chars.next();
            }
            if negated && s.is_empty() {
                continue;
            }
            out.push((negated, Token::Word(s), start..end));
        }
    }
    out
}

/// The pieces of a string that can be searched: runs of word characters.
pub fn pieces(folded: &str) -> Vec<String> {
    folded
        .split(|c: char| !is_word_char(c))
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

fn is_date_prefix(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| r.clone().all(|i| b[i].is_ascii_digit());
    match b.len() {
        4 => digits(0..4),
        7 => digits(0..4) && b[4] == b'-' && digits(5..7),
        10 => digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10),
        _ => false,
    }
}

/// `2023-08` → (from, to); `2023-01..2023-06` → range; either side may be empty.
fn date_range(v: &str) -> Option<(Option<String>, Option<String>)> {
    match v.split_once("..") {
        Some((a, b)) => {
            let ok = |s: &str| s.is_empty() || is_date_prefix(s);
            if !ok(a) || !ok(b) || (a.is_empty() && b.is_empty()) {
                return None;
            }
            let f = |s: &str| (!s.is_empty()).then(|| s.to_string());
            Some((f(a), f(b)))
        }
        None => is_date_prefix(v).then(|| (Some(v.to_string()), Some(v.to_string()))),
    }
}

/// A date range's value for [`TextFilter::value`]: `from..to`, or one
/// prefix when both ends are the same.
fn range_value(from: &Option<String>, to: &Option<String>) -> String {
    match (from, to) {
        (Some(f), Some(t)) if f == t => f.clone(),
        _ => format!(
            "{}..{}",
            from.as_deref().unwrap_or(""),
            to.as_deref().unwrap_or("")
        ),
    }
}

/// Applies `field:value`, returning what it filters on and its value, or
/// None when it is not a filter we know.
fn apply_filter(word: &str, filters: &mut Filters) -> Option<(FilterField, String)> {
    let mut dates = |(from, to): (Option<String>, Option<String>)| {
        let v = range_value(&from, &to);
        filters.date_from = from;
        filters.date_to = to;
        filters.undated = false;
        Some((FilterField::Date, v))
    };
    if let Some(r) = word.contains("..").then(|| date_range(word)).flatten() {
        return dates(r);
    }
    let (key, value) = word.split_once(':')?;
    let key = key.to_lowercase();
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    match key.as_str() {
        "作者" | "author" | "记者" | "by" => {
            filters.authors.push(value.to_string());
            Some((FilterField::Author, value.to_string()))
        }
        "版" | "page" | "版面" => {
            let digits = value.trim_start_matches('第').trim_end_matches('版').trim();
            let p = digits.parse::<u32>().ok()?;
            filters.pages.push(p);
            Some((FilterField::Page, p.to_string()))
        }
        "日期" | "date" => match value {
            "不详" | "undated" | "unknown" => {
                filters.date_from = None;
                filters.date_to = None;
                filters.undated = true;
                Some((FilterField::Date, UNDATED.to_string()))
            }
            _ => dates(date_range(value)?),
        },
        "期" | "issue" => {
            filters.issues.push(value.to_string());
            Some((FilterField::Issue, value.to_string()))
        }
        "类" | "kind" => {
            filters.kinds.push(value.to_string());
            Some((FilterField::Kind, value.to_string()))
        }
        _ => None,
    }
}

/// A term for a token: a phrase stays whole; a word with punctuation inside
/// becomes its pieces (each required) unless `whole` asks for one term.
fn terms_of(token: &Token, whole: bool) -> Vec<Term> {
    match token {
        Token::Phrase(p) => {
            let text = fold(p.trim());
            if pieces(&text).is_empty() {
                return Vec::new();
            }
            let phrase = text.chars().any(|c| !is_word_char(c));
            vec![Term { text, phrase }]
        }
        Token::Word(w) => {
            let folded = fold(w);
            let ps = pieces(&folded);
            if whole && ps.len() > 1 {
                let text = folded.trim_matches(|c: char| !is_word_char(c)).to_string();
                return vec![Term { text, phrase: true }];
            }
            ps.into_iter()
                .map(|text| Term {
                    text,
                    phrase: false,
                })
                .collect()
        }
    }
}

/// Parses a query string. Never fails: what is not syntax is text.
pub fn parse(q: &str) -> Query {
    let mut query = Query::default();
    let tokens = tokenize(q);
    let mut i = 0;
    // The pinyin run being collected; any other token ends it.
    let mut run = PinyinRun::default();
    while i < tokens.len() {
        let (negated, token, span) = &tokens[i];
        i += 1;
        let pinyin_word = match token {
            Token::Word(w) if !*negated && w != "OR" && is_pinyin_like(&fold(w)) => Some(w),
            _ => None,
        };
        let next_is_or =
            matches!(tokens.get(i), Some((false, Token::Word(w), _)) if w == "OR" || w == "|");
        match pinyin_word {
            Some(w) if !next_is_or => {
                let start = query.clauses.len();
                query.clauses.extend(
                    terms_of(token, false)
                        .into_iter()
                        .map(|t| Clause { any: vec![t] }),
                );
                run.words.push((w.clone(), start..query.clauses.len()));
                continue;
            }
            _ => {
                if !run.words.is_empty() {
                    query.pinyin.push(std::mem::take(&mut run));
                }
            }
        }
        if let Token::Word(w) = token {
            if w == "OR" || w == "|" {
                continue; // a dangling OR is just ignored
            }
            if !negated {
                if let Some((field, value)) = apply_filter(w, &mut query.filters) {
                    if field == FilterField::Date {
                        // The last date filter is the one in force.
                        query.text_filters.retain(|f| f.field != FilterField::Date);
                    }
                    query.text_filters.push(TextFilter {
                        field,
                        value,
                        span: span.clone(),
                    });
                    continue;
                }
            }
        }
        if let (false, Token::Phrase(p)) = (negated, token) {
            if !pieces(&fold(p)).is_empty() {
                query.quoted.push(p.trim().to_string());
            }
        }
        if *negated {
            if let Token::Word(w) = token {
                if is_pinyin_like(&fold(w)) {
                    query.exclude_pinyin.push(w.clone());
                }
            }
            query.exclude.extend(terms_of(token, true));
            continue;
        }
        // Collect `a OR b OR c`.
        let mut alternatives = vec![token];
        while i + 1 < tokens.len()
            && matches!(&tokens[i], (false, Token::Word(w), _) if w == "OR" || w == "|")
            && !tokens[i + 1].0
        {
            alternatives.push(&tokens[i + 1].1);
            i += 2;
        }
        if alternatives.len() == 1 {
            for t in terms_of(token, false) {
                query.clauses.push(Clause { any: vec![t] });
            }
        } else {
            let any: Vec<Term> = alternatives
                .into_iter()
                .flat_map(|t| terms_of(t, true))
                .collect();
            if !any.is_empty() {
                query.clauses.push(Clause { any });
            }
        }
    }
    if !run.words.is_empty() {
        query.pinyin.push(run);
    }
    query
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Term {
        Term {
            text: s.into(),
            phrase: false,
        }
    }
    fn p(s: &str) -> Term {
        Term {
            text: s.into(),
            phrase: true,
        }
    }
    fn and(ts: &[&str]) -> Vec<Clause> {
        ts.iter().map(|s| Clause { any: vec![t(s)] }).collect()
    }

    /// (query, clauses, excluded) for queries without filters.
    #[test]
    fn text_cases() {
        let cases: Vec<(&str, Vec<Clause>, Vec<Term>)> = vec![
            ("江泽民", and(&["江泽民"]), vec![]),
            ("  江泽民   讲话 ", and(&["江泽民", "讲话"]), vec![]),
            ("１９９８年 ＡＢＣ", and(&["1998年", "abc"]), vec![]),
            ("新世纪——一九九八", and(&["新世纪", "一九九八"]), vec![]),
            (
                "\"中国 人民\"",
                vec![Clause {
                    any: vec![p("中国 人民")],
                }],
                vec![],
            ),
            ("“希望”", and(&["希望"]), vec![]),
            ("经济 -农业", and(&["经济"]), vec![t("农业")]),
            ("经济 -\"农业 发展\"", and(&["经济"]), vec![p("农业 发展")]),
            (
                "香港 OR 澳门 回归",
                vec![
                    Clause {
                        any: vec![t("香港"), t("澳门")],
                    },
                    Clause {
                        any: vec![t("回归")],
                    },
                ],
                vec![],
            ),
            (
                "a OR b OR c",
                vec![Clause {
                    any: vec![t("a"), t("b"), t("c")],
                }],
                vec![],
            ),
            // Malformed: degrade to text.
            ("OR", vec![], vec![]),
            ("香港 OR", and(&["香港"]), vec![]),
            ("- -", vec![], vec![]),
            (
                "\"未闭合的 引号",
                vec![Clause {
                    any: vec![p("未闭合的 引号")],
                }],
                vec![],
            ),
            ("\"\"", vec![], vec![]),
            ("，。！", vec![], vec![]),
            ("😀🎉", vec![], vec![]),
            ("foo:bar", and(&["foo", "bar"]), vec![]),
            ("版:abc", and(&["版", "abc"]), vec![]),
            ("作者:", and(&["作者"]), vec![]),
            ("::::", vec![], vec![]),
            ("1998", and(&["1998"]), vec![]),
            ("2023-08", and(&["2023", "08"]), vec![]),
        ];
        for (q, clauses, exclude) in cases {
            let got = parse(q);
            assert_eq!(got.clauses, clauses, "clauses of {q:?}");
            assert_eq!(got.exclude, exclude, "excluded of {q:?}");
            assert!(
                got.filters.is_empty(),
                "filters of {q:?}: {:?}",
                got.filters
            );
        }
    }

    #[test]
    fn filter_cases() {
        let f = |q: &str| parse(q).filters;
        assert_eq!(f("作者:李雨婷").authors, vec!["李雨婷"]);
        assert_eq!(f("author:李雨婷").authors, vec!["李雨婷"]);
        assert_eq!(f("作者：李雨婷").authors, vec!["李雨婷"]);
        assert_eq!(f("版:1").pages, vec![1]);
        assert_eq!(f("page:12").pages, vec![12]);
        assert_eq!(f("版:第3版").pages, vec![3]);
        let d = f("日期:2023-08");
        assert_eq!(d.date_from.as_deref(), Some("2023-08"));
        assert_eq!(d.date_to.as_deref(), Some("2023-08"));
        let d = f("2023-01..2023-06");
        assert_eq!(d.date_from.as_deref(), Some("2023-01"));
        assert_eq!(d.date_to.as_deref(), Some("2023-06"));
        let d = f("date:1998-01-05..");
        assert_eq!(d.date_from.as_deref(), Some("1998-01-05"));
        assert_eq!(d.date_to, None);
        assert!(f("日期:昨天").is_empty());
        assert!(f("2023-1..x").is_empty());
        let q = parse("经济 作者:李雨婷 版:1");
        assert_eq!(q.clauses, and(&["经济"]));
    }

    #[test]
    fn pinyin_runs() {
        let runs = |q: &str| -> Vec<Vec<(String, std::ops::Range<usize>)>> {
            parse(q).pinyin.into_iter().map(|r| r.words).collect()
        };
        let w = |s: &str, r: std::ops::Range<usize>| (s.to_string(), r);
        assert_eq!(runs("pinghu"), vec![vec![w("pinghu", 0..1)]]);
        assert_eq!(runs("ping hu"), vec![vec![w("ping", 0..1), w("hu", 1..2)]]);
        assert_eq!(runs("ping'hu"), vec![vec![w("ping'hu", 0..2)]]);
        assert_eq!(runs("平hu"), vec![vec![w("平hu", 0..1)]]);
        // Chinese words, filters, exclusions and OR end a run.
        assert_eq!(
            runs("pinghu 平湖 yurongfu"),
            vec![vec![w("pinghu", 0..1)], vec![w("yurongfu", 2..3)]]
        );
        assert_eq!(
            runs("pinghu 作者:李 hu"),
            vec![vec![w("pinghu", 0..1)], vec![w("hu", 1..2)]]
        );
        assert_eq!(runs("-pinghu"), Vec::<Vec<_>>::new());
        assert_eq!(runs("a OR b"), Vec::<Vec<_>>::new());
        assert_eq!(runs("1998 '"), Vec::<Vec<_>>::new());
        // Clauses stay what they were.
        assert_eq!(parse("ping hu").clauses, and(&["ping", "hu"]));
    }

    #[test]
    fn date_ranges_compare_by_prefix() {
        let f = parse("2023-01..2023-06").filters;
        assert!(f.date_ok(Some("2023-01-01")));
        assert!(f.date_ok(Some("2023-06-30")));
        assert!(!f.date_ok(Some("2023-07-01")));
        assert!(!f.date_ok(Some("2022-12-31")));
        assert!(!f.date_ok(None));
        assert!(Filters::default().date_ok(None));
        let y = parse("日期:1998").filters;
        assert!(y.date_ok(Some("1998-01-31")));
        assert!(!y.date_ok(Some("1999-01-01")));
    }

    #[test]
    fn text_filters_say_what_and_where() {
        let q = "经济 版:1 作者：李雨婷  2023-01..2023-06 期:2023-08-03 类:photo";
        let fs = text_filters(q);
        let got: Vec<(FilterField, &str, &str)> = fs
            .iter()
            .map(|f| (f.field, f.value.as_str(), &q[f.span.clone()]))
            .collect();
        assert_eq!(
            got,
            vec![
                (FilterField::Page, "1", "版:1"),
                (FilterField::Author, "李雨婷", "作者：李雨婷"),
                (FilterField::Date, "2023-01..2023-06", "2023-01..2023-06"),
                (FilterField::Issue, "2023-08-03", "期:2023-08-03"),
                (FilterField::Kind, "photo", "类:photo"),
            ]
        );
        assert_eq!(
            fs[1].remove_from(q),
            "经济 版:1 2023-01..2023-06 期:2023-08-03 类:photo"
        );
        assert_eq!(text_filters("版:1")[0].remove_from("版:1"), "");
        assert_eq!(
            fs[4].remove_from(q),
            "经济 版:1 作者：李雨婷  2023-01..2023-06 期:2023-08-03"
        );
        // One date filter is in force: the last.
        let d = text_filters("日期:1998 date:1998-02..");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].value, "1998-02..");
        assert_eq!(text_filters("日期:2023-08")[0].value, "2023-08");
        // Not filters: excluded, malformed, quoted.
        assert!(text_filters("-版:1 版:abc \"作者:李\" foo:bar").is_empty());
    }

    #[test]
    fn undated_filter_and_phrases_and_exclusions() {
        let f = parse("日期:不详").filters;
        assert!(f.undated);
        assert!(f.date_ok(None));
        assert!(!f.date_ok(Some("2023-01-01")));
        assert_eq!(text_filters("date:undated")[0].value, UNDATED);
        let q = parse("\"平湖 新闻\" 经济 -\"不要\"");
        assert_eq!(q.quoted, vec!["平湖 新闻"]);
        assert!(parse("-北京").only_exclusions());
        assert!(parse("- -北京 －上海").only_exclusions());
        assert!(!parse("上海 -北京").only_exclusions());
        assert!(!parse("版:1 -北京").only_exclusions());
        assert!(!parse("").only_exclusions());
    }
}
