//! Trains the named-entity model: a structured averaged perceptron over the
//! crate's own features, decoded with the crate's own Viterbi. Deterministic:
//! fixed seed, fixed document order, no dependence on hash-map iteration order.
//!
//! ```text
//! cargo run --release -p train --bin train -- --data ../shared/data --out model/ner.bin
//! ```

use article_annotator::ner::features::hint_features;
use article_annotator::ner::{self, feature_key, ModelParts, Scheme, Tagger};
use article_annotator::Label;
use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use train::*;

struct Config {
    data: PathBuf,
    out: PathBuf,
    epochs: usize,
    scheme: Scheme,
    stages: u8,
    gmb: bool,
    max_features: usize,
    eval_each: bool,
    min_cluster_count: u64,
    max_last_names: usize,
    weight_bits: u8,
    clip_quantile: f64,
    seed: u64,
    bags: usize,
    project_zipf: Option<f64>,
    prior: Option<train::prior::Coverage>,
}

fn parse_args() -> AnyResult<Config> {
    let mut c = Config {
        data: PathBuf::from("../shared/data"),
        out: PathBuf::from("model/ner.bin"),
        epochs: 12,
        scheme: Scheme::Bio,
        stages: 2,
        gmb: false,
        max_features: 120_000,
        eval_each: false,
        min_cluster_count: 30,
        max_last_names: 5_000,
        weight_bits: 8,
        clip_quantile: 1.0,
        seed: 0,
        bags: 1,
        project_zipf: Some(3.0),
        prior: Some(train::prior::Coverage::Names(0.5)),
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    let val = |i: &mut usize| -> AnyResult<String> {
        *i += 1;
        args.get(*i).cloned().ok_or_else(|| format!("{} needs a value", args[*i - 1]).into())
    };
    while i < args.len() {
        match args[i].as_str() {
            "--data" => c.data = val(&mut i)?.into(),
            "--out" => c.out = val(&mut i)?.into(),
            "--epochs" => c.epochs = val(&mut i)?.parse()?,
            "--scheme" => {
                c.scheme = match val(&mut i)?.as_str() {
                    "bio" => Scheme::Bio,
                    "bilou" => Scheme::Bilou,
                    s => return Err(format!("unknown scheme {s}").into()),
                }
            }
            "--stages" => c.stages = val(&mut i)?.parse()?,
            "--gmb" => c.gmb = true,
            "--seed" => c.seed = val(&mut i)?.parse()?,
            "--bags" => {
                c.bags = val(&mut i)?.parse()?;
                if c.bags == 0 {
                    return Err("--bags needs at least 1".into());
                }
            }
            "--project-zipf" => {
                c.project_zipf = match val(&mut i)?.as_str() {
                    "off" => None,
                    z => Some(z.parse()?),
                }
            }
            "--prior" => {
                c.prior = match val(&mut i)?.as_str() {
                    "off" => None,
                    "existing" => Some(train::prior::Coverage::Existing),
                    p => Some(train::prior::Coverage::Names(p.parse()?)),
                }
            }
            "--max-features" => c.max_features = val(&mut i)?.parse()?,
            "--eval-each" => c.eval_each = true,
            "--min-cluster-count" => c.min_cluster_count = val(&mut i)?.parse()?,
            "--max-last-names" => c.max_last_names = val(&mut i)?.parse()?,
            "--weight-bits" => c.weight_bits = val(&mut i)?.parse()?,
            "--clip-quantile" => c.clip_quantile = val(&mut i)?.parse()?,
            a => return Err(format!("unknown argument {a}").into()),
        }
        i += 1;
    }
    Ok(c)
}

/// One window (sentence) of training data: feature rows per token and gold tags.
struct Window {
    start: usize,
    /// Row ids of token j: `rows[offs[j]..offs[j + 1]]`.
    rows: Vec<u32>,
    offs: Vec<u32>,
    gold: Vec<u8>,
}

struct Trainer {
    nt: usize,
    scheme: Scheme,
    index: HashMap<u32, u32>,
    keys: Vec<u32>,
    w: Vec<f32>,
    u: Vec<f32>,
    tw: Vec<f32>,
    tu: Vec<f32>,
    c: f32,
}

impl Trainer {
    fn row(&mut self, key: u32) -> u32 {
        if let Some(&r) = self.index.get(&key) {
            return r;
        }
        let r = self.keys.len() as u32;
        self.index.insert(key, r);
        self.keys.push(key);
        self.w.extend(std::iter::repeat_n(0.0, self.nt));
        self.u.extend(std::iter::repeat_n(0.0, self.nt));
        r
    }

    fn emissions(&self, rows: &[u32], offs: &[u32], extra: Option<&[Vec<u32>]>, emit: &mut Vec<f32>) {
        let nt = self.nt;
        emit.clear();
        for j in 0..offs.len() - 1 {
            let base = emit.len();
            emit.extend(std::iter::repeat_n(0.0, nt));
            let e = &mut emit[base..];
            let add = |r: u32, e: &mut [f32]| {
                let w = &self.w[r as usize * nt..r as usize * nt + nt];
                for (a, b) in e.iter_mut().zip(w) {
                    *a += b;
                }
            };
            for &r in &rows[offs[j] as usize..offs[j + 1] as usize] {
                add(r, e);
            }
            if let Some(x) = extra {
                for &r in &x[j] {
                    add(r, e);
                }
            }
        }
    }

    fn decode(&self, rows: &[u32], offs: &[u32], extra: Option<&[Vec<u32>]>, out: &mut Vec<u8>) {
        let mut emit = Vec::new();
        self.emissions(rows, offs, extra, &mut emit);
        ner::viterbi(self.scheme, self.nt, &emit, &self.tw, out);
    }

    fn bump(&mut self, r: u32, t: usize, d: f32) {
        let i = r as usize * self.nt + t;
        self.w[i] += d;
        self.u[i] += self.c * d;
    }

    fn bump_t(&mut self, i: usize, d: f32) {
        self.tw[i] += d;
        self.tu[i] += self.c * d;
    }

    fn update(&mut self, win: &Window, extra: Option<&[Vec<u32>]>, pred: &[u8]) {
        let nt = self.nt;
        for j in 0..win.gold.len() {
            let (g, p) = (win.gold[j] as usize, pred[j] as usize);
            if g != p {
                let rows: Vec<u32> = win.rows[win.offs[j] as usize..win.offs[j + 1] as usize].to_vec();
                for r in rows.iter().copied().chain(extra.map_or(&[][..], |x| &x[j][..]).iter().copied()) {
                    self.bump(r, g, 1.0);
                    self.bump(r, p, -1.0);
                }
            }
            let gp = if j == 0 { nt } else { win.gold[j - 1] as usize };
            let pp = if j == 0 { nt } else { pred[j - 1] as usize };
            if (gp, g) != (pp, p) {
                self.bump_t(gp * nt + g, 1.0);
                self.bump_t(pp * nt + p, -1.0);
            }
        }
    }

    /// Averaged weights.
    fn averaged(&self) -> (Vec<f32>, Vec<f32>) {
        let c = self.c.max(1.0);
        let w = self.w.iter().zip(&self.u).map(|(w, u)| w - u / c).collect();
        let t = self.tw.iter().zip(&self.tu).map(|(w, u)| w - u / c).collect();
        (w, t)
    }
}

fn export(tr: &Trainer, cfg: &Config, lex: &BuiltLexicon) -> ModelParts {
    let nt = tr.nt;
    let (w, t) = tr.averaged();
    let max_abs = w.iter().chain(t.iter()).fold(0f32, |m, x| m.max(x.abs())).max(1e-6);
    let (scale, qmax) = if cfg.weight_bits == 8 {
        // 8-bit weights: scale so that the `clip_quantile` of the non-zero
        // magnitudes maps to 127; the few larger weights saturate.
        let mut mags: Vec<f32> = w.iter().map(|x| x.abs()).filter(|&x| x > 0.0).collect();
        mags.sort_by(f32::total_cmp);
        let clip = mags.get(((mags.len() as f64 - 1.0) * cfg.clip_quantile) as usize).copied().unwrap_or(1.0).max(1e-6);
        (127.0 / clip, 127.0)
    } else {
        (32_000.0 / max_abs, 32_767.0)
    };
    // Keep the rows with the largest L1 norm that survive quantization.
    let mut rows: Vec<(f32, u32, usize)> = (0..tr.keys.len())
        .filter_map(|r| {
            let ws = &w[r * nt..r * nt + nt];
            let l1: f32 = ws.iter().map(|x| x.abs()).sum();
            ws.iter().any(|x| (x * scale).round() != 0.0).then_some((l1, tr.keys[r], r))
        })
        .collect();
    rows.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    rows.truncate(cfg.max_features);
    rows.sort_by_key(|r| r.1);
    let mut feat_keys = Vec::with_capacity(rows.len());
    let mut weights = Vec::with_capacity(rows.len() * nt);
    for &(_, k, r) in &rows {
        feat_keys.push(k);
        weights.extend(w[r * nt..r * nt + nt].iter().map(|x| (x * scale).round().clamp(-qmax, qmax) as i16));
    }
    ModelParts {
        scheme: cfg.scheme,
        labels: vec![Label::Per, Label::Org, Label::Loc, Label::Misc],
        stages: cfg.stages,
        scale,
        weight_bits: cfg.weight_bits,
        calibration: [1.0, 0.0],
        transitions: t.iter().map(|x| (x * scale).round() as i32).collect(),
        cluster_paths: lex.paths.clone(),
        lex_keys: lex.keys.clone(),
        lex_vals: lex.vals.clone(),
        feat_keys,
        weights,
    }
}

/// Scores a tagger on documents (exact byte spans), as the CLI would produce them.
fn evaluate(tagger: &Tagger, docs: &[Doc], seen: &BTreeSet<String>, drop_misc: bool) -> Counts {
    let mut counts = Counts::default();
    for d in docs {
        let ms = tagger.tag(&d.text, &d.tokens, &d.sentences);
        let pred: Vec<(usize, usize, usize)> = ms
            .iter()
            .map(|m| {
                (
                    m.span.start as usize,
                    m.span.end as usize,
                    LABELS.iter().position(|l| *l == m.label.as_str()).unwrap_or(3),
                )
            })
            .filter(|p| !(drop_misc && p.2 == 3))
            .collect();
        counts.add(&d.gold_bytes, &pred, Some(seen), |a, b| collapse(&d.text[a..b]));
    }
    counts
}

/// Fits `p(right) = 1 / (1 + e^-(a·ln(1 + margin) + b))` to the tagger's
/// mentions on `docs` (logistic regression by Newton's method, deterministic).
/// Returns `(a, b, mentions, right)`.
fn calibrate(tagger: &Tagger, docs: &[Doc]) -> (f32, f32, usize, usize) {
    let mut xs: Vec<(f64, f64)> = Vec::new();
    for d in docs {
        for (m, margin) in tagger.tag_with_margins(&d.text, &d.tokens, &d.sentences) {
            let l = LABELS.iter().position(|l| *l == m.label.as_str()).unwrap_or(3);
            let right = d.gold_bytes.contains(&(m.span.start as usize, m.span.end as usize, l));
            xs.push((f64::from(margin).ln_1p(), if right { 1.0 } else { 0.0 }));
        }
    }
    let (mut a, mut b) = (0.0f64, 0.0f64);
    for _ in 0..50 {
        let (mut ga, mut gb, mut haa, mut hab, mut hbb) = (0.0, 0.0, 1e-9, 0.0, 1e-9);
        for &(x, y) in &xs {
            let p = 1.0 / (1.0 + (-(a * x + b)).exp());
            let w = p * (1.0 - p);
            ga += (y - p) * x;
            gb += y - p;
            haa += w * x * x;
            hab += w * x;
            hbb += w;
        }
        let det = haa * hbb - hab * hab;
        if det.abs() < 1e-12 {
            break;
        }
        a += (hbb * ga - hab * gb) / det;
        b += (haa * gb - hab * ga) / det;
    }
    let right = xs.iter().filter(|x| x.1 > 0.5).count();
    (a as f32, b as f32, xs.len(), right)
}

fn main() -> AnyResult<()> {
    let cfg = parse_args()?;
    let t0 = std::time::Instant::now();
    let lex = build_lexicon(&LexiconSources {
        data: &cfg.data,
        min_cluster_count: cfg.min_cluster_count,
        max_last_names: cfg.max_last_names,
        project_zipf: cfg.project_zipf,
        prior: cfg.prior,
    })?;
    eprintln!("lexicon: {} entries, {} clusters ({:.1}s)", lex.keys.len(), lex.paths.len(), t0.elapsed().as_secs_f32());
    let lexicon = ner::lexicon::Lexicon::new(lex.keys.clone(), lex.vals.clone(), &lex.paths);

    let train_path = cfg.data.join("conll2003/train.jsonl");
    let train_gold = read_jsonl(&train_path)?;
    let seen = train_surfaces(&train_gold);
    let mut docs: Vec<Doc> = train_gold.iter().map(|g| project(g, false)).collect();
    if cfg.gmb {
        // GMB has no document boundaries: group 20 consecutive sentences into a pseudo-document.
        let g = read_jsonl(&cfg.data.join("gmb/train.jsonl"))?;
        for chunk in g.chunks(20) {
            let mut text = String::new();
            let mut spans = Vec::new();
            for s in chunk {
                let off = text.chars().count() + usize::from(!text.is_empty());
                if !text.is_empty() {
                    text.push('\n');
                }
                text.push_str(&s.text);
                for sp in &s.spans {
                    spans.push(GoldSpan { start: sp.start + off, end: sp.end + off, label: sp.label.clone() });
                }
            }
            docs.push(project(&GoldDoc { id: String::new(), text, spans }, true));
        }
    }
    let dev = load_docs(&cfg.data.join("conll2003/dev.jsonl"), false)?;
    eprintln!("{} training documents, {} dev documents ({:.1}s)", docs.len(), dev.len(), t0.elapsed().as_secs_f32());

    let nt = 1 + 4 * cfg.scheme.per_label();
    let mut tr = Trainer {
        nt,
        scheme: cfg.scheme,
        index: HashMap::new(),
        keys: Vec::new(),
        w: Vec::new(),
        u: Vec::new(),
        tw: vec![0.0; (nt + 1) * nt],
        tu: vec![0.0; (nt + 1) * nt],
        c: 1.0,
    };
    // Extract first-pass features once.
    let mut wins: Vec<Window> = Vec::new();
    let mut preps = Vec::with_capacity(docs.len());
    let mut doc_wins: Vec<Vec<usize>> = Vec::with_capacity(docs.len());
    let mut buf = Vec::new();
    for d in docs.iter() {
        let prep = ner::prepare(&lexicon, &d.text, &d.tokens);
        let tags = ner::spans_to_tags(cfg.scheme, d.tokens.len(), &d.gold);
        let mut mine = Vec::new();
        for w in ner::windows(&d.sentences, d.tokens.len()) {
            let mut rows = Vec::new();
            let mut offs = vec![0u32];
            let mut keys = Vec::new();
            ner::window_features(&lexicon, &prep, w.clone(), &[], &mut buf, |_, f| {
                keys.extend(f.iter().map(|&h| feature_key(h)));
                keys.push(u32::MAX); // token separator (never a real key in practice)
            });
            for k in keys {
                if k == u32::MAX {
                    offs.push(rows.len() as u32);
                } else {
                    rows.push(tr.row(k));
                }
            }
            mine.push(wins.len());
            wins.push(Window { start: w.start, rows, offs, gold: tags[w.clone()].to_vec() });
        }
        preps.push(prep);
        doc_wins.push(mine);
    }
    eprintln!("{} windows, {} feature rows ({:.1}s)", wins.len(), tr.keys.len(), t0.elapsed().as_secs_f32());

    let mut order: Vec<usize> = (0..docs.len()).collect();
    let mut rng = 0x2545_F491_4F6C_DD1Du64 ^ cfg.seed.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let mut pred = Vec::new();
    // Bagging: `bags` runs over different shuffles of the training documents;
    // the model is the mean of their averaged weights (less variance than one run).
    let (mut acc_w, mut acc_t): (Vec<f32>, Vec<f32>) = (Vec::new(), Vec::new());
    for bag in 0..cfg.bags {
        if bag > 0 {
            tr.w.iter_mut()
                .chain(tr.u.iter_mut())
                .chain(tr.tw.iter_mut())
                .chain(tr.tu.iter_mut())
                .for_each(|x| *x = 0.0);
            tr.c = 1.0;
        }
        for epoch in 0..cfg.epochs {
            // Fisher–Yates with a fixed xorshift generator.
            for i in (1..order.len()).rev() {
                rng ^= rng << 13;
                rng ^= rng >> 7;
                rng ^= rng << 17;
                order.swap(i, (rng % (i as u64 + 1)) as usize);
            }
            let mut errors = 0usize;
            for &di in &order {
                let d = &docs[di];
                // First pass (no document features).
                let mut doc_tags = vec![0u8; d.tokens.len()];
                for &wi in &doc_wins[di] {
                    let win = &wins[wi];
                    tr.decode(&win.rows, &win.offs, None, &mut pred);
                    if pred != win.gold {
                        errors += 1;
                        tr.update(win, None, &pred);
                    }
                    tr.c += 1.0;
                    doc_tags[win.start..win.start + pred.len()].copy_from_slice(&pred);
                }
                if cfg.stages == 2 {
                    let hints = ner::doc_hints(cfg.scheme, &preps[di], &doc_tags);
                    let mut hb = Vec::new();
                    for &wi in &doc_wins[di] {
                        let win = &wins[wi];
                        let extra: Vec<Vec<u32>> = (0..win.gold.len())
                            .map(|j| {
                                hb.clear();
                                hint_features(preps[di].info(win.start + j), hints[win.start + j], &mut hb);
                                hb.iter().map(|&h| tr.row(feature_key(h))).collect()
                            })
                            .collect();
                        tr.decode(&win.rows, &win.offs, Some(&extra), &mut pred);
                        if pred != win.gold {
                            tr.update(win, Some(&extra), &pred);
                        }
                        tr.c += 1.0;
                    }
                }
            }
            eprint!("epoch {epoch}: {errors} first-pass windows wrong ({:.1}s)", t0.elapsed().as_secs_f32());
            if cfg.eval_each || epoch + 1 == cfg.epochs {
                let tagger = Tagger::from_parts(export(&tr, &cfg, &lex))?;
                let c = evaluate(&tagger, &dev, &seen, false);
                let (_, _, f) = c.micro();
                let per: Vec<String> = (0..4).map(|l| format!("{} {:.2}", LABELS[l], c.label(l).2)).collect();
                eprint!("  dev F1 {f:.2} [{}] unseen {:.2}", per.join(", "), c.unseen().2);
            }
            eprintln!();
        }
        let (w, t) = tr.averaged();
        acc_w.resize(w.len(), 0.0);
        acc_w.iter_mut().zip(&w).for_each(|(a, b)| *a += b);
        acc_t.resize(t.len(), 0.0);
        acc_t.iter_mut().zip(&t).for_each(|(a, b)| *a += b);
    }
    let nb = cfg.bags.max(1) as f32;
    tr.w = acc_w.iter().map(|x| x / nb).collect();
    tr.tw = acc_t.iter().map(|x| x / nb).collect();
    tr.u = vec![0.0; tr.w.len()];
    tr.tu = vec![0.0; tr.tw.len()];
    tr.c = 1.0;
    let mut parts = export(&tr, &cfg, &lex);
    // Mention scores: fitted on dev, the share of mentions with a given
    // margin that are right (exact span and label).
    let (a, b, n, right) = calibrate(&Tagger::from_parts(parts.clone())?, &dev);
    eprintln!("score calibration on dev: a = {a:.4}, b = {b:.4} over ln(1 + margin) ({right} of {n} mentions right)");
    parts.calibration = [a, b];
    let bytes = parts.to_bytes()?;
    // Round-trip through the runtime loader and report the final figures from it.
    let tagger = Tagger::from_bytes(&bytes)?;
    let c = evaluate(&tagger, &dev, &seen, false);
    eprintln!(
        "final model: {} feature rows, {} lexicon entries, {} bytes",
        tagger.n_features(),
        lex.keys.len(),
        bytes.len()
    );
    eprint!("{}", c.report(&[0, 1, 2, 3]));
    // GMB dev as `make eval` scores it (its labels mapped, predicted MISC ignored).
    let gmb_dev = cfg.data.join("gmb/dev.jsonl");
    if gmb_dev.exists() {
        let g = evaluate(&tagger, &load_docs(&gmb_dev, true)?, &BTreeSet::new(), true);
        eprintln!("GMB dev micro F1 {:.2}", g.micro().2);
    }
    let wnut_dev = cfg.data.join("wnut17/dev.jsonl");
    if wnut_dev.exists() {
        let g = evaluate(&tagger, &load_docs(&wnut_dev, true)?, &BTreeSet::new(), true);
        let per: Vec<String> = (0..3).map(|l| format!("{} {:.2}", LABELS[l], g.label(l).2)).collect();
        eprintln!("WNUT-17 dev micro F1 {:.2} [{}]", g.micro().2, per.join(", "));
    }
    if let Some(dir) = cfg.out.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(&cfg.out, &bytes)?;
    use sha2::Digest;
    let sum = sha2::Sha256::digest(&bytes);
    let hex: String = sum.iter().map(|b| format!("{b:02x}")).collect();
    let name = cfg.out.file_name().and_then(|n| n.to_str()).unwrap_or("ner.bin");
    std::fs::write(cfg.out.with_extension("bin.sha256"), format!("{hex}  {name}\n"))?;
    eprintln!("wrote {} (sha256 {hex}) in {:.1}s", cfg.out.display(), t0.elapsed().as_secs_f32());
    Ok(())
}
