//! Bytes to text: refuse empty and binary files, report the encoding used.

use super::ImportError;

pub struct Decoded {
    pub text: String,
    pub encoding: String,
}

/// Decodes a text file. Line endings are normalized to `\n`.
pub fn decode(file: &str, bytes: &[u8]) -> Result<Decoded, ImportError> {
    if bytes.is_empty() {
        return Err(ImportError::Empty { file: file.into() });
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(ImportError::Binary {
            file: file.into(),
            offset,
        });
    }
    let (bytes, encoding) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, "UTF-8 (BOM)"),
        None => (bytes, "UTF-8"),
    };
    let text = std::str::from_utf8(bytes).map_err(|e| ImportError::Encoding {
        file: file.into(),
        line: 1 + bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count(),
        encoding: "UTF-8".into(),
    })?;
    if text.trim().is_empty() {
        return Err(ImportError::Blank { file: file.into() });
    }
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    Ok(Decoded {
        text,
        encoding: encoding.into(),
    })
}
