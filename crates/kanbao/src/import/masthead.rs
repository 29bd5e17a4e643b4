//! Masthead lines and issue facts: paper, edition, date, weekday, lunar date,
//! issue number, publisher; and where a date comes from when none is printed.

use kanbao_bundle::Issue;

use super::text::is_han;

/// What a masthead line told us.
#[derive(Debug, Clone, PartialEq)]
pub enum MastheadLine {
    /// `2023年8月3日◆星期四`
    Date,
    /// `农历癸卯年六月十七 总第5234期`
    Lunar,
    /// `嘉兴日报社 中共平湖市委 联办`
    Publisher,
    /// `平湖版`
    Edition,
    /// `JIAXING`, `DAILY`: the paper's Latin name.
    Latin,
    /// `第8版`, `今日12版`: the page's number or the issue's page count.
    PageLabel,
    /// `绍兴日报`: the paper's name on a line of its own.
    Paper,
    /// `国内统一刊号 CN33-0091`: the registration number.
    Register,
    /// `评论`, `国际新闻`: the page's section name among masthead lines.
    Section,
}

/// Pinyin of cities whose dailies print a Latin masthead (`JIAXING DAILY`).
const CITIES: &[(&str, &str)] = &[
    ("JIAXING", "嘉兴"),
    ("HANGZHOU", "杭州"),
    ("HUZHOU", "湖州"),
    ("NINGBO", "宁波"),
    ("SHAOXING", "绍兴"),
    ("WENZHOU", "温州"),
    ("JINHUA", "金华"),
    ("TAIZHOU", "台州"),
    ("LISHUI", "丽水"),
    ("QUZHOU", "衢州"),
    ("ZHOUSHAN", "舟山"),
    ("PINGHU", "平湖"),
];

/// An ASCII or full-width digit (`１９９８`), as its ASCII form.
fn ascii_digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
        _ => None,
    }
}

fn digits(s: &str) -> Option<u32> {
    let d: String = s.chars().filter_map(ascii_digit).collect();
    if d.is_empty() || d.len() > 6 {
        return None;
    }
    d.parse().ok()
}

