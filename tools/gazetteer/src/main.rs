//! `gazetteer` — compiles and evaluates the place gazetteer. Native only.
//!
//! ```text
//! gazetteer build [--data ../shared/data/gazetteers] [--out model/gazetteer.bin]
//! gazetteer eval  [--data ../shared/data] [--checked tests/fixtures/places/checked.tsv]
//! gazetteer sample [--data ../shared/data] [--out FILE] [--n 170]   (candidate rows to check by hand)
//! gazetteer bench [--file model/gazetteer.bin]                      (load time)
//! ```

mod build;
mod eval;

use sha2::{Digest, Sha256};
use std::path::PathBuf;
use std::process::ExitCode;

fn arg(args: &[String], name: &str, default: &str) -> String {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned().unwrap_or_else(|| default.to_owned())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("build") => run_build(&args),
        Some("eval") => eval::run(
            &PathBuf::from(arg(&args, "--data", "../shared/data")),
            &PathBuf::from(arg(&args, "--checked", "tests/fixtures/places/checked.tsv")),
        ),
        Some("sample") => eval::sample(
            &PathBuf::from(arg(&args, "--data", "../shared/data")),
            &PathBuf::from(arg(&args, "--out", "/dev/stdout")),
            arg(&args, "--n", "170").parse().unwrap_or(170),
        ),
        Some("bench") => bench(&PathBuf::from(arg(&args, "--file", "model/gazetteer.bin"))),
        _ => Err("usage: gazetteer build|eval|sample|bench [options] (see tools/gazetteer/src/main.rs)".into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gazetteer: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run_build(args: &[String]) -> Result<(), String> {
    let data = PathBuf::from(arg(args, "--data", "../shared/data/gazetteers"));
    let out = PathBuf::from(arg(args, "--out", "model/gazetteer.bin"));
    let tables = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data");
    let built = build::build(&data, &tables)?;
    // The file must load with the runtime's own reader.
    let g = article_annotator::places::Gazetteer::from_bytes(&built.bytes).map_err(|e| e.to_string())?;
    std::fs::write(&out, &built.bytes).map_err(|e| format!("{}: {e}", out.display()))?;
    let sum = format!("{:x}", Sha256::digest(&built.bytes));
    let file = out.file_name().and_then(|f| f.to_str()).unwrap_or("gazetteer.bin");
    let sum_path = out.with_extension("sha256");
    std::fs::write(&sum_path, format!("{sum}  {file}\n")).map_err(|e| format!("{}: {e}", sum_path.display()))?;
    eprint!("{}", built.report);
    eprintln!(
        "wrote {} ({} bytes, {} records, {} names), sha256 {sum}",
        out.display(),
        built.bytes.len(),
        g.len(),
        g.name_count()
    );
    Ok(())
}

fn bench(file: &PathBuf) -> Result<(), String> {
    let bytes = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let runs = 50;
    let start = std::time::Instant::now();
    for _ in 0..runs {
        let g = article_annotator::places::Gazetteer::from_bytes(&bytes).map_err(|e| e.to_string())?;
        std::hint::black_box(g.len());
    }
    let per = start.elapsed() / runs;
    println!(
        "load (checksum, decompression, checks, derived names) of {} bytes: {:.2} ms per load (mean of {runs})",
        bytes.len(),
        per.as_secs_f64() * 1e3
    );
    Ok(())
}
