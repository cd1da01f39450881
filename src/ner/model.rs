//! The binary model format.
//!
//! ```text
//! magic     8 bytes  "AANER\0\r\n" (the CR LF catches text-mode mangling)
//! version   u32 LE   FORMAT_VERSION
//! length    u32 LE   payload bytes
//! checksum  u64 LE   CRC-32 (IEEE) of the payload, zero-extended
//! payload:
//!   scheme u8 (0 BIO, 1 BILOU) · labels: u8 count, then u8 length + ASCII name each
//!   stages u8 (1, or 2 = a second pass with document-level features)
//!   scale f32 (weight = stored integer / scale) · tags u16 · weight bits u8 (8 or 16)
//!   calibration: 2 × f32 (a, b: a mention's score is 1 / (1 + e^-(a·ln(1 + margin) + b)))
//!   transitions: (tags + 1) × tags i32 (last row: from sentence start)
//!   clusters: u32 count, then u8 length + '0'/'1' path each
//!   lexicon: u32 count, the sorted keys (see below), u32 distinct-value count d,
//!            d × u32 values (most used first), count × varint index of each
//!            key's value among them
//!   features: u32 count, the sorted keys, then per key its row: a bit mask of
//!            the tags with a non-zero weight (⌈tags / 8⌉ bytes, bit t of byte
//!            t / 8 for tag t), then those weights in tag order (i8, or i16 LE)
//! sorted keys: each key minus the one before (the first: minus 0) as an unsigned
//! LEB128 varint; a zero difference after the first key is an error (keys are unique).
//! varint: unsigned LEB128 (at most 5 bytes).
//! ```
//! All integers little-endian. Every read is bounds-checked: a bad file gives
//! [`Error::Model`] naming the problem, never a panic.

use crate::error::{Error, Result};
use crate::Label;

pub const MAGIC: &[u8; 8] = b"AANER\0\r\n";
/// 3: CRC-32 checksum (version 2 had FNV-1a 64, slow to verify in wasm).
/// 4: lexicon bit 23 marks the later words of multi-word gazetteer entries (phrase matching
/// stops at a word without it), so a version 3 file would silently match no phrase.
/// 5: sorted keys as varint differences and lexicon values through a table of
/// distinct values (1.77 → 1.31 MB for the same model).
/// 6: calibration of mention scores (two `f32` after the weight bits).
/// 7: lexicon value indexes as varints over values ordered by use, and weight rows
/// stored sparse (a mask of non-zero tags, then those weights): rows average 2.9
/// non-zero weights of 9, and the vector-prior lexicon keys share a few values.
pub const FORMAT_VERSION: u32 = 7;
const HEADER_LEN: usize = 8 + 4 + 4 + 8;

/// Tag scheme of the sequence labels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheme {
    Bio,
    Bilou,
}

impl Scheme {
    /// Tags per label (B, I or B, I, L, U).
    pub fn per_label(self) -> usize {
        match self {
            Scheme::Bio => 2,
            Scheme::Bilou => 4,
        }
    }
}

/// The decoded contents of a model file, as the trainer builds them.
#[derive(Clone, Debug, PartialEq)]
pub struct ModelParts {
    pub scheme: Scheme,
    pub labels: Vec<Label>,
    pub stages: u8,
    pub scale: f32,
    /// Bits per stored weight: 8 (`i8`, values -127..=127) or 16 (`i16`).
    pub weight_bits: u8,
    /// `[a, b]`: a mention whose weakest token margin is `m` (weight units,
    /// see `Tagger::tag`) gets the score `1 / (1 + e^-(a·ln(1 + m) + b))`,
    /// fitted by the trainer on dev (the share of such mentions that are right).
    pub calibration: [f32; 2],
    pub transitions: Vec<i32>,
    pub cluster_paths: Vec<String>,
    pub lex_keys: Vec<u32>,
    pub lex_vals: Vec<u32>,
    pub feat_keys: Vec<u32>,
    pub weights: Vec<i16>,
}

impl ModelParts {
    pub fn n_tags(&self) -> usize {
        1 + self.labels.len() * self.scheme.per_label()
    }

