//! An open-addressing index over sorted 32-bit keys, built once at model load.

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
