//! Nothing lost: every non-space character of the input lands in exactly one
//! place of the output (article fields, unassigned, masthead lines, marks).

use kanbao::import::{account, input_chars, parse_page, ParseOptions};
use proptest::prelude::*;

fn check(text: &str) -> Result<(), String> {
    let page = parse_page(text, &ParseOptions::default());
    let want = input_chars(text);
    let got = account(&page);
    if want == got {
        return Ok(());
    }
    let mut missing = want.clone();
    for c in &got {
        if let Ok(i) = missing.binary_search(c) {
            missing.remove(i);
        }
    }
    let mut extra = got.clone();
    for c in &want {
        if let Ok(i) = extra.binary_search(c) {
            extra.remove(i);
        }
    }
    Err(format!(
        "lost {:?}, gained {:?}",
        missing.iter().collect::<String>(),
        extra.iter().collect::<String>()
    ))
}

#[test]
fn samples_conserve_every_character() {
    for (name, text) in crate::samples() {
        check(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

/// The dev pages' extractions (`../shared/pages-dev`, skipped when absent):
/// columns interleaved line by line, or set side by side, are reordered,
/// and reordering must lose nothing.
#[test]
fn dev_pages_conserve_every_character() {
    let dir = crate::repo_root().join("../shared/pages-dev/pages");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    let mut lost = Vec::new();
    for p in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        if let Ok(text) = std::fs::read_to_string(&p) {
            if let Err(e) = check(&text) {
                lost.push(format!("{}: {e}", p.display()));
            }
        }
    }
    assert!(lost.is_empty(), "{}", lost.join("\n"));
}

/// Lines in the shapes pages print, to recombine at random.
const LINES: &[&str] = &[
    "嘉兴日报社 中共平湖市委 联办",
    "2023年8月3日◆星期四",
    "农历癸卯年六月十七 总第5234期",
    "平湖版",
    "JIAXING",
    "DAILY",
    "平湖发布 今平湖客户端",
    "## 仲旭东在督查全国文明城市巩固工作时强调",
    "# 深化全国文明城市巩固工作 开创文明城市共建共享新格局",
    "周军波在调研羽绒服市场时强调",
    "坚定发展信心 深化转型升级",
    "跨区域执法，“交界处”变“共建带”",
    "——平湖“融长”这五年系列报道(二)记者 林旭东",
    "通讯员 顾秋叶 施俊杰",
    "■记者 林旭东",
    "李雨婷 ■记 者",
    "■记 者 通讯员",
    "■摄影 王 强 李凤超",
    "■本报评论员",
    "■言成声",
    "#### ■记者 华婷婷",
    "倪俊杰",
    "第6评论",
    "DIYIPIPINGLUN 栏目统筹：黄金凤我市一村获评",
    "编辑/戴 琰 电话/85018195 版式/李春霞 校对/张 真",
    "讲文明 树新风 公/益/广/告",
    "民生优享 建设十有十美 幸福之城",
    "合作联动，筑牢执法根基",
    "本报讯 11月19日上午，市委副书记、市长周军波调研羽绒服市场。",
    "# 本报讯 昨天上午,市长周军",
    "波主持召开市十六届政府第五次常",
    "截至目前，联合行政执法队共开展联合执法活动130余次。(下转2版)",
    "经过多年深耕,浙沪边界线上的 三产已经从最初的\"合作\"走向了 \"融合\", ■ 『下转 C2 版",
    "(上接1版)截至目前，工作有了进展。",
    "推动了区域经济高质量发展和生态文明建设。(杜燕华)",
    "> 回头看,轻舟已过万重山;向前 看,前路漫漫亦灿灿。",
    "茶肆酒店、南北杂货、应有尽有，五行八作，各具特色。非遗小舞台上，戏曲、",
    "手马灯、平湖派琵琶等百姓喜闻乐见的传统文化节目。",
    "随后,仲旭东一行又来到永乐",
    "连日来,代表小组在辖区企业调研。沈俊",
    "ISO 37101 city",
    "",
    "",
];

fn page_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(LINES).prop_map(str::to_string),
            1 => "[ -~\u{4e00}-\u{4e20}，。■#()]{0,30}",
        ],
        0..40,
    )
    .prop_map(|ls| ls.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn generated_pages_conserve_every_character(text in page_strategy()) {
        prop_assert!(check(&text).is_ok(), "{}\n---\n{}", check(&text).unwrap_err(), text);
    }

    #[test]
    fn never_panics_on_any_text(text in "\\PC{0,400}") {
        let _ = parse_page(&text, &ParseOptions::default());
        prop_assert!(check(&text).is_ok(), "{}", check(&text).unwrap_err());
    }

    #[test]
    fn never_panics_on_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        if let Ok(d) = kanbao::import::decode::decode("random.bin", &bytes) {
            let _ = parse_page(&d.text, &ParseOptions::default());
        }
    }
}

