//! Named-entity tagging: PER / ORG / LOC / MISC mentions from tokens.
//!
//! A structured averaged perceptron over hashed features ([`features`]),
//! decoded with Viterbi under the tag scheme's constraints (BIO or BILOU). With
//! a two-stage model, a second pass adds document-level features: how the first
//! pass labelled the same word elsewhere in the document.
//!
//! The model ([`model`]) is trained offline by `tools/train` and embedded in
//! the crate; [`Tagger::from_bytes`] loads any compatible model file.

pub mod features;
pub mod lexicon;
pub mod model;
mod table;

use crate::document::{Label, Mention};
use crate::error::Result;
use crate::span::{ByteSpan, TokenSpan};
use crate::text::{Gap, Sentence, Token, TokenKind};
use features::{DocHint, SentenceContext, TokenInfo, NEIGHBOR_OFFSETS};
use lexicon::Lexicon;
pub use model::{ModelParts, Scheme, FORMAT_VERSION};
use rustc_hash::FxHashMap as HashMap;
use table::WeightTable;

/// The model file built into this crate.
pub static EMBEDDED_MODEL: &[u8] = include_bytes!("../../model/ner.bin");

/// Sentences longer than this are tagged in windows of this many tokens, so
/// the per-sentence buffers stay small whatever the input.
const MAX_WINDOW: usize = 512;

/// Largest token margin (in weights ÷ the model's `scale`) that [`Tagger::tag_with_margins`] reports.
const MAX_MARGIN: f32 = 1000.0;

/// A loaded named-entity model.
#[derive(Clone, Debug)]
pub struct Tagger {
    scheme: Scheme,
    labels: Vec<Label>,
    stages: u8,
    scale: f32,
    /// See [`ModelParts::calibration`].
    calibration: [f32; 2],
    n_tags: usize,
    /// Transition weights in the stored integer units of the emission weights
    /// (not divided by `scale`), the moves the scheme forbids at −∞
    /// ([`masked_transitions`]). Whole numbers, so `f32` path sums are exact
    /// while they stay under 2^24 — always for an 8-bit model (a token has
    /// about 60 features, 60 × 127 × 512 tokens ≈ 3.9 M, plus the
    /// transitions); a 16-bit model could exceed it and round, as the
    /// division did before.
    masked: Vec<f32>,
    lexicon: Lexicon,
    features: WeightTable,
    n_features: usize,
    /// Scores of the neighbour features when the neighbour is outside the window.
    edge: Vec<i32>,
    /// Per-form work of frequent word forms, kept across documents ([`FormMemo`]).
    memo: std::sync::Arc<FormMemo>,
}

/// Most word forms [`FormMemo`] keeps.
const MEMO_MAX_FORMS: usize = 8192;
/// Least frequency bucket (lexicon bits 14..16: a count of ≥ 1,000 in the
/// 43M words of the cluster corpus) of the forms [`FormMemo`] keeps.
const MEMO_MIN_FREQ: u32 = 2;

/// The per-form work of [`Tagger::tag_tokens`] (a form's [`TokenInfo`] and
/// the scores of its own and neighbour features) for frequent words, kept
/// across documents: it is a pure function of the form and its token kind,
/// and in news text two thirds of a document's distinct forms are such words
/// (`the`, `said`, `Tuesday`), met again in every document. Only forms whose
/// lower-cased form is frequent in English are kept, never numbers, first
/// come first kept up to [`MEMO_MAX_FORMS`] (about 320 bytes each, 2.6 MB
/// when full), so memory stays bounded whatever the input; results never
/// depend on what it holds.
#[derive(Debug, Default)]
struct FormMemo {
    forms: std::sync::RwLock<HashMap<Box<str>, FormEntry>>,
}

#[derive(Debug)]
struct FormEntry {
    kind: TokenKind,
    info: TokenInfo,
    rows: Box<[i32]>,
}

/// Per-document token data shared by both passes: one [`TokenInfo`] per
/// distinct word form, and each token's form id.
#[derive(Clone, Debug, Default)]
pub struct Prepared {
    pub words: Vec<TokenInfo>,
    pub ids: Vec<u32>,
    pub gaps: Vec<Gap>,
}

impl Prepared {
    #[inline]
    pub fn info(&self, token: usize) -> &TokenInfo {
        &self.words[self.ids[token] as usize]
    }
}

/// Computes the per-token information for a whole document.
pub fn prepare(lex: &Lexicon, text: &str, tokens: &[Token]) -> Prepared {
    let mut cache: HashMap<&str, u32> = HashMap::default();
    let mut words: Vec<TokenInfo> = Vec::new();
    let mut ids = Vec::with_capacity(tokens.len());
    for t in tokens {
        let w = t.text(text);
        // Words repeat within a document; compute each distinct form once.
        let id = *cache.entry(w).or_insert_with(|| {
            words.push(features::token_info(lex, w, t.kind));
            (words.len() - 1) as u32
        });
        ids.push(id);
    }
    Prepared { words, ids, gaps: tokens.iter().map(|t| t.gap).collect() }
}

