//! A learned direct-quote decision, kept as an **experiment**: a logistic
//! regression over general features of each quoted stretch, trained on
//! PolNeAR **train** by `make quote-model`
//! (`tools/quotes/src/bin/train-quotes.rs`) into `model/quotes.bin` (card:
//! `model/QUOTES_MODEL.md`). The pipeline does **not** use it: on PolNeAR
//! dev it scores below the rules (direct quotes exact F1 95.7 against 96.1),
//! so [`super::find`] keeps the rules; [`super::find_with`] takes a model,
//! and `eval-quotes --model FILE` scores one end to end.
//!
//! It decides whether a stretch is a **direct** quote (the whole of what
//! someone is reported to have said) or not (then the partial-quote rules
//! apply: a partial quote with a speaker frame, else nothing). The rule
//! decision ([`super::Ctx::is_direct`]) is one of its features; every
//! feature is also repeated conjoined with it, so the model can learn where
//! the rules go wrong. Features are shapes and closed-class words only
//! (length, case, punctuation inside the marks, what comes right before and
//! after, frames with a cue, position in sentence and paragraph): no names,
//! no open-class vocabulary. Frames look at bounded windows, word counts come
//! from prefix sums and scans stay inside the stretch, so the features of all
//! (non-overlapping) stretches cost linear time.
//!
//! File format (`model/quotes.bin`, little-endian): magic `AAQUOTE\0`,
//! format version `u32`, feature count `u32`, FNV-1a 64 hash of the feature
//! names (one per line) `u64`, the weights as `f32`, then the FNV-1a 64
//! checksum of all preceding bytes `u64`. [`QuoteModel::from_bytes`] rejects
//! a file that is truncated, corrupted, of another version or made for
//! another feature set, naming the problem.

use super::{is_function_word, is_naming_verb, marks::Stretch, Ctx, MAX_FRAME};
use crate::document::Document;
use crate::span::ByteSpan;
use crate::text::TokenKind;

const MAGIC: &[u8; 8] = b"AAQUOTE\0";
/// Format version of the weight file.
pub const FORMAT_VERSION: u32 = 1;

/// Names of the base features, in weight order. Each one is followed in the
/// weight vector by the same feature conjoined with `rule_direct`.
pub const BASE_FEATURES: &[&str] = &[
    "bias",
    "rule_direct",
    "continued",
    "unclosed",
    "words=1",
    "words=2",
    "words=3-4",
    "words=5-9",
    "words=10-19",
    "words>=20",
    "starts_upper",
    "starts_lower",
    "starts_other",
    "ends_punct",
    "terminal_inside",
    "nested_quote_inside",
    "title_case",
    "opens_paragraph",
    "opens_sentence",
    "continues_split",
    "prev=:",
    "prev=,",
    "prev=cue",
    "prev=that",
    "prev=naming_verb",
    "prev=dash",
    "prev=(",
    "prev=function_word",
    "prev=capitalised",
    "prev=lowercase_other",
    "prev=,_after_cue",
    "next=,_cue",
    "next=terminal",
    "next=paragraph_end",
    "sentence_goes_on",
    "next=lowercase",
    "post_frame_cue",
    "direct_frame",
    "partial_frame",
    "pre_frame_speech",
    "cue_before_in_window",
    "whole_paragraph",
    "heading",
    "transcript",
    "first_paragraph",
    "single_marks",
    "doubled_apostrophes",
    "quote_before_in_paragraph",
    "quote_after_in_paragraph",
    "before_in_sentence=0",
    "before_in_sentence=1-3",
    "before_in_sentence=4-9",
    "before_in_sentence>=10",
    "after_in_sentence=0",
    "after_in_sentence=1-3",
    "after_in_sentence>=4",
];

/// Length of the feature vector (base features and their conjunctions with `rule_direct`).
pub fn feature_count() -> usize {
    2 * BASE_FEATURES.len()
}

