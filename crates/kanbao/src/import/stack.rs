//! Headlines drawn first: some PDFs draw every headline of the page before
//! any running text, and extractors that follow the drawing order then give
//! a stack of headlines at the top and the stories after it. This pass puts
//! each headline back over the story it heads, matched by the words the two
//! share (a headline names what its story is about) and by order (the stack
//! and the stories come in the same order).
//!
//! It works on line kinds only, so that it can be tested by itself; the
//! page parser gives each line its kind and applies the order returned.

/// What the pass needs to know of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Short, no sentence punctuation: a headline candidate.
    Title,
    /// Phrases set apart by spaces (a banner, an ad's header): in the
    /// stack, but heading no story of its own.
    Banner,
    /// A byline naming writers, or a dateline (`本报讯`): a story starts.
    Opener,
    /// A photo credit or a closing byline: a story ends after it.
    Closer,
    /// A picture's caption ending in its credit (`…办法 本报记者 张三 摄`):
    /// after a story its writers signed it is a story of its own, one line
    /// long (a story is written or pictured); else it closes the story.
    Caption,
    /// Anything else.
    Text,
}

/// A stack needs this many headline lines (a single header has at most a
/// kicker, two headline lines and a subheadline).
pub const MIN_STACK: usize = 5;

/// Han character pairs of `s`.
pub fn bigrams(s: &str) -> Vec<(char, char)> {
    let han: Vec<char> = s.chars().filter(|&c| super::text::is_han(c)).collect();
    han.windows(2).map(|w| (w[0], w[1])).collect()
}

/// How many of the headline's character pairs the story's opening holds.
pub fn shared(head: &str, story: &str) -> usize {
    let b = bigrams(story);
    bigrams(head).iter().filter(|p| b.contains(p)).count()
}

/// Story starts in `kinds[from..]`: after a closer or caption, at an
/// opener that does not follow another, and at a caption under a story
/// that an opener signed.
fn story_starts(kinds: &[Kind], from: usize) -> Vec<usize> {
    let mut starts = vec![from];
    for j in from + 1..kinds.len() {
        let prev = kinds[j - 1];
        let at = *starts.last().expect("the first start");
        let signed = kinds[at..j].contains(&Kind::Opener);
        let start = matches!(prev, Kind::Closer | Kind::Caption)
            || (kinds[j] == Kind::Opener && prev != Kind::Opener)
            || (kinds[j] == Kind::Caption && signed);
        if start && starts.last() != Some(&j) {
            starts.push(j);
        }
    }
    starts
}

/// Distinct Han characters of `head` that `story` holds: weak evidence,
/// read only to choose between two neighbouring stories.
fn shared_chars(head: &str, story: &str) -> usize {
    let mut seen: Vec<char> = Vec::new();
    for c in head.chars().filter(|&c| super::text::is_han(c)) {
        if !seen.contains(&c) && story.contains(c) {
            seen.push(c);
        }
    }
    seen.len()
}

/// The order to read the lines in and where the stack ended (lines before
/// it are the stack's), or `None` when the page has no stack of headlines
/// at its top (then its order stands).
pub fn reorder(texts: &[&str], kinds: &[Kind]) -> Option<(Vec<usize>, usize)> {
    let first = kinds.iter().position(|&k| k == Kind::Title)?;
    if first > 2 {
        return None;
    }
    let end = first
        + kinds[first..]
            .iter()
            .take_while(|&&k| matches!(k, Kind::Title | Kind::Banner))
            .count();
    if end - first < MIN_STACK || end >= kinds.len() {
        return None;
    }
    let starts = story_starts(kinds, end);
    if starts.len() < 2 {
        return None;
    }
    let openings: Vec<String> = starts
        .iter()
        .enumerate()
        .map(|(s, &a)| {
            let b = starts.get(s + 1).copied().unwrap_or(texts.len());
            texts[a..b].concat().chars().take(200).collect()
        })
        .collect();
    let pictured: Vec<bool> = starts
        .iter()
        .enumerate()
        .map(|(s, &a)| {
            let b = starts.get(s + 1).copied().unwrap_or(texts.len());
            kinds[a..b].contains(&Kind::Caption)
        })
        .collect();
    let to = assign(texts, kinds, first..end, &openings, &pictured);
    if to.iter().flatten().count() < 2 {
        return None;
    }
    // Headline lines that head nothing stay on top; each story follows its
    // lines; banners (a slogan, an ad's header) go last, where no story
    // under them can be read as theirs.
    let nothing = |i: &usize| to[*i].is_none();
    let mut order: Vec<usize> = (0..first).collect();
    order.extend((first..end).filter(|i| nothing(i) && kinds[*i] != Kind::Banner));
    for (s, &a) in starts.iter().enumerate() {
        order.extend((first..end).filter(|&i| to[i] == Some(s)));
        let b = starts.get(s + 1).copied().unwrap_or(texts.len());
        order.extend(a..b);
    }
    order.extend((first..end).filter(|i| nothing(i) && kinds[*i] == Kind::Banner));
    Some((order, end))
}

