//! Feature extraction for the named-entity tagger.
//!
//! The trainer (`tools/train`) and the runtime call the same functions here, so
//! a model is always scored with exactly the features it was trained on.
//!
//! A feature is a 64-bit hash of a template id and the strings it combines
//! (the word, its shape, a cluster path prefix, …). Nothing here depends on
//! `HashMap` iteration order: hashes are computed from bytes with a fixed
//! function, identical on 32- and 64-bit targets.

use super::lexicon::{Lexicon, GAZ_BITS};
use crate::text::{Gap, TokenKind};

/// Mixes one 64-bit value into a hash (murmur3's finalizer after a xor).
#[inline]
pub fn mix(h: u64, x: u64) -> u64 {
    let mut z = h ^ x.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 33)).wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    z = (z ^ (z >> 33)).wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    z ^ (z >> 33)
}

/// Hashes bytes under a seed. Stable across platforms and releases of this format.
#[inline]
pub fn hash_bytes(seed: u64, bytes: &[u8]) -> u64 {
    let mut h = seed ^ (bytes.len() as u64).wrapping_mul(0x2545_F491_4F6C_DD1D);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h.rotate_left(23) ^ v).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut buf = [0u8; 8];
        buf[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(23) ^ u64::from_le_bytes(buf)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    mix(h, 0x51_7CC1_B727_220A)
}

#[inline]
pub fn hash_str(seed: u64, s: &str) -> u64 {
    hash_bytes(seed, s.as_bytes())
}

/// The 32-bit key under which a string is stored in the lexicon.
#[inline]
pub fn lex_key(s: &str) -> u32 {
    (hash_str(0x1E71_C0DE, s) >> 32) as u32
}

/// Lower case with ASCII digits mapped to `0` (so `1996` and `1997` share
/// features), after [`ascii_punct`] (so `Obama’s` and `Obama's` share them).
pub fn normalize(word: &str) -> String {
    let word = ascii_punct(word);
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if c.is_ascii_digit() {
            out.push('0');
        } else if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Characters [`ascii_punct`] respells.
const TYPOGRAPHIC: &[char] = &[
    '\u{2018}', '\u{2019}', '\u{201A}', '\u{201B}', '\u{201C}', '\u{201D}', '\u{201E}', '\u{201F}', '\u{2032}',
    '\u{2033}', '\u{00AB}', '\u{00BB}', '\u{2039}', '\u{203A}', '\u{2013}', '\u{2014}', '\u{2015}', '\u{2026}',
    '\u{00AD}',
];

/// The word with typographic punctuation spelt the way the training text
/// (CoNLL-2003, plain ASCII) spells it, soft hyphens dropped: curly and other single quotes and
/// primes as `'`, curly double quotes, double primes and guillemets as `"`,
/// the ellipsis as `...`, and dashes as `-` inside a word (`1996–97`) or
/// `--` standing alone (` — `, CoNLL's dash). Modern news writes `Trump’s`,
/// `n’t` and `“`; without this the tagger would meet those as unknown words
/// (`Verizon’s Yahoo` came out as one person). Borrows when nothing changes.
pub fn ascii_punct(word: &str) -> std::borrow::Cow<'_, str> {
    if word.is_ascii() || !word.contains(TYPOGRAPHIC) {
        return std::borrow::Cow::Borrowed(word);
    }
    let dashes_only = word.chars().all(|c| matches!(c, '\u{2013}' | '\u{2014}' | '\u{2015}' | '-'));
    if dashes_only {
        return std::borrow::Cow::Borrowed("--");
    }
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{2039}' | '\u{203A}' => out.push('\''),
            '\u{201C}'..='\u{201F}' | '\u{2033}' | '\u{00AB}' | '\u{00BB}' => out.push('"'),
            '\u{2013}' | '\u{2014}' | '\u{2015}' => out.push('-'),
            '\u{2026}' => out.push_str("..."),
            // A soft hyphen only marks where a line may break (`Vladi­mir`).
            '\u{00AD}' => {}
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Word shape: `X` upper, `x` lower, `d` digit, other characters kept; runs of
/// the same class collapse to at most two (`McDonald` → `XxXxx`, `U.S.` → `X.X.`).
pub fn shape(word: &str) -> String {
    let mut buf = [0u8; SHAPE_MAX];
    let n = shape_into(word, &mut buf);
    String::from_utf8_lossy(&buf[..n]).into_owned()
}

