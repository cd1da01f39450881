//! Trains the direct-quote classifier (`src/quotes/learned.rs`) on PolNeAR
//! **train** and writes `model/quotes.bin` (`make quote-model`).
//!
//! `cargo run --release -p quotes-tools --bin train-quotes -- [--data DIR]
//! [--l2 X] [--out FILE] [--select] [--errors N]
//! [--dump FILE]`
//!
//! Every quoted stretch of a training article is one example, labelled
//! direct when its span (trimmed as in `eval-quotes`) is a gold direct-quote
//! run ([`quotes_tools::gold_direct`]). The model is an L2-regularised
//! logistic regression fitted by Newton's method (a fixed number of steps,
//! sums in a fixed order: the same data gives the same bytes). Dev is only
//! scored, never fitted: `--select` prints dev figures for several L2
//! strengths (model selection); the default `--l2` is the one chosen so.
//! `--dump FILE` writes every stretch's label, rule decision, active features
//! and context (TSV) for error analysis. `--errors N` lists up to N misclassified stretches of each kind per split.
//! Figures are per stretch: "gold" is every gold direct run of the split,
//! so runs no stretch matches count as misses.

// Dense linear algebra (Cholesky, Hessian) reads best with index loops.
#![allow(clippy::needless_range_loop)]

use article_annotator::api::{OffsetMap, OffsetUnit};
use article_annotator::quotes::learned::{self, QuoteModel};
use article_annotator::Annotator;
use quotes_tools::*;

/// Default L2 strength (chosen on dev with `--select`).
const DEFAULT_L2: f64 = 10.0;
const NEWTON_STEPS: usize = 30;

struct Split {
    x: Vec<Vec<f32>>,
    y: Vec<bool>,
    rule: Vec<bool>,
    /// The stretch in its context, for `--errors`.
    context: Vec<String>,
    n_gold: usize,
}