// The PDF path: pages of positioned glyphs laid out as newspapers lay them
// out (a masthead, heads in large type over columns of body, bylines, jumps,
// boxes and images), in any drawing order. Nothing may be lost either.

use kanbao::import::pdf::layout::parse_pdf_page;
use kanbao::import::pdf::{Glyph, PdfFont, PdfPage, Rect};

/// One line of text drawn at (x, y) in `size`, glyph by glyph.
#[derive(Debug, Clone)]
struct Drawn {
    text: String,
    x: f32,
    y: f32,
    size: f32,
    bold: bool,
}

fn drawn_strategy() -> impl Strategy<Value = Drawn> {
    (
        prop_oneof![
            4 => prop::sample::select(LINES).prop_map(str::to_string),
            1 => "[\u{4e00}-\u{4e20}，。■()0-9]{1,14}",
        ],
        0usize..7,
        0f32..1150.0,
        prop_oneof![6 => 9f32..11.0, 2 => 14f32..32.0, 1 => 6f32..8.0],
        any::<bool>(),
        // Most lines sit on a column's left edge; some anywhere.
        prop_oneof![3 => Just(0f32), 1 => 0f32..60.0],
    )
        .prop_map(|(text, col, y, size, bold, dx)| Drawn {
            text,
            x: 30.0 + col as f32 * 112.0 + dx,
            y,
            size,
            bold,
        })
}

fn pdf_page_strategy() -> impl Strategy<Value = (PdfPage, String)> {
    (
        prop::collection::vec(drawn_strategy(), 0..60),
        prop::collection::vec(
            (0f32..800.0, 0f32..1150.0, 2f32..300.0, 0.5f32..200.0),
            0..6,
        ),
        any::<u64>(),
    )
        .prop_map(|(lines, boxes, seed)| {
            let mut glyphs = Vec::new();
            let mut text = String::new();
            for l in &lines {
                let mut x = l.x;
                for c in l.text.chars() {
                    text.push(c);
                    let w = if c.is_ascii() { l.size * 0.5 } else { l.size };
                    if !c.is_whitespace() {
                        glyphs.push(Glyph {
                            text: c.to_string(),
                            bbox: Rect {
                                x0: x,
                                y0: l.y,
                                x1: x + w,
                                y1: l.y + l.size,
                            },
                            size: l.size,
                            font: l.bold as u16,
                        });
                    }
                    x += w;
                }
            }
            // Any drawing order: a deterministic shuffle by the seed.
            let mut s = seed | 1;
            for i in (1..glyphs.len()).rev() {
                s ^= s << 13;
                s ^= s >> 7;
                s ^= s << 17;
                glyphs.swap(i, (s % (i as u64 + 1)) as usize);
            }
            let rects: Vec<Rect> = boxes
                .iter()
                .map(|&(x, y, w, h)| Rect {
                    x0: x,
                    y0: y,
                    x1: x + w,
                    y1: y + h,
                })
                .collect();
            let page = PdfPage {
                number: 1,
                width: 842.0,
                height: 1191.0,
                glyphs,
                fonts: vec![
                    PdfFont {
                        name: "NotoSerifCJKsc-Regular".into(),
                        bold: false,
                    },
                    PdfFont {
                        name: "NotoSansCJKsc-Bold".into(),
                        bold: true,
                    },
                ],
                images: rects.iter().take(1).copied().collect(),
                rects,
            };
            (page, text)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn generated_pdf_pages_conserve_every_character((page, text) in pdf_page_strategy()) {
        let parsed = parse_pdf_page(&page, &ParseOptions::default());
        let (want, got) = (input_chars(&text), account(&parsed));
        prop_assert!(want == got, "lost or gained characters: want {} got {}\n{text}", want.len(), got.len());
    }
}