/// Token windows to tag: each sentence, split into [`MAX_WINDOW`]-token pieces.
pub fn windows(sentences: &[Sentence], n_tokens: usize) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::with_capacity(sentences.len());
    let mut covered = 0;
    let push = |r: std::ops::Range<usize>, out: &mut Vec<std::ops::Range<usize>>| {
        let mut s = r.start;
        while s < r.end {
            let e = (s + MAX_WINDOW).min(r.end);
            out.push(s..e);
            s = e;
        }
    };
    for s in sentences {
        let r = s.tokens.range();
        let r = r.start.max(covered).min(n_tokens)..r.end.min(n_tokens);
        if r.start > covered {
            push(covered..r.start, &mut out);
        }
        if !r.is_empty() {
            covered = r.end;
            push(r, &mut out);
        }
    }
    if covered < n_tokens {
        push(covered..n_tokens, &mut out);
    }
    out
}

/// Calls `f(i, features)` for every token `i` (document index) of a window.
pub fn window_features(
    lex: &Lexicon,
    prep: &Prepared,
    window: std::ops::Range<usize>,
    hints: &[DocHint],
    buf: &mut Vec<u64>,
    mut f: impl FnMut(usize, &[u64]),
) {
    let infos: Vec<&TokenInfo> = window.clone().map(|i| prep.info(i)).collect();
    let ctx: SentenceContext = features::sentence_context(&infos);
    let gaz = features::gazetteer_phrases(lex, &infos);
    let gaps = &prep.gaps[window.clone()];
    let h: &[DocHint] = if hints.is_empty() { &[] } else { &hints[window.clone()] };
    for i in 0..infos.len() {
        features::token_features(&infos, &gaz, gaps, ctx, h, i, buf);
        f(window.start + i, buf);
    }
}

/// Whether tag `cur` may follow tag `prev` (`None`: sentence start).
pub fn allowed(scheme: Scheme, prev: Option<usize>, cur: usize) -> bool {
    let k = scheme.per_label();
    let part = |t: usize| if t == 0 { None } else { Some(((t - 1) / k, (t - 1) % k)) };
    let p = prev.and_then(part);
    let c = part(cur);
    match scheme {
        // BIO: I-X only after B-X or I-X.
        Scheme::Bio => match c {
            Some((l, 1)) => matches!(p, Some((pl, _)) if pl == l),
            _ => true,
        },
        // BILOU: after B/I of X comes I/L of X; I/L only after B/I of X.
        Scheme::Bilou => {
            let open = matches!(p, Some((_, 0 | 1)));
            match c {
                Some((l, 1 | 2)) => matches!(p, Some((pl, 0 | 1)) if pl == l),
                _ => !open,
            }
        }
    }
}

/// Whether a sentence may end after tag `last`.
pub fn may_end(scheme: Scheme, last: usize) -> bool {
    match scheme {
        Scheme::Bio => true,
        Scheme::Bilou => last == 0 || matches!((last - 1) % 4, 2 | 3),
    }
}

/// Viterbi decoding. `emit` is `n × n_tags`, `trans` is `(n_tags + 1) × n_tags`
/// (last row from the start). Writes the best allowed tag sequence to `out`.
pub fn viterbi(scheme: Scheme, n_tags: usize, emit: &[f32], trans: &[f32], out: &mut Vec<u8>) {
    viterbi_masked(n_tags, emit, &masked_transitions(scheme, n_tags, trans), scheme, &mut Vec::new(), out);
}

/// Transition scores with the moves `scheme` disallows at −∞ (last row: from the start).
pub fn masked_transitions(scheme: Scheme, n_tags: usize, trans: &[f32]) -> Vec<f32> {
    let mut tr = vec![f32::NEG_INFINITY; (n_tags + 1) * n_tags];
    for p in 0..=n_tags {
        for c in 0..n_tags {
            if allowed(scheme, (p < n_tags).then_some(p), c) {
                tr[p * n_tags + c] = trans[p * n_tags + c];
            }
        }
    }
    tr
}

