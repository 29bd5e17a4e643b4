//! Messages with numbers or words filled in.

/// `template` with each `{}` replaced by the next of `values`.
pub fn format_n(template: &str, values: &[usize]) -> String {
    let mut out = String::new();
    let mut parts = template.split("{}");
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    for (i, part) in parts.enumerate() {
        if let Some(v) = values.get(i) {
            out.push_str(&v.to_string());
        }
        out.push_str(part);
    }
    out
}

/// `template` with its `{}` replaced by `value`.
pub fn format_s(template: &str, value: &str) -> String {
    template.replacen("{}", value, 1)
}
