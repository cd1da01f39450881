//! Learns the cue-word table `src/quotes/cue_words.txt` from PolNeAR train.
//!
//! `cargo run --release -p quotes-tools --bin cue-words -- [TRAIN.jsonl] [OUT]`
//! (defaults: `../shared/data/polnear/train.jsonl`, `src/quotes/cue_words.txt`).
//!
//! For every lower-case word, counts how often it occurs in the train texts
//! and how often it is (the whole of) an attribution's Cue. A word is kept
//! when it was a cue at least [`MIN_CUES`] times and at least [`MIN_RATE`] of
//! its occurrences. Output: `word cue_count occurrences`, sorted by word;
//! deterministic. Only train is read, never dev or test.

use quotes_tools::articles;
use std::collections::BTreeMap;

const MIN_CUES: u32 = 3;
const MIN_RATE: f64 = 0.1;

fn words(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).map(str::to_lowercase)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).map_or("../shared/data/polnear/train.jsonl", String::as_str);
    let out = args.get(2).map_or("src/quotes/cue_words.txt", String::as_str);
    let mut seen: BTreeMap<String, u32> = BTreeMap::new();
    let mut cue: BTreeMap<String, u32> = BTreeMap::new();
    for art in articles(path) {
        let chars: Vec<char> = art.text.chars().collect();
        for w in words(&art.text) {
            *seen.entry(w).or_default() += 1;
        }
        for q in &art.quotes {
            // Single-word cues only: multi-word ones (`according to`) are rules.
            let text: String = q
                .cue_spans
                .iter()
                .map(|p| chars[p.start.min(chars.len())..p.end.min(chars.len())].iter().collect::<String>())
                .collect::<Vec<_>>()
                .join(" ");
            let ws: Vec<String> = words(&text).collect();
            if let [w] = ws.as_slice() {
                *cue.entry(w.clone()).or_default() += 1;
            }
        }
    }
    let mut text = String::from("# word cue_count occurrences (PolNeAR train; tools/quotes/src/bin/cue-words.rs)\n");
    let mut kept = 0;
    for (w, &c) in &cue {
        let n = seen.get(w).copied().unwrap_or(0).max(c);
        if c >= MIN_CUES && f64::from(c) >= MIN_RATE * f64::from(n) && w.chars().count() > 1 {
            text.push_str(&format!("{w} {c} {n}\n"));
            kept += 1;
        }
    }
    std::fs::write(out, &text).unwrap_or_else(|e| panic!("writing {out}: {e}"));
    eprintln!("wrote {out}: {kept} cue words");
}
