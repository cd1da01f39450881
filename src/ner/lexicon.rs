//! The word table embedded in the model: Brown-cluster ids, capitalisation and
//! frequency buckets, gazetteer flags (also for multi-word place names) and
//! the entity-type prior from word vectors.
//!
//! Stored as sorted 32-bit string hashes ([`super::features::lex_key`]) with one
//! 32-bit value each; no words are stored. Value layout:
//!
//! | bits | meaning |
//! |---|---|
//! | 0..11 | Brown cluster id + 1 of this exact (case-sensitive) form, 0 if none |
//! | 11..14 | capitalisation bucket of the lower-cased form (0 unknown, 1 always lower … 5 always capitalised) |
//! | 14..16 | frequency bucket of the lower-cased form |
//! | 16..23 | gazetteer types ([`GAZ_BITS`] bits, see [`GAZ_NAMES`]) |
//! | 23 | a later (not the first) word of a multi-word gazetteer entry |
//! | 24 | a multi-word gazetteer entry starts with this word |
//! | 25 | this key is a multi-word gazetteer entry |
//! | 26..29 | entity-type prior from word vectors: likeliest class of the word's nearest neighbours (1 PER, 2 ORG, 3 LOC, 4 MISC, 5 none; 0 no prior) |
//! | 29..31 | that class's probability bucket (< 0.5, < 0.7, < 0.9, ≥ 0.9) |

use super::features::{hash_str, lex_key};
use super::table::KeyTable;

pub const GAZ_BITS: u32 = 7;
/// Names of the gazetteer bits, in bit order.
pub const GAZ_NAMES: [&str; GAZ_BITS as usize] =
    ["country", "city", "region", "first-name", "last-name", "continent", "nationality"];
pub const PHRASE_INNER: u32 = 1 << 23;
pub const PHRASE_START: u32 = 1 << 24;
pub const PHRASE_ENTRY: u32 = 1 << 25;
/// Longest multi-word gazetteer entry, in tokens.
pub const MAX_PHRASE: usize = 5;

#[derive(Clone, Debug)]
pub struct Lexicon {
    table: KeyTable,
    len: usize,
    /// Per cluster: hashes of its bit-path prefixes ([`super::features::CLUSTER_PREFIXES`]).
    prefix_hashes: Vec<[u64; 4]>,
}

impl Lexicon {
    /// `keys` sorted ascending and unique; `paths` are Brown-cluster bit strings.
    pub fn new(keys: Vec<u32>, vals: Vec<u32>, paths: &[String]) -> Self {
        let prefix_hashes = paths
            .iter()
            .map(|p| {
                let mut a = [0u64; 4];
                for (i, &k) in super::features::CLUSTER_PREFIXES.iter().enumerate() {
                    a[i] = hash_str(k as u64, &p[..k.min(p.len())]);
                }
                a
            })
            .collect();
        Self { table: KeyTable::new(&keys, &vals), len: vals.len(), prefix_hashes }
    }

    /// The value stored for `s`, 0 if none.
    #[inline]
    pub fn get(&self, s: &str) -> u32 {
        self.table.get(lex_key(s))
    }

    /// Cluster id + 1 of this exact form.
    #[inline]
    pub fn cluster(&self, s: &str) -> Option<u16> {
        self.cluster_of(self.get(s))
    }

    /// The cluster id + 1 in a lexicon value.
    #[inline]
    pub fn cluster_of(&self, value: u32) -> Option<u16> {
        let c = (value & 0x7FF) as u16;
        (c != 0 && (c as usize) <= self.prefix_hashes.len()).then_some(c)
    }

    #[inline]
    pub fn cluster_prefix_hashes(&self, id: u16) -> &[u64] {
        self.prefix_hashes.get(id as usize).map_or(&[], |a| &a[..])
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}