/// [`viterbi`] with transitions already masked; `back` is scratch space.
fn viterbi_masked(n_tags: usize, emit: &[f32], tr: &[f32], scheme: Scheme, back: &mut Vec<u8>, out: &mut Vec<u8>) {
    let n = emit.len() / n_tags;
    out.clear();
    if n == 0 {
        return;
    }
    const NEG: f32 = f32::NEG_INFINITY;
    // At most 1 + 8 labels × 4 (BILOU) = 33 tags (checked when a model loads).
    let mut score = [NEG; 64];
    let mut next = [NEG; 64];
    let (score, next) = (&mut score[..n_tags], &mut next[..n_tags]);
    back.clear();
    back.resize(n * n_tags, 0);
    for t in 0..n_tags {
        score[t] = emit[t] + tr[n_tags * n_tags + t];
    }
    if n_tags == 9 && scheme == Scheme::Bio {
        viterbi_fixed::<9, true>(n, emit, tr, back, score, next);
    } else if n_tags == 9 {
        // Nine tags in another scheme (two labels in BILOU; correct for any
        // scheme, as the masking is in `tr`): fixed-size arrays let the
        // compiler unroll the loops and drop the bounds checks.
        viterbi_fixed::<9, false>(n, emit, tr, back, score, next);
    } else {
        viterbi_steps(n, n_tags, emit, tr, back, score, next);
    }
    let mut best = NEG;
    let mut arg = 0usize;
    for (t, &s) in score.iter().enumerate() {
        if s > best && may_end(scheme, t) {
            best = s;
            arg = t;
        }
    }
    out.resize(n, 0);
    out[n - 1] = arg as u8;
    for i in (1..n).rev() {
        arg = back[i * n_tags + arg] as usize;
        out[i - 1] = arg as u8;
    }
}

/// The forward steps of [`viterbi_masked`] for `N` tags. Every predecessor is
/// tried in increasing order; a forbidden one scores −∞ and never wins, so the
/// result equals [`viterbi_steps`]'s. With `BIO` (the usual model: BIO over
/// four labels, tags O, B-1, I-1, …, B-4, I-4), I-X tries only B-X and I-X,
/// the two tags that may precede it: 53 sums per token instead of 81, in the
/// same order and with the same strict comparison, hence the same path.
fn viterbi_fixed<const N: usize, const BIO: bool>(
    n: usize,
    emit: &[f32],
    tr: &[f32],
    back: &mut [u8],
    score: &mut [f32],
    next: &mut [f32],
) {
    const NEG: f32 = f32::NEG_INFINITY;
    let mut t = [[NEG; N]; N];
    for (p, row) in t.iter_mut().enumerate() {
        row.copy_from_slice(&tr[p * N..p * N + N]);
    }
    let mut sc = [NEG; N];
    sc.copy_from_slice(&score[..N]);
    for (e, b) in emit.chunks_exact(N).zip(back.chunks_exact_mut(N)).skip(1).take(n - 1) {
        let mut nx = [NEG; N];
        for c in 0..N {
            (nx[c], b[c]) = if BIO && c > 0 && c % 2 == 0 {
                step_to(&sc, &t, c, [c - 1, c], e[c])
            } else {
                step_to(&sc, &t, c, 0..N, e[c])
            };
        }
        sc = nx;
    }
    score[..N].copy_from_slice(&sc);
    next[..N].copy_from_slice(&sc);
}

/// One Viterbi step into tag `c`: the best of `preds` (tried in order, a
/// strictly better score wins, so the first of equals stays; 0 if all are
/// −∞) and the score of reaching `c` through it with emission `e`.
#[inline(always)]
fn step_to<const N: usize>(
    sc: &[f32; N],
    t: &[[f32; N]; N],
    c: usize,
    preds: impl IntoIterator<Item = usize>,
    e: f32,
) -> (f32, u8) {
    let mut best = f32::NEG_INFINITY;
    let mut arg = 0u8;
    for p in preds {
        let s = sc[p] + t[p][c];
        if s > best {
            best = s;
            arg = p as u8;
        }
    }
    (if best == f32::NEG_INFINITY { best } else { best + e }, arg)
}

/// The forward steps of [`viterbi_masked`] for any number of tags: scores of
/// the last token in `score`, back pointers in `back`.
fn viterbi_steps(
    n: usize,
    n_tags: usize,
    emit: &[f32],
    tr: &[f32],
    back: &mut [u8],
    score: &mut [f32],
    next: &mut [f32],
) {
    const NEG: f32 = f32::NEG_INFINITY;
    // Per tag, the tags that may precede it (BIO: `I-X` only after `B-X`, `I-X`).
    let mut preds: Vec<u8> = Vec::with_capacity(n_tags * n_tags);
    let mut pred_at = [0usize; 65];
    for c in 0..n_tags {
        preds.extend((0..n_tags).filter(|&p| tr[p * n_tags + c] != NEG).map(|p| p as u8));
        pred_at[c + 1] = preds.len();
    }
    for i in 1..n {
        for c in 0..n_tags {
            let mut best = NEG;
            let mut arg = 0u8;
            for &p in &preds[pred_at[c]..pred_at[c + 1]] {
                let s = score[p as usize] + tr[p as usize * n_tags + c];
                if s > best {
                    best = s;
                    arg = p;
                }
            }
            next[c] = if best == NEG { NEG } else { best + emit[i * n_tags + c] };
            back[i * n_tags + c] = arg;
        }
        score.copy_from_slice(next);
    }
}