/// Longest shape in bytes: the shape stops once it is longer than 16 bytes.
const SHAPE_MAX: usize = 16 + 4;

/// Writes [`shape`] into `buf` (no allocation); returns its length in bytes.
fn shape_into(word: &str, buf: &mut [u8; SHAPE_MAX]) -> usize {
    let mut len = 0;
    let mut last = '\0';
    let mut run = 0;
    for c in word.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else if c.is_alphabetic() {
            'a'
        } else {
            c
        };
        if k == last {
            run += 1;
            if run >= 2 {
                continue;
            }
        } else {
            run = 0;
            last = k;
        }
        len += k.encode_utf8(&mut buf[len..]).len();
        if len > 16 {
            break;
        }
    }
    len
}

/// Coarse class of a token's case: 0 other, 1 lower, 2 initial capital, 3 all capitals, 4 mixed/camel.
pub fn case_class(word: &str) -> u8 {
    let mut chars = word.chars().filter(|c| c.is_alphabetic());
    let Some(first) = chars.next() else { return 0 };
    let (mut upper, mut lower) = (0usize, 0usize);
    for c in chars {
        if c.is_uppercase() {
            upper += 1;
        } else if c.is_lowercase() {
            lower += 1;
        }
    }
    if first.is_uppercase() {
        if lower == 0 {
            3
        } else if upper == 0 {
            2
        } else {
            4
        }
    } else if upper == 0 {
        1
    } else {
        4
    }
}

// Template ids: every feature hash starts from one of these seeds.
const T_BIAS: u64 = 1;
const T_WORD: u64 = 2;
const T_LOW: u64 = 3;
const T_SHAPE: u64 = 4;
const T_PRE: u64 = 5;
const T_SUF: u64 = 6;
const T_CL: u64 = 7;
const T_CAPB: u64 = 8;
const T_GAZ: u64 = 9;
const T_FREQ: u64 = 10;
const T_LOW_AT: u64 = 11;
const T_SHAPE_AT: u64 = 12;
const T_CL_AT: u64 = 13;
const T_BIGRAM_L: u64 = 14;
const T_BIGRAM_R: u64 = 15;
const T_SHAPE3: u64 = 16;
const T_FIRST: u64 = 17;
const T_CAPS_SENT: u64 = 18;
const T_GAZ_PHRASE: u64 = 19;
const T_LINE: u64 = 20;
const T_KIND: u64 = 21;
const T_DOC: u64 = 22;
const T_DOC_CASE: u64 = 23;
const T_PRIOR: u64 = 24;

/// Everything about one token that features need, computed once per token.
#[derive(Clone, Debug)]
pub struct TokenInfo {
    /// Hash of the normalized (lower-cased, digits → 0) form.
    pub low: u64,
    /// Hash of the shape.
    pub shape: u64,
    pub case: u8,
    /// Cluster id + 1 (0: not in the cluster table).
    pub cluster: u16,
    /// Lexicon value of the lower-cased form (gazetteer bits, capitalisation and frequency buckets).
    pub lex: u32,
    /// Features that depend on this token alone (word, affixes, cluster paths, ...).
    pub own: Vec<u64>,
    /// Normalized form ([`normalize`]); shared, so that a form kept across
    /// documents (the tagger's form memo) is copied without an allocation.
    pub norm: std::sync::Arc<str>,
    /// Upper-case and lower-case letters in the word ([`sentence_context`]).
    pub letters: (usize, usize),
}

