//! A page (版) of an issue: number, name, printed size and rendered image.

use serde::{Deserialize, Serialize};

/// A page (版) of an issue. Stored as a bare number when it has no name or
/// file (every page of a JSON Lines feed), else as an object.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(default, from = "PageRepr", into = "PageRepr")]
pub struct Page {
    pub number: u32,
    /// Printed page name, e.g. `平湖新闻`, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Input file the page came from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// The printed page's size in PDF points, for pages read from a PDF:
    /// what an article's [`Region`](super::Region)s are measured against.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<PageSize>,
    /// The page as printed, rendered at build time (PDF input, unless built
    /// with `--no-page-images`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<PageImage>,
    /// Why a page read from a PDF has no image: the render failed (shown by
    /// the page view instead of the image).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image_error: Option<String>,
}

/// Width and height of a printed page in PDF points (1/72 inch).
#[derive(Serialize, Deserialize, Clone, Copy, Debug, Default, PartialEq)]
pub struct PageSize {
    pub width: f32,
    pub height: f32,
}

/// A rendered page image, a bundle file like the shards.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
pub struct PageImage {
    /// Path relative to the bundle folder, content-addressed
    /// (`pages/<issue>-<page>.<hash>.<ext>`).
    pub file: String,
    /// Pixel size: a region's point `x` is at `x * width / size.width` px.
    pub width: u32,
    pub height: u32,
    /// Size of the file in bytes.
    pub bytes: u64,
}

#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum PageRepr {
    Number(u32),
    Full {
        #[serde(default)]
        number: u32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        file: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        size: Option<PageSize>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        image: Option<PageImage>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        image_error: Option<String>,
    },
}

impl From<PageRepr> for Page {
    fn from(r: PageRepr) -> Self {
        match r {
            PageRepr::Number(number) => Page {
                number,
                ..Default::default()
            },
            PageRepr::Full {
                number,
                name,
                file,
                size,
                image,
                image_error,
            } => Page {
                number,
                name,
                file,
                size,
                image,
                image_error,
            },
        }
    }
}

impl From<Page> for PageRepr {
    fn from(p: Page) -> Self {
        match p {
            Page {
                number,
                name: None,
                file: None,
                size: None,
                image: None,
                image_error: None,
            } => PageRepr::Number(number),
            Page {
                number,
                name,
                file,
                size,
                image,
                image_error,
            } => PageRepr::Full {
                number,
                name,
                file,
                size,
                image,
                image_error,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_without_name_or_file_are_bare_numbers() {
        let pages = vec![
            Page {
                number: 1,
                ..Default::default()
            },
            Page {
                number: 2,
                name: Some("平湖新闻".into()),
                file: Some("p2.txt".into()),
                ..Default::default()
            },
            Page {
                number: 3,
                size: Some(PageSize {
                    width: 842.0,
                    height: 1191.0,
                }),
                image: Some(PageImage {
                    file: "pages/a-3.0f.webp".into(),
                    width: 1754,
                    height: 2481,
                    bytes: 9,
                }),
                ..Default::default()
            },
        ];
        let json = serde_json::to_string(&pages).unwrap();
        assert_eq!(
            json,
            r#"[1,{"number":2,"name":"平湖新闻","file":"p2.txt"},{"number":3,"size":{"width":842.0,"height":1191.0},"image":{"file":"pages/a-3.0f.webp","width":1754,"height":2481,"bytes":9}}]"#
        );
        assert_eq!(serde_json::from_str::<Vec<Page>>(&json).unwrap(), pages);
    }
}
