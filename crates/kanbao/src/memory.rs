//! Whether a build fits in the memory this machine has: refused up front,
//! with what to do, rather than ended by the kernel's out-of-memory killer
//! minutes in.

use std::path::Path;

/// Peak memory of a build per byte of text or feed input, and what it needs
/// whatever its input (jieba's dictionary, the pinyin table, the binary):
/// on the realistic corpus (`cargo xtask corpus`) 30,000 articles (65 MB of
/// JSON Lines) peaked at 268 MB, 100,000 (218 MB) at 691 MB, 1,000,000
/// (2.2 GB) at 4.9 GB, about 130 MB + 2.2 bytes a byte, before pair shards;
/// with them 30,000 peaked at 307 MB and 100,000 at 769 MB, up to 2.9 bytes
/// a byte. A fifth more here, to be safe (in tenths of a byte).
const TENTHS_PER_INPUT_BYTE: u64 = 35;
const BASE_BYTES: u64 = 150 << 20;
/// Per byte of PDF: its pages' glyphs and layout, held until the bundle is
/// written (images are rendered and written one at a time). The ten dev PDFs
/// (2.6 MB) peaked at 101 MB, four copies of them (10.4 MB) at 123 MB: 2.8
/// bytes a byte.
const BYTES_PER_PDF_BYTE: u64 = 3;

/// The memory a build of `inputs` (path, bytes, is a PDF) is expected to need.
pub fn needed(inputs: &[(u64, bool)]) -> u64 {
    BASE_BYTES
        + inputs
            .iter()
            .map(|&(b, pdf)| {
                if pdf {
                    b * BYTES_PER_PDF_BYTE
                } else {
                    b * TENTHS_PER_INPUT_BYTE / 10
                }
            })
            .sum::<u64>()
}

/// Memory available to this process, when it can be known: the kernel's
/// estimate of what can be allocated without swapping (`MemAvailable`),
/// lowered to what the control group still allows, and to
/// `KANBAO_MEMORY_LIMIT` (megabytes) when set, to keep a build within a share
/// of a shared machine.
pub fn available() -> Option<u64> {
    let limit = std::env::var("KANBAO_MEMORY_LIMIT")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(|mb| mb << 20);
    match (system_available(), limit) {
        (Some(a), Some(l)) => Some(a.min(l)),
        (a, l) => a.or(l),
    }
}

fn system_available() -> Option<u64> {
    let meminfo = std::fs::read_to_string("/proc/meminfo").ok()?;
    let kb: u64 = meminfo
        .lines()
        .find(|l| l.starts_with("MemAvailable:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    let mut avail = kb * 1024;
    let cgroup = Path::new("/sys/fs/cgroup");
    let read = |f: &str| -> Option<u64> {
        std::fs::read_to_string(cgroup.join(f))
            .ok()?
            .trim()
            .parse()
            .ok()
    };
    if let (Some(max), Some(current)) = (read("memory.max"), read("memory.current")) {
        avail = avail.min(max.saturating_sub(current));
    }
    Some(avail)
}

/// One decimal of gigabytes (or whole megabytes below one).
pub fn show(bytes: u64) -> String {
    if bytes >= 1 << 30 {
        format!("{:.1} GB", bytes as f64 / (1u64 << 30) as f64)
    } else {
        format!("{} MB", bytes >> 20)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_needs_more_than_its_size_and_sizes_read_well() {
        let n = needed(&[(2_200_000_000, false)]);
        assert!(n > 6_000_000_000 && n < 8_500_000_000, "{n}");
        assert!(needed(&[]) == BASE_BYTES);
        assert_eq!(show(3 << 29), "1.5 GB");
        assert_eq!(show(200 << 20), "200 MB");
        if cfg!(target_os = "linux") {
            assert!(available().is_some_and(|a| a > 0));
        }
    }
}
