//! A page whose headlines were all drawn first: each goes back over its
//! story ([`stack`]), side-by-side headlines split where a stack is found.

use super::ctx::{writes, Unit};
use crate::import::byline;
use crate::import::classify::{self, Class};
use crate::import::stack;
use crate::import::text;

/// A page whose headlines were all drawn first: each goes back over its
/// story ([`stack`]).
pub(super) fn restack(units: Vec<Unit>) -> Vec<Unit> {
    // Most pages have no stack: tell from their first lines alone.
    let first = units
        .iter()
        .take(3)
        .position(|u| matches!(u.class, Class::Title));
    let run = first.map_or(0, |f| {
        units[f..]
            .iter()
            .take_while(|u| matches!(u.class, Class::Title))
            .count()
    });
    if run < stack::MIN_STACK {
        return units;
    }
    // Side-by-side headlines are split only where a stack is found.
    if let Some(split) = split_merged_titles(&units) {
        if let Ok(done) = restacked(split) {
            return done;
        }
    }
    restacked(units).unwrap_or_else(|u| u)
}

/// `units` in the order [`stack::reorder`] gives, or as they were (`Err`).
fn restacked(units: Vec<Unit>) -> Result<Vec<Unit>, Vec<Unit>> {
    let kinds: Vec<stack::Kind> = units
        .iter()
        .enumerate()
        .map(|(k, u)| stack_kind(u, k == 0))
        .collect();
    let texts: Vec<&str> = units.iter().map(|u| u.text.as_str()).collect();
    let Some((order, end)) = stack::reorder(&texts, &kinds) else {
        return Err(units);
    };
    let is_head =
        |k: usize| k < end && matches!(kinds[k], stack::Kind::Title | stack::Kind::Banner);
    let mut slots: Vec<Option<Unit>> = units.into_iter().map(Some).collect();
    let mut out = Vec::with_capacity(slots.len());
    for (p, &k) in order.iter().enumerate() {
        let mut u = slots[k].take().expect("each line once");
        // A headline put back over its story starts it.
        if is_head(k) && (p == 0 || !is_head(order[p - 1])) {
            u.line.gap = u.line.gap.max(2);
        }
        out.push(u);
    }
    Ok(out)
}

/// Headline lines at the top of the page holding several headlines side by
/// side (`甲的标题 乙 丙的更长的标题`, one of them longer than a banner's
/// phrase), each made a line of its own; `None` when there are none.
fn split_merged_titles<'a>(units: &[Unit<'a>]) -> Option<Vec<Unit<'a>>> {
    let first = units.iter().position(|u| matches!(u.class, Class::Title))?;
    let run = units[first..]
        .iter()
        .take_while(|u| matches!(u.class, Class::Title))
        .count();
    let merged = |u: &Unit| {
        let segs: Vec<&str> = u.text.split_whitespace().collect();
        segs.len() >= 2 && segs.iter().any(|s| text::visible_len(s) > 10)
    };
    if first > 2 || !units[first..first + run].iter().any(merged) {
        return None;
    }
    let mut out = Vec::with_capacity(units.len() + 4);
    for (k, u) in units.iter().enumerate() {
        if (first..first + run).contains(&k) && merged(u) {
            for seg in u.text.split_whitespace() {
                out.push(Unit {
                    line: u.line.clone(),
                    text: seg.to_string(),
                    class: Class::Title,
                });
            }
        } else {
            out.push(Unit {
                line: u.line.clone(),
                text: u.text.clone(),
                class: u.class.clone(),
            });
        }
    }
    Some(out)
}

/// A line's kind for [`stack`].
fn stack_kind(u: &Unit, first: bool) -> stack::Kind {
    use stack::Kind;
    match &u.class {
        Class::Title if u.line.gap >= 2 && !first => Kind::Text,
        Class::Title if classify::is_banner_style(&u.text) || classify::is_ad_header(&u.text) => {
            Kind::Banner
        }
        Class::Title => Kind::Title,
        Class::Byline(b) if writes(&b.byline) => Kind::Opener,
        Class::Names(_) => Kind::Opener,
        Class::Byline(b)
            if b.prefix.is_some() && !b.byline.photographers.is_empty() && !writes(&b.byline) =>
        {
            Kind::Caption
        }
        Class::Byline(_) | Class::Credit | Class::Jump => Kind::Closer,
        Class::Body if u.text.starts_with("本报讯") => Kind::Opener,
        Class::Body if byline::split_closing_role(&u.text).is_some() => Kind::Closer,
        _ => Kind::Text,
    }
}
