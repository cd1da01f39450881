//! Learns the speaker-head table `src/quotes/speaker_heads.txt` from PolNeAR train.
//!
//! `cargo run --release -p quotes-tools --bin speaker-heads -- [TRAIN.jsonl] [OUT]`
//! (defaults: `../shared/data/polnear/train.jsonl`, `src/quotes/speaker_heads.txt`).
//!
//! For every gold source (speaker) span written without a capital letter (`the
//! senator`, `state officials`, `a campaign spokesman`), the lower-cased last
//! word before any `of`/`for` is its head (`the spokeswoman for the ministry`
//! → `spokeswoman`); a head of at least three letters that is no cue word
//! (`said`) is kept when it headed at least [`MIN_SOURCES`] sources. With a
//! cue known only from the learned cue table, the attributor accepts a
//! common-noun phrase as a speaker only when its head (or that head without a
//! plural `s`) is in this table (`an extension named …`, `a set of libraries
//! designed …` are not speakers). Output: `word count`, sorted by word;
//! deterministic. Only train is read, never dev or test.

use quotes_tools::articles;
use std::collections::BTreeMap;

const MIN_SOURCES: u32 = 2;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).map_or("../shared/data/polnear/train.jsonl", String::as_str);
    let out = args.get(2).map_or("src/quotes/speaker_heads.txt", String::as_str);
    let mut heads: BTreeMap<String, u32> = BTreeMap::new();
    for art in articles(path) {
        let chars: Vec<char> = art.text.chars().collect();
        for q in &art.quotes {
            for p in &q.speaker_spans {
                let end = p.end.min(chars.len());
                let s: String = chars[p.start.min(end)..end].iter().collect();
                let words: Vec<&str> = s.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).collect();
                if words.is_empty() || words.iter().any(|w| w.starts_with(char::is_uppercase)) {
                    continue;
                }
                let head_end = (1..words.len()).find(|&i| matches!(words[i], "of" | "for")).unwrap_or(words.len());
                let head = words[head_end - 1].to_lowercase();
                if head.chars().count() >= 3 && article_annotator::quotes::cues::classify(&head).is_none() {
                    *heads.entry(head).or_default() += 1;
                }
            }
        }
    }
    let mut text = String::from("# head sources (PolNeAR train; tools/quotes/src/bin/speaker-heads.rs)\n");
    let mut kept = 0;
    for (w, &c) in &heads {
        if c >= MIN_SOURCES {
            text.push_str(&format!("{w} {c}\n"));
            kept += 1;
        }
    }
    std::fs::write(out, &text).unwrap_or_else(|e| panic!("writing {out}: {e}"));
    eprintln!("wrote {out}: {kept} speaker heads");
}
