//! Open-addressing tables over 32-bit keys, built once at model load.

/// Maps a 32-bit key to its position in the sorted key list.
#[derive(Clone, Debug, Default)]
pub struct KeyTable {
    /// `(key, index + 1)` per slot; index 0 marks an empty slot.
    slots: Vec<(u32, u32)>,
    mask: usize,
}

impl KeyTable {
    pub fn new(keys: Vec<u32>) -> Self {
        let cap = (keys.len() * 2).next_power_of_two().max(16);
        let mask = cap - 1;
        let mut slots = vec![(0u32, 0u32); cap];
        for (i, &k) in keys.iter().enumerate() {
            let mut s = slot(k) & mask;
            while slots[s].1 != 0 {
                s = (s + 1) & mask;
            }
            slots[s] = (k, i as u32 + 1);
        }
        Self { slots, mask }
    }

    #[inline]
    pub fn find(&self, key: u32) -> Option<u32> {
        let mut s = slot(key) & self.mask;
        loop {
            let (k, v) = self.slots[s];
            if v == 0 {
                return None;
            }
            if k == key {
                return Some(v - 1);
            }
            s = (s + 1) & self.mask;
        }
    }
}

#[inline]
fn slot(key: u32) -> usize {
    (key.wrapping_mul(0x9E37_79B9) >> 7) as usize
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
    mask: usize,
}

impl WeightTable {
    /// `keys` unique; `weights` row-major, `keys.len() × n_tags`. Stored as
    /// `i8` when every weight fits, else as `i16`.
    pub fn new(keys: &[u32], weights: &[i16], n_tags: usize) -> Self {
        let wide = weights.iter().any(|&w| !(-128..=127).contains(&w));
        let bytes = if wide { 2 } else { 1 };
        let width = (5 + n_tags * bytes).next_multiple_of(16);
        let cap = (keys.len() * 2).next_power_of_two().max(16);
        let mask = cap - 1;
        let mut slots = vec![0u8; cap * width];
        for (i, &k) in keys.iter().enumerate() {
            let mut s = slot(k) & mask;
            while slots[s * width + 4] != 0 {
                s = (s + 1) & mask;
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
        Self { slots, width, n_tags, wide, mask }
    }

    /// Adds the weight row of `key`, if stored, to `acc` (`n_tags` long).
    #[inline]
    pub fn add_row(&self, key: u32, acc: &mut [i32]) {
        let mut s = slot(key) & self.mask;
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
            s = (s + 1) & self.mask;
        }
    }
}
