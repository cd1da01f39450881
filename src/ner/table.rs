//! Open-addressing tables over 32-bit keys, built once at model load.
//!
//! Both tables are filled from keys sorted ascending (the model format stores
//! them so, [`super::model::ModelParts::check`] refuses anything else) by
//! linear probing without wrap-around: a key goes to the first free slot at or
//! after its home slot, and the home slot grows with the key ([`slot`]). Each
//! key therefore lands after the one before it, the occupied slots are in key
//! order, and a lookup stops at the first key not smaller than the one it
//! seeks. A key that is not stored (a third of the tagger's lookups: most
//! feature hashes of a document were never seen in training) costs about as
//! few probes as one that is, instead of running to the end of its cluster.
//! Slots past the last home slot take the overflow, and one empty slot
//! closes the table, so no probe runs off its end.

/// Maps a 32-bit key to a non-zero 32-bit value (a missing key reads as 0),
/// key and value side by side in one slot.
#[derive(Clone, Debug, Default)]
pub struct KeyTable {
    /// `(key, value)` per slot; value 0 marks an empty slot.
    slots: Vec<(u32, u32)>,
    cap: usize,
}

impl KeyTable {
    /// `keys` sorted ascending and unique; entries whose value is 0 are not
    /// stored (they read as 0 anyway).
    pub fn new(keys: &[u32], vals: &[u32]) -> Self {
        debug_assert!(keys.is_sorted());
        let stored: Vec<(u32, u32)> = keys.iter().copied().zip(vals.iter().copied()).filter(|&(_, v)| v != 0).collect();
        let cap = capacity(stored.len());
        let at = placements(stored.iter().map(|&(k, _)| k), cap);
        let mut slots = vec![(0u32, 0u32); at.last().map_or(cap, |&s| s.max(cap - 1)) + 2];
        for (&s, &kv) in at.iter().zip(&stored) {
            slots[s] = kv;
        }
        Self { slots, cap }
    }

    /// The value stored under `key`, 0 if none.
    #[inline]
    pub fn get(&self, key: u32) -> u32 {
        let mut s = slot(key, self.cap);
        loop {
            let (k, v) = self.slots[s];
            if v == 0 || k > key {
                return 0;
            }
            if k == key {
                return v;
            }
            s += 1;
        }
    }
}

/// Slots for `n` keys: about 1.4 slots per key (linear probing stays short),
/// and not a power of two, so the table is no larger than it needs to be.
fn capacity(n: usize) -> usize {
    (n + n * 2 / 5).max(16)
}

/// The home slot of `key` in a table of `cap` slots: the key scaled to the
/// table (range reduction without mixing). Every key is already the top half
/// of a 64-bit hash, so keys spread evenly; and the home slot grows with the
/// key, so sorted keys fill the table front to back (the 209,000-key lexicon
/// built in a third less time than with scattered writes) and in key order.
#[inline]
fn slot(key: u32, cap: usize) -> usize {
    ((key as u64 * cap as u64) >> 32) as usize
}

/// The slot of each of `keys` (sorted ascending) in a table of `cap` home
/// slots: the first free slot at or after its home, which is its home or the
/// slot after the previous key's, whichever is later. Increasing, so the
/// table keeps the keys in order; the last may lie past `cap`.
fn placements(keys: impl Iterator<Item = u32>, cap: usize) -> Vec<usize> {
    let mut next_free = 0;
    keys.map(|k| {
        let s = slot(k, cap).max(next_free);
        next_free = s + 1;
        s
    })
    .collect()
}

/// Feature weights by 32-bit feature key: an open-addressing table whose slot
/// holds the key and the feature's row of weights together, so a lookup
/// touches one cache line instead of an index slot and a separate weight row.
///
/// A slot is `[weights | padding | used (1) | key LE (4)]`, weights as `i8`,
/// or `i16` LE when `wide`; a free slot is all zeros. The usual model (nine
/// tags, `i8` weights) has 16-byte slots, kept as `[u8; 16]`, whose rows are
/// summed 12 lanes at a time (a fixed shape the compiler vectorizes).
#[derive(Clone, Debug, Default)]
pub struct WeightTable {
    /// 16-byte slots, when `width` is 16 and the weights are `i8` (else empty).
    narrow: Vec<[u8; 16]>,
    /// `slots × width` bytes otherwise (else empty).
    slots: Vec<u8>,
    width: usize,
    n_tags: usize,
    wide: bool,
    cap: usize,
}

impl WeightTable {
    /// `keys` sorted ascending and unique; `weights` row-major, `keys.len() ×
    /// n_tags`. Stored as `i8` when every weight fits, else as `i16`.
    pub fn new(keys: &[u32], weights: &[i16], n_tags: usize) -> Self {
        debug_assert!(keys.is_sorted());
        let wide = weights.iter().any(|&w| !(-128..=127).contains(&w));
        let bytes = if wide { 2 } else { 1 };
        let width = (n_tags * bytes + 5).next_multiple_of(16);
        let cap = capacity(keys.len());
        let at = placements(keys.iter().copied(), cap);
        let n_slots = at.last().map_or(cap, |&s| s.max(cap - 1)) + 2;
        let mut slots = vec![0u8; n_slots * width];
        for (i, (&k, &s)) in keys.iter().zip(&at).enumerate() {
            let b = &mut slots[s * width..(s + 1) * width];
            b[width - 4..].copy_from_slice(&k.to_le_bytes());
            b[width - 5] = 1;
            let row = &weights[i * n_tags..(i + 1) * n_tags];
            if wide {
                for (d, &w) in b.chunks_exact_mut(2).zip(row) {
                    d.copy_from_slice(&w.to_le_bytes());
                }
            } else {
                for (d, &w) in b.iter_mut().zip(row) {
                    *d = w as i8 as u8;
                }
            }
        }
        let mut t = Self { narrow: Vec::new(), slots: Vec::new(), width, n_tags, wide, cap };
        if width == 16 && !wide {
            t.narrow = slots.chunks_exact(16).map(|b| b.try_into().unwrap_or([0; 16])).collect();
        } else {
            t.slots = slots;
        }
        t
    }