/// Name of feature `i` of the full vector.
pub fn feature_name(i: usize) -> String {
    let n = BASE_FEATURES.len();
    if i < n {
        BASE_FEATURES[i].to_owned()
    } else {
        format!("rule_direct&{}", BASE_FEATURES[i - n])
    }
}

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Hash of the feature names, stored in the weight file.
pub fn feature_hash() -> u64 {
    let names: Vec<String> = (0..feature_count()).map(feature_name).collect();
    fnv1a(names.join("\n").as_bytes())
}

/// Weights of the direct-quote classifier.
#[derive(Clone, Debug, PartialEq)]
pub struct QuoteModel {
    pub weights: Vec<f32>,
}

impl QuoteModel {
    /// Parses a weight file. Errors name the problem: truncated, bad magic,
    /// other format version, other feature set, checksum mismatch.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, String> {
        let n = feature_count();
        let header = 8 + 4 + 4 + 8;
        if bytes.len() < header + 8 {
            return Err(format!("quote model: truncated ({} bytes, header needs {})", bytes.len(), header + 8));
        }
        if &bytes[..8] != MAGIC {
            return Err("quote model: not a quote model file (bad magic)".into());
        }
        let u32_at = |o: usize| u32::from_le_bytes(bytes[o..o + 4].try_into().expect("4 bytes"));
        let u64_at = |o: usize| u64::from_le_bytes(bytes[o..o + 8].try_into().expect("8 bytes"));
        let version = u32_at(8);
        if version != FORMAT_VERSION {
            return Err(format!("quote model: format version {version}, this build reads {FORMAT_VERSION}"));
        }
        let count = u32_at(12) as usize;
        if count != n {
            return Err(format!("quote model: {count} features, this build computes {n}"));
        }
        let expected = header + 4 * n + 8;
        if bytes.len() != expected {
            return Err(format!(
                "quote model: {} bytes, expected {expected} (truncated or trailing data)",
                bytes.len()
            ));
        }
        if u64_at(expected - 8) != fnv1a(&bytes[..expected - 8]) {
            return Err("quote model: checksum mismatch (corrupted file)".into());
        }
        if u64_at(16) != feature_hash() {
            return Err("quote model: made for another feature set (feature names differ)".into());
        }
        let weights: Vec<f32> = (0..n)
            .map(|i| f32::from_le_bytes(bytes[header + 4 * i..header + 4 * i + 4].try_into().expect("4 bytes")))
            .collect();
        if weights.iter().any(|w| !w.is_finite()) {
            return Err("quote model: a weight is not a finite number".into());
        }
        Ok(Self { weights })
    }

    /// The weight file's bytes (deterministic for given weights).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(32 + 4 * self.weights.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&(self.weights.len() as u32).to_le_bytes());
        out.extend_from_slice(&feature_hash().to_le_bytes());
        for w in &self.weights {
            out.extend_from_slice(&w.to_le_bytes());
        }
        let sum = fnv1a(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    /// The score (log-odds of direct) of a feature vector.
    pub fn score(&self, features: &[f32]) -> f32 {
        self.weights.iter().zip(features).map(|(w, x)| w * x).sum()
    }
}

/// One quoted stretch with its features, for training and inspection.
#[derive(Clone, Debug)]
pub struct Candidate {
    /// The span the quote has when direct (a transcript line without its label).
    pub span: ByteSpan,
    /// The rule decision.
    pub rule_direct: bool,
    /// The full feature vector ([`feature_count`] values).
    pub features: Vec<f32>,
}

/// Every quoted stretch of `doc` (tokenized, segmented; mentions used when
/// present) with its features, in text order.
pub fn candidates(doc: &Document) -> Vec<Candidate> {
    let (ctx, stretches) = Ctx::with_stretches(doc);
    let words_in = stretch_word_prefix(&ctx);
    stretches
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let rule = s.continued || ctx.is_direct(s);
            let first = match ctx.transcript_label(s) {
                Some((_, label_end)) => label_end + 1,
                None => s.open,
            };
            Candidate {
                span: ByteSpan::new(doc.tokens[first].span.start as usize, doc.tokens[s.end - 1].span.end as usize),
                rule_direct: rule,
                features: features(&ctx, &stretches, k, rule, &words_in),
            }
        })
        .collect()
}