/// `YYYY年M月D日` anywhere in a short line → `YYYY-MM-DD`.
pub fn parse_cn_date(t: &str) -> Option<String> {
    let (y, rest) = t.split_once('年')?;
    let (m, rest) = rest.split_once('月')?;
    let (d, _) = rest.split_once('日')?;
    let y: String = y
        .chars()
        .rev()
        .take_while(|&c| ascii_digit(c).is_some())
        .collect();
    let y: String = y.chars().rev().collect();
    let (y, m, d) = (digits(&y)?, digits(m)?, digits(d)?);
    if !(1900..=2200).contains(&y) || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// An edition's name: `平湖版`, `海宁版`.
pub fn is_edition_name(t: &str) -> bool {
    (3..=6).contains(&t.chars().count()) && t.ends_with('版') && t.chars().all(is_han)
}

/// Classifies a line as masthead, filling `issue`. `top` says the line sits
/// above the first article, where weaker patterns (Latin name) count.
pub fn read_line(t: &str, top: bool, issue: &mut Issue) -> Option<MastheadLine> {
    let n = t.chars().count();
    // A masthead line carries no sentence punctuation; one line may hold the
    // date, weekday, lunar date, issue number and edition together.
    if n == 0 || n > 64 || t.contains(['。', '，', '；']) || (n > 40 && !t.contains("星期")) {
        return None;
    }
    if let Some(i) = t.find("星期") {
        let date = parse_cn_date(t)?;
        issue.date.get_or_insert(date);
        let wd: String = t[i..].chars().take(3).collect();
        if wd.chars().count() == 3
            && wd
                .chars()
                .nth(2)
                .is_some_and(|c| "一二三四五六日天".contains(c))
        {
            issue.weekday.get_or_insert(wd);
        }
        read_lunar_and_number(t, issue);
        return Some(MastheadLine::Date);
    }
    let lunar = lunar_date_at(t).is_some_and(|(start, _)| start == 0);
    if lunar || issue_number_in(t).is_some() {
        read_lunar_and_number(t, issue);
        return Some(MastheadLine::Lunar);
    }
    if t.ends_with("联办") || t.ends_with("主办") || t.ends_with("出版") {
        issue.publisher.get_or_insert(t.to_string());
        for w in t.split_whitespace() {
            if let Some(p) = w.strip_suffix('社') {
                if p.ends_with("日报") || p.ends_with("晚报") {
                    issue.paper.get_or_insert(p.to_string());
                }
            }
            // A county committee co-publishing a city daily: its county edition.
            for (pre, suf) in [("中共", "市委"), ("中共", "县委"), ("中共", "区委")] {
                if let Some(place) = w.strip_prefix(pre).and_then(|x| x.strip_suffix(suf)) {
                    if !place.is_empty() && place.chars().all(is_han) {
                        issue.edition.get_or_insert(format!("{place}版"));
                    }
                }
            }
        }
        return Some(MastheadLine::Publisher);
    }
    if top && is_page_label(t) {
        return Some(MastheadLine::PageLabel);
    }
    if top && is_register(t) {
        return Some(MastheadLine::Register);
    }
    if top && is_paper_name(t) {
        issue.paper.get_or_insert(t.to_string());
        return Some(MastheadLine::Paper);
    }
    if top && is_edition_name(t) {
        issue.edition = Some(t.to_string());
        return Some(MastheadLine::Edition);
    }
    if top
        && t.chars().all(|c| c.is_ascii_uppercase() || c == ' ')
        && t.split_whitespace()
            .all(|w| w == "DAILY" || w == "NEWS" || CITIES.iter().any(|(p, _)| *p == w))
        || top
            && t.chars().all(|c| c.is_ascii_uppercase() || c == ' ')
            && t.split_whitespace()
                .any(|w| ["DAILY", "NEWS", "TIMES", "EVENING", "POST"].contains(&w))
    {
        return Some(MastheadLine::Latin);
    }
    None
}

/// `第8版`, `今日12版`, `第 3 版`: a page number or page count, nothing else.
fn is_page_label(t: &str) -> bool {
    let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    let Some(core) = t.strip_suffix('版') else {
        return false;
    };
    let core = ["第", "今日", "本期", "共"]
        .iter()
        .find_map(|p| core.strip_prefix(p))
        .unwrap_or(core);
    !core.is_empty() && core.chars().count() <= 3 && core.chars().all(|c| ascii_digit(c).is_some())
}

/// A page's section name (`国际新闻`, `要闻`, `文化副刊`): a few Chinese
/// characters ending in a word papers name their sections with.
pub fn is_section_name(t: &str) -> bool {
    const SECTION: [&str; 6] = ["新闻", "要闻", "时事", "专版", "副刊", "综合"];
    (2..=6).contains(&t.chars().count())
        && t.chars().all(is_han)
        && SECTION.iter().any(|w| t.ends_with(w))
}

/// A page label, and the section name after it, opening a line that runs on
/// into a headline (`第3版 国际新闻 尼共六大开幕`: a converter joined what
/// sits side by side at the top of the page): (the masthead part, the rest).
pub fn split_page_head(t: &str) -> Option<(String, String)> {
    let mut words = t.split_whitespace();
    let label = words.next().filter(|w| is_page_label(w))?;
    let section = words.next().filter(|w| is_section_name(w));
    let head: Vec<&str> = std::iter::once(label).chain(section).collect();
    let last = head.last()?;
    let end = t.find(last)? + last.len();
    let rest = t[end..].trim();
    (!rest.is_empty()).then(|| (head.join(" "), rest.to_string()))
}

/// `国内统一刊号 CN33-0091`: a registration number line.
fn is_register(t: &str) -> bool {
    t.chars().count() <= 30 && (t.contains("刊号") || t.contains("邮发代号"))
}

/// A paper's name alone: a few Chinese characters ending in 日报, 晚报, ….
fn is_paper_name(t: &str) -> bool {
    let n = t.chars().count();
    (4..=8).contains(&n)
        && t.chars().all(is_han)
        && ["日报", "晚报", "时报", "商报", "早报"]
            .iter()
            .any(|s| t.ends_with(s))
}

/// The lunar date and the issue number (`总第5234期`) anywhere in a line.
fn read_lunar_and_number(t: &str, issue: &mut Issue) {
    if let Some((start, end)) = lunar_date_at(t) {
        issue.lunar_date.get_or_insert(t[start..end].to_string());
    }
    if let Some(no) = issue_number_in(t) {
        issue.issue_number.get_or_insert(no);
    }
}

/// `总第5234期` → 5234.
fn issue_number_in(t: &str) -> Option<u32> {
    let i = t.find("总第")?;
    let rest = &t[i + "总第".len()..];
    let j = rest.find('期')?;
    let num = &rest[..j];
    if num.trim().is_empty() || !num.chars().all(|c| ascii_digit(c).is_some() || c == ' ') {
        return None;
    }
    digits(num)
}

/// A printed lunar date, `农历癸卯年六月十七` or `农历十二月初八`: the year
/// in stems and branches, a month and a day in numerals. Byte range in `t`.
/// A sentence that starts `农历大年初一…` is not one.
pub fn lunar_date_at(t: &str) -> Option<(usize, usize)> {
    const STEMS: &str = "甲乙丙丁戊己庚辛壬癸";
    const BRANCHES: &str = "子丑寅卯辰巳午未申酉戌亥";
    const NUMS: &str = "正一二三四五六七八九十冬腊闰";
    const DAYS: &str = "初一二三四五六七八九十廿卅";
    let start = t.find("农历")?;
    let rest = &t[start + "农历".len()..];
    let cs: Vec<(usize, char)> = rest.char_indices().collect();
    let mut k = 0;
    if cs.len() >= 3 && STEMS.contains(cs[0].1) && BRANCHES.contains(cs[1].1) && cs[2].1 == '年' {
        k = 3;
    }
    let m0 = k;
    while k < cs.len() && NUMS.contains(cs[k].1) {
        k += 1;
    }
    if k == m0 || k - m0 > 3 || cs.get(k).map(|c| c.1) != Some('月') {
        return None;
    }
    k += 1;
    let d0 = k;
    while k < cs.len() && DAYS.contains(cs[k].1) {
        k += 1;
    }
    if k - d0 < 2 || k - d0 > 3 {
        return None;
    }
    let end = cs.get(k).map_or(rest.len(), |c| c.0);
    // Ends there: a space, a mark or the end of the line, not more text.
    if cs.get(k).is_some_and(|c| is_han(c.1)) {
        return None;
    }
    Some((start, start + "农历".len() + end))
}

/// The paper named by Latin masthead words (`JIAXING` + `DAILY`).
pub fn paper_from_latin(words: &[String]) -> Option<String> {
    let daily = words.iter().any(|w| w == "DAILY");
    if !daily {
        return None;
    }
    words
        .iter()
        .find_map(|w| CITIES.iter().find(|(p, _)| p == w))
        .map(|(_, zh)| format!("{zh}日报"))
}

/// An app or account promo above the first article (`平湖发布 今平湖客户端`).
pub fn is_promo(t: &str) -> bool {
    t.chars().count() <= 30
        && ["客户端", "公众号", "APP", "扫码", "抖音号", "视频号"]
            .iter()
            .any(|w| t.contains(w))
}

/// Page number printed in a file name: `..._p2`, `-p02`, `第2版`.
pub fn page_from_name(name: &str) -> Option<u32> {
    let stem = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let stem = stem.split('.').next().unwrap_or(stem);
    if let Some(i) = stem.find('第') {
        let rest = &stem[i + '第'.len_utf8()..];
        if let Some(j) = rest.find('版') {
            if let Some(n) = digits(&rest[..j]) {
                return Some(n);
            }
        }
    }
    let lower = stem.to_ascii_lowercase();
    for (i, _) in lower.match_indices('p') {
        let before = lower[..i].chars().last();
        if !matches!(before, Some('_' | '-' | ' ')) {
            continue;
        }
        let num: String = lower[i + 1..]
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        let after = lower[i + 1 + num.len()..].chars().next();
        if !num.is_empty() && num.len() <= 3 && !after.is_some_and(|c| c.is_ascii_alphanumeric()) {
            return num.parse().ok();
        }
    }
    None
}

/// A `YYYY-MM-DD` inside a file name.
pub fn date_from_name(name: &str) -> Option<String> {
    let stem = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let b = stem.as_bytes();
    (0..b.len().saturating_sub(9)).find_map(|i| {
        let s = stem.get(i..i + 10)?;
        let left_ok = i == 0 || !b[i - 1].is_ascii_digit();
        let right_ok = b.get(i + 10).is_none_or(|c| !c.is_ascii_digit());
        (left_ok && right_ok && super::feed::is_iso_date(s)).then(|| s.to_string())
    })
}

fn cn_numeral(s: &str) -> Option<u32> {
    let v = |c: char| {
        "零一二三四五六七八九"
            .chars()
            .position(|x| x == c)
            .map(|p| p as u32)
    };
    let cs: Vec<char> = s.chars().collect();
    match cs.as_slice() {
        ['十'] => Some(10),
        ['十', b] => Some(10 + v(*b)?),
        [a] => v(*a),
        [a, '十'] => Some(v(*a)? * 10),
        [a, '十', b] => Some(v(*a)? * 10 + v(*b)?),
        _ => None,
    }
}

/// The year an undated page most likely belongs to, with its evidence:
/// the latest year the text mentions as past or present (`2023年全市…`),
/// or the first year of a five-year plan it calls `开局之年`.
pub fn year_hint(text: &str) -> Option<(i32, String)> {
    let mut best: Option<(i32, String)> = None;
    let consider = |y: i32, ev: String, best: &mut Option<(i32, String)>| {
        if best.as_ref().is_none_or(|(b, _)| y > *b) {
            *best = Some((y, ev));
        }
    };
    let cs: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i + 4 < cs.len() {
        let is_year = cs[i..i + 4].iter().all(|c| c.is_ascii_digit())
            && cs[i + 4] == '年'
            && (i == 0 || !cs[i - 1].is_ascii_digit());
        if is_year {
            let y: i32 = cs[i..i + 4].iter().collect::<String>().parse().unwrap_or(0);
            let before: String = cs[i.saturating_sub(40)..i].iter().collect();
            let before = before.rsplit('。').next().unwrap_or("");
            let range_end = i > 0 && matches!(cs[i - 1], '-' | '—' | '~' | '至');
            let future = ["计划", "预计", "力争", "到", "将", "目标"]
                .iter()
                .any(|w| before.contains(w));
            if (1949..=2100).contains(&y) && !range_end && !future {
                let ev: String = cs[i.saturating_sub(8)..(i + 16).min(cs.len())]
                    .iter()
                    .collect();
                let ev = ev.split_whitespace().collect::<Vec<_>>().join(" ");
                consider(y, ev, &mut best);
            }
            i += 5;
            continue;
        }
        i += 1;
    }
    // Five-year plans run 1981–85 (六五), 1986–90 (七五), … : 十四五 = 2021–25.
    for (pos, _) in text
        .match_indices("五”规划开局之年")
        .chain(text.match_indices("五规划开局之年"))
    {
        let head = &text[..pos];
        let plan: String = head
            .chars()
            .rev()
            .take_while(|&c| "一二三四五六七八九十".contains(c))
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if let Some(n) = cn_numeral(&plan) {
            if n >= 6 {
                let y = 1981 + 5 * (n as i32 - 6);
                let start = head.char_indices().rev().nth(12).map_or(0, |(i, _)| i);
                let ev = format!("{}五”规划开局之年", &text[start..pos]);
                consider(y, ev, &mut best);
            }
        }
    }
    best
}

/// `<page>.date` or `<page stem>.date` beside the page.
pub(crate) fn sidecar_date(path: &std::path::Path) -> Option<String> {
    let mut cands = vec![std::path::PathBuf::from(format!("{}.date", path.display()))];
    cands.push(path.with_extension("date"));
    cands.into_iter().find_map(|p| {
        let s = std::fs::read_to_string(p).ok()?;
        let s = s.trim().to_string();
        super::feed::is_iso_date(&s).then_some(s)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_labels_papers_and_registers() {
        let mut i = Issue::default();
        for (t, want) in [
            ("第8版", MastheadLine::PageLabel),
            ("今日１２版", MastheadLine::PageLabel),
            ("国内统一刊号 CN33-0091", MastheadLine::Register),
            ("余姚日报", MastheadLine::Paper),
        ] {
            assert_eq!(read_line(t, true, &mut i), Some(want), "{t}");
        }
        assert_eq!(i.paper.as_deref(), Some("余姚日报"));
        assert_eq!(read_line("第8版", false, &mut i), None);
        assert_eq!(read_line("日报", true, &mut i), None);
        assert_eq!(
            read_line("科教版", true, &mut i),
            Some(MastheadLine::Edition)
        );
    }

    #[test]
    fn section_names_and_page_heads() {
        assert!(is_section_name("国际新闻") && is_section_name("要闻"));
        assert!(!is_section_name("尼共六大开幕") && !is_section_name("新闻发布会"));
        assert_eq!(
            split_page_head("第3版 国际新闻 尼共六大开幕"),
            Some(("第3版 国际新闻".into(), "尼共六大开幕".into()))
        );
        assert_eq!(
            split_page_head("第3版 尼共六大开幕"),
            Some(("第3版".into(), "尼共六大开幕".into()))
        );
        assert_eq!(split_page_head("第3版"), None);
        assert_eq!(split_page_head("尼共六大开幕 第3版"), None);
    }

    #[test]
    fn masthead_fields() {
        let mut i = Issue::default();
        assert_eq!(
            read_line(
                "#### 2022年6月28日◆星期二".trim_start_matches("#### "),
                true,
                &mut i
            ),
            Some(MastheadLine::Date)
        );
        assert_eq!(i.date.as_deref(), Some("2022-06-28"));
        assert_eq!(i.weekday.as_deref(), Some("星期二"));
        read_line("农历壬寅年五月三十 总第4961期", true, &mut i);
        let mut j = Issue::default();
        read_line("１９９８年１月８日◆星期四", true, &mut j);
        assert_eq!(j.date.as_deref(), Some("1998-01-08"));
        assert_eq!(j.weekday.as_deref(), Some("星期四"));
        let mut j = Issue::default();
        read_line(
            "1998年1月29日 星期四 农历戊寅年正月初二 总第16000期 柯桥版",
            true,
            &mut j,
        );
        assert_eq!(j.lunar_date.as_deref(), Some("农历戊寅年正月初二"));
        assert_eq!(j.issue_number, Some(16000));
        let mut j = Issue::default();
        assert_eq!(
            read_line("农历大年初一下午的济南市二轻局会议室里", false, &mut j),
            None
        );
        assert!(j.lunar_date.is_none());
        assert_eq!(i.lunar_date.as_deref(), Some("农历壬寅年五月三十"));
        assert_eq!(i.issue_number, Some(4961));
        read_line("嘉兴日报社 中共平湖市委 联办", true, &mut i);
        assert_eq!(i.paper.as_deref(), Some("嘉兴日报"));
        assert_eq!(i.edition.as_deref(), Some("平湖版"));
    }

    #[test]
    fn hints_and_names() {
        assert_eq!(year_hint("参加2023年全市离退休干部").unwrap().0, 2023);
        assert_eq!(
            year_hint("关于2020年城乡规划。今年是“十四五”规划开局之年")
                .unwrap()
                .0,
            2021
        );
        assert_eq!(
            year_hint("项目计划2025年上半年竣工。2024年上半年,已")
                .unwrap()
                .0,
            2024
        );
        assert_eq!(page_from_name("samples/2023-08-03_p2.txt"), Some(2));
        assert_eq!(page_from_name("000_4afe9fc55a17b6e4.txt"), None);
        assert_eq!(
            date_from_name("x/2023-08-03_p2.txt").as_deref(),
            Some("2023-08-03")
        );
        assert_eq!(
            paper_from_latin(&["JIAXING".into(), "DAILY".into()]).as_deref(),
            Some("嘉兴日报")
        );
    }
}