/// Entity spans `(start, end, label index)` in token indices from a tag sequence.
/// Tolerant of invalid sequences (an `I` without `B` starts an entity).
pub fn tags_to_spans(scheme: Scheme, tags: &[u8]) -> Vec<(usize, usize, usize)> {
    let k = scheme.per_label();
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, &t) in tags.iter().enumerate() {
        let t = t as usize;
        if t == 0 {
            if let Some((s, l)) = open.take() {
                out.push((s, i, l));
            }
            continue;
        }
        let (l, pos) = ((t - 1) / k, (t - 1) % k);
        let begins = match scheme {
            Scheme::Bio => pos == 0,
            Scheme::Bilou => pos == 0 || pos == 3,
        };
        if begins || open.is_none_or(|(_, ol)| ol != l) {
            if let Some((s, ol)) = open.take() {
                out.push((s, i, ol));
            }
            open = Some((i, l));
        }
        if scheme == Scheme::Bilou && (pos == 2 || pos == 3) {
            if let Some((s, ol)) = open.take() {
                out.push((s, i + 1, ol));
            }
        }
    }
    if let Some((s, l)) = open {
        out.push((s, tags.len(), l));
    }
    out
}

/// Tags for `n` tokens from entity spans (token indices, label index).
pub fn spans_to_tags(scheme: Scheme, n: usize, spans: &[(usize, usize, usize)]) -> Vec<u8> {
    let k = scheme.per_label();
    let mut tags = vec![0u8; n];
    for &(s, e, l) in spans {
        if s >= e || e > n {
            continue;
        }
        let base = 1 + l * k;
        for (i, tag) in tags.iter_mut().enumerate().take(e).skip(s) {
            *tag = match scheme {
                Scheme::Bio => (base + usize::from(i > s)) as u8,
                Scheme::Bilou if e - s == 1 => (base + 3) as u8,
                Scheme::Bilou if i == s => base as u8,
                Scheme::Bilou if i + 1 == e => (base + 2) as u8,
                Scheme::Bilou => (base + 1) as u8,
            };
        }
    }
    tags
}

/// Document-level hints from first-pass tags: the majority label of each
/// capitalised word's other occurrences, and whether it also occurs in lower case.
pub fn doc_hints(scheme: Scheme, prep: &Prepared, tags: &[u8]) -> Vec<DocHint> {
    let k = scheme.per_label();
    // Distinct forms share a normalized form ("The", "the"): index those once.
    let mut norms: HashMap<&str, u32> = HashMap::default();
    let norm_of: Vec<u32> = prep
        .words
        .iter()
        .map(|w| {
            let n = norms.len() as u32;
            *norms.entry(&*w.norm).or_insert(n)
        })
        .collect();
    let mut counts = vec![[0u32; 9]; prep.words.len()];
    let mut lower = vec![false; norms.len()];
    for (i, &id) in prep.ids.iter().enumerate() {
        let info = &prep.words[id as usize];
        if info.case >= 2 {
            let l = if tags[i] == 0 { 0 } else { 1 + (tags[i] as usize - 1) / k };
            counts[id as usize][l.min(8)] += 1;
        } else if info.case == 1 {
            lower[norm_of[id as usize] as usize] = true;
        }
    }
    prep.ids
        .iter()
        .enumerate()
        .map(|(i, &id)| {
            let info = &prep.words[id as usize];
            if info.case < 2 {
                return DocHint::default();
            }
            let mut c = counts[id as usize];
            let own = if tags[i] == 0 { 0 } else { 1 + (tags[i] as usize - 1) / k };
            c[own.min(8)] = c[own.min(8)].saturating_sub(1);
            let mut label = 0u8;
            let mut best = 0u32;
            for (l, &n) in c.iter().enumerate().skip(1) {
                if n > best {
                    best = n;
                    label = l as u8;
                }
            }
            DocHint { label, seen_lower: lower[norm_of[id as usize] as usize] }
        })
        .collect()
}