/// `prefix[i]`: word tokens inside quoted stretches before token `i`.
pub(super) fn stretch_word_prefix(ctx: &Ctx) -> Vec<u32> {
    let mut prefix = Vec::with_capacity(ctx.tokens.len() + 1);
    prefix.push(0u32);
    let mut n = 0;
    for (i, t) in ctx.tokens.iter().enumerate() {
        n += (ctx.in_stretch[i] && t.kind == TokenKind::Word) as u32;
        prefix.push(n);
    }
    prefix
}

/// The feature vector of stretch `k` (see [`BASE_FEATURES`]).
pub(super) fn features(ctx: &Ctx, stretches: &[Stretch], k: usize, rule: bool, words_in: &[u32]) -> Vec<f32> {
    let s = &stretches[k];
    let nb = BASE_FEATURES.len();
    let mut f = vec![0f32; 2 * nb];
    // Features are set in BASE_FEATURES order (checked in debug builds), so
    // setting one is constant time.
    let mut next = 0usize;
    let mut set = |name: &str, on: bool| {
        debug_assert_eq!(BASE_FEATURES[next], name, "features set out of order");
        if on {
            f[next] = 1.0;
            if rule {
                f[nb + next] = 1.0;
            }
        }
        next += 1;
    };
    let toks = ctx.tokens;
    let (a, b) = s.content;
    let para = &ctx.doc.paragraphs[ctx.para_of[s.open]];
    let (para_start, para_end) = (para.tokens.start as usize, para.tokens.end as usize);
    let (sent_start, sent_end) = ctx.sentence(s.open);
    let words = (ctx.words_before[b] - ctx.words_before[a]) as usize;
    set("bias", true);
    set("rule_direct", rule);
    set("continued", s.continued);
    set("unclosed", s.close.is_none());
    set("words=1", words == 1);
    set("words=2", words == 2);
    set("words=3-4", (3..5).contains(&words));
    set("words=5-9", (5..10).contains(&words));
    set("words=10-19", (10..20).contains(&words));
    set("words>=20", words >= 20);
    let first_word = a < b && toks[a].kind == TokenKind::Word;
    set("starts_upper", ctx.starts_upper(a) && a < b);
    set("starts_lower", ctx.starts_lower(a) && a < b);
    set("starts_other", !first_word);
    set("ends_punct", ctx.ends_with_punct(s));
    // A sentence end before the last token (more than one sentence inside).
    let inner_end = b.saturating_sub(2).max(a);
    set("terminal_inside", (a..inner_end).any(|i| toks[i].kind == TokenKind::Terminal));
    set("nested_quote_inside", (a..b).any(|i| toks[i].kind == TokenKind::Quote));
    set(
        "title_case",
        words > 0
            && words <= 12
            && (a..b).filter(|&i| toks[i].kind == TokenKind::Word).all(|i| {
                ctx.starts_upper(i)
                    || ctx.lower[i].starts_with(['\'', '’'])
                    || matches!(&ctx.lower[i], "of" | "the" | "a" | "an" | "in" | "on" | "to" | "and" | "n't")
            }),
    );
    set("opens_paragraph", s.open == para_start);
    set("opens_sentence", s.open == sent_start);
    set("continues_split", ctx.continues_split_quote(s));
    // What comes right before the opening mark (nothing at a paragraph start).
    let p = s.open.wrapping_sub(1);
    let has_prev = s.open > para_start;
    let pt = if has_prev { ctx.t(p) } else { "" };
    let is_word = has_prev && toks[p].kind == TokenKind::Word;
    let cue = has_prev && ctx.cue(p).is_some();
    let naming = is_word && is_naming_verb(&ctx.lower[p]);
    let that = is_word && &ctx.lower[p] == "that";
    let function = is_word && is_function_word(&ctx.lower[p]) && !that;
    set("prev=:", pt == ":");
    set("prev=,", pt == ",");
    set("prev=cue", cue);
    set("prev=that", that);
    set("prev=naming_verb", naming);
    set("prev=dash", has_prev && (toks[p].kind == TokenKind::Dash || ctx.spaced_hyphen(p)));
    set("prev=(", pt == "(");
    set("prev=function_word", function);
    set("prev=capitalised", has_prev && ctx.starts_upper(p));
    set("prev=lowercase_other", has_prev && ctx.starts_lower(p) && !cue && !naming && !that && !function);
    set("prev=,_after_cue", pt == "," && p > para_start && ctx.cue(p - 1).is_some());
    // What comes right after the closing mark (nothing for an unclosed stretch).
    let closed = s.close.is_some();
    let n = s.end;
    let in_para = closed && n < para_end;
    set(
        "next=,_cue",
        in_para
            && ctx.t(n) == ","
            && ((n + 1 < para_end && ctx.cue(n + 1).is_some()) || (n + 2 < para_end && ctx.cue(n + 2).is_some())),
    );
    set("next=terminal", in_para && toks[n].kind == TokenKind::Terminal);
    set("next=paragraph_end", closed && !in_para);
    set("sentence_goes_on", ctx.sentence_goes_on(s));
    set("next=lowercase", in_para && ctx.starts_lower(n));
    set("post_frame_cue", closed && ctx.post_frame(s.end - 1, true).is_some_and(|a| a.cue.is_some()));
    set("direct_frame", ctx.direct_frame(s).is_some());
    set("partial_frame", ctx.partial_frame(s).is_some());
    set("pre_frame_speech", ctx.pre_frame(s.open, &[super::CueClass::Speech, super::CueClass::Tell]).is_some());
    let lo = sent_start.max(s.open.saturating_sub(MAX_FRAME));
    set("cue_before_in_window", (lo..s.open).any(|i| ctx.cue(i).is_some() || ctx.according(i)));
    set("whole_paragraph", s.open == para_start && s.end + 1 >= para_end);
    set("heading", ctx.is_heading(s));
    set("transcript", ctx.transcript_label(s).is_some());
    set("first_paragraph", ctx.para_of[s.open] == 0);
    let mark = ctx.t(s.open);
    set("single_marks", matches!(mark, "‘" | "'" | "’") && !(s.open + 1 < a && ctx.t(s.open + 1) == "'"));
    set("doubled_apostrophes", mark == "'" && s.open + 1 < a && ctx.t(s.open + 1) == "'");
    set("quote_before_in_paragraph", k > 0 && stretches[k - 1].open >= para_start);
    set("quote_after_in_paragraph", k + 1 < stretches.len() && stretches[k + 1].open < para_end);
    // Words of the sentence outside any quoted stretch, before and after this one.
    let outside = |x: usize, y: usize| {
        if y <= x {
            0
        } else {
            (ctx.words_before[y] - ctx.words_before[x]) - (words_in[y] - words_in[x])
        }
    };
    let before = outside(sent_start, s.open);
    let after = outside(s.end.min(sent_end), sent_end);
    set("before_in_sentence=0", before == 0);
    set("before_in_sentence=1-3", (1..4).contains(&before));
    set("before_in_sentence=4-9", (4..10).contains(&before));
    set("before_in_sentence>=10", before >= 10);
    set("after_in_sentence=0", after == 0);
    set("after_in_sentence=1-3", (1..4).contains(&after));
    set("after_in_sentence>=4", after >= 4);
    debug_assert_eq!(next, nb, "every feature set");
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feature_names_are_unique() {
        let mut names: Vec<&str> = BASE_FEATURES.to_vec();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), BASE_FEATURES.len());
    }
}
