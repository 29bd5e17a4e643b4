//! Bytes to text: refuse empty and binary files, detect the encoding (UTF-8
//! with or without BOM, UTF-16 with BOM, GBK/GB18030 and other legacy
//! encodings via chardetng), normalize line endings.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};

use super::model::ImportError;

pub struct Decoded {
    pub text: String,
    pub encoding: String,
    /// Lines that could not be decoded cleanly (1-based line, message).
    pub notes: Vec<(u32, String)>,
}

fn normalize(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

fn finish(
    file: &str,
    text: String,
    encoding: String,
    notes: Vec<(u32, String)>,
) -> Result<Decoded, ImportError> {
    if text.trim().is_empty() {
        return Err(ImportError::Blank { file: file.into() });
    }
    Ok(Decoded {
        text: normalize(&text),
        encoding,
        notes,
    })
}

/// Decodes a text file. Line endings are normalized to `\n`.
pub fn decode(file: &str, bytes: &[u8]) -> Result<Decoded, ImportError> {
    if bytes.is_empty() {
        return Err(ImportError::Empty { file: file.into() });
    }
    for (bom, enc, name) in [
        (&b"\xFF\xFE"[..], UTF_16LE, "UTF-16LE (BOM)"),
        (&b"\xFE\xFF"[..], UTF_16BE, "UTF-16BE (BOM)"),
    ] {
        if bytes.starts_with(bom) {
            let (text, had_errors) = enc.decode_with_bom_removal(bytes);
            let notes = if had_errors {
                vec![(1, format!("invalid {name} sequences replaced with U+FFFD"))]
            } else {
                Vec::new()
            };
            return finish(file, text.into_owned(), name.into(), notes);
        }
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(ImportError::Binary {
            file: file.into(),
            offset,
        });
    }
    let (bytes, bom) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, true),
        None => (bytes, false),
    };
    if let Ok(text) = std::str::from_utf8(bytes) {
        let name = if bom { "UTF-8 (BOM)" } else { "UTF-8" };
        return finish(file, text.to_string(), name.into(), Vec::new());
    }
    // Not UTF-8: guess the legacy encoding from the lines that are not UTF-8,
    // and decode line by line so a file of mixed encodings keeps both.
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    for line in bytes.split(|&b| b == b'\n') {
        if std::str::from_utf8(line).is_err() {
            det.feed(line, false);
        }
    }
    det.feed(b"", true);
    let legacy: &'static Encoding = det.guess(Some(b"cn"), chardetng::Utf8Detection::Deny);
    let mut text = String::with_capacity(bytes.len() * 3 / 2);
    let mut notes = Vec::new();
    let (mut utf8_lines, mut legacy_lines) = (0, 0);
    for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            text.push('\n');
        }
        match std::str::from_utf8(line) {
            Ok(s) => {
                utf8_lines += usize::from(!s.is_ascii());
                text.push_str(s);
            }
            Err(_) => {
                legacy_lines += 1;
                let (s, _, had_errors) = legacy.decode(line);
                if had_errors {
                    notes.push((
                        i as u32 + 1,
                        format!("bytes not valid in {} replaced with U+FFFD", legacy.name()),
                    ));
                }
                text.push_str(&s);
            }
        }
    }
    let name = if utf8_lines > 0 && legacy_lines > 0 {
        notes.push((
            1,
            format!(
                "mixed encodings: {utf8_lines} lines UTF-8, {legacy_lines} lines {}",
                legacy.name()
            ),
        ));
        format!("mixed (UTF-8 + {})", legacy.name())
    } else {
        legacy.name().to_string()
    };
    finish(file, text, name, notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "平湖版\r\n跨区域执法\r本报讯 近日。\n";

    #[test]
    fn encodings() {
        let d = decode("a", PAGE.as_bytes()).unwrap();
        assert_eq!(
            (d.encoding.as_str(), d.text.as_str()),
            ("UTF-8", "平湖版\n跨区域执法\n本报讯 近日。\n")
        );
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(PAGE.as_bytes());
        assert_eq!(decode("a", &bom).unwrap().encoding, "UTF-8 (BOM)");
        let (gbk, _, _) = encoding_rs::GBK.encode(PAGE);
        let d = decode("a", &gbk).unwrap();
        assert_eq!(d.encoding, "GBK");
        assert!(d.text.starts_with("平湖版\n跨区域执法"));
        let mut u16 = vec![0xFF, 0xFE];
        for u in PAGE.encode_utf16() {
            u16.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode("a", &u16).unwrap();
        assert_eq!(d.encoding, "UTF-16LE (BOM)");
        assert!(d.text.contains("本报讯"));
    }

    #[test]
    fn mixed_lines_keep_both() {
        let mut bytes = "第一行 UTF-8 平湖\n".as_bytes().to_vec();
        bytes.extend_from_slice(&encoding_rs::GBK.encode("第二行是国标码的中文文字\n").0);
        let d = decode("a", &bytes).unwrap();
        assert!(d.encoding.starts_with("mixed"), "{}", d.encoding);
        assert!(d.text.contains("平湖") && d.text.contains("国标码"));
    }

    #[test]
    fn bad_files() {
        assert!(matches!(
            decode("f.txt", b""),
            Err(ImportError::Empty { .. })
        ));
        assert!(matches!(
            decode("f.txt", b" \n\t \r\n"),
            Err(ImportError::Blank { .. })
        ));
        let e = decode("f.txt", b"ab\x00cd").err().unwrap();
        assert!(e.to_string().contains("f.txt"), "{e}");
    }
}
