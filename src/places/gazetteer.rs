//! The compiled gazetteer file (`model/gazetteer.bin`) and lookups in it.
//!
//! # Format (version [`FORMAT_VERSION`], all integers little-endian)
//!
//! ```text
//! header (HEADER_LEN = 40 bytes)
//!   0  magic  b"AAGZ"
//!   4  u32    format version
//!   8  u32    CRC-32 (IEEE) of every byte after this field (the rest of
//!             the header and the body)
//!  12  u32    n: place records          16  u32  k: names (keys)
//!  20  u32    c: candidate entries      24  u32  country codes
//!  28  u32    bytes of display names    32  u32  bytes of the name index
//!  36  u32    length of the body once decompressed
//! body: the record columns that hardly compress (RAW_COLUMNS bytes per
//! record) as they are, then an LZ stream ([`super::lz`]) of the rest; a
//! column of multi-byte integers is stored byte plane by byte plane (all low
//! bytes, then all next bytes, …), which compresses far better than whole
//! records. Sections, back to back:
//!   records  columns of n, stored: lat i16, lon i16 (hundredths of a degree,
//!            ≈ 1 km), GeoNames id bytes 0–1, country u8 (index into codes);
//!            compressed: GeoNames id bytes 2–3 (id 0: none), population u32
//!            (0: unknown), parent u16 (record index of the first-level region
//!            containing it, 0xFFFF: none), kind u8 (see [`Kind`]) | 0x80 if a
//!            national capital, display-name length u8 (0: not stored, the
//!            name is derived from the index, see below)
//!   names    UTF-8 display names, concatenated in record order, except
//!            those derived: a record with name length 0 is named by the
//!            first index name (in index order) that lists it as how-matched
//!            Name, each word's first letter in capitals ("new york" → "New
//!            York"); the compiler leaves out exactly the names that rule
//!            gives back
//!   codes    ISO 3166-1 alpha-2 codes, 2 bytes each ("  " for none)
//!   index    the k normalized names (see [`normalize`]) in strictly
//!            increasing byte order, front-coded: per name u8 bytes shared
//!            with the previous name (0 for every BLOCK-th name), u8 length
//!            of the rest, the rest
//!   counts   k × u8: candidate entries of each name, in index order
//!   entries  columns of c: record index u16, how-matched u8 (see [`How`]);
//!            each name's entries best prior first
//! ```
//!
//! Loading checks the magic, version, lengths and checksum, decompresses the body
//! into one allocation and checks every record, entry and the bounds of every
//! name; lookups never panic on a corrupted file that passed those checks
//! (the compiler writes names in order; the checksum guards that order). A name is found
//! by binary search over the first name of each block, then a scan of at most
//! [`BLOCK`] names.

use crate::error::{Error, Result};

/// `b"AAGZ"`: article-annotator gazetteer.
pub const MAGIC: [u8; 4] = *b"AAGZ";
/// Bumped whenever the layout above changes (1: uncompressed records and an
/// FST name index; 2: LZ-compressed columns and a front-coded index).
pub const FORMAT_VERSION: u32 = 2;
/// Bytes before the body.
pub const HEADER_LEN: usize = 40;
/// Names per block of the front-coded index.
pub const BLOCK: usize = 32;
/// `parent` value meaning "no region".
pub const NO_PARENT: u16 = u16::MAX;
/// Largest number of records a file may hold (record indices are `u16`).
pub const MAX_RECORDS: usize = NO_PARENT as usize;
/// Bytes of the record columns per record (lat 2, lon 2, id 4, population 4,
/// parent 2, country 1, kind 1, name length 1).
pub const RECORD_COLUMNS: usize = 17;
/// Of those, bytes per record stored as they are, before the LZ stream
/// (lat, lon, id bytes 0–1, country: nearly random bytes, which hardly
/// compress).
pub const RAW_COLUMNS: usize = 7;
/// Largest decompressed body accepted (a guard against a corrupted length).
const MAX_BODY: usize = 64 << 20;

/// What kind of place a record is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum Kind {
    Country = 0,
    /// A first-level subdivision: US state, UK nation, Chinese province, …
    Region = 1,
    City = 2,
    Continent = 3,
}

impl Kind {
    pub fn from_u8(b: u8) -> Option<Kind> {
        match b {
            0 => Some(Kind::Country),
            1 => Some(Kind::Region),
            2 => Some(Kind::City),
            3 => Some(Kind::Continent),
            _ => None,
        }
    }