/// Number of distinct cluster-prefix lengths used as features.
pub const CLUSTER_PREFIXES: [usize; 4] = [4, 6, 10, 20];

/// Computes [`TokenInfo`] for one token's text.
pub fn token_info(lex: &Lexicon, word: &str, kind: TokenKind) -> TokenInfo {
    token_info_in(lex, word, kind, Vec::with_capacity(24))
}

/// [`token_info`] writing the word's own features into `own` (cleared first),
/// so a caller can reuse one buffer across words.
pub fn token_info_in(lex: &Lexicon, word: &str, kind: TokenKind, mut own: Vec<u64>) -> TokenInfo {
    own.clear();
    let canon = ascii_punct(word);
    let word = canon.as_ref();
    let norm = normalize(word);
    let mut shp = [0u8; SHAPE_MAX];
    let shp_len = shape_into(word, &mut shp);
    let shp = &shp[..shp_len];
    let case = case_class(word);
    let low = hash_str(T_LOW, &norm);
    let shape_h = hash_bytes(T_SHAPE, shp);
    let lexv = lex.get(&norm);
    let cluster = lookup_cluster(lex, word, &norm, lexv, case);
    own.push(T_BIAS);
    own.push(hash_str(T_WORD, word));
    own.push(low);
    own.push(shape_h);
    own.push(mix(T_KIND, kind as u64));
    // Prefixes and suffixes of the normalized form, 1..=4 characters (of at
    // most length − 1), from the byte offsets of the first and last characters.
    let mut heads = [0usize; 5];
    let mut n = 0;
    for (b, _) in norm.char_indices() {
        if n < 5 {
            heads[n] = b;
        }
        n += 1;
    }
    if n > 1 {
        let mut tails = [0usize; 5];
        for (k, (b, _)) in norm.char_indices().rev().take(4).enumerate() {
            tails[k + 1] = b;
        }
        for k in 1..=4.min(n - 1) {
            own.push(hash_str(mix(T_PRE, k as u64), &norm[..heads[k]]));
            own.push(hash_str(mix(T_SUF, k as u64), &norm[tails[k]..]));
        }
    }
    if cluster != 0 {
        for (i, h) in lex.cluster_prefix_hashes(cluster - 1).iter().enumerate() {
            own.push(mix(mix(T_CL, i as u64), *h));
        }
    } else {
        own.push(mix(T_CL, 99));
    }
    let capb = (lexv >> 11) & 7;
    let freqb = (lexv >> 14) & 3;
    own.push(mix(mix(T_CAPB, capb as u64), case as u64));
    own.push(mix(T_FREQ, freqb as u64));
    let gaz = (lexv >> 16) & ((1 << GAZ_BITS) - 1);
    for b in 0..GAZ_BITS {
        if gaz & (1 << b) != 0 {
            own.push(mix(mix(T_GAZ, b as u64), (case >= 2) as u64));
        }
    }
    // Entity-type prior from word vectors: likeliest class and its confidence.
    let prior = (lexv >> 26) & 31;
    if prior != 0 {
        own.push(mix(mix(T_PRIOR, (prior & 7) as u64), case as u64));
        own.push(mix(mix(T_PRIOR, 8 + prior as u64), case as u64));
    }
    TokenInfo { low, shape: shape_h, case, cluster, lex: lexv, own, norm: norm.into(), letters: letter_cases(word) }
}

