//! A page (版) of an issue: number, name, printed size and rendered image.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A page (版) of an issue. Stored as a bare number when it has no name or
/// file (every page of a JSON Lines feed), else as an object.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(default, remote = "Self")]
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

impl Page {
    /// Nothing but a number (every page of a JSON Lines feed): stored bare.
    fn is_bare(&self) -> bool {
        *self
            == Page {
                number: self.number,
                ..Default::default()
            }
    }
}

// The field list is written once, on `Page`: `remote = "Self"` derives the
// object form as `Page::serialize` / `Page::deserialize` (associated
// functions, not the trait impls), and the impls below choose between it and
// a bare number.
impl Serialize for Page {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.is_bare() {
            serializer.serialize_u32(self.number)
        } else {
            Page::serialize(self, serializer)
        }
    }
}

impl<'de> Deserialize<'de> for Page {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum PageRepr {
            Number(u32),
            Full(#[serde(with = "Page")] Page),
        }
        Ok(match PageRepr::deserialize(deserializer)? {
            PageRepr::Number(number) => Page {
                number,
                ..Default::default()
            },
            PageRepr::Full(page) => page,
        })
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

    #[test]
    fn an_object_with_only_a_number_reads_and_writes_as_bare() {
        let p: Page = serde_json::from_str(r#"{"number":4,"unknown":1}"#).unwrap();
        assert_eq!(
            p,
            Page {
                number: 4,
                ..Default::default()
            }
        );
        assert_eq!(serde_json::to_string(&p).unwrap(), "4");
        assert_eq!(serde_json::from_str::<Page>("{}").unwrap(), Page::default());
        assert!(serde_json::from_str::<Page>(r#""p1""#).is_err());
    }
}
