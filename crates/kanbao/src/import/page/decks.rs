//! Where a header's decks start and end, from their shape: a kicker set in
//! one long line over a headline wrapped in short halves, and a
//! subheadline that ends where full-width running text begins.

use super::ctx::Unit;
use crate::import::text::{self, ends_complete};

/// A block of a long line over two or more short lines of about one length:
/// a kicker in small type over a headline in large type, which wraps in the
/// same column (`清华科研成果转化新机制挂果` / `大型集装箱检测` /
/// `系统『孵化』成型`). Returns how many lines the kicker takes (one).
pub(super) fn kicker_over_halves(block: &[&Unit]) -> Option<usize> {
    let [first, rest @ ..] = block else {
        return None;
    };
    if rest.len() < 2 || first.text.starts_with(['—', '－', '-']) {
        return None;
    }
    let lens: Vec<usize> = rest.iter().map(|u| text::visible_len(&u.text)).collect();
    let (min, max) = (*lens.iter().min()?, *lens.iter().max()?);
    let halves = max <= 10 && max - min <= 2 && rest.iter().all(|u| !ends_complete(&u.text));
    let single = |u: &Unit| u.text.split_whitespace().count() == 1;
    let long = text::visible_len(&first.text) >= max + 4 && single(first);
    (halves && long && rest.iter().all(|u| single(u)) && !ends_complete(&first.text)).then_some(1)
}

/// A subheadline deck split where it stops: the lines before a dash line
/// that opens it (other text the extraction put between headline and
/// subheadline), the deck, and the lines after it as wide as the page's
/// body column (`col`), which are running text.
pub(super) struct SubSplit<'u, 'a> {
    pub(super) before: Vec<&'u Unit<'a>>,
    pub(super) deck: Vec<&'u Unit<'a>>,
    pub(super) text: Vec<&'u Unit<'a>>,
}

pub(super) fn split_sub<'u, 'a>(sub: Vec<&'u Unit<'a>>, col: usize) -> SubSplit<'u, 'a> {
    let dash = |u: &Unit| u.text.starts_with(['—', '－']) || u.text.starts_with("--");
    let Some(d) = sub.iter().position(|u| dash(u)) else {
        return SubSplit {
            before: Vec::new(),
            deck: sub,
            text: Vec::new(),
        };
    };
    let full = |u: &Unit| col > 0 && !dash(u) && text::visible_len(&u.text) + 2 >= col;
    let end = sub[d + 1..]
        .iter()
        .position(|u| full(u))
        .map_or(sub.len(), |k| d + 1 + k);
    let mut before = sub;
    let mut deck = before.split_off(d);
    let text = deck.split_off(end - d);
    SubSplit { before, deck, text }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::classify::{classify, lines};

    fn units(text: &str) -> Vec<Unit<'_>> {
        lines(text)
            .into_iter()
            .map(|l| Unit {
                text: l.text.to_string(),
                class: classify(&l.text),
                line: l,
            })
            .collect()
    }

    #[test]
    fn decks_in_a_page() {
        use super::super::parse;
        use crate::import::model::{account, input_chars};
        // An unmarked kicker right over a marked headline.
        let text = "清华科研成果转化新机制挂果\n### **大型集装箱检测** **系统『孵化』成型**\n\n■见习记者 叶迪生\n\n本报讯 清华大学研制成功大型集装箱检测系统。\n\n## 第二条\n\n本报讯 又一条。\n\n## 第三条\n\n本报讯 再一条。\n";
        let p = parse(text);
        assert_eq!(
            p.articles[0].kicker.as_deref(),
            Some("清华科研成果转化新机制挂果")
        );
        assert_eq!(account(&p), input_chars(text));
        // Full-width lines under a dash subheadline open the story.
        let text = "《世界现代\n化进程中的\n——中国社会主义》\n北京社会科学院马仲良研究员主编\n的《世界现代化进程中的中国社会主义》\n一书，最近由同心出版社出版。本书从\n新的视角论述中国社会主义。作者把中\n国社会主义放到世界历史中。作者认为\n中国社会主义的道路是必然的。本书对\n";
        let p = parse(text);
        let a = &p.articles[0];
        assert_eq!(a.subheadline.as_deref(), Some("——中国社会主义》"));
        assert!(a.paragraphs[0].starts_with("北京社会科学院"));
        assert_eq!(account(&p), input_chars(text));
    }

    #[test]
    fn a_long_line_over_a_headline_in_halves_is_its_kicker() {
        let us = units("清华科研成果转化新机制挂果\n大型集装箱检测\n系统『孵化』成型\n");
        let block: Vec<&Unit> = us.iter().collect();
        assert_eq!(kicker_over_halves(&block), Some(1));
        // A headline wrapped in three short lines has no kicker.
        let us = units("京郊农业\n用水三年\n基本解决\n");
        let block: Vec<&Unit> = us.iter().collect();
        assert_eq!(kicker_over_halves(&block), None);
    }

    #[test]
    fn a_subheadline_stops_at_full_width_text_and_starts_at_its_dash() {
        let us = units("全场商品八折起\n——菜篮子工程建设十年述评（上）\n北京社会科学院马仲良研究员主编\n的《世界现代化进程中的中国社会主义》\n");
        let sub: Vec<&Unit> = us.iter().collect();
        let s = split_sub(sub, 16);
        assert_eq!(s.before.len(), 1);
        assert_eq!(s.deck.len(), 1);
        assert_eq!(s.text.len(), 2);
        // A subheadline without a dash, or on a page of unknown width, stays whole.
        let us = units("朝党报发表评论支持三委声明\n");
        let s = split_sub(us.iter().collect(), 12);
        assert_eq!((s.before.len(), s.deck.len(), s.text.len()), (0, 1, 0));
    }
}