/// Each headline line of `stack` to a story, in order: the best-sharing
/// story at or after the one the line above went to. A line that shares no
/// word ([`unmatched_to`]) goes with a neighbour's story, or heads the
/// picture between them that nothing else heads.
fn assign(
    texts: &[&str],
    kinds: &[Kind],
    stack: std::ops::Range<usize>,
    openings: &[String],
    pictured: &[bool],
) -> Vec<Option<usize>> {
    let mut to: Vec<Option<usize>> = vec![None; stack.end];
    let mut at = 0usize;
    for i in stack.clone() {
        if kinds[i] == Kind::Banner {
            continue;
        }
        let best = (at..openings.len().min(at + 4))
            .map(|s| (shared(texts[i], &openings[s]), s))
            .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        if let Some((_, s)) = best.filter(|b| b.0 >= 1) {
            to[i] = Some(s);
            at = s;
        }
    }
    let matched = to.clone();
    for i in stack.clone() {
        if kinds[i] == Kind::Banner || matched[i].is_some() || i == stack.start {
            continue;
        }
        let Some(above) = to[i - 1] else { continue };
        let below = matched[i + 1..].iter().flatten().next().copied();
        to[i] = Some(unmatched_to(
            texts[i], above, below, openings, pictured, &to,
        ));
    }
    to
}

/// The story of a headline line that shares no word with any, between
/// lines that went to stories `above` and `below` (`None`: the stack's
/// end): a picture between them that no line heads yet (pictures are
/// titled loosely, not by their caption's words), else the neighbour whose
/// opening holds more of its characters, else `above` (a headline's next
/// line).
fn unmatched_to(
    head: &str,
    above: usize,
    below: Option<usize>,
    openings: &[String],
    pictured: &[bool],
    to: &[Option<usize>],
) -> usize {
    let limit = below.unwrap_or(openings.len());
    let free = (above + 1..limit).find(|&s| pictured[s] && !to.contains(&Some(s)));
    if let Some(s) = free {
        return s;
    }
    match below {
        Some(b)
            if b != above
                && shared_chars(head, &openings[b]) > shared_chars(head, &openings[above]) =>
        {
            b
        }
        _ => above,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Kind::*;

    #[test]
    fn headlines_go_over_their_stories() {
        let texts = [
            "唱片公司的贺岁礼物",
            "世界旅游收入增加",
            "灾区除夕夜",
            "扶贫书记",
            "学习贯彻 十五大精神",
            "唱片公司为音乐爱好者准备的贺岁礼物。",
            "摄影 孙参",
            "本报讯 世界旅游总收入达4482亿美元，",
            "比前年增加了3.3%。",
            "本报记者 周笑浪",
            "除夕之夜，正当千家万户围坐。",
            "本报记者 王继孝",
            "春节前，村民说扶贫的书记来了。",
        ];
        let kinds = [
            Title, Title, Title, Title, Banner, Text, Closer, Opener, Text, Opener, Text, Opener,
            Text,
        ];
        let (order, end) = reorder(&texts, &kinds).unwrap();
        assert_eq!(end, 5);
        // Each story gets its headline; the banner that heads nothing goes
        // last, under no story.
        assert_eq!(order, [0, 5, 6, 1, 7, 8, 2, 9, 10, 3, 11, 12, 4]);
        // Nothing lost, nothing twice.
        let mut sorted = order.clone();
        sorted.sort();
        assert_eq!(sorted, (0..texts.len()).collect::<Vec<_>>());
    }

    #[test]
    fn a_line_sharing_no_word_heads_the_picture_or_the_nearer_story() {
        let texts = [
            "市区新建公园",
            "开放迎客",
            "振兴商业",
            "促进消费增长",
            "雪景",
            "本报记者 甲",
            "新建公园今天开放，市民游园。",
            "本报记者 乙",
            "商场生意兴旺，消费增长。",
            "孩子们在雪地里堆雪人 本报记者 丙 摄",
        ];
        let kinds = [
            Title, Title, Title, Title, Title, Opener, Text, Opener, Text, Caption,
        ];
        let (order, _) = reorder(&texts, &kinds).unwrap();
        // `振兴商业` shares no pair with either story but a character with
        // the one below; `雪景` heads the picture under the signed story.
        assert_eq!(order, [0, 1, 5, 6, 2, 3, 7, 8, 4, 9]);
    }

    #[test]
    fn an_ordinary_header_is_left_alone() {
        let texts = ["引题", "主题", "本报记者 甲", "正文。"];
        let kinds = [Title, Title, Opener, Text];
        assert_eq!(reorder(&texts, &kinds), None);
    }
}