    /// Whether the parts fit together (the checks [`ModelParts::from_bytes`]
    /// makes on a file): 1–8 labels, table lengths matching the tag count,
    /// a positive scale, at most 2046 bit-string cluster paths.
    pub fn check(&self) -> Result<()> {
        if self.labels.is_empty() || self.labels.len() > 8 {
            return Err(bad(format!("{} labels (expected 1 to 8)", self.labels.len())));
        }
        let nt = self.n_tags();
        if self.transitions.len() != (nt + 1) * nt {
            return Err(bad(format!("{} transition weights for {nt} tags", self.transitions.len())));
        }
        if self.feat_keys.len().checked_mul(nt) != Some(self.weights.len()) {
            return Err(bad(format!(
                "{} weights for {} features × {nt} tags",
                self.weights.len(),
                self.feat_keys.len()
            )));
        }
        if self.lex_keys.len() != self.lex_vals.len() {
            return Err(bad("lexicon keys and values differ in number"));
        }
        for (keys, what) in [(&self.lex_keys, "lexicon"), (&self.feat_keys, "feature")] {
            if keys.windows(2).any(|w| w[0] >= w[1]) {
                return Err(bad(format!("{what} keys are not sorted and unique")));
            }
        }
        if !(self.scale.is_finite() && self.scale > 0.0) {
            return Err(bad("weight scale is not a positive number"));
        }
        if !self.calibration.iter().all(|x| x.is_finite()) {
            return Err(bad("score calibration is not finite"));
        }
        if self.cluster_paths.len() > 2046
            || self.cluster_paths.iter().any(|p| p.bytes().any(|c| c != b'0' && c != b'1'))
        {
            return Err(bad("cluster paths: more than 2046, or not bit strings"));
        }
        Ok(())
    }