    /// Adds the weight rows of `keys` that are stored to `acc` (`n_tags` long).
    #[inline]
    pub fn add_rows(&self, keys: impl Iterator<Item = u32> + Clone, acc: &mut [i32]) {
        if !self.narrow.is_empty() {
            // Natively, touch every key's home slot first: these loads do not
            // depend on each other, so their cache misses overlap, and the
            // probing below, whose branches depend on what it loads, finds
            // its slots in cache (the native tagger ~15 % faster; no
            // measurable change in wasm, where V8 drops the loads).
            let mut touched = 0u8;
            for key in keys.clone() {
                touched |= self.narrow.get(slot(key, self.cap)).map_or(0, |s| s[11]);
            }
            std::hint::black_box(touched);
            let mut sum = [0i32; 12];
            for key in keys {
                if let Some(row) = self.find_narrow(key) {
                    for (a, &x) in sum.iter_mut().zip(row) {
                        *a += x as i8 as i32;
                    }
                }
            }
            // Lanes past `n_tags` hold padding and the flag: dropped.
            for (a, s) in acc.iter_mut().zip(&sum[..self.n_tags]) {
                *a += s;
            }
            return;
        }
        for key in keys {
            let Some(b) = self.find_slot(key) else { continue };
            if self.wide {
                for (a, x) in acc.iter_mut().zip(b[..2 * self.n_tags].chunks_exact(2)) {
                    *a += i16::from_le_bytes([x[0], x[1]]) as i32;
                }
            } else {
                for (a, &x) in acc.iter_mut().zip(&b[..self.n_tags]) {
                    *a += x as i8 as i32;
                }
            }
        }
    }

    /// The 16-byte slot holding `key`.
    #[inline(always)]
    fn find_narrow(&self, key: u32) -> Option<&[u8; 16]> {
        let mut s = slot(key, self.cap);
        loop {
            let b = self.narrow.get(s)?;
            let k = u32::from_le_bytes([b[12], b[13], b[14], b[15]]);
            if b[11] == 0 || k > key {
                return None;
            }
            if k == key {
                return Some(b);
            }
            s += 1;
        }
    }

    /// The slot holding `key` (any width).
    fn find_slot(&self, key: u32) -> Option<&[u8]> {
        let w = self.width;
        let mut s = slot(key, self.cap);
        loop {
            let b = self.slots.get(s * w..(s + 1) * w)?;
            let k = u32::from_le_bytes([b[w - 4], b[w - 3], b[w - 2], b[w - 1]]);
            if b[w - 5] == 0 || k > key {
                return None;
            }
            if k == key {
                return Some(b);
            }
            s += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// Sorted unique pseudo-random keys, with the extremes (home slots 0 and
    /// `cap − 1`, whose overflow runs past the home slots) and a dense run.
    fn keys(n: usize, seed: u64) -> Vec<u32> {
        let mut x = seed;
        let mut k: Vec<u32> = (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 32) as u32
            })
            .collect();
        k.extend([0, 1, 2, u32::MAX, u32::MAX - 1, u32::MAX - 2]);
        k.extend(0x8000_0000..0x8000_0040);
        k.sort_unstable();
        k.dedup();
        k
    }

    /// Every stored key reads back its value or row, and keys that are not
    /// stored (between, below and above stored ones) read as nothing, for the
    /// 16-byte `i8` slots and the general layout (`i16`, more tags).
    #[test]
    fn lookups_find_exactly_the_stored_keys() {
        for (n, n_tags, big) in [(5000, 9, false), (3000, 9, true), (2000, 17, false), (0, 9, false), (1, 3, false)] {
            let ks = keys(n, 0x9E37_79B9 + n as u64);
            let stored: Vec<u32> = ks.iter().copied().step_by(2).collect();
            let weights: Vec<i16> = (0..stored.len() * n_tags)
                .map(|i| if big && i % 7 == 0 { 300 - (i % 600) as i16 } else { (i % 255) as i16 - 127 })
                .collect();
            let table = WeightTable::new(&stored, &weights, n_tags);
            let vals: Vec<u32> = stored.iter().map(|&k| k | 1).collect();
            let keytable = KeyTable::new(&stored, &vals);
            let want: HashMap<u32, usize> = stored.iter().enumerate().map(|(i, &k)| (k, i)).collect();
            for &k in &ks {
                let mut acc = vec![0i32; n_tags];
                table.add_rows([k, k].into_iter(), &mut acc);
                let expect: Vec<i32> = match want.get(&k) {
                    Some(&i) => weights[i * n_tags..(i + 1) * n_tags].iter().map(|&w| 2 * w as i32).collect(),
                    None => vec![0; n_tags],
                };
                assert_eq!(acc, expect, "key {k:#x}, {n_tags} tags");
                assert_eq!(keytable.get(k), want.get(&k).map_or(0, |_| k | 1), "key {k:#x}");
            }
        }
    }
}
