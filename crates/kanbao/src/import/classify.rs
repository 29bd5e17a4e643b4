//! Line classes: what a single line of a page looks like on its own, before
//! context (the page parser) decides what it is.

use std::borrow::Cow;

use super::byline::{self, ParsedByline};
use super::text::{han_count, is_cjk, visible_len};

/// One input line with converter markup (`#`, `>`) split off.
#[derive(Debug, Clone)]
pub struct Line<'a> {
    pub no: u32,
    /// Markdown heading level (`##` → 2), 0 when none.
    pub level: u8,
    /// The markup removed (`##`, `>`, `**`), kept for accounting.
    pub markup: Cow<'a, str>,
    /// Text after markup, trimmed.
    pub text: Cow<'a, str>,
    /// Blank lines just before this one.
    pub gap: u32,
    /// Markdown bold (`**…**`) covered the whole text.
    pub bold: bool,
}

/// Takes Markdown bold markers (`**本报讯** 昨天…`, `**十年耕耘**`) and
/// strike-through markers (`~~责任编辑：祝华新~~`, which converters emit for
/// ruled text) out of a line: (text, markers removed, whether all of it was
/// bold).
fn strip_bold(t: &str) -> (Cow<'_, str>, String, bool) {
    let paired = |m: &str| t.contains(m) && t.matches(m).count().is_multiple_of(2);
    let (bold, struck) = (paired("**"), paired("~~"));
    if !bold && !struck {
        return (Cow::Borrowed(t), String::new(), false);
    }
    let mut text = t.to_string();
    let mut markers = String::new();
    for (m, on) in [("**", bold), ("~~", struck)] {
        if on {
            markers.push_str(&m.repeat(t.matches(m).count()));
            text = text.replace(m, "");
        }
    }
    let whole = bold
        && t.starts_with("**")
        && t.ends_with("**")
        && t.matches("**").count() == 2
        && t.len() > 4;
    (Cow::Owned(text.trim().to_string()), markers, whole)
}

/// Splits text into non-blank lines with their markup and gaps.
pub fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut gap = 0;
    for (i, raw) in text.split('\n').enumerate() {
        let t = raw.trim();
        if t.is_empty() {
            gap += 1;
            continue;
        }
        let hashes = t.bytes().take_while(|&b| b == b'#').count();
        let (level, markup, text) =
            if (1..=6).contains(&hashes) && t[hashes..].starts_with(|c: char| c.is_whitespace()) {
                (hashes as u8, &t[..hashes], t[hashes..].trim())
            } else if let Some(rest) = t.strip_prefix("> ") {
                (0, ">", rest.trim())
            } else {
                (0, "", t)
            };
        let (text, stars, bold) = strip_bold(text);
        if text.is_empty() {
            // Nothing but markup: kept for accounting as a line of its own.
            out.push(Line {
                no: i as u32 + 1,
                level: 0,
                markup: Cow::Borrowed(""),
                text: Cow::Borrowed(t),
                gap,
                bold: false,
            });
            gap = 0;
            continue;
        }
        let markup = if stars.is_empty() {
            Cow::Borrowed(markup)
        } else {
            Cow::Owned(format!("{markup}{stars}"))
        };
        out.push(Line {
            no: i as u32 + 1,
            level,
            markup,
            text,
            gap,
            bold,
        });
        gap = 0;
    }
    normalize_gaps(&mut out);
    out
}

/// Most extractors put a blank line after every printed line, and the parser
/// reads one blank line as that and two as a break; pymupdf4llm puts two
/// after every line, so there the gap most lines have is brought down to one.
fn normalize_gaps(ls: &mut [Line]) {
    if ls.len() < 8 {
        return;
    }
    let n = (ls.len() - 1) as f64;
    let base = (1..=4)
        .take_while(|&g| ls[1..].iter().filter(|l| l.gap >= g).count() as f64 >= 0.8 * n)
        .last()
        .unwrap_or(0);
    if base >= 2 {
        for l in ls.iter_mut() {
            l.gap = l.gap.saturating_sub(base - 1);
        }
    }
}

/// What a line looks like by itself.
#[derive(Debug, Clone)]
pub enum Class {
    /// A byline with a role word or `■`.
    Byline(ParsedByline),
    /// Only names (`倪俊杰`): a byline right under a headline, else text.
    Names(ParsedByline),
    /// Page credits: `编辑/戴 琰 电话/85018195 版式/李春霞`.
    Credit,
    /// A column label with a pinyin name (`DIYIPIPINGLUN 栏目统筹：…`).
    Label,
    /// Short, no sentence punctuation: a headline, banner or heading, or a
    /// fragment of a paragraph cut at a column end.
    Title,
    /// Only a jump to another page, `（下转5版）`: ends the article above.
    Jump,
    /// Running text.
    Body,
}

impl Class {
    pub fn name(&self) -> &'static str {
        match self {
            Class::Byline(_) => "byline",
            Class::Names(_) => "names",
            Class::Credit => "credit",
            Class::Label => "column-label",
            Class::Title => "title",
            Class::Jump => "jump",
            Class::Body => "body",
        }
    }
}