fn load(path: &str, annotator: &Annotator) -> Split {
    let mut split = Split { x: Vec::new(), y: Vec::new(), rule: Vec::new(), context: Vec::new(), n_gold: 0 };
    for art in quotes_tools::articles(path) {
        let chars: Vec<char> = art.text.chars().collect();
        let doc = annotator.annotate(&art.text).expect("annotates");
        let map = OffsetMap::new(&doc.text, OffsetUnit::Codepoint);
        let gold = gold_direct(&chars, &art.quotes, false);
        split.n_gold += gold.len();
        let mut used = vec![false; gold.len()];
        for c in learned::candidates(&doc) {
            let span = trim(&chars, (map.convert(c.span.start) as usize, map.convert(c.span.end) as usize));
            let hit = (0..gold.len()).find(|&g| !used[g] && gold[g].0 == span);
            if let Some(g) = hit {
                used[g] = true;
            }
            split.x.push(c.features);
            split.y.push(hit.is_some());
            split.rule.push(c.rule_direct);
            let (s0, e0) = (span.0.saturating_sub(70), (span.1 + 50).min(chars.len()));
            let at = |a: usize, b: usize| chars[a..b].iter().collect::<String>().replace('\n', "⏎");
            split.context.push(format!("{}[[{}]]{}", at(s0, span.0), at(span.0, span.1), at(span.1, e0)));
        }
    }
    split
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// Solves `a x = b` for a symmetric positive definite `a` (Cholesky).
fn solve(mut a: Vec<Vec<f64>>, b: &[f64]) -> Vec<f64> {
    let n = b.len();
    for j in 0..n {
        let mut d = a[j][j];
        for k in 0..j {
            d -= a[j][k] * a[j][k];
        }
        let d = d.max(1e-12).sqrt();
        a[j][j] = d;
        for i in j + 1..n {
            let mut s = a[i][j];
            for k in 0..j {
                s -= a[i][k] * a[j][k];
            }
            a[i][j] = s / d;
        }
    }
    let mut y = vec![0.0; n];
    for i in 0..n {
        let mut s = b[i];
        for k in 0..i {
            s -= a[i][k] * y[k];
        }
        y[i] = s / a[i][i];
    }
    let mut x = vec![0.0; n];
    for i in (0..n).rev() {
        let mut s = y[i];
        for k in i + 1..n {
            s -= a[k][i] * x[k];
        }
        x[i] = s / a[i][i];
    }
    x
}

/// L2-regularised logistic regression (bias, feature 0, not penalised).
fn fit(split: &Split, l2: f64) -> Vec<f64> {
    let n = learned::feature_count();
    let mut w = vec![0.0f64; n];
    for _ in 0..NEWTON_STEPS {
        let mut grad = vec![0.0f64; n];
        let mut hess = vec![vec![0.0f64; n]; n];
        for (x, &y) in split.x.iter().zip(&split.y) {
            let active: Vec<usize> = (0..n).filter(|&i| x[i] != 0.0).collect();
            let z: f64 = active.iter().map(|&i| w[i] * x[i] as f64).sum();
            let p = sigmoid(z);
            let r = p - if y { 1.0 } else { 0.0 };
            let v = (p * (1.0 - p)).max(1e-9);
            for &i in &active {
                grad[i] += r * x[i] as f64;
                for &j in &active {
                    if j <= i {
                        hess[i][j] += v * x[i] as f64 * x[j] as f64;
                    }
                }
            }
        }
        for i in 0..n {
            let reg = if i == 0 { 1e-6 } else { l2 };
            grad[i] += reg * w[i];
            hess[i][i] += reg;
            for j in 0..i {
                hess[j][i] = hess[i][j];
            }
        }
        let step = solve(hess, &grad);
        for i in 0..n {
            w[i] -= step[i];
        }
    }
    w
}

/// Per-stretch direct-quote figures: (tp, fp, fn, P, R, F1).
fn score(split: &Split, predict: impl Fn(usize) -> bool) -> (usize, usize, usize, f64, f64, f64) {
    let (mut tp, mut fp) = (0, 0);
    for i in 0..split.y.len() {
        if predict(i) {
            if split.y[i] {
                tp += 1;
            } else {
                fp += 1;
            }
        }
    }
    let fneg = split.n_gold - tp;
    let p = pct(tp, tp + fp);
    let r = pct(tp, split.n_gold);
    let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    (tp, fp, fneg, p, r, f)
}

fn report(name: &str, split: &Split, predict: impl Fn(usize) -> bool) {
    let (tp, fp, fneg, p, r, f) = score(split, predict);
    println!("{name:<34} P {p:5.1}  R {r:5.1}  F1 {f:5.1}   (tp {tp}, fp {fp}, fn {fneg})");
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut data = "../shared/data/polnear".to_owned();
    let mut out = "model/quotes.bin".to_owned();
    let mut l2 = DEFAULT_L2;
    let mut select = false;
    let mut errors = 0usize;
    let mut dump: Option<String> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--data" => data = it.next().expect("--data DIR").clone(),
            "--out" => out = it.next().expect("--out FILE").clone(),
            "--l2" => l2 = it.next().and_then(|v| v.parse().ok()).expect("--l2 NUMBER"),
            "--select" => select = true,
            "--dump" => dump = Some(it.next().expect("--dump FILE").clone()),
            "--errors" => errors = it.next().and_then(|v| v.parse().ok()).expect("--errors N"),
            other => panic!("unknown argument {other}"),
        }
    }
    let annotator = Annotator::new().expect("embedded models load");
    let train = load(&format!("{data}/train.jsonl"), &annotator);
    let dev = load(&format!("{data}/dev.jsonl"), &annotator);
    println!(
        "train: {} stretches ({} direct), {} gold direct runs; dev: {} stretches, {} gold runs; {} features",
        train.y.len(),
        train.y.iter().filter(|&&y| y).count(),
        train.n_gold,
        dev.y.len(),
        dev.n_gold,
        learned::feature_count()
    );
    if let Some(path) = &dump {
        // One line per stretch: split, label, rule, active base features, context.
        let mut out = String::new();
        for (name, split) in [("train", &train), ("dev", &dev)] {
            for i in 0..split.y.len() {
                let active: Vec<&str> = (0..learned::BASE_FEATURES.len())
                    .filter(|&f| split.x[i][f] != 0.0)
                    .map(|f| learned::BASE_FEATURES[f])
                    .collect();
                out += &format!(
                    "{name}\t{}\t{}\t{}\t{}\n",
                    split.y[i] as u8,
                    split.rule[i] as u8,
                    active.join(" "),
                    split.context[i]
                );
            }
        }
        std::fs::write(path, out).unwrap_or_else(|e| panic!("{path}: {e}"));
    }
    report("rules, train", &train, |i| train.rule[i]);
    report("rules, dev", &dev, |i| dev.rule[i]);
    let predictor = |w: &[f64], x: &[f32]| -> bool { w.iter().zip(x).map(|(w, &x)| w * x as f64).sum::<f64>() > 0.0 };
    if select {
        for l2 in [0.01, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0] {
            let w = fit(&train, l2);
            report(&format!("model l2={l2}, train"), &train, |i| predictor(&w, &train.x[i]));
            report(&format!("model l2={l2}, dev"), &dev, |i| predictor(&w, &dev.x[i]));
        }
        return;
    }
    let w = fit(&train, l2);
    let model = QuoteModel { weights: w.iter().map(|&v| v as f32).collect() };
    // The f32 weights as the crate will use them.
    report(&format!("model l2={l2}, train"), &train, |i| model.score(&train.x[i]) > 0.0);
    report(&format!("model l2={l2}, dev"), &dev, |i| model.score(&dev.x[i]) > 0.0);
    for (name, split) in [("train", &train), ("dev", &dev)] {
        let (mut fp, mut fneg): (Vec<&str>, Vec<&str>) = (Vec::new(), Vec::new());
        for i in 0..split.y.len() {
            match (model.score(&split.x[i]) > 0.0, split.y[i]) {
                (true, false) => fp.push(&split.context[i]),
                (false, true) => fneg.push(&split.context[i]),
                _ => {}
            }
        }
        for (kind, list) in [("spurious", fp), ("missed", fneg)] {
            for c in list.iter().take(errors) {
                println!("{name} {kind}: {c}");
            }
        }
    }
    let bytes = model.to_bytes();
    QuoteModel::from_bytes(&bytes).expect("written model reloads");
    std::fs::write(&out, &bytes).unwrap_or_else(|e| panic!("{out}: {e}"));
    println!("wrote {out} ({} bytes)", bytes.len());
    let mut ranked: Vec<(f64, String)> =
        w.iter().enumerate().map(|(i, &v)| (v, learned::feature_name(i))).filter(|(v, _)| *v != 0.0).collect();
    ranked.sort_by(|a, b| b.0.abs().total_cmp(&a.0.abs()).then(a.1.cmp(&b.1)));
    println!("largest weights:");
    for (v, name) in ranked.iter().take(12) {
        println!("  {v:+7.3} {name}");
    }
}
