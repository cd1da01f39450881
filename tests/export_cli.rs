//! The CLI's export options: `annotate --format … [--out-dir DIR]`.

use std::path::{Path, PathBuf};
use std::process::Command;

fn annotate() -> Command {
    Command::new(env!("CARGO_BIN_EXE_annotate"))
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/export").join(name)
}

/// A fresh, empty directory under the target dir.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn csv_writes_two_files_per_input_into_out_dir() {
    let dir = scratch("export-cli-csv");
    let out = annotate()
        .args(["--format", "csv", "--bom", "--offsets", "utf16", "--out-dir"])
        .arg(&dir)
        .arg(fixture("unicode_news.txt"))
        .arg(fixture("hostile.txt"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut files: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    files.sort();
    assert_eq!(
        files,
        ["hostile.mentions.csv", "hostile.quotes.csv", "unicode_news.mentions.csv", "unicode_news.quotes.csv"]
    );
    let csv = std::fs::read_to_string(dir.join("unicode_news.mentions.csv")).unwrap();
    assert!(csv.starts_with("\u{feff}mention_id,"), "BOM, then the header");
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    for record in reader.records() {
        assert_eq!(&record.unwrap()[7], "utf16");
    }
}

#[test]
fn one_file_goes_to_stdout_in_any_single_format() {
    for (format, start) in [
        ("html", "<!DOCTYPE html>"),
        ("markdown", "# Title"),
        ("webanno", "{\"@context\":\"http://www.w3.org/ns/anno.jsonld\""),
        ("displacy", "{\"text\":"),
        ("csv-quotes", "quote_id,"),
        ("json", "{\"schema\":1"),
    ] {
        let out = annotate()
            .args(["--format", format, "--title", "Title", "--url", "https://news.example/a"])
            .arg(fixture("unicode_news.txt"))
            .output()
            .unwrap();
        assert!(out.status.success(), "{format}: {}", String::from_utf8_lossy(&out.stderr));
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(stdout.starts_with(start), "{format}: {}", &stdout[..stdout.len().min(80)]);
    }
}

#[test]
fn formats_that_write_files_need_out_dir() {
    let out = annotate().args(["--format", "csv"]).arg(fixture("hostile.txt")).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--out-dir"));
    let out =
        annotate().args(["--format", "html"]).arg(fixture("hostile.txt")).arg(fixture("hostile.txt")).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "several reports cannot share standard output");
    let out = annotate().args(["--jsonl", "--format", "html"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn out_dir_refuses_inputs_with_the_same_name() {
    let dir = scratch("export-cli-clash");
    let other = scratch("export-cli-clash-input");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::copy(fixture("hostile.txt"), other.join("unicode_news.txt")).unwrap();
    let out = annotate()
        .args(["--format", "html", "--out-dir"])
        .arg(&dir)
        .arg(fixture("unicode_news.txt"))
        .arg(other.join("unicode_news.txt"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("also named"));
    let report = std::fs::read_to_string(dir.join("unicode_news.html")).unwrap();
    assert!(report.contains("Angela Merkel"), "the first input's report is kept");
}
