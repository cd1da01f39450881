//! Entity-type prior from word vectors: what kind of name a word usually is,
//! for words the training data never labelled (`Facebook`, `Tesla`,
//! `Deportivo`). Each word with a GloVe vector (`lexical/glove6b50d`, the
//! 200,000 most frequent lower-cased words of Wikipedia 2014 + Gigaword)
//! takes the label distribution of its `K` nearest words (cosine) among the
//! forms that occur capitalised in CoNLL-2003 train, each such form carrying
//! the labels of its capitalised occurrences (PER, ORG, LOC, MISC or none)
//! and voting with weight cos⁴ × min(occurrences, `MAX_VOTE`).
//! A training form is left out of its own neighbours, so its prior is what an
//! unseen word with its vector would get and the tagger learns how far to trust
//! it. The result goes into lexicon bits 26..31 ([`encode`]).

use crate::{read_jsonl, AnyResult};
use article_annotator::ner::features::{lex_key, normalize};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

const DIM: usize = 50;
/// Neighbours that vote.
pub const K: usize = 10;
/// A reference form's vote counts its capitalised occurrences up to this many:
/// a form seen once in train votes with half the weight of one seen twice or
/// more (one occurrence is a noisy label: `Cam`, `Grid` and `KV` were among
/// `Rotor`'s neighbours). Means of seeds 0–2 of the tagger alone, CoNLL dev
/// micro / ORG / unseen, GMB dev: equal votes 93.25 / 88.57 / 84.09 / 63.90;
/// this 93.41 / 89.08 / 84.31 / 64.38 (`model/MODEL_CARD.md` has the
/// variants tried).
const MAX_VOTE: u32 = 2;

/// Which words get a prior.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Coverage {
    /// Only words the lexicon has already (no new keys).
    Existing,
    /// Also new keys for words predicted as names with probability ≥ this.
    Names(f32),
}

/// GloVe vocabulary and unit-length vectors (row-major).
fn load_glove(d: &Path) -> AnyResult<(Vec<String>, Vec<f32>)> {
    let dir = d.join("lexical/glove6b50d");
    let vocab: Vec<String> =
        std::fs::read_to_string(dir.join("vocab_top200k.txt"))?.lines().map(str::to_owned).collect();
    let mut b = Vec::new();
    std::fs::File::open(dir.join("glove6b50d_top200k_f16.npy"))?.read_to_end(&mut b)?;
    if b.len() < 10 || &b[1..6] != b"NUMPY" {
        return Err("glove6b50d_top200k_f16.npy: not a .npy file".into());
    }
    let hl = u16::from_le_bytes([b[8], b[9]]) as usize;
    if b.len() < 10 + hl {
        return Err("glove6b50d_top200k_f16.npy: truncated header".into());
    }
    let header = String::from_utf8_lossy(&b[10..10 + hl]);
    let fortran = header.contains("'fortran_order': True");
    let data = &b[10 + hl..];
    let n = data.len() / (2 * DIM);
    if n != vocab.len() || !header.contains("'<f2'") || !header.contains(&format!("({n}, {DIM})")) {
        return Err(format!("glove: {n} rows of f16 expected to match {} words ({header})", vocab.len()).into());
    }
    let at = |i: usize| f16_to_f32(u16::from_le_bytes([data[2 * i], data[2 * i + 1]]));
    let mut v: Vec<f32> = (0..n * DIM).map(|k| if fortran { at((k % DIM) * n + k / DIM) } else { at(k) }).collect();
    for r in v.chunks_mut(DIM) {
        let norm = r.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-9);
        r.iter_mut().for_each(|x| *x /= norm);
    }
    Ok((vocab, v))
}

fn f16_to_f32(h: u16) -> f32 {
    let sign = if h >> 15 == 1 { -1.0 } else { 1.0 };
    let (e, m) = (((h >> 10) & 0x1f) as i32, (h & 0x3ff) as f32);
    sign * match e {
        0 => m * 2f32.powi(-24),
        31 => f32::INFINITY,
        _ => (1.0 + m / 1024.0) * 2f32.powi(e - 15),
    }
}

/// Label counts (PER, ORG, LOC, MISC, none) of the capitalised tokens of a
/// CoNLL file (space-separated tokens), by lower-cased form.
fn capitalised_labels(path: &Path) -> AnyResult<BTreeMap<String, [u32; 5]>> {
    let mut out: BTreeMap<String, [u32; 5]> = BTreeMap::new();
    for g in read_jsonl(path)? {
        let chars: Vec<char> = g.text.chars().collect();
        let mut lab = vec![4u8; chars.len()];
        for s in &g.spans {
            let l = match s.label.as_str() {
                "PER" => 0,
                "ORG" => 1,
                "LOC" => 2,
                _ => 3,
            };
            let end = s.end.min(chars.len());
            lab[s.start.min(end)..end].fill(l);
        }
        let mut i = 0;
        while i < chars.len() {
            if chars[i].is_whitespace() {
                i += 1;
                continue;
            }
            let st = i;
            while i < chars.len() && !chars[i].is_whitespace() {
                i += 1;
            }
            if chars[st].is_uppercase() {
                let w: String = chars[st..i].iter().collect();
                out.entry(normalize(&w)).or_default()[lab[st] as usize] += 1;
            }
        }
    }
    Ok(out)
}