/// The cluster of `word`, else (lower-case and ALL-CAPS words) of its
/// title-case form, else of `norm`, whose lexicon value `norm_value` the
/// caller has looked up already.
fn lookup_cluster(lex: &Lexicon, word: &str, norm: &str, norm_value: u32, case: u8) -> u16 {
    let of = |s: &str| if s == norm { lex.cluster_of(norm_value) } else { lex.cluster(s) };
    if let Some(c) = of(word) {
        return c;
    }
    if case == 3 || case == 1 {
        // ALL-CAPS headline words and lower-case words: try the title-case form
        // (built on the stack for a short word with an ASCII first letter).
        let mut buf = [0u8; 32];
        let title = match norm.as_bytes() {
            [f, ..] if f.is_ascii() && norm.len() <= buf.len() => {
                buf[..norm.len()].copy_from_slice(norm.as_bytes());
                buf[0] = f.to_ascii_uppercase();
                of(std::str::from_utf8(&buf[..norm.len()]).unwrap_or_default())
            }
            _ => {
                let mut chars = norm.chars();
                let t: String = chars.next().into_iter().flat_map(char::to_uppercase).chain(chars).collect();
                of(&t)
            }
        };
        if let Some(c) = title {
            return c;
        }
    }
    if norm == word {
        return 0; // already looked up
    }
    lex.cluster_of(norm_value).unwrap_or(0)
}

/// Sentence-level context shared by every token of a sentence.
#[derive(Clone, Copy, Debug, Default)]
pub struct SentenceContext {
    /// Most letters are capitals (a headline or an ALL-CAPS line).
    pub all_caps: bool,
}

/// Whether most cased letters of the sentence are capitals, from its tokens'
/// letter counts ([`TokenInfo::letters`]).
pub fn sentence_context(infos: &[&TokenInfo]) -> SentenceContext {
    let (mut upper, mut lower) = (0usize, 0usize);
    for t in infos {
        upper += t.letters.0;
        lower += t.letters.1;
    }
    SentenceContext { all_caps: upper >= 4 && lower * 4 < upper }
}

/// Upper-case and lower-case letters in `word`.
fn letter_cases(word: &str) -> (usize, usize) {
    let (mut upper, mut lower) = (0usize, 0usize);
    for c in word.chars() {
        if c.is_uppercase() {
            upper += 1;
        } else if c.is_lowercase() {
            lower += 1;
        }
    }
    (upper, lower)
}

/// Gazetteer phrase matches: for each token a bit set of (type, begin/inside) flags.
pub fn gazetteer_phrases(lex: &Lexicon, infos: &[&TokenInfo]) -> Vec<u32> {
    let n = infos.len();
    let mut out = vec![0u32; n];
    let mut key = String::new();
    for i in 0..n {
        if infos[i].lex & super::lexicon::PHRASE_START == 0 {
            continue;
        }
        key.clear();
        key.push_str(&infos[i].norm);
        for len in 2..=super::lexicon::MAX_PHRASE.min(n - i) {
            // No entry continues with a word that is never a later word of one.
            if infos[i + len - 1].lex & super::lexicon::PHRASE_INNER == 0 {
                break;
            }
            key.push(' ');
            key.push_str(&infos[i + len - 1].norm);
            let v = lex.get(&key);
            let gaz = (v >> 16) & ((1 << GAZ_BITS) - 1);
            if gaz != 0 && v & super::lexicon::PHRASE_ENTRY != 0 {
                out[i] |= gaz;
                for o in &mut out[i + 1..i + len] {
                    *o |= gaz << 8;
                }
            }
        }
    }
    out
}

/// Second-stage (document-level) information about a token: the label the
/// first pass gave the same word elsewhere in the document.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DocHint {
    /// Most frequent first-pass label of this word elsewhere in the document (0: none, 1+label).
    pub label: u8,
    /// The same word appears elsewhere in the document in lower case (a common word).
    pub seen_lower: bool,
}

