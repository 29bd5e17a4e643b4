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

/// Story starts in `kinds[from..]`: after a closer, and at an opener that
/// does not follow another.
fn story_starts(kinds: &[Kind], from: usize) -> Vec<usize> {
    let mut starts = vec![from];
    for j in from + 1..kinds.len() {
        let prev = kinds[j - 1];
        let start = prev == Kind::Closer || (kinds[j] == Kind::Opener && prev != Kind::Opener);
        if start && starts.last() != Some(&j) {
            starts.push(j);
        }
    }
    starts
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
    // Each headline line to a story, in order: the best-sharing story at or
    // after the one the line above went to; a line that shares nothing goes
    // with the line above when that one found its story.
    let mut to: Vec<Option<usize>> = vec![None; end];
    let mut at = 0usize;
    for i in first..end {
        if kinds[i] == Kind::Banner {
            continue;
        }
        let best = (at..openings.len().min(at + 4))
            .map(|s| (shared(texts[i], &openings[s]), s))
            .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        match best {
            Some((n, s)) if n >= 1 => {
                to[i] = Some(s);
                at = s;
            }
            _ => to[i] = if i > first { to[i - 1] } else { None },
        }
    }
    if to.iter().flatten().count() < 2 {
        return None;
    }
    // Lines that head nothing stay on top; each story follows its lines.
    let mut order: Vec<usize> = (0..first).collect();
    order.extend((first..end).filter(|&i| to[i].is_none()));
    for (s, &a) in starts.iter().enumerate() {
        order.extend((first..end).filter(|&i| to[i] == Some(s)));
        let b = starts.get(s + 1).copied().unwrap_or(texts.len());
        order.extend(a..b);
    }
    Some((order, end))
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
        // The banner that heads nothing stays on top; each story gets its
        // headline.
        assert_eq!(order, [4, 0, 5, 6, 1, 7, 8, 2, 9, 10, 3, 11, 12]);
        // Nothing lost, nothing twice.
        let mut sorted = order.clone();
        sorted.sort();
        assert_eq!(sorted, (0..texts.len()).collect::<Vec<_>>());
    }

    #[test]
    fn an_ordinary_header_is_left_alone() {
        let texts = ["引题", "主题", "本报记者 甲", "正文。"];
        let kinds = [Title, Title, Opener, Text];
        assert_eq!(reorder(&texts, &kinds), None);
    }
}
