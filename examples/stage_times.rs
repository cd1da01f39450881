//! Where the time goes: milliseconds per pass of each pipeline stage
//! (tokenizer, sentences, tagger, entity grouping, place linking, quotes, JSON)
//! over the benchmark corpus (or `NEWS=file.jsonl`: its lines' `text`).
//! `cargo run --release --example stage_times`.
//! A profiling aid, not a test; wall-clock, so run it on a quiet machine.

use article_annotator::api::{to_json, OffsetUnit};
use article_annotator::*;
use std::time::Instant;
fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/corpus");
    // `NEWS=file.jsonl`: the `text` of every line instead (e.g. CoNLL-2003 dev).
    let texts: Vec<String> = match std::env::var("NEWS") {
        Ok(f) => std::fs::read_to_string(&f)
            .unwrap_or_else(|e| panic!("{f}: {e}"))
            .lines()
            .map(|l| {
                serde_json::from_str::<serde_json::Value>(l).unwrap()["text"].as_str().unwrap_or_default().to_owned()
            })
            .collect(),
        Err(_) => {
            ["mozilla.txt", "new-zealand.txt"].iter().map(|f| std::fs::read_to_string(dir.join(f)).unwrap()).collect()
        }
    };
    let tagger = ner::Tagger::from_bytes(ner::EMBEDDED_MODEL).unwrap();
    let mut t = [0f64; 7];
    for _ in 0..60 {
        for text in &texts {
            let a = Instant::now();
            let tokens = text::tokenize(text);
            let b = Instant::now();
            let (sentences, paragraphs) = text::segment(text, &tokens);
            let c = Instant::now();
            let mut doc = Document { text: text.clone(), tokens, sentences, paragraphs, ..Document::default() };
            doc.mentions = tagger.tag(&doc.text, &doc.tokens, &doc.sentences);
            let d = Instant::now();
            entities::repair(&mut doc);
            doc.entities = entities::group(&doc.text, &mut doc.mentions);
            let e = Instant::now();
            places::link(&mut doc);
            let f = Instant::now();
            quotes::annotate(&mut doc);
            let g = Instant::now();
            std::hint::black_box(to_json(&doc, OffsetUnit::Utf16));
            let h = Instant::now();
            for (k, (x, y)) in [(a, b), (b, c), (c, d), (d, e), (e, f), (f, g), (g, h)].iter().enumerate() {
                t[k] += (*y - *x).as_secs_f64();
            }
        }
    }
    let total: f64 = t.iter().sum();
    for (n, v) in ["tokenize", "segment", "tag", "entities", "link", "quotes", "json"].iter().zip(t) {
        println!("{n:10} {:6.1} ms/pass {:5.1}%", v / 60.0 * 1e3, v / total * 100.0);
    }
}