/// Writes the hashed features of token `i` of a window into `out` (cleared first):
/// its own features, its neighbours' ([`neighbor_features`]), the features that
/// combine several tokens ([`pair_features`]) and, in the second pass, [`hint_features`].
///
/// `infos`, `gaz` and `gaps` cover the window's tokens. `hints` is empty for the first pass.
#[allow(clippy::too_many_arguments)]
pub fn token_features(
    infos: &[&TokenInfo],
    gaz: &[u32],
    gaps: &[Gap],
    ctx: SentenceContext,
    hints: &[DocHint],
    i: usize,
    out: &mut Vec<u64>,
) {
    out.clear();
    out.extend_from_slice(&infos[i].own);
    for (k, d) in NEIGHBOR_OFFSETS.iter().enumerate() {
        neighbor_features(neighbor(infos, i, *d), k, out);
    }
    pair_features(infos, gaz, gaps, ctx, i, out);
    if let Some(h) = hints.get(i) {
        hint_features(infos[i], *h, out);
    }
}

/// Relative positions whose word identity is a feature of the current token.
pub const NEIGHBOR_OFFSETS: [isize; 4] = [-2, -1, 1, 2];

/// The token at `i + d`, if inside the window.
#[inline]
pub fn neighbor<'a>(infos: &[&'a TokenInfo], i: usize, d: isize) -> Option<&'a TokenInfo> {
    let j = i as isize + d;
    (j >= 0 && (j as usize) < infos.len()).then(|| infos[j as usize])
}

const NONE: u64 = 0x0BAD_F00D;

/// Features of the neighbour at [`NEIGHBOR_OFFSETS`]`[k]` (`None`: outside the window).
/// They depend on that one word only, so the runtime scores them once per distinct word.
pub fn neighbor_features(o: Option<&TokenInfo>, k: usize, out: &mut Vec<u64>) {
    let d = NEIGHBOR_OFFSETS[k];
    let dd = (d + 8) as u64;
    out.push(mix(mix(T_LOW_AT, dd), o.map_or(NONE, |x| x.low)));
    if d.abs() == 1 {
        out.push(mix(mix(T_SHAPE_AT, dd), o.map_or(NONE, |x| x.shape)));
        let c = o.map_or(0xFFFF, |x| x.cluster) as u64;
        out.push(mix(mix(T_CL_AT, dd), c));
    }
}

/// Features that combine the token with its neighbours or its position.
pub fn pair_features(
    infos: &[&TokenInfo],
    gaz: &[u32],
    gaps: &[Gap],
    ctx: SentenceContext,
    i: usize,
    out: &mut Vec<u64>,
) {
    let t = infos[i];
    let prev = neighbor(infos, i, -1);
    let next = neighbor(infos, i, 1);
    out.push(mix(mix(T_BIGRAM_L, prev.map_or(NONE, |x| x.low)), t.low));
    out.push(mix(mix(T_BIGRAM_R, t.low), next.map_or(NONE, |x| x.low)));
    out.push(mix(mix(mix(T_SHAPE3, prev.map_or(NONE, |x| x.shape)), t.shape), next.map_or(NONE, |x| x.shape)));
    if i == 0 {
        out.push(mix(mix(T_FIRST, t.case as u64), ((t.lex >> 11) & 7) as u64));
        out.push(mix(T_FIRST, t.low));
    }
    if ctx.all_caps {
        out.push(mix(mix(T_CAPS_SENT, ((t.lex >> 11) & 7) as u64), t.cluster as u64));
        out.push(mix(T_CAPS_SENT, t.low));
    }
    if gaps[i] >= Gap::Line {
        out.push(mix(T_LINE, t.case as u64));
    }
    let g = gaz[i];
    if g != 0 {
        for b in 0..16 {
            if g & (1 << b) != 0 {
                out.push(mix(T_GAZ_PHRASE, b as u64));
            }
        }
    }
}

/// The document-level features of a token (second pass only).
pub fn hint_features(t: &TokenInfo, h: DocHint, out: &mut Vec<u64>) {
    out.push(mix(mix(T_DOC, h.label as u64), t.case as u64));
    out.push(mix(mix(T_DOC_CASE, h.seen_lower as u64), t.case as u64));
    if h.label != 0 {
        out.push(mix(mix(T_DOC, h.label as u64), t.shape));
    }
}
