//! Exact-span scorer, conlleval-style.
//!
//! ```text
//! score GOLD.jsonl PRED.jsonl [--train TRAIN.jsonl] [--gmb | --wnut] [--ignore-pred LABEL]...
//! ```
//! GOLD: `{"id", "text", "spans": [{"start", "end", "label"}]}`, code-point offsets.
//! PRED: the CLI's `annotate --jsonl --offsets codepoint` output (`{"id", "mentions": [...]}`).
//! Documents are matched by `id`. `--train` adds the F1 on gold entities whose surface
//! form never occurs as an entity in that training file. `--gmb` maps GMB labels
//! (per → PER, org → ORG, geo/gpe → LOC; others dropped), `--wnut` WNUT-17's (person →
//! PER, corporation/group → ORG, location → LOC; product, creative-work dropped); with
//! either, a person span's leading courtesy title is left out (`Mr. Abbas` → `Abbas`, the
//! CoNLL convention the tagger follows). `--ignore-pred MISC` drops predicted labels the
//! gold scheme does not have.

use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::io::BufRead;
use train::*;

#[derive(Deserialize)]
struct PredMention {
    start: usize,
    end: usize,
    label: String,
}

#[derive(Deserialize)]
struct PredDoc {
    id: String,
    #[serde(default)]
    mentions: Vec<PredMention>,
}

fn main() -> std::process::ExitCode {
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("score: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn run() -> AnyResult<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut files = Vec::new();
    let mut train = None;
    let mut foreign = false;
    let mut ignore: Vec<String> = Vec::new();
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--train" => {
                i += 1;
                train = args.get(i).cloned();
            }
            // One mapping serves both: their label names differ (`map_label`).
            "--gmb" | "--wnut" => foreign = true,
            "--ignore-pred" => {
                i += 1;
                ignore.extend(args.get(i).cloned());
            }
            a => files.push(a.to_owned()),
        }
        i += 1;
    }
    let [gold_path, pred_path] = files.as_slice() else {
        return Err(
            "usage: score GOLD.jsonl PRED.jsonl [--train TRAIN.jsonl] [--gmb | --wnut] [--ignore-pred LABEL]".into()
        );
    };
    let gold = read_jsonl(gold_path.as_ref())?;
    let mut preds: BTreeMap<String, PredDoc> = BTreeMap::new();
    let f = std::fs::File::open(pred_path).map_err(|e| format!("{pred_path}: {e}"))?;
    for line in std::io::BufReader::new(f).lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let d: PredDoc = serde_json::from_str(&line)?;
        preds.insert(d.id.clone(), d);
    }
    let seen: Option<BTreeSet<String>> = match &train {
        Some(t) => Some(train_surfaces(&read_jsonl(t.as_ref())?)),
        None => None,
    };
    let mut counts = Counts::default();
    let mut missing = 0;
    for g in &gold {
        let cp = cp_to_byte(&g.text);
        let gs: Vec<(usize, usize, usize)> = g
            .spans
            .iter()
            .filter_map(|s| {
                let l = map_label(&s.label, foreign)?;
                let start = if foreign { foreign_start(&g.text, &cp, (s.start, s.end), l) } else { s.start };
                Some((start, s.end, l))
            })
            .collect();
        let ps: Vec<(usize, usize, usize)> = match preds.get(&g.id) {
            Some(p) => p
                .mentions
                .iter()
                .filter(|m| !ignore.iter().any(|x| x.eq_ignore_ascii_case(&m.label)))
                .filter_map(|m| Some((m.start, m.end, map_label(&m.label, false)?)))
                .collect(),
            None => {
                missing += 1;
                Vec::new()
            }
        };
        let surface = |a: usize, b: usize| match (cp.get(a), cp.get(b)) {
            (Some(&x), Some(&y)) if x <= y => collapse(&g.text[x..y]),
            _ => String::new(),
        };
        counts.add(&gs, &ps, seen.as_ref(), surface);
    }
    if missing > 0 {
        eprintln!("warning: {missing} gold documents have no prediction (scored as predicting nothing)");
    }
    let labels: Vec<usize> = if foreign { vec![0, 1, 2] } else { vec![0, 1, 2, 3] };
    print!("{}", counts.report(&labels));
    Ok(())
}
