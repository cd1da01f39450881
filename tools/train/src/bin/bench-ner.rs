//! Native speed of the full pipeline (`Annotator::annotate`: tokenizer,
//! sentences, named-entity tagging, entity grouping, …) on one core, over the
//! CoNLL-2003 dev text (or any JSONL with a "text" field).
//!
//! ```text
//! cargo run --release -p train --bin bench-ner -- [FILE.jsonl] [--rounds N]
//! ```
//! Prints characters per second for the full pipeline and for the tagger alone,
//! and the model load time.

use article_annotator::{text, Annotator};
use std::time::Instant;
use train::*;

fn main() -> AnyResult<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut path = "../shared/data/conll2003/dev.jsonl".to_owned();
    let mut rounds = 5usize;
    let mut i = 0;
    while i < args.len() {
        if args[i] == "--rounds" {
            i += 1;
            rounds = args.get(i).ok_or("--rounds needs a value")?.parse()?;
        } else {
            path = args[i].clone();
        }
        i += 1;
    }
    let docs = read_jsonl(path.as_ref())?;
    let chars: usize = docs.iter().map(|d| d.text.chars().count()).sum();

    let t = Instant::now();
    let annotator = Annotator::new()?;
    let load = t.elapsed();
    let tagger = article_annotator::ner::Tagger::from_bytes(article_annotator::ner::EMBEDDED_MODEL)?;

    // Warm-up, then the best of `rounds` (least disturbed by other processes).
    let mut mentions = 0;
    for d in &docs {
        mentions += annotator.annotate(&d.text)?.mentions.len();
    }
    // On a shared machine wall-clock time includes waiting for a core; the
    // thread's on-CPU time (Linux schedstat) does not. Both are reported.
    let mut best_full = f64::MAX;
    let mut best_full_cpu = f64::MAX;
    let mut best_tag = f64::MAX;
    for _ in 0..rounds {
        let t = Instant::now();
        let c = cpu_seconds();
        for d in &docs {
            std::hint::black_box(annotator.annotate(&d.text)?);
        }
        best_full = best_full.min(t.elapsed().as_secs_f64());
        if let (Some(a), Some(b)) = (c, cpu_seconds()) {
            best_full_cpu = best_full_cpu.min(b - a);
        }
        let pre: Vec<_> = docs
            .iter()
            .map(|d| {
                let toks = text::tokenize(&d.text);
                let (s, _) = text::segment(&d.text, &toks);
                (toks, s)
            })
            .collect();
        let t = Instant::now();
        for (d, (toks, s)) in docs.iter().zip(&pre) {
            std::hint::black_box(tagger.tag(&d.text, toks, s));
        }
        best_tag = best_tag.min(t.elapsed().as_secs_f64());
    }
    println!("input: {path}: {} documents, {chars} characters, {mentions} mentions", docs.len());
    println!("model load (parse + index): {:.1} ms", load.as_secs_f64() * 1e3);
    println!("full pipeline, one core: {:.0} chars/s (best of {rounds})", chars as f64 / best_full);
    if best_full_cpu < f64::MAX {
        println!("full pipeline, on-CPU time only: {:.0} chars/s", chars as f64 / best_full_cpu);
    }
    println!("tagger alone, one core:  {:.0} chars/s", chars as f64 / best_tag);
    Ok(())
}

/// This thread's time on a CPU so far (Linux only).
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    Some(s.split_whitespace().next()?.parse::<f64>().ok()? / 1e9)
}
