//! A byte-oriented LZ77 codec (the block layout of LZ4) for the gazetteer's
//! body: no entropy coding, so decompressing is little more than copying —
//! fast even in a browser's baseline wasm tier, where inflating deflate
//! streams of the same size took several times longer.
//!
//! A stream is a series of sequences:
//!
//! ```text
//! token u8        high 4 bits: literal count, low 4 bits: match length − 4
//!                 (15 in either: the count goes on in extension bytes)
//! [u8 …]          literal count extension: bytes added while they are 255
//! literals
//! offset u16      how far back the match starts (1..=65535)
//! [u8 …]          match length extension, as for literals
//! ```
//!
//! The last sequence has literals only (possibly none): the stream ends when
//! the output reaches the length the caller expects.

/// Shortest match written.
const MIN_MATCH: usize = 4;
/// Farthest match offset.
const WINDOW: usize = u16::MAX as usize;
/// Runs and matches up to this length are copied as one fixed-size block
/// when the output has room (no call for a short copy).
const WILD: usize = 16;
/// Candidates tried per position (compression only).
const CHAIN: usize = 512;

fn push_count(out: &mut Vec<u8>, mut n: usize) {
    while n >= 255 {
        out.push(255);
        n -= 255;
    }
    out.push(n as u8);
}

/// Compresses `data` (deterministic: the same input gives the same bytes).
pub fn compress(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() / 2);
    let hash = |i: usize| {
        let w = u32::from_le_bytes([data[i], data[i + 1], data[i + 2], data[i + 3]]);
        (w.wrapping_mul(0x9E37_79B1) >> 16) as usize
    };
    // Hash chains: the last position of each hash, and each position's predecessor.
    let mut head = vec![usize::MAX; 1 << 16];
    let mut prev = vec![usize::MAX; data.len()];
    let insert = |i: usize, head: &mut [usize], prev: &mut [usize]| {
        if i + MIN_MATCH <= data.len() {
            let h = hash(i);
            prev[i] = head[h];
            head[h] = i;
        }
    };
    // The longest match for position `i` among the chain's candidates.
    let longest = |i: usize, head: &[usize], prev: &[usize]| {
        let (mut best, mut best_off) = (0usize, 0usize);
        if i + MIN_MATCH <= data.len() {
            let mut j = head[hash(i)];
            for _ in 0..CHAIN {
                if j == usize::MAX || i - j > WINDOW {
                    break;
                }
                let len = data[i..].iter().zip(&data[j..]).take_while(|(a, b)| a == b).count();
                if len > best {
                    (best, best_off) = (len, i - j);
                }
                j = prev[j];
            }
        }
        (best, best_off)
    };
    let (mut i, mut lit_start) = (0usize, 0usize);
    while i < data.len() {
        let (best, best_off) = longest(i, &head, &prev);
        // Lazy matching: a longer match one byte on wins over this one.
        if best < MIN_MATCH || longest(i + 1, &head, &prev).0 > best {
            insert(i, &mut head, &mut prev);
            i += 1;
            continue;
        }
        let lits = &data[lit_start..i];
        let m = best - MIN_MATCH;
        out.push((lits.len().min(15) as u8) << 4 | m.min(15) as u8);
        if lits.len() >= 15 {
            push_count(&mut out, lits.len() - 15);
        }
        out.extend_from_slice(lits);
        out.extend_from_slice(&(best_off as u16).to_le_bytes());
        if m >= 15 {
            push_count(&mut out, m - 15);
        }
        for k in i..i + best {
            insert(k, &mut head, &mut prev);
        }
        i += best;
        lit_start = i;
    }
    let lits = &data[lit_start..];
    out.push((lits.len().min(15) as u8) << 4);
    if lits.len() >= 15 {
        push_count(&mut out, lits.len() - 15);
    }
    out.extend_from_slice(lits);
    out
}