    /// The schema's `place.kind` string.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Country => "country",
            Kind::Region => "region",
            Kind::City => "city",
            Kind::Continent => "continent",
        }
    }
}

/// How a name matched a record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum How {
    /// The record's own name (GeoNames or ISO short name).
    Name = 0,
    /// An alternate or official name, an English short form or a former name.
    Alternate = 1,
    /// A code or abbreviation: `USA`, `Fla.`, `TX`.
    Abbreviation = 2,
    /// A nationality adjective or demonym: `Russian`, `Russians` → Russia.
    Demonym = 3,
}

impl How {
    pub fn from_u8(b: u8) -> Option<How> {
        match b {
            0 => Some(How::Name),
            1 => Some(How::Alternate),
            2 => Some(How::Abbreviation),
            3 => Some(How::Demonym),
            _ => None,
        }
    }
}

/// One place record, borrowed from the gazetteer bytes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Record<'a> {
    /// Index of the record in the file (stable for one file).
    pub index: u32,
    pub name: &'a str,
    pub kind: Kind,
    /// A national capital (from GeoNames' country table).
    pub capital: bool,
    /// ISO 3166-1 alpha-2 code; empty for continents.
    pub country: &'a str,
    /// Degrees, rounded to hundredths.
    pub lat: f64,
    pub lon: f64,
    /// 0 when the place has no GeoNames id in the source data.
    pub geonames_id: u32,
    /// 0 when unknown (regions: the source data has no figure).
    pub population: u32,
    /// Record index of the first-level region that contains this place.
    pub parent: Option<u32>,
}

/// A record a name can refer to, and how the name matched it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Candidate {
    pub record: u32,
    pub how: How,
}

/// A parsed gazetteer: the decompressed body and small tables derived from it on
/// load (where each display name ends, where each block of the name index
/// starts, where each name's entries start).
pub struct Gazetteer {
    body: Vec<u8>,
    /// Place records (n).
    len: usize,
    /// Body offsets of the sections after the record columns.
    names: usize,
    codes: usize,
    codes_len: usize,
    index: usize,
    index_len: usize,
    entries: usize,
    /// Number of candidate entries (c).
    entry_count: usize,
    /// Start and end of each record's display name in `body` (names derived
    /// from the index are appended to the body on load).
    name_spans: Vec<[u32; 2]>,
    /// Body offset of the first name of each index block.
    heads: Vec<u32>,
    /// First entry of each name, and one past the last name's entries.
    entry_starts: Vec<u32>,
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gazetteer").field("records", &self.len).field("names", &self.name_count()).finish()
    }
}