    /// Serializes to the format above.
    ///
    /// Errors: [`crate::Error::Model`] when the parts do not fit together
    /// ([`ModelParts::check`]) or have more than 65,536 distinct lexicon
    /// values (a limit the reader enforces too).
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        self.check()?;
        // Distinct values, most used first (ties by value), so that most
        // keys' indexes take one varint byte.
        let mut uses: std::collections::HashMap<u32, u32> = std::collections::HashMap::new();
        for &v in &self.lex_vals {
            *uses.entry(v).or_default() += 1;
        }
        let mut distinct: Vec<u32> = uses.keys().copied().collect();
        distinct.sort_unstable_by_key(|v| (std::cmp::Reverse(uses[v]), *v));
        let rank: std::collections::HashMap<u32, u32> =
            distinct.iter().enumerate().map(|(i, &v)| (v, i as u32)).collect();
        if distinct.len() > 1 << 16 {
            return Err(bad(format!("{} distinct lexicon values (at most 65536)", distinct.len())));
        }
        let mut p = Vec::new();
        p.push(match self.scheme {
            Scheme::Bio => 0,
            Scheme::Bilou => 1,
        });
        p.push(self.labels.len() as u8);
        for l in &self.labels {
            p.push(l.as_str().len() as u8);
            p.extend_from_slice(l.as_str().as_bytes());
        }
        p.push(self.stages);
        p.extend_from_slice(&self.scale.to_le_bytes());
        p.extend_from_slice(&(self.n_tags() as u16).to_le_bytes());
        p.push(self.weight_bits);
        for c in &self.calibration {
            p.extend_from_slice(&c.to_le_bytes());
        }
        for t in &self.transitions {
            p.extend_from_slice(&t.to_le_bytes());
        }
        p.extend_from_slice(&(self.cluster_paths.len() as u32).to_le_bytes());
        for c in &self.cluster_paths {
            p.push(c.len() as u8);
            p.extend_from_slice(c.as_bytes());
        }
        p.extend_from_slice(&(self.lex_keys.len() as u32).to_le_bytes());
        put_sorted_keys(&mut p, &self.lex_keys);
        p.extend_from_slice(&(distinct.len() as u32).to_le_bytes());
        for v in &distinct {
            p.extend_from_slice(&v.to_le_bytes());
        }
        for v in &self.lex_vals {
            put_varint(&mut p, rank[v]);
        }
        p.extend_from_slice(&(self.feat_keys.len() as u32).to_le_bytes());
        put_sorted_keys(&mut p, &self.feat_keys);
        let nt = self.n_tags();
        let stored = |w: i16| if self.weight_bits == 8 { w.clamp(-127, 127) } else { w };
        let mut mask = vec![0u8; nt.div_ceil(8)];
        for row in self.weights.chunks_exact(nt) {
            mask.fill(0);
            for (t, &w) in row.iter().enumerate() {
                if stored(w) != 0 {
                    mask[t / 8] |= 1 << (t % 8);
                }
            }
            p.extend_from_slice(&mask);
            for &w in row.iter().filter(|&&w| stored(w) != 0) {
                if self.weight_bits == 8 {
                    p.push(stored(w) as i8 as u8);
                } else {
                    p.extend_from_slice(&w.to_le_bytes());
                }
            }
        }
        let mut out = Vec::with_capacity(HEADER_LEN + p.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&(p.len() as u32).to_le_bytes());
        out.extend_from_slice(&checksum(&p).to_le_bytes());
        out.extend_from_slice(&p);
        Ok(out)
    }

    /// Parses and validates a model file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        if bytes.len() < HEADER_LEN {
            if bytes.len() >= 8 && &bytes[..8] != MAGIC {
                return Err(bad("not a named-entity model (wrong magic bytes)"));
            }
            return Err(bad(format!("truncated: {} bytes, shorter than the {HEADER_LEN}-byte header", bytes.len())));
        }
        if &bytes[..8] != MAGIC {
            return Err(bad("not a named-entity model (wrong magic bytes)"));
        }
        let version = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]);
        if version != FORMAT_VERSION {
            return Err(bad(format!(
                "format version {version}, but this build reads version {FORMAT_VERSION}; use a matching model or annotator"
            )));
        }
        let len = u32::from_le_bytes([bytes[12], bytes[13], bytes[14], bytes[15]]) as usize;
        let sum = u64::from_le_bytes(bytes[16..24].try_into().map_err(|_| bad("header"))?);
        let payload = &bytes[HEADER_LEN..];
        if payload.len() < len {
            return Err(bad(format!("truncated: header says {len} payload bytes, file has {}", payload.len())));
        }
        if payload.len() > len {
            return Err(bad(format!("{} unexpected bytes after the {len}-byte payload", payload.len() - len)));
        }
        if checksum(payload) != sum {
            return Err(bad("checksum mismatch: the file is corrupted"));
        }
        let mut r = Reader { b: payload, pos: 0 };
        let scheme = match r.u8()? {
            0 => Scheme::Bio,
            1 => Scheme::Bilou,
            s => return Err(bad(format!("unknown tag scheme {s}"))),
        };
        let n_labels = r.u8()? as usize;
        if n_labels == 0 || n_labels > 8 {
            return Err(bad(format!("{n_labels} labels (expected 1 to 8)")));
        }
        let mut labels = Vec::with_capacity(n_labels);
        for _ in 0..n_labels {
            let n = r.u8()? as usize;
            let name = r.bytes(n)?;
            let name = std::str::from_utf8(name).map_err(|_| bad("label name is not UTF-8"))?;
            labels.push(Label::parse(name).ok_or_else(|| bad(format!("unknown label {name:?}")))?);
        }
        let stages = r.u8()?;
        if !(1..=2).contains(&stages) {
            return Err(bad(format!("{stages} stages (expected 1 or 2)")));
        }
        let scale = f32::from_le_bytes(r.array()?);
        if !(scale.is_finite() && scale > 0.0) {
            return Err(bad("weight scale is not a positive number"));
        }
        let n_tags = u16::from_le_bytes(r.array()?) as usize;
        if n_tags != 1 + n_labels * scheme.per_label() {
            return Err(bad(format!("{n_tags} tags do not fit {n_labels} labels")));
        }
        let weight_bits = r.u8()?;
        if weight_bits != 8 && weight_bits != 16 {
            return Err(bad(format!("{weight_bits}-bit weights (expected 8 or 16)")));
        }
        let calibration = [f32::from_le_bytes(r.array()?), f32::from_le_bytes(r.array()?)];
        if !calibration.iter().all(|x| x.is_finite()) {
            return Err(bad("score calibration is not finite"));
        }
        let transitions = r.vec((n_tags + 1) * n_tags, |r| Ok(i32::from_le_bytes(r.array()?)))?;
        let n_clusters = r.u32()? as usize;
        if n_clusters > 2046 {
            return Err(bad(format!("{n_clusters} clusters (at most 2046)")));
        }
        let cluster_paths = r.vec(n_clusters, |r| {
            let n = r.u8()? as usize;
            let p = r.bytes(n)?;
            if !p.iter().all(|&c| c == b'0' || c == b'1') {
                return Err(bad("cluster path is not a bit string"));
            }
            Ok(p.iter().map(|&c| c as char).collect::<String>())
        })?;
        let n_lex = r.u32()? as usize;
        let lex_keys = r.sorted_keys(n_lex, "lexicon")?;
        let n_distinct = r.u32()? as usize;
        if n_distinct > 1 << 16 {
            return Err(bad(format!("{n_distinct} distinct lexicon values (at most 65536)")));
        }
        let distinct = r.u32s(n_distinct)?;
        // Every index takes at least one byte (`sorted_keys` bounded `n_lex` the same way).
        let mut lex_vals = Vec::with_capacity(n_lex.min(r.b.len() - r.pos));
        for _ in 0..n_lex {
            let i = r.varint("lexicon value indexes")? as usize;
            lex_vals.push(*distinct.get(i).ok_or_else(|| bad(format!("lexicon value index {i} of {n_distinct}")))?);
        }
        let n_feat = r.u32()? as usize;
        let feat_keys = r.sorted_keys(n_feat, "feature")?;
        let n_weights = n_feat.checked_mul(n_tags).ok_or_else(|| bad("feature table size overflows"))?;
        // Every row takes at least its mask: a count beyond what is left is truncation.
        let mask_len = n_tags.div_ceil(8);
        if n_feat.checked_mul(mask_len).is_none_or(|n| n > r.b.len() - r.pos) {
            return Err(bad(format!("truncated payload: {n_feat} weight rows, {} bytes left", r.b.len() - r.pos)));
        }
        let mut weights: Vec<i16> = vec![0; n_weights];
        let wbytes = usize::from(weight_bits / 8);
        // Bits a mask may not set: those past the last tag in its last byte.
        let in_last = n_tags - (mask_len - 1) * 8; // 1..=8
        let spare = if in_last == 8 { 0 } else { !0u8 << in_last };
        for row in weights.chunks_exact_mut(n_tags) {
            let mask = r.bytes(mask_len)?;
            if mask[mask_len - 1] & spare != 0 {
                return Err(bad("weight row mask names a tag beyond the tag count"));
            }
            let n: usize = mask.iter().map(|m| m.count_ones() as usize).sum();
            let mut vals = r.bytes(n * wbytes)?.chunks_exact(wbytes);
            for (k, &m) in mask.iter().enumerate() {
                let mut bits = m;
                while bits != 0 {
                    let t = k * 8 + bits.trailing_zeros() as usize;
                    bits &= bits - 1;
                    let v = vals.next().unwrap_or(&[0, 0]); // n values for n mask bits
                    row[t] = if wbytes == 1 { v[0] as i8 as i16 } else { i16::from_le_bytes([v[0], v[1]]) };
                }
            }
        }
        if r.pos != payload.len() {
            return Err(bad("payload has trailing bytes"));
        }
        Ok(Self {
            scheme,
            labels,
            stages,
            scale,
            weight_bits,
            calibration,
            transitions,
            cluster_paths,
            lex_keys,
            lex_vals,
            feat_keys,
            weights,
        })
    }
}

