//! The CLI on HTML input: `.html` files, `--mode article`, `{"id","html"}` lines.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::process::{Command, Stdio};

fn annotate(args: &[&str], stdin: &str) -> (String, bool) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_annotate"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    (String::from_utf8(out.stdout).unwrap(), out.status.success())
}

#[test]
fn html_file_in_article_mode() {
    let (out, ok) = annotate(&["--mode", "article", "tests/fixtures/html/article.html"], "");
    assert!(ok);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["article"]["title"], "Talks resume in Geneva");
    assert!(doc["text"].as_str().unwrap().starts_with("Negotiators"));
    assert!(doc["sentenceAnchors"].as_array().is_some_and(|a| !a.is_empty()));
}

#[test]
fn html_file_in_text_mode_has_no_article() {
    let (out, ok) = annotate(&["tests/fixtures/html/pasted.html"], "");
    assert!(ok);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(doc.get("article").is_none());
    assert!(doc["text"].as_str().unwrap().starts_with("Quote of the day\n\n"));
}

#[test]
fn jsonl_html_lines() {
    let input = "{\"id\":1,\"html\":\"<p>Hello <b>Geneva</b></p>\"}\n{\"id\":2,\"text\":\"plain\"}\n\
                 {\"id\":3,\"text\":\"a\",\"html\":\"b\"}\n";
    let (out, ok) = annotate(&["--jsonl", "--offsets", "utf16"], input);
    assert!(!ok, "line 3 is an error");
    let lines: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["text"], "Hello Geneva");
    assert!(lines[0]["sentenceAnchors"].is_array());
    assert!(lines[1].get("sentenceAnchors").is_none());
    assert!(lines[2]["error"].as_str().unwrap().contains("not both"));
}

#[test]
fn html_files_are_decoded_by_their_charset() {
    // Shift_JIS declared by <meta charset>, UTF-16LE by its byte order mark, windows-1252 undeclared.
    let files = [
        "tests/fixtures/html/charset/shift_jis.html",
        "tests/fixtures/html/charset/utf16le-bom.html",
        "tests/fixtures/html/charset/undeclared-1252.html",
    ];
    let (out, ok) = annotate(&files, "");
    assert!(ok);
    let docs: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(docs[0]["text"].as_str().unwrap().starts_with("東京で会談再開"));
    assert!(docs[1]["text"].as_str().unwrap().starts_with("🇨🇭 Talks resumed in Geneva"));
    assert!(docs[2]["text"].as_str().unwrap().contains("José Ramírez in Málaga"));
    // Standard input with --html is decoded the same way.
    let (out, ok) = annotate(&["--html", "-"], "<meta charset=utf-8><p>Zürich</p>");
    assert!(ok && out.contains("\"text\":\"Zürich\""), "{out}");
}