fn bad(msg: impl Into<String>) -> Error {
    Error::Model(format!("gazetteer: {}", msg.into()))
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    b.get(at..at + 4).map_or(0, |s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

/// Byte `i` of each of `planes` planes of `n` bytes starting at `off`, as one
/// little-endian integer (0 past the end).
fn planes(b: &[u8], off: usize, n: usize, planes: usize, i: usize) -> u32 {
    (0..planes).fold(0, |v, p| v | u32::from(b.get(off + p * n + i).copied().unwrap_or(0)) << (8 * p))
}

/// Where each record column starts in the body, in units of n (the record
/// count): lat, lon, id bytes 0–1, country, id bytes 2–3, population,
/// parent, kind, name length.
const LAT: usize = 0;
const LON: usize = 2;
const ID_LOW: usize = 4;
const COUNTRY: usize = 6;
const ID_HIGH: usize = 7;
const POPULATION: usize = 9;
const PARENT: usize = 13;
const KIND: usize = 15;
const NAME_LEN: usize = 16;

impl Gazetteer {
    /// Parses a gazetteer file (see the module docs).
    ///
    /// Errors: [`Error::Model`] naming the problem when the bytes are
    /// truncated, corrupted (checksum or structure) or of another format
    /// version.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        if bytes.len() < HEADER_LEN {
            return Err(bad(format!(
                "file is {} bytes, shorter than the {HEADER_LEN}-byte header (truncated?)",
                bytes.len()
            )));
        }
        if bytes[..4] != MAGIC {
            return Err(bad("not a gazetteer file (bad magic bytes)"));
        }
        let version = u32_at(bytes, 4);
        if version != FORMAT_VERSION {
            return Err(bad(format!("format version {version}, this build reads version {FORMAT_VERSION}")));
        }
        let crc = crc32fast::hash(&bytes[12..]);
        if crc != u32_at(bytes, 8) {
            return Err(bad("checksum mismatch (corrupted or truncated file)"));
        }
        let field = |k: usize| u32_at(bytes, 12 + 4 * k) as usize;
        let [len, keys, entry_count, code_count, names_len, index_len, body_len] = std::array::from_fn(field);
        if len > MAX_RECORDS {
            return Err(bad(format!("{len} records, the format holds {MAX_RECORDS}")));
        }
        // The sections must add up to the body length (summed in 64 bits: no
        // overflow on 32-bit targets); then every offset below is in bounds.
        let total: u64 =
            [(len, RECORD_COLUMNS), (names_len, 1), (code_count, 2), (index_len, 1), (keys, 1), (entry_count, 3)]
                .iter()
                .map(|&(count, size)| count as u64 * size as u64)
                .sum();
        if body_len > MAX_BODY || total != body_len as u64 {
            return Err(bad(format!("section lengths do not add up to the body length {body_len} (corrupted file)")));
        }
        let names = len * RECORD_COLUMNS;
        let codes = names + names_len;
        let index = codes + 2 * code_count;
        let counts = index + index_len;
        let entries = counts + keys;
        let raw = RAW_COLUMNS * len;
        let stored = bytes
            .get(HEADER_LEN..HEADER_LEN + raw)
            .ok_or_else(|| bad("file ends inside the record columns (truncated file?)"))?;
        // Room for the derived display names too (`derive_names`).
        let mut body = Vec::with_capacity(body_len + body_len / 4);
        body.extend_from_slice(stored);
        super::lz::decompress_into(&bytes[HEADER_LEN + raw..], &mut body, body_len).map_err(|why| {
            bad(format!("body does not decompress to the {body_len} bytes the header says ({why}): corrupted file"))
        })?;
        let mut g = Gazetteer {
            body,
            len,
            names,
            codes,
            codes_len: 2 * code_count,
            index,
            index_len,
            entries,
            entry_count,
            name_spans: Vec::new(),
            heads: Vec::new(),
            entry_starts: Vec::new(),
        };
        g.check_records(names_len)?;
        g.check_entries(counts, keys)?;
        g.check_index_and_derive_names(keys)?;
        Ok(g)
    }

    /// Column `col` (in units of n) of the record table.
    fn column(&self, col: usize, planes: usize) -> &[u8] {
        &self.body[col * self.len..(col + planes) * self.len]
    }

    fn check_records(&mut self, names_len: usize) -> Result<()> {
        let n = self.len;
        let codes = &self.body[self.codes..self.codes + self.codes_len];
        if std::str::from_utf8(codes).is_err() {
            return Err(bad("country codes are not UTF-8"));
        }
        let first_bad = |col: &[u8], ok: &dyn Fn(u8) -> bool| col.iter().position(|&b| !ok(b));
        if let Some(i) = first_bad(self.column(COUNTRY, 1), &|c| usize::from(c) * 2 + 2 <= codes.len()) {
            return Err(bad(format!("record {i}: country index out of range")));
        }
        if let Some(i) = first_bad(self.column(KIND, 1), &|k| Kind::from_u8(k & 0x7F).is_some()) {
            return Err(bad(format!("record {i}: unknown kind {}", self.body[KIND * n + i] & 0x7F)));
        }
        let parents = self.column(PARENT, 2);
        let (lo, hi) = parents.split_at(n);
        if let Some(i) = (0..n).find(|&i| {
            let p = usize::from(lo[i]) | usize::from(hi[i]) << 8;
            p != usize::from(NO_PARENT) && p >= n
        }) {
            return Err(bad(format!("record {i}: parent out of range")));
        }
        // Display names: the stored ones' lengths fill the section (each is
        // checked to be UTF-8 when read: a name that is not reads as "");
        // length 0 marks a name derived from the index (`derive_names`).
        let mut end = self.names as u32;
        let spans: Vec<[u32; 2]> = self
            .column(NAME_LEN, 1)
            .iter()
            .map(|&len| {
                end += u32::from(len);
                [end - u32::from(len), end]
            })
            .collect();
        if end as usize != self.names + names_len {
            return Err(bad("display names do not fill their section"));
        }
        self.name_spans = spans;
        Ok(())
    }

    fn check_entries(&mut self, counts: usize, keys: usize) -> Result<()> {
        let mut total = 0u32;
        let mut starts = Vec::with_capacity(keys + 1);
        for &count in &self.body[counts..counts + keys] {
            starts.push(total);
            total += u32::from(count);
        }
        starts.push(total);
        self.entry_starts = starts;
        let c = self.entry_count;
        if total as usize != c {
            return Err(bad("entry counts do not add up to the entries stored"));
        }
        let e = &self.body[self.entries..self.entries + 3 * c];
        let (lo, rest) = e.split_at(c);
        let (hi, how) = rest.split_at(c);
        if let Some(i) = (0..c).find(|&i| usize::from(lo[i]) | usize::from(hi[i]) << 8 >= self.len) {
            return Err(bad(format!("entry {i}: record out of range")));
        }
        if let Some(i) = how.iter().position(|&h| How::from_u8(h).is_none()) {
            return Err(bad(format!("entry {i}: unknown how")));
        }
        Ok(())
    }

    /// Walks the front-coded index once: every name within bounds, every
    /// block start unshared, no name sharing more than the previous one has;
    /// and derives the display names not stored: a record whose name-length
    /// byte is 0 is named by the first index name (in index order) listing it
    /// as its own name (`How::Name`), with the first letter of each word in
    /// capitals ("new york" → "New York"). The compiler stores every other name.
    fn check_index_and_derive_names(&mut self, keys: usize) -> Result<()> {
        let n = self.len;
        let index = &self.body[self.index..self.index + self.index_len];
        let c = self.entry_count;
        let entries = &self.body[self.entries..self.entries + 3 * c];
        let (lo, rest) = entries.split_at(c);
        let (hi, how) = rest.split_at(c);
        let mut pending: Vec<bool> = self.column(NAME_LEN, 1).iter().map(|&len| len == 0).collect();
        let mut derived: Vec<u8> = Vec::with_capacity(self.index_len);
        let mut spans: Vec<(usize, [u32; 2])> = Vec::with_capacity(n);
        let mut heads = Vec::with_capacity(keys / BLOCK + 1);
        let mut key: Vec<u8> = Vec::with_capacity(512);
        let mut at = 0usize;
        for k in 0..keys {
            let (Some(&shared), Some(&rest)) = (index.get(at), index.get(at + 1)) else {
                return Err(bad(format!("name index: name {k} out of bounds")));
            };
            let (shared, rest) = (usize::from(shared), usize::from(rest));
            if k % BLOCK == 0 {
                if shared != 0 {
                    return Err(bad(format!("name index: block start {k} shares a prefix")));
                }
                heads.push((self.index + at) as u32);
            }
            let tail = index
                .get(at + 2..at + 2 + rest)
                .filter(|_| shared <= key.len())
                .ok_or_else(|| bad(format!("name index: name {k} out of bounds")))?;
            key.truncate(shared);
            key.extend_from_slice(tail);
            at += 2 + rest;
            for e in self.entry_starts[k] as usize..self.entry_starts[k + 1] as usize {
                let r = usize::from(lo[e]) | usize::from(hi[e]) << 8;
                if how[e] != How::Name as u8 || r >= n || !pending[r] {
                    continue;
                }
                pending[r] = false;
                let start = derived.len();
                derived.extend_from_slice(&key);
                let mut word_start = true;
                for b in &mut derived[start..] {
                    if word_start {
                        b.make_ascii_uppercase();
                    }
                    word_start = *b == b' ';
                }
                spans.push((r, [start as u32, derived.len() as u32]));
            }
        }
        if at != index.len() {
            return Err(bad("name index has bytes after its last name"));
        }
        self.heads = heads;
        let base = self.body.len() as u32;
        self.body.extend_from_slice(&derived);
        for (r, [start, end]) in spans {
            self.name_spans[r] = [base + start, base + end];
        }
        Ok(())
    }

    fn entry(&self, e: usize) -> std::result::Result<Candidate, &'static str> {
        let c = self.entry_count;
        let record = planes(&self.body, self.entries, c, 2, e);
        let how =
            How::from_u8(self.body.get(self.entries + 2 * c + e).copied().unwrap_or(u8::MAX)).ok_or("unknown how")?;
        if record as usize >= self.len {
            return Err("record out of range");
        }
        Ok(Candidate { record, how })
    }

    /// Number of place records.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Number of distinct normalized names.
    pub fn name_count(&self) -> usize {
        self.entry_starts.len().saturating_sub(1)
    }

    /// The record at `index`, `None` past the end.
    pub fn record(&self, index: u32) -> Option<Record<'_>> {
        let i = index as usize;
        if i >= self.len {
            return None;
        }
        let (b, n) = (&self.body[..], self.len);
        let [start, end] = self.name_spans[i];
        let name = b.get(start as usize..end as usize).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or("");
        let c = self.codes + usize::from(b[COUNTRY * n + i]) * 2;
        let country = b.get(c..c + 2).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or("").trim();
        let parent = planes(b, PARENT * n, n, 2, i);
        let kind = b[KIND * n + i];
        Some(Record {
            index,
            name,
            kind: Kind::from_u8(kind & 0x7F).unwrap_or(Kind::City),
            capital: kind & 0x80 != 0,
            country,
            lat: f64::from(planes(b, LAT * n, n, 2, i) as u16 as i16) / 100.0,
            lon: f64::from(planes(b, LON * n, n, 2, i) as u16 as i16) / 100.0,
            geonames_id: planes(b, ID_LOW * n, n, 2, i) | planes(b, ID_HIGH * n, n, 2, i) << 16,
            population: planes(b, POPULATION * n, n, 4, i),
            parent: (parent != u32::from(NO_PARENT)).then_some(parent),
        })
    }

    /// Calls `f(rank, name)` for the names of the index from block `block`
    /// on, in order, until it returns `false`.
    fn scan(&self, block: usize, mut f: impl FnMut(usize, &[u8]) -> bool) {
        let Some(&head) = self.heads.get(block) else { return };
        let end = self.index + self.index_len;
        let mut at = head as usize;
        let mut key: Vec<u8> = Vec::with_capacity(64);
        let mut rank = block * BLOCK;
        while at + 2 <= end {
            let (shared, rest) = (usize::from(self.body[at]), usize::from(self.body[at + 1]));
            key.truncate(shared);
            key.extend_from_slice(self.body.get(at + 2..at + 2 + rest).unwrap_or(&[]));
            if !f(rank, &key) {
                return;
            }
            at += 2 + rest;
            rank += 1;
        }
    }

    /// The first block whose first name could be ≤ `key`.
    fn block_for(&self, key: &[u8]) -> usize {
        let head = |b: usize| {
            let at = self.heads[b] as usize;
            let rest = usize::from(self.body[at + 1]);
            self.body.get(at + 2..at + 2 + rest).unwrap_or(&[])
        };
        // Blocks whose first name is ≤ key come first.
        let (mut lo, mut hi) = (0usize, self.heads.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            if head(mid) <= key {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo.saturating_sub(1)
    }

    /// Rank and bytes of the first stored name ≥ `key`, passed to `f`.
    ///
    /// Front coding says how many bytes each name shares with the one
    /// before, and the one before shared `m` bytes with `key`: the first
    /// `min(shared, m)` bytes of a name are known to equal `key`'s, so the
    /// comparison starts after them (most names of a block differ from the
    /// previous one's comparison in a byte or two).
    fn lower_bound<T>(&self, key: &[u8], f: impl FnOnce(usize, &[u8]) -> T) -> Option<T> {
        let block = self.block_for(key);
        let mut at = *self.heads.get(block)? as usize;
        let end = self.index + self.index_len;
        let mut name: Vec<u8> = Vec::with_capacity(64);
        let mut rank = block * BLOCK;
        let mut m = 0usize;
        while at + 2 <= end {
            let (shared, rest) = (usize::from(self.body[at]), usize::from(self.body[at + 1]));
            name.truncate(shared);
            name.extend_from_slice(self.body.get(at + 2..at + 2 + rest).unwrap_or(&[]));
            let from = shared.min(m).min(name.len());
            m = from + name[from..].iter().zip(&key[from..]).take_while(|(a, b)| a == b).count();
            let less = match (name.get(m), key.get(m)) {
                (Some(a), Some(b)) => a < b,
                (None, Some(_)) => true,
                _ => false,
            };
            if !less {
                return Some(f(rank, &name));
            }
            at += 2 + rest;
            rank += 1;
        }
        None
    }

    /// The candidates of the name at `rank` in the index.
    fn candidates(&self, rank: usize) -> Vec<Candidate> {
        let (Some(&start), Some(&end)) = (self.entry_starts.get(rank), self.entry_starts.get(rank + 1)) else {
            return Vec::new();
        };
        (start as usize..end as usize).filter_map(|e| self.entry(e).ok()).collect()
    }

    /// Candidates for an already [`normalize`]d name, best prior first (the
    /// order the compiler stored: kind, then population). Empty when unknown.
    pub fn lookup_normalized(&self, key: &str) -> Vec<Candidate> {
        let key = key.as_bytes();
        self.lower_bound(key, |rank, name| if name == key { self.candidates(rank) } else { Vec::new() })
            .unwrap_or_default()
    }

    /// Candidates for a name as written (`"PARIS"`, `"São Paulo"`,
    /// `"the Netherlands"`, `"U.S."`). A leading "the" is dropped when the
    /// name with it is unknown. Empty when unknown.
    pub fn lookup(&self, name: &str) -> Vec<Candidate> {
        let key = normalize(name);
        let found = self.lookup_normalized(&key);
        if found.is_empty() {
            if let Some(rest) = key.strip_prefix("the ") {
                return self.lookup_normalized(rest);
            }
        }
        found
    }

    /// Calls `f` with every stored (normalized) name and its candidates, in
    /// byte order of the names: how the tagger's trainer takes its place
    /// features from this same file (one source of truth for place names).
    pub fn for_each_name(&self, mut f: impl FnMut(&str, &[Candidate])) {
        self.scan(0, |rank, key| {
            if let Ok(name) = std::str::from_utf8(key) {
                f(name, &self.candidates(rank));
            }
            true
        });
    }

    /// Whether `name` (as written) is a known place name or demonym: the
    /// membership test a tagger can use as a feature.
    pub fn contains(&self, name: &str) -> bool {
        !self.lookup(name).is_empty()
    }

    /// Whether some known name starts with the normalized `prefix` followed
    /// by a space: lets a tagger extend a multi-word match token by token.
    pub fn has_longer_name(&self, prefix: &str) -> bool {
        let mut key = normalize(prefix).into_bytes();
        key.push(b' ');
        self.lower_bound(&key, |_, name| name.starts_with(&key)).unwrap_or(false)
    }
}

/// The normalized form every name is stored and looked up under: Unicode
/// compatibility decomposition with combining marks removed (`São` → `sao`),
/// a few letters without a decomposition folded (`ø` → `o`, `ß` → `ss`),
/// lower case, full stops and soft hyphens removed (`U.S.` → `us`), curly apostrophes made
/// straight, and runs of white space and hyphens collapsed to one space.
pub fn normalize(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    // ASCII decomposes to itself: skip the decomposition.
    if name.is_ascii() {
        fold(name.chars(), name.len())
    } else {
        fold(name.nfkd(), name.len())
    }
}

/// [`normalize`] after the decomposition.
fn fold(chars: impl Iterator<Item = char>, len: usize) -> String {
    use unicode_normalization::char::is_combining_mark;
    let mut out = String::with_capacity(len);
    let mut space = false;
    for c in chars {
        if is_combining_mark(c) || c == '.' || c == '\u{00AD}' {
            continue;
        }
        if c.is_whitespace() || c == '-' || c == '‐' || c == '–' {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        match c {
            '’' | '‘' | 'ʼ' | '`' => out.push('\''),
            'ø' | 'Ø' => out.push('o'),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'ß' => out.push_str("ss"),
            'đ' | 'Đ' => out.push('d'),
            'ł' | 'Ł' => out.push('l'),
            'ı' => out.push('i'),
            'þ' | 'Þ' => out.push_str("th"),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn normalizes() {
        assert_eq!(normalize("São  Paulo"), "sao paulo");
        assert_eq!(normalize("U.S."), "us");
        assert_eq!(normalize("NAGORNO-KARABAKH"), "nagorno karabakh");
        assert_eq!(normalize("Łódź"), "lodz");
        assert_eq!(normalize("  Côte d’Ivoire "), "cote d'ivoire");
        assert_eq!(normalize("Tromsø"), "tromso");
        assert_eq!(normalize("Ger\u{ad}many"), "germany");
        assert_eq!(normalize(""), "");
    }
}
