//! The CLI's `--model FILE`: annotate with another named-entity model than
//! the built-in one, and a clear error for a file that is not one.

use article_annotator::ner::ModelParts;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const TEXT: &str = "Angela Merkel met Emmanuel Macron in Paris on Monday, the Elysee said.\n";

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("model-cli");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// `annotate [--model FILE] -` with the text on standard input (no shared
/// input file: the tests run in parallel).
fn annotate(model: Option<&Path>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_annotate"));
    if let Some(m) = model {
        cmd.arg("--model").arg(m);
    }
    let mut child = cmd.arg("-").stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    // A failing model load exits before reading: a closed pipe is no error here.
    let _ = child.stdin.take().unwrap().write_all(TEXT.as_bytes());
    child.wait_with_output().unwrap()
}

fn labels(out: &Output) -> Vec<(String, String)> {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let chars: Vec<char> = TEXT.chars().collect();
    doc["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            let (s, e) = (m["start"].as_u64().unwrap() as usize, m["end"].as_u64().unwrap() as usize);
            (chars[s..e].iter().collect(), m["label"].as_str().unwrap().to_owned())
        })
        .collect()
}

#[test]
fn the_committed_model_file_gives_the_built_in_output() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("model/ner.bin");
    let (built_in, from_file) = (annotate(None), annotate(Some(&file)));
    assert_eq!(built_in.stdout, from_file.stdout);
    let found = labels(&from_file);
    assert!(found.contains(&("Angela Merkel".into(), "PER".into())), "{found:?}");
    assert!(found.contains(&("Paris".into(), "LOC".into())), "{found:?}");
}

#[test]
fn another_model_file_is_really_used() {
    // The committed model with every weight zeroed tags nothing.
    let mut parts = ModelParts::from_bytes(article_annotator::ner::EMBEDDED_MODEL).unwrap();
    parts.weights.iter_mut().for_each(|w| *w = 0);
    parts.transitions.iter_mut().for_each(|t| *t = 0);
    let file = scratch("zeroed.bin");
    std::fs::write(&file, parts.to_bytes().unwrap()).unwrap();
    assert_eq!(labels(&annotate(Some(&file))), vec![]);
}

#[test]
fn a_bad_model_file_is_a_clear_error() {
    let mut bytes = article_annotator::ner::EMBEDDED_MODEL.to_vec();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x55;
    let corrupted = scratch("corrupted.bin");
    std::fs::write(&corrupted, &bytes).unwrap();
    let out = annotate(Some(&corrupted));
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("corrupted.bin") && err.contains("checksum"), "{err}");

    let missing = scratch("no-such-model.bin");
    let out = annotate(Some(&missing));
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-model.bin"));
}