/// Reads a count continued in extension bytes after a 4-bit field of 15.
fn read_count(src: &[u8], at: &mut usize, mut n: usize) -> Option<usize> {
    if n == 15 {
        loop {
            let b = *src.get(*at)?;
            *at += 1;
            n += usize::from(b);
            if b != 255 {
                break;
            }
        }
    }
    Some(n)
}

/// Appends the decompressed `src` to `out`, which must then hold exactly
/// `len` bytes (matches may reach back into what `out` held before).
/// `Err` names the problem for a stream that does not fit.
pub fn decompress_into(src: &[u8], out: &mut Vec<u8>, len: usize) -> Result<(), &'static str> {
    const CUT: &str = "stream ends early";
    const PAST: &str = "stream runs past the expected length";
    let mut pos = out.len();
    if pos > len {
        return Err(PAST);
    }
    // Written in place: one allocation, and copies without capacity checks.
    out.resize(len, 0);
    let buf = &mut out[..];
    let mut at = 0usize;
    loop {
        let token = *src.get(at).ok_or(CUT)?;
        at += 1;
        let lits = read_count(src, &mut at, usize::from(token >> 4)).ok_or(CUT)?;
        if lits <= WILD && pos + WILD <= len && at + WILD <= src.len() {
            // Short run: one fixed-size copy (the bytes past the run are
            // overwritten by what follows).
            buf[pos..pos + WILD].copy_from_slice(&src[at..at + WILD]);
        } else {
            let lit_bytes = src.get(at..at + lits).ok_or(CUT)?;
            buf.get_mut(pos..pos + lits).ok_or(PAST)?.copy_from_slice(lit_bytes);
        }
        pos += lits;
        at += lits;
        if pos == len {
            return if at == src.len() { Ok(()) } else { Err("bytes after the end of the stream") };
        }
        let off = src.get(at..at + 2).map(|b| usize::from(u16::from_le_bytes([b[0], b[1]]))).ok_or(CUT)?;
        at += 2;
        let m = read_count(src, &mut at, usize::from(token & 15)).ok_or(CUT)? + MIN_MATCH;
        if off == 0 || off > pos {
            return Err("match before the start of the output");
        }
        if pos + m > len {
            return Err(PAST);
        }
        if m <= WILD && off >= WILD && pos + WILD <= len {
            // Short match, far enough back: one fixed-size copy, as above.
            let (done, ahead) = buf.split_at_mut(pos);
            ahead[..WILD].copy_from_slice(&done[pos - off..pos - off + WILD]);
        } else if off >= m {
            buf.copy_within(pos - off..pos - off + m, pos);
        } else {
            // Overlapping: repeats the last `off` bytes.
            for k in pos..pos + m {
                buf[k] = buf[k - off];
            }
        }
        pos += m;
    }
}

#[cfg(test)]
mod tests {
    use super::{compress, decompress_into};

    fn round_trip(data: &[u8]) {
        let packed = compress(data);
        let mut out = Vec::new();
        decompress_into(&packed, &mut out, data.len()).unwrap();
        assert_eq!(out, data);
    }

    #[test]
    fn round_trips() {
        round_trip(b"");
        round_trip(b"abc");
        round_trip(&[7u8; 1000]);
        let text: Vec<u8> = (0..20_000u32).flat_map(|i| format!("name {} ville {i}\n", i % 37).into_bytes()).collect();
        round_trip(&text);
        let noise: Vec<u8> = (0..70_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
        round_trip(&noise);
        assert!(compress(&text).len() < text.len() / 2);
    }

    #[test]
    fn bad_streams_are_errors() {
        let packed = compress(&b"abcdabcdabcdabcdabcd".repeat(10));
        let mut out = Vec::new();
        assert!(decompress_into(&packed[..packed.len() - 1], &mut out, 200).is_err());
        out.clear();
        assert!(decompress_into(&packed, &mut out, 199).is_err());
        out.clear();
        assert!(decompress_into(&[0x04, 9, 9], &mut out, 100).is_err(), "match before the start");
    }
}