/// Writes an unsigned LEB128 varint.
fn put_varint(p: &mut Vec<u8>, mut d: u32) {
    while d >= 0x80 {
        p.push((d as u8) | 0x80);
        d >>= 7;
    }
    p.push(d as u8);
}

/// Writes sorted unique keys as varint differences (see the format above).
fn put_sorted_keys(p: &mut Vec<u8>, keys: &[u32]) {
    let mut prev = 0u32;
    for &k in keys {
        put_varint(p, k.wrapping_sub(prev));
        prev = k;
    }
}

/// The error of a bad varint in the `what` table (out of line: the loops
/// that read varints stay small).
#[cold]
#[inline(never)]
fn varint_error(what: &str, problem: &str) -> Error {
    bad(format!("a varint in the {what} {problem}"))
}

fn bad(msg: impl Into<String>) -> Error {
    Error::Model(msg.into())
}

/// The header's checksum of a payload: CRC-32 (IEEE), zero-extended to 64 bits.
pub fn checksum(bytes: &[u8]) -> u64 {
    u64::from(crc32fast::hash(bytes))
}

struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn bytes(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.b.len()).ok_or_else(|| {
            bad(format!("truncated payload: needed {n} bytes at offset {}, {} left", self.pos, self.b.len() - self.pos))
        })?;
        let s = &self.b[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N]> {
        let s = self.bytes(N)?;
        let mut a = [0u8; N];
        a.copy_from_slice(s);
        Ok(a)
    }

    fn u8(&mut self) -> Result<u8> {
        Ok(self.array::<1>()?[0])
    }

    fn u32(&mut self) -> Result<u32> {
        Ok(u32::from_le_bytes(self.array()?))
    }

    /// `n` little-endian `u32`s, read in one bounds check.
    fn u32s(&mut self, n: usize) -> Result<Vec<u32>> {
        let len = n.checked_mul(4).ok_or_else(|| bad("table size overflows"))?;
        Ok(self.bytes(len)?.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect())
    }

    /// An unsigned LEB128 varint of at most 32 bits.
    #[inline(always)]
    fn varint(&mut self, what: &str) -> Result<u32> {
        // At most five bytes (the longest varint), read from one slice
        // (`pos` never passes the end: it only moves past bytes read).
        let b = &self.b[self.pos..self.b.len().min(self.pos + 5)];
        let mut d = 0u64;
        for (i, &byte) in b.iter().enumerate() {
            d |= u64::from(byte & 0x7F) << (7 * i);
            if byte < 0x80 {
                self.pos += i + 1;
                return match u32::try_from(d) {
                    Ok(v) => Ok(v),
                    Err(_) => Err(varint_error(what, "is beyond 32 bits")),
                };
            }
        }
        Err(varint_error(what, if b.len() == 5 { "is longer than 5 bytes" } else { "is truncated" }))
    }

    /// `n` keys written by [`put_sorted_keys`]; errors unless strictly increasing.
    fn sorted_keys(&mut self, n: usize, what: &str) -> Result<Vec<u32>> {
        // Every key takes at least one byte: a count larger than what is left is truncation.
        if n > self.b.len() - self.pos {
            return Err(bad(format!("truncated payload: {n} {what} keys, {} bytes left", self.b.len() - self.pos)));
        }
        let mut keys = Vec::with_capacity(n);
        let mut prev = 0u64;
        let field = format!("{what} keys");
        for i in 0..n {
            let d = u64::from(self.varint(&field)?);
            if i > 0 && d == 0 {
                return Err(bad(format!("{what} keys are not sorted and unique")));
            }
            let k = prev + d;
            if k > u64::from(u32::MAX) {
                return Err(bad(format!("{what} key beyond 32 bits")));
            }
            keys.push(k as u32);
            prev = k;
        }
        Ok(keys)
    }

    fn vec<T>(&mut self, n: usize, mut f: impl FnMut(&mut Self) -> Result<T>) -> Result<Vec<T>> {
        // Never trust a count for an allocation: cap it by what the payload could hold.
        let mut v = Vec::with_capacity(n.min(self.b.len() - self.pos));
        for _ in 0..n {
            v.push(f(self)?);
        }
        Ok(v)
    }
}
