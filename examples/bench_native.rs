//! Native throughput of the full pipeline on the fixed benchmark corpus:
//! `cargo run --release --example bench_native [FILES...]` (default: benches/corpus/*.txt).
//!
//! Measures `Annotator::annotate` plus serialization to the published JSON with
//! UTF-16 offsets — the same work a JavaScript `annotate()` call does — and
//! prints characters (Unicode scalar values) per second. A figure, not a test.

use article_annotator::api::{to_json, OffsetUnit};
use article_annotator::Annotator;
use std::time::{Duration, Instant};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut files: Vec<std::path::PathBuf> = std::env::args_os().skip(1).map(Into::into).collect();
    if files.is_empty() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/corpus");
        for entry in std::fs::read_dir(&dir)? {
            let path = entry?.path();
            if path.extension().is_some_and(|e| e == "txt") {
                files.push(path);
            }
        }
        files.sort();
    }
    let texts: Vec<String> = files.iter().map(std::fs::read_to_string).collect::<Result<_, _>>()?;
    let chars: usize = texts.iter().map(|t| t.chars().count()).sum();

    let load = Instant::now();
    let annotator = Annotator::new()?;
    let load = load.elapsed();

    let run = |texts: &[String]| -> Result<usize, article_annotator::Error> {
        let mut out = 0;
        for t in texts {
            out += to_json(&annotator.annotate(t)?, OffsetUnit::Utf16).len();
        }
        Ok(out)
    };
    run(&texts)?; // warm-up

    let budget = Duration::from_secs(3);
    let start = Instant::now();
    let mut rounds = 0u32;
    let mut sink = 0usize;
    while start.elapsed() < budget || rounds < 3 {
        sink += run(&texts)?;
        rounds += 1;
    }
    let secs = start.elapsed().as_secs_f64();
    let per_round = secs / f64::from(rounds);
    println!(
        "native: {} files, {} chars; model load {:.1} ms; {:.2} ms per pass ({} passes); {:.2} M chars/s  [{} JSON bytes]",
        texts.len(),
        chars,
        load.as_secs_f64() * 1e3,
        per_round * 1e3,
        rounds,
        chars as f64 / per_round / 1e6,
        sink / rounds as usize,
    );
    Ok(())
}
