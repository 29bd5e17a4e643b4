//! The scale benchmark (issue 19): 100,000 articles of the realistic corpus
//! ([`crate::corpus`]) built whole, three days of pd1998 added to it with
//! `kanbao build --into` as a paper adds its daily issue, then `kanbao bench`
//! of the result (so recall and latency cover the added segments too).

use std::io::{BufRead, BufWriter, Write};
use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result};

use crate::{compare, corpus, run_cmd, step};

/// pd1998's days added, and the dates they are given: after the corpus's last day.
const DAYS: [(&str, &str); 3] = [
    ("1998-01-05", "2024-01-05"),
    ("1998-01-06", "2024-01-06"),
    ("1998-01-07", "2024-01-07"),
];

fn megabytes(m: &compare::Measured) -> String {
    m.peak_bytes
        .map(|b| format!("{:.0} MB", b as f64 / 1e6))
        .unwrap_or_else(|| "n/a".into())
}

/// Builds the corpus into `large`, adds the days, measures the bundle.
pub fn bench_100k(kanbao: &Path, pd1998: &Path, out: &Path, large: &Path) -> Result<()> {
    step("100,000 articles (the realistic corpus, cargo xtask corpus --articles 100000)");
    let feed = out.join("corpus-100k.jsonl");
    if !feed.is_file() {
        let source = corpus::Source::read(pd1998)?;
        let mut w = BufWriter::new(std::fs::File::create(&feed)?);
        corpus::write(&source, 100_000, 1998, &mut w)?;
        w.flush()?;
    }
    let built = compare::measure(
        Command::new(kanbao)
            .arg("build")
            .arg(&feed)
            .arg("--out")
            .arg(large)
            .args(["--paper", "人民日报", "-q"]),
    )?;
    eprintln!(
        "100k build: {:.1} s wall, peak memory {}",
        built.secs,
        megabytes(&built)
    );

    step("100k: three daily issues added (kanbao build --into)");
    for (from, to) in DAYS {
        let day = out.join(format!("day-{to}.jsonl"));
        write_day(pd1998, from, to, &day)?;
        let added = compare::measure(
            Command::new(kanbao)
                .args(["build", "--paper", "人民日报", "--into"])
                .arg(large)
                .arg(&day),
        )?;
        eprintln!(
            "add {to}: {:.2} s wall, peak memory {}",
            added.secs,
            megabytes(&added)
        );
    }

    step("100k: sizes, native latency, recall, MRR");
    run_cmd(
        Command::new(kanbao)
            .arg("bench")
            .arg(large)
            // Quality 5 takes seconds where 11 takes many minutes.
            .args(["--quality", "5"]),
    )
}

/// pd1998's articles of `from`, dated `to` (ids prefixed, so none repeats).
fn write_day(pd1998: &Path, from: &str, to: &str, out: &Path) -> Result<()> {
    let file = std::fs::File::open(pd1998).with_context(|| pd1998.display().to_string())?;
    let mut w = BufWriter::new(std::fs::File::create(out)?);
    for line in std::io::BufReader::new(file).lines() {
        let mut a: serde_json::Value = serde_json::from_str(&line?)?;
        if a["date"] == from {
            a["date"] = to.into();
            a["id"] = format!("add-{}", a["id"].as_str().unwrap_or_default()).into();
            serde_json::to_writer(&mut w, &a)?;
            w.write_all(b"\n")?;
        }
    }
    Ok(w.flush()?)
}
