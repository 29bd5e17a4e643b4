//! A printed page (版) as the reader draws it: whether it has a page view,
//! its image's URL, and where an article is outlined on it.

use kanbao_bundle::{Article, Page, PageImage, Region};

/// Whether a page has a page view: an image, or the reason it has none.
pub fn has_view(page: &Page) -> bool {
    page.size.is_some() && (page.image.is_some() || page.image_error.is_some())
}

/// The URL of a bundle file for `<img src>` (beside index.html, as the shards).
pub fn image_src(image: &PageImage) -> String {
    format!("bundle/{}", image.file)
}

/// The article's regions on page `n`, ordered, inverted boxes set right.
pub fn regions_on(a: &Article, n: u32) -> Vec<Region> {
    a.regions
        .iter()
        .filter(|r| r.page == n)
        .map(|r| Region {
            page: r.page,
            x0: r.x0.min(r.x1),
            y0: r.y0.min(r.y1),
            x1: r.x0.max(r.x1),
            y1: r.y0.max(r.y1),
        })
        .filter(|r| r.x1 > r.x0 && r.y1 > r.y0)
        .collect()
}

/// The box around `regions` (x0, y0, x1, y1), in points.
pub fn bounds(regions: &[Region]) -> Option<(f32, f32, f32, f32)> {
    let first = regions.first()?;
    Some(regions.iter().fold(
        (first.x0, first.y0, first.x1, first.y1),
        |(a, b, c, d), r| (a.min(r.x0), b.min(r.y0), c.max(r.x1), d.max(r.y1)),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn region(page: u32, x0: f32, y0: f32, x1: f32, y1: f32) -> Region {
        Region {
            page,
            x0,
            y0,
            x1,
            y1,
        }
    }

    #[test]
    fn regions_on_a_page_are_set_right_and_bounded() {
        let a = Article {
            regions: vec![
                region(1, 100.0, 50.0, 10.0, 300.0),
                region(2, 0.0, 0.0, 5.0, 5.0),
                region(1, 120.0, 300.0, 200.0, 400.0),
                region(1, 7.0, 7.0, 7.0, 9.0),
            ],
            ..Default::default()
        };
        let on = regions_on(&a, 1);
        // Inverted corners swapped; an empty box and other pages left out.
        assert_eq!(
            on,
            vec![
                region(1, 10.0, 50.0, 100.0, 300.0),
                region(1, 120.0, 300.0, 200.0, 400.0)
            ]
        );
        assert_eq!(bounds(&on), Some((10.0, 50.0, 200.0, 400.0)));
        assert_eq!(bounds(&[]), None);
    }
}