impl Tagger {
    /// Loads a model file (see [`model`] for the format).
    ///
    /// Errors: [`crate::Error::Model`] naming the problem for a truncated,
    /// corrupted or wrong-version file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        Self::from_parts(ModelParts::from_bytes(bytes)?)
    }

    /// Builds a tagger from decoded parts (the trainer evaluates models this way).
    ///
    /// Errors: [`crate::Error::Model`] when the parts do not fit together
    /// ([`ModelParts::check`]), as a file with them would be refused.
    pub fn from_parts(p: ModelParts) -> Result<Self> {
        p.check()?;
        let n_tags = p.n_tags();
        let scale = p.scale;
        let mut t = Self {
            scheme: p.scheme,
            stages: p.stages,
            scale,
            calibration: p.calibration,
            n_tags,
            masked: masked_transitions(p.scheme, n_tags, &p.transitions.iter().map(|&t| t as f32).collect::<Vec<_>>()),
            lexicon: Lexicon::new(p.lex_keys, p.lex_vals, &p.cluster_paths),
            features: WeightTable::new(&p.feat_keys, &p.weights, n_tags),
            n_features: p.feat_keys.len(),
            labels: p.labels,
            edge: Vec::new(),
            memo: Default::default(),
        };
        let mut edge = vec![0i32; NEIGHBOR_OFFSETS.len() * n_tags];
        let mut buf = Vec::new();
        for (k, e) in edge.chunks_exact_mut(n_tags).enumerate() {
            buf.clear();
            features::neighbor_features(None, k, &mut buf);
            t.score_into(&buf, e);
        }
        t.edge = edge;
        Ok(t)
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    pub fn labels(&self) -> &[Label] {
        &self.labels
    }

    pub fn scheme(&self) -> Scheme {
        self.scheme
    }

    /// Number of stored feature rows.
    pub fn n_features(&self) -> usize {
        self.n_features
    }

    /// Tags a tokenized document; mentions are sorted, non-overlapping and
    /// token-aligned. A mention's `score` is the model's calibrated
    /// confidence that it is right (span and label), from its margin
    /// ([`Tagger::tag_with_margins`]).
    pub fn tag(&self, text: &str, tokens: &[Token], sentences: &[Sentence]) -> Vec<Mention> {
        let [a, b] = self.calibration;
        let mut out = Vec::new();
        for (mut m, margin) in self.tag_with_margins(text, tokens, sentences) {
            m.score = 1.0 / (1.0 + (-(a * margin.ln_1p() + b)).exp());
            out.push(m);
        }
        out
    }

    /// [`Tagger::tag`] with each mention's margin instead of a score: how
    /// much the best path would lose if one token took another tag, its
    /// neighbours' tags kept ([`Tagger::flip_margin`]), for the weakest token
    /// of the mention and of the tokens right before and after it that are
    /// outside any mention (a low margin there: the name may start earlier
    /// or go on). In weights ÷ the model's `scale`, ≥ 0.
    pub fn tag_with_margins(&self, text: &str, tokens: &[Token], sentences: &[Sentence]) -> Vec<(Mention, f32)> {
        let (tags, margins) = self.tag_tokens(text, tokens, sentences);
        let mut out = Vec::new();
        for (s, e, l) in tags_to_spans(self.scheme, &tags) {
            let Some(&label) = self.labels.get(l) else { continue };
            let before = (s > 0 && tags[s - 1] == 0).then(|| margins[s - 1]);
            let after = (e < tags.len() && tags[e] == 0).then(|| margins[e]);
            let m = margins[s..e].iter().copied().chain(before).chain(after).fold(MAX_MARGIN, f32::min);
            let mention = Mention {
                span: ByteSpan::new(tokens[s].span.start as usize, tokens[e - 1].span.end as usize),
                tokens: TokenSpan::new(s, e),
                label,
                entity: 0,
                score: 0.0,
            };
            out.push((mention, m));
        }
        out
    }

    /// Tags per token, and the margin (`Tagger::flip_margin`) of the tokens
    /// that a mention's score reads (see `decode`; 0 for the others).
    pub fn tag_tokens(&self, text: &str, tokens: &[Token], sentences: &[Sentence]) -> (Vec<u8>, Vec<f32>) {
        let nt = self.n_tags;
        // Features that depend on one word only (its own, and its identity as a
        // neighbour at each offset) are scored once per distinct word form.
        // Integer sums, so the order of addition cannot change a score.
        let stride = (1 + NEIGHBOR_OFFSETS.len()) * nt;
        // About one distinct form per two tokens in news (more in short texts).
        let forms_guess = (tokens.len() / 2 + 16).min(1 << 14);
        let mut cache: Vec<i32> = Vec::with_capacity(forms_guess * stride);
        let mut buf = Vec::with_capacity(64);
        let mut own = Vec::with_capacity(32);
        let mut forms: HashMap<&str, u32> = HashMap::with_capacity_and_hasher(forms_guess, Default::default());
        let mut prep = Prepared { gaps: tokens.iter().map(|t| t.gap).collect(), ..Prepared::default() };
        prep.ids.reserve(tokens.len());
        prep.words.reserve(forms_guess);
        for t in tokens {
            let w = t.text(text);
            let id = *forms.entry(w).or_insert_with(|| {
                let at = cache.len();
                cache.resize(at + stride, 0);
                let c = &mut cache[at..];
                let memo = self.memo.forms.read().unwrap_or_else(|e| e.into_inner());
                if let Some(e) = memo.get(w).filter(|e| e.kind == t.kind) {
                    c.copy_from_slice(&e.rows);
                    prep.words.push(e.info.clone());
                    return (prep.words.len() - 1) as u32;
                }
                let room = memo.len() < MEMO_MAX_FORMS;
                drop(memo);
                let mut info = features::token_info_in(&self.lexicon, w, t.kind, std::mem::take(&mut own));
                self.score_into(&info.own, &mut c[..nt]);
                for k in 0..NEIGHBOR_OFFSETS.len() {
                    buf.clear();
                    features::neighbor_features(Some(&info), k, &mut buf);
                    self.score_into(&buf, &mut c[(k + 1) * nt..(k + 2) * nt]);
                }
                own = std::mem::take(&mut info.own);
                // Not numbers (`1996`, `1990s`): all normalize to a frequent
                // form, and a page of figures would fill the memo for good.
                if room && (info.lex >> 14) & 3 >= MEMO_MIN_FREQ && !w.bytes().any(|b| b.is_ascii_digit()) {
                    let entry = FormEntry { kind: t.kind, info: info.clone(), rows: c.into() };
                    let mut memo = self.memo.forms.write().unwrap_or_else(|e| e.into_inner());
                    if memo.len() < MEMO_MAX_FORMS {
                        memo.insert(w.into(), entry);
                    }
                }
                prep.words.push(info);
                (prep.words.len() - 1) as u32
            });
            prep.ids.push(id);
        }
        let wins = windows(sentences, tokens.len());
        let mut tags = vec![0u8; tokens.len()];
        let mut margins = vec![0f32; tokens.len()];
        // First pass: every feature but the document hints. Its integer scores
        // are kept, so the second pass only adds the hint features' weights.
        let mut base = vec![0i32; tokens.len() * nt];
        self.first_pass(&prep, &cache, &wins, &mut base);
        // The first pass's margins are only wanted without a second pass.
        self.decode(&wins, &base, &mut tags, (self.stages != 2).then_some(&mut margins[..]));
        if self.stages == 2 {
            let hints = doc_hints(self.scheme, &prep, &tags);
            // A token's hint features depend on its word form and its hint
            // alone, and the tokens of one form mostly share a hint (all
            // lower-case words share the empty one): keep the last row scored
            // for each form.
            let mut last: Vec<Option<(DocHint, usize)>> = vec![None; prep.words.len()];
            let mut rows: Vec<i32> = Vec::new();
            for ((h, &id), acc) in hints.iter().zip(&prep.ids).zip(base.chunks_exact_mut(nt)) {
                let at = match last[id as usize] {
                    Some((seen, at)) if seen == *h => at,
                    _ => {
                        let at = rows.len();
                        rows.resize(at + nt, 0);
                        buf.clear();
                        features::hint_features(&prep.words[id as usize], *h, &mut buf);
                        self.score_into(&buf, &mut rows[at..]);
                        last[id as usize] = Some((*h, at));
                        at
                    }
                };
                for (a, &x) in acc.iter_mut().zip(&rows[at..at + nt]) {
                    *a += x;
                }
            }
            self.decode(&wins, &base, &mut tags, Some(&mut margins));
        }
        (tags, margins)
    }

    /// Adds the weights of `feats` to `acc`.
    #[inline]
    fn score_into(&self, feats: &[u64], acc: &mut [i32]) {
        self.features.add_rows(feats.iter().map(|&f| feature_key(f)), acc);
    }

    /// Integer scores of every tag for every token from all features but the
    /// document hints, written to `scores` (`tokens × n_tags`).
    fn first_pass(&self, prep: &Prepared, cache: &[i32], wins: &[std::ops::Range<usize>], scores: &mut [i32]) {
        let nt = self.n_tags;
        let stride = (1 + NEIGHBOR_OFFSETS.len()) * nt;
        let mut buf = Vec::with_capacity(64);
        let mut infos: Vec<&TokenInfo> = Vec::new();
        for w in wins {
            infos.clear();
            infos.extend(w.clone().map(|i| prep.info(i)));
            let ctx = features::sentence_context(&infos);
            let gaz = features::gazetteer_phrases(&self.lexicon, &infos);
            let gaps = &prep.gaps[w.clone()];
            let n = infos.len();
            for i in 0..n {
                let acc = &mut scores[(w.start + i) * nt..(w.start + i + 1) * nt];
                let id = prep.ids[w.start + i] as usize;
                acc.copy_from_slice(&cache[id * stride..id * stride + nt]);
                for (k, d) in NEIGHBOR_OFFSETS.iter().enumerate() {
                    let j = i as isize + d;
                    let v = if j >= 0 && (j as usize) < n {
                        let jd = prep.ids[w.start + j as usize] as usize;
                        &cache[jd * stride + (k + 1) * nt..jd * stride + (k + 2) * nt]
                    } else {
                        &self.edge[k * nt..(k + 1) * nt]
                    };
                    for (a, &x) in acc.iter_mut().zip(v) {
                        *a += x;
                    }
                }
                buf.clear();
                features::pair_features(&infos, &gaz, gaps, ctx, i, &mut buf);
                self.score_into(&buf, acc);
            }
        }
    }

    /// How much the decoded path loses if this token alone took its best
    /// other tag, its neighbours' tags kept (emission plus the transitions in
    /// and out; forbidden moves score −∞). `e` and the transitions are in the
    /// stored integer units; the result is divided by the model's `scale`.
    /// Never negative, as the path is the best one; capped at [`MAX_MARGIN`]
    /// when no other tag is allowed.
    fn flip_margin(&self, e: &[f32], prev: Option<u8>, t: u8, next: Option<u8>) -> f32 {
        let nt = self.n_tags;
        let tr = &self.masked;
        let from = prev.map_or(nt, |p| p as usize);
        let s = |x: usize| e[x] + tr[from * nt + x] + next.map_or(0.0, |n| tr[x * nt + n as usize]);
        let own = s(t as usize);
        // At a window's end, only tags that may end one (BILOU: not B or I).
        let other = (0..nt)
            .filter(|&x| x != t as usize && (next.is_some() || may_end(self.scheme, x)))
            .map(s)
            // Not `f32::max`, which wasm compiles to a call (its NaN rule
            // differs from `f32.max`'s); these scores are never NaN.
            .fold(f32::NEG_INFINITY, |m, x| if x > m { x } else { m });
        ((own - other) / self.scale).clamp(0.0, MAX_MARGIN)
    }

    /// Viterbi over each window from integer `scores`; writes tags and margins.
    /// Margins (when asked for) are computed for the tokens of mentions, the
    /// tokens right before and after each and a window's first and last
    /// tokens, which covers all that [`Tagger::tag_with_margins`] reads; the
    /// others are 0.
    fn decode(
        &self,
        wins: &[std::ops::Range<usize>],
        scores: &[i32],
        tags: &mut [u8],
        mut margins: Option<&mut [f32]>,
    ) {
        let nt = self.n_tags;
        let mut emit: Vec<f32> = Vec::new();
        let mut out = Vec::new();
        let mut back = Vec::new();
        for w in wins {
            emit.clear();
            // Integer weight units, like `masked`: no division per score.
            emit.extend(scores[w.start * nt..w.end * nt].iter().map(|&a| a as f32));
            viterbi_masked(nt, &emit, &self.masked, self.scheme, &mut back, &mut out);
            tags[w.clone()].copy_from_slice(&out);
            let Some(margins) = margins.as_deref_mut() else { continue };
            for (j, &t) in out.iter().enumerate() {
                let prev = j.checked_sub(1).map(|p| out[p]);
                let next = out.get(j + 1).copied();
                if t == 0 && prev == Some(0) && next == Some(0) {
                    margins[w.start + j] = 0.0;
                    continue;
                }
                margins[w.start + j] = self.flip_margin(&emit[j * nt..j * nt + nt], prev, t, next);
            }
        }
    }
}