/// A staff credit: the page's editors, designers and proofreaders
/// (`编辑/戴 琰 电话/85018195 版式/李春霞`, `本版编辑 于宁  美编 李子奈`,
/// `责任编辑：祝华新`). Either two staff roles in one line, or a short line
/// that opens with one, followed by a separator and a name.
pub fn is_credit(t: &str) -> bool {
    const SLASHED: [&str; 7] = [
        "编辑/", "电话/", "版式/", "校对/", "美编/", "组版/", "责编/",
    ];
    if SLASHED.iter().filter(|w| t.contains(*w)).count() >= 2 {
        return true;
    }
    const ROLES: [&str; 9] = [
        "本版编辑",
        "责任编辑",
        "美术编辑",
        "本版责编",
        "责编",
        "美编",
        "编辑",
        "版式",
        "校对",
    ];
    let t = t.trim();
    if visible_len(t) > 40 || t.contains(['。', '，', ',']) {
        return false;
    }
    ROLES.iter().any(|r| {
        t.strip_prefix(r).is_some_and(|rest| {
            let name = rest.trim_start_matches([' ', '　', '：', ':', '/', '／']);
            name.len() < rest.len() && name.chars().next().is_some_and(super::text::is_han)
        })
    })
}

/// A notice's title: a short line naming the kind of notice a paper prints
/// (`遗失声明`, `更正`, `征订启事`, `招聘公告`, `讣告`).
pub fn is_notice_title(t: &str) -> bool {
    const KINDS: [&str; 9] = [
        "声明", "启事", "启示", "公告", "通告", "更正", "讣告", "公示", "告示",
    ];
    let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    let n = t.chars().count();
    (2..=8).contains(&n) && KINDS.iter().any(|k| t.ends_with(k))
}

/// A long all-capital Latin word: the pinyin of a column name.
pub fn has_pinyin_label(t: &str) -> bool {
    t.split(|c: char| !c.is_ascii_alphabetic())
        .any(|w| w.len() >= 8 && w.bytes().all(|b| b.is_ascii_uppercase()))
}

/// Short and without sentence punctuation.
pub fn is_title_like(t: &str) -> bool {
    let n = visible_len(t);
    if !(2..=40).contains(&n) || t.starts_with("本报讯") {
        return false;
    }
    // A sentence's end, quoted or not (`…幸福！”`), is running text.
    let unquoted = t.trim_end_matches(['”', '’', '」', '』', '"']);
    if t.contains(['。', '；', ';'])
        || t.ends_with(['，', ',', '、', '：', ':', '…'])
        || unquoted.ends_with(['！', '？', '?', '!'])
    {
        return false;
    }
    let commas = t.matches(['，', ',']).count();
    if commas > 2 {
        return false;
    }
    // A line justified to its column, every character spaced apart
    // (`徐 州 地 面 水 源 污 染 事 故`), is running text.
    let lone = t
        .split_whitespace()
        .filter(|w| w.chars().count() == 1)
        .count();
    if lone >= 8 && lone * 5 >= t.split_whitespace().count() * 4 {
        return false;
    }
    let cjk = t.chars().filter(|&c| is_cjk(c)).count();
    han_count(t) >= 2 && cjk * 2 >= n
}

/// Banner style: short phrases set apart by spaces or `|`.
pub fn is_banner_style(t: &str) -> bool {
    let segs: Vec<&str> = t
        .split(|c: char| c.is_whitespace() || c == '|' || c == '｜')
        .filter(|s| !s.is_empty())
        .collect();
    segs.len() >= 2
        && visible_len(t) <= 30
        && segs.iter().all(|s| visible_len(s) <= 10)
        && !t.contains(['，', ',', '。'])
}

/// A slogan: banner-style phrases of equal length (`科教兴市 人才强市`), as
/// slogans are written; a headline cut by a wrap space is not.
pub fn is_slogan(t: &str) -> bool {
    let lens: Vec<usize> = t.split_whitespace().map(visible_len).collect();
    let (min, max) = (lens.iter().min(), lens.iter().max());
    is_banner_style(t) && min.zip(max).is_some_and(|(a, b)| *a >= 3 && a == b)
}

/// A public-service ad header (`讲文明 树新风 公益/广告`), or an ad label
/// set apart (`分类广告`); a phrase ending on the word (`出租车司机看广告`)
/// is a heading.
pub fn is_ad_header(t: &str) -> bool {
    let compact: String = t
        .chars()
        .filter(|c| !matches!(c, '/' | ' ' | '|'))
        .collect();
    let label = t
        .split(|c: char| c.is_whitespace() || c == '|')
        .rfind(|s| !s.is_empty())
        .map(|s| s.replace('/', ""))
        .is_some_and(|s| s.ends_with("广告") && visible_len(&s) <= 4);
    compact.contains("公益广告") || label
}

/// An in-article section heading: two balanced clauses, `合作联动，筑牢执法根基`.
pub fn is_section_heading(t: &str) -> bool {
    let parts: Vec<&str> = t.split(['，', ',']).collect();
    if parts.len() != 2 {
        return false;
    }
    let quotes_balanced = t.matches(['"', '“', '”']).count().is_multiple_of(2);
    quotes_balanced
        && parts
            .iter()
            .all(|p| (4..=12).contains(&visible_len(p)) && han_count(p) >= 3)
}