/// The lexicon bits that hold the prior.
const PRIOR_MASK: u32 = 31 << 26;

/// Lexicon bits 26..31 for a label distribution: the likeliest class
/// (1 PER, 2 ORG, 3 LOC, 4 MISC, 5 none) and its probability in four buckets.
pub fn encode(p: &[f32; 5]) -> u32 {
    let (best, &pb) = p.iter().enumerate().max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(&a.0))).unwrap_or((4, &0.0));
    let conf = match pb {
        x if x < 0.5 => 0,
        x if x < 0.7 => 1,
        x if x < 0.9 => 2,
        _ => 3,
    };
    ((best as u32 + 1) | (conf << 3)) << 26
}

/// Adds the prior to `vals` (lexicon values by key) for the GloVe words
/// `coverage` selects; returns how many words got one and how many keys are new.
pub fn add_prior(d: &Path, coverage: Coverage, vals: &mut BTreeMap<u32, u32>) -> AnyResult<(usize, usize)> {
    let (vocab, v) = load_glove(d)?;
    let index: BTreeMap<&str, usize> = vocab.iter().enumerate().map(|(i, w)| (w.as_str(), i)).collect();
    let train = capitalised_labels(&d.join("conll2003/train.jsonl"))?;
    // Reference forms: (row, label distribution, weight of its vote).
    let refs: Vec<(usize, [f32; 5], f32)> = train
        .iter()
        .filter_map(|(w, c)| {
            let &i = index.get(w.as_str())?;
            let t: u32 = c.iter().sum();
            Some((i, std::array::from_fn(|k| c[k] as f32 / t as f32), t.min(MAX_VOTE) as f32))
        })
        .collect();
    let ref_vecs: Vec<f32> = refs.iter().flat_map(|r| v[r.0 * DIM..(r.0 + 1) * DIM].iter().copied()).collect();
    let predict = |qi: usize, sims: &mut Vec<(f32, usize)>| -> [f32; 5] {
        let q = &v[qi * DIM..(qi + 1) * DIM];
        sims.clear();
        for (j, r) in ref_vecs.chunks_exact(DIM).enumerate() {
            if refs[j].0 != qi {
                sims.push((r.iter().zip(q).map(|(a, b)| a * b).sum(), j));
            }
        }
        let k = K.min(sims.len());
        if k == 0 {
            return [0.0; 5];
        }
        sims.select_nth_unstable_by(k - 1, |a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        // The same order whatever the selection left (the sum's order is fixed).
        sims[..k].sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut p = [0f32; 5];
        let mut total = 0.0;
        for &(c, j) in &sims[..k] {
            let w = c.max(0.0).powi(4) * refs[j].2;
            total += w;
            for (pl, rl) in p.iter_mut().zip(&refs[j].1) {
                *pl += w * rl;
            }
        }
        p.iter_mut().for_each(|x| *x /= total.max(1e-9));
        p
    };
    // All words, in two threads (deterministic: each word's result depends on it alone).
    let n = vocab.len();
    let half = n / 2;
    let run = |range: std::ops::Range<usize>| -> Vec<[f32; 5]> {
        let mut sims = Vec::with_capacity(refs.len());
        range.map(|i| predict(i, &mut sims)).collect()
    };
    let (a, b) = std::thread::scope(|s| {
        let h = s.spawn(|| run(half..n));
        (run(0..half), h.join().expect("prior thread"))
    });
    let (mut added, mut new_keys) = (0, 0);
    for (w, p) in vocab.iter().zip(a.into_iter().chain(b)) {
        if !w.chars().any(char::is_alphabetic) || p.iter().sum::<f32>() == 0.0 {
            continue;
        }
        let key = lex_key(&normalize(w));
        let bits = encode(&p);
        match vals.get_mut(&key) {
            // Words that normalize alike (`1980s`, `1990s` → `0000s`): the most
            // frequent (first in GloVe's order) keeps its prior.
            Some(v) if *v & PRIOR_MASK != 0 => continue,
            Some(v) => *v |= bits,
            None => {
                let Coverage::Names(min) = coverage else { continue };
                let best_name = p[..4].iter().copied().fold(0.0, f32::max);
                if best_name <= p[4] || best_name < min {
                    continue;
                }
                vals.insert(key, bits);
                new_keys += 1;
            }
        }
        added += 1;
    }
    Ok((added, new_keys))
}