/// The 32-bit key under which a feature hash is stored.
#[inline]
pub fn feature_key(h: u64) -> u32 {
    (h >> 32) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag_text(tagger: &Tagger, text: &str) -> Vec<(usize, usize, Label, u32)> {
        let tokens = crate::text::tokenize(text);
        let (sentences, _) = crate::text::segment(text, &tokens);
        tagger
            .tag(text, &tokens, &sentences)
            .iter()
            .map(|m| (m.span.start as usize, m.span.end as usize, m.label, m.score.to_bits()))
            .collect()
    }

    /// The form memo changes no result: a tagger that has seen other
    /// documents tags (and scores) exactly like a fresh one; and it stays
    /// within its bound.
    #[test]
    fn form_memo_changes_nothing_and_stays_bounded() {
        let docs = [
            "The European Commission said on Thursday it disagreed with German advice to consumers.",
            "Peter Blackburn said the Commission would meet in Brussels on Thursday - said he.",
            "SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT . The said \"said\" -- said : 1996-08-22 .",
        ];
        let used = Tagger::from_bytes(EMBEDDED_MODEL).unwrap();
        for (k, d) in docs.iter().enumerate() {
            let before = tag_text(&used, d);
            let fresh = Tagger::from_bytes(EMBEDDED_MODEL).unwrap();
            assert_eq!(before, tag_text(&fresh, d), "doc {k}, memo filled by earlier docs");
            assert_eq!(before, tag_text(&used, d), "doc {k}, again");
        }
        let n = used.memo.forms.read().unwrap().len();
        assert!(n > 10, "frequent words are kept: {n}");
        // Numbers (9,000 of them normalize to one frequent form, `0000`) are not kept.
        let numbers: String = (1000..10000).map(|n| format!("{n} 19{}s ", n % 100)).collect();
        tag_text(&used, &numbers);
        assert_eq!(used.memo.forms.read().unwrap().len(), n);
        // Nor more than the bound of frequent forms: case variants of frequent words.
        let variants: String = (0..MEMO_MAX_FORMS + 100)
            .map(|k| {
                let w: String = "administration"
                    .chars()
                    .enumerate()
                    .map(|(i, c)| if k >> i & 1 == 1 { c.to_ascii_uppercase() } else { c })
                    .collect();
                format!("{w} ")
            })
            .collect();
        tag_text(&used, &variants);
        assert_eq!(used.memo.forms.read().unwrap().len(), MEMO_MAX_FORMS);
        let fresh = Tagger::from_bytes(EMBEDDED_MODEL).unwrap();
        assert_eq!(tag_text(&used, docs[1]), tag_text(&fresh, docs[1]));
    }

    /// A memo entry of another token kind is not used for a form.
    #[test]
    fn form_memo_entries_are_kept_per_token_kind() {
        let text = "The minister said the plan would work.";
        let want = tag_text(&Tagger::from_bytes(EMBEDDED_MODEL).unwrap(), text);
        let tagger = Tagger::from_bytes(EMBEDDED_MODEL).unwrap();
        let lex = tagger.lexicon().clone();
        let bogus = || FormEntry {
            kind: TokenKind::Number,
            info: features::token_info(&lex, "42", TokenKind::Number),
            rows: vec![1000; (1 + NEIGHBOR_OFFSETS.len()) * tagger.n_tags].into(),
        };
        {
            let mut memo = tagger.memo.forms.write().unwrap();
            for w in ["The", "minister", "said", "the", "plan"] {
                memo.insert(w.into(), bogus());
            }
        }
        assert_eq!(tag_text(&tagger, text), want);
    }

    /// One tagger shared by threads (the memo behind its lock) tags as a
    /// fresh one does.
    #[test]
    fn a_shared_tagger_tags_alike_across_threads() {
        fn send_sync<T: Send + Sync>() {}
        send_sync::<Tagger>();
        let texts: Vec<String> = (0..4)
            .map(|k| {
                format!(
                    "Reuters reported on day {k} that Angela Merkel met officials of the European Union in Brussels."
                )
            })
            .collect();
        let fresh: Vec<_> = texts.iter().map(|t| tag_text(&Tagger::from_bytes(EMBEDDED_MODEL).unwrap(), t)).collect();
        let shared = Tagger::from_bytes(EMBEDDED_MODEL).unwrap();
        std::thread::scope(|s| {
            for _ in 0..2 {
                s.spawn(|| {
                    for (t, want) in texts.iter().zip(&fresh) {
                        assert_eq!(&tag_text(&shared, t), want);
                    }
                });
            }
        });
    }

    /// The unrolled 9-tag Viterbi (BIO and BILOU masks), its BIO
    /// specialisation and the general one pick the same path, ties included
    /// (small integer scores make many).
    #[test]
    fn fixed_size_viterbi_equals_the_general_one() {
        let nt = 9;
        let mut rng = 0x1234_5678_9ABC_DEF0u64;
        let mut rand = move || {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            rng
        };
        for round in 0..300 {
            let n = 1 + (rand() % 40) as usize;
            let spread = if round % 2 == 0 { 3 } else { 1000 };
            let emit: Vec<f32> = (0..n * nt).map(|_| (rand() % spread) as f32 - (spread / 2) as f32).collect();
            let trans: Vec<f32> = (0..(nt + 1) * nt).map(|_| (rand() % spread) as f32 - (spread / 2) as f32).collect();
            // BIO (the usual model: `viterbi_fixed::<9, true>`) and BILOU over
            // two labels (nine tags too) against the general steps.
            let scheme = if round % 4 < 2 { Scheme::Bio } else { Scheme::Bilou };
            let tr = masked_transitions(scheme, nt, &trans);
            let run = |fixed: bool, bio9: bool| {
                let mut score = [f32::NEG_INFINITY; 9];
                let mut next = [f32::NEG_INFINITY; 9];
                for t in 0..nt {
                    score[t] = emit[t] + tr[nt * nt + t];
                }
                let mut back = vec![0u8; n * nt];
                if bio9 {
                    viterbi_fixed::<9, true>(n, &emit, &tr, &mut back, &mut score, &mut next);
                } else if fixed {
                    viterbi_fixed::<9, false>(n, &emit, &tr, &mut back, &mut score, &mut next);
                } else {
                    viterbi_steps(n, nt, &emit, &tr, &mut back, &mut score, &mut next);
                }
                (score, back)
            };
            let (a, b, c) = (run(true, false), run(false, false), run(false, true));
            assert_eq!(a.0, b.0, "round {round}");
            assert_eq!(a.1, b.1, "round {round}");
            if scheme == Scheme::Bio {
                assert_eq!(c.0, b.0, "round {round}");
                assert_eq!(c.1, b.1, "round {round}");
            }
        }
    }
}