/// Kicker wording: a clause that leads into the headline (`…时强调`).
pub fn is_kicker_like(t: &str) -> bool {
    let t = t.trim_end_matches(['：', ':']);
    [
        "强调", "指出", "表示", "要求", "提出", "时", "之际", "期间", "上", "中", "后",
    ]
    .iter()
    .any(|w| t.ends_with(w))
        && !is_banner_style(t)
}

pub fn classify(t: &str) -> Class {
    if super::jump::is_jump_line(t) {
        return Class::Jump;
    }
    if is_credit(t) {
        return Class::Credit;
    }
    let labelled = ["栏目统筹：", "栏目统筹:", "统筹：", "主持："]
        .iter()
        .any(|k| t.contains(k));
    if has_pinyin_label(t)
        || (labelled && t.chars().count() <= 40 && byline::split_column_label(t).is_some())
    {
        return Class::Label;
    }
    if let Some(b) = byline::parse_line(t) {
        if b.has_role || b.signature || b.prefix.is_some() {
            return Class::Byline(b);
        }
        let short = b
            .byline
            .authors
            .iter()
            .all(|n| (2..=3).contains(&n.chars().count()));
        // A notice's title (`更正`) reads as a name but heads a notice.
        if short && b.byline.authors.len() <= 3 && !is_notice_title(t) {
            return Class::Names(b);
        }
    }
    if is_title_like(t) {
        Class::Title
    } else {
        Class::Body
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_gaps() {
        let ls = lines("\n\n## 标题\n\n> 正文\n#不是标题\n## **十年耕耘**\n**本报讯** 昨天");
        assert_eq!(ls.len(), 5);
        assert_eq!(
            (ls[0].level, &*ls[0].markup, &*ls[0].text, ls[0].gap),
            (2, "##", "标题", 2)
        );
        assert_eq!((&*ls[1].markup, &*ls[1].text), (">", "正文"));
        assert_eq!(ls[2].level, 0);
        assert_eq!(
            (&*ls[3].markup, &*ls[3].text, ls[3].bold),
            ("##****", "十年耕耘", true)
        );
        assert_eq!((&*ls[4].text, ls[4].bold), ("本报讯 昨天", false));
        let ls = lines("~~责任编辑：祝华新~~");
        assert_eq!((&*ls[0].markup, &*ls[0].text), ("~~~~", "责任编辑：祝华新"));
    }

    #[test]
    fn a_blank_after_every_line_is_no_break() {
        let text = "标题\n\n\n第一行文字\n\n\n第二行文字\n\n\n第三行\n\n\n\n\n新标题\n\n\n文字\n\n\n文字\n\n\n文字";
        let gaps: Vec<u32> = lines(text).iter().map(|l| l.gap).collect();
        assert_eq!(gaps, [0, 1, 1, 1, 3, 1, 1, 1]);
    }

    #[test]
    fn classes() {
        const CASES: &[(&str, &str)] = &[
            ("■记者 林旭东", "byline"),
            ("倪俊杰", "names"),
            ("编辑/戴 琰 电话/85018195 版式/李春霞 校对/张 真", "credit"),
            ("DIYIPIPINGLUN 栏目统筹：黄金凤我市一村获评", "column-label"),
            ("合作联动，筑牢执法根基", "title"),
            ("本报讯 昨天上午,市长周军", "body"),
            ("平安平湖 共建共享", "title"),
            ("(下转第7版)", "jump"),
            ("本版编辑 于宁  美编 李子奈", "credit"),
            ("责任编辑：祝华新", "credit"),
        ];
        for (t, want) in CASES {
            assert_eq!(classify(t).name(), *want, "{t}");
        }
        assert!(is_section_heading("优化顶层设计,党建引领毗邻发展"));
        assert!(!is_section_heading("随后,仲旭东一行又来到永乐"));
        assert!(!is_section_heading("发布当天,两地政协还以\"打造"));
        assert!(is_banner_style("经济创新 | 聚力高质量 勇当领跑者"));
        assert!(is_slogan("科教兴市 人才强市") && !is_slogan("埃里卡特指出华 盛顿会谈令人失望"));
        assert!(is_ad_header("讲文明 树新风 公/益/广/告") && is_ad_header("分类广告"));
        assert!(!is_ad_header("出租车司机看广告"));
        assert!(is_kicker_like("周军波在调研羽绒服市场时强调"));
        assert!(!is_title_like("徐 州 地 面 水 源 污 染 事 故") && is_title_like("春 运 开 始"));
        assert!(!is_credit("编辑部的故事") && !is_credit("编辑 审稿，层层把关"));
        assert!(is_notice_title("遗失声明") && is_notice_title("更 正"));
        // A notice's title is no name.
        assert_eq!(classify("更正").name(), classify("遗失声明").name());
        assert!(!is_notice_title("外交部发言人发表声明表示关切"));
    }
}
