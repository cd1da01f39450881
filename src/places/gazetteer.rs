//! The compiled gazetteer file (`model/gazetteer.bin`) and lookups in it.
//!
//! # Format (version [`FORMAT_VERSION`], all integers little-endian)
//!
//! ```text
//! header (HEADER_LEN = 56 bytes)
//!   0  magic  b"AAGZ"
//!   4  u32    format version
//!   8  u32    CRC-32 (IEEE) of every byte after the header
//!  12  u32    number of place records
//!  16  5 × (u32 offset, u32 length) from the start of the file:
//!             records, names, lists, codes, fst
//! records  RECORD_LEN (20) bytes each:
//!   0 i16 lat, 2 i16 lon  (hundredths of a degree, ≈ 1 km)
//!   4 u32 GeoNames id (0: none)   8 u32 population (0: unknown)
//!  12 u32 end of the display name in `names` (it starts where the previous record's ends)
//!  16 u8  country: index into `codes`   17 u8 kind (see [`Kind`]) | 0x80 if a national capital
//!  18 u16 parent: record index of the first-level region containing it, 0xFFFF: none
//! names    UTF-8 display names, concatenated in record order
//! lists    u32 words: [count, entry, entry, …] for names with several candidates
//! codes    ISO 3166-1 alpha-2 codes, 2 bytes each ("  " for none)
//! fst      an `fst::Map`: normalized name (see [`normalize`]) → value
//!            value < 2^32: one candidate entry; value ≥ 2^32: (value − 2^32) is the
//!            byte offset of a list in `lists`.
//!          candidate entry = record index | how-matched << 16
//! ```
//!
//! Loading checks the magic, version, section bounds and checksum and every
//! record, then reads everything in place (no copy, no allocation beyond the
//! struct); lookups never panic on a corrupted file that passed those checks.

use crate::error::{Error, Result};
use fst::raw::Fst;

/// `b"AAGZ"`: article-annotator gazetteer.
pub const MAGIC: [u8; 4] = *b"AAGZ";
/// Bumped whenever the layout above changes.
pub const FORMAT_VERSION: u32 = 1;
/// Bytes before the first section.
pub const HEADER_LEN: usize = 56;
/// Bytes per place record.
pub const RECORD_LEN: usize = 20;
/// `parent` value meaning "no region".
pub const NO_PARENT: u16 = u16::MAX;
/// Largest number of records a file may hold (record indices are `u16`).
pub const MAX_RECORDS: usize = NO_PARENT as usize;
/// Sections in header order.
pub const SECTIONS: [&str; 5] = ["records", "names", "lists", "codes", "fst"];

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

/// A parsed gazetteer: a view into the file's bytes.
pub struct Gazetteer<'a> {
    fst: Fst<&'a [u8]>,
    records: &'a [u8],
    names: &'a [u8],
    lists: &'a [u8],
    codes: &'a [u8],
    len: usize,
}

impl std::fmt::Debug for Gazetteer<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gazetteer").field("records", &self.len).field("names", &self.fst.len()).finish()
    }
}

fn bad(msg: impl Into<String>) -> Error {
    Error::Model(format!("gazetteer: {}", msg.into()))
}

fn u16_at(b: &[u8], at: usize) -> u16 {
    b.get(at..at + 2).map_or(0, |s| u16::from_le_bytes([s[0], s[1]]))
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    b.get(at..at + 4).map_or(0, |s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

impl<'a> Gazetteer<'a> {
    /// Parses a gazetteer file (see the module docs).
    ///
    /// Errors: [`Error::Model`] naming the problem when the bytes are
    /// truncated, corrupted (checksum or structure) or of another format
    /// version.
    pub fn from_bytes(bytes: &'a [u8]) -> Result<Self> {
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
        let mut sections = [&bytes[..0]; 5];
        for (i, name) in SECTIONS.iter().enumerate() {
            let off = u32_at(bytes, 16 + 8 * i) as usize;
            let len = u32_at(bytes, 20 + 8 * i) as usize;
            sections[i] = off
                .checked_add(len)
                .and_then(|end| bytes.get(off..end))
                .filter(|_| off >= HEADER_LEN)
                .ok_or_else(|| bad(format!("{name} section out of bounds (truncated file?)")))?;
        }
        let crc = crc32fast::hash(&bytes[HEADER_LEN..]);
        if crc != u32_at(bytes, 8) {
            return Err(bad("checksum mismatch (corrupted or truncated file)"));
        }
        let [records, names, lists, codes, fst_bytes] = sections;
        let len = u32_at(bytes, 12) as usize;
        if len > MAX_RECORDS || records.len() != len * RECORD_LEN {
            return Err(bad("record table size does not match the record count"));
        }
        if codes.len() % 2 != 0 || lists.len() % 4 != 0 {
            return Err(bad("codes or lists section has a partial entry"));
        }
        let fst = Fst::new(fst_bytes).map_err(|e| bad(format!("name index: {e}")))?;
        let g = Gazetteer { fst, records, names, lists, codes, len };
        g.check_records()?;
        Ok(g)
    }

    fn check_records(&self) -> Result<()> {
        let mut start = 0usize;
        for i in 0..self.len {
            let r = &self.records[i * RECORD_LEN..(i + 1) * RECORD_LEN];
            let end = u32_at(r, 12) as usize;
            let name = self.names.get(start..end).ok_or_else(|| bad(format!("record {i}: name out of bounds")))?;
            std::str::from_utf8(name).map_err(|_| bad(format!("record {i}: name is not UTF-8")))?;
            start = end;
            if (r[16] as usize) * 2 + 2 > self.codes.len() {
                return Err(bad(format!("record {i}: country index out of range")));
            }
            if Kind::from_u8(r[17] & 0x7F).is_none() {
                return Err(bad(format!("record {i}: unknown kind {}", r[17] & 0x7F)));
            }
            let parent = u16_at(r, 18);
            if parent != NO_PARENT && parent as usize >= self.len {
                return Err(bad(format!("record {i}: parent out of range")));
            }
        }
        if std::str::from_utf8(self.codes).is_err() {
            return Err(bad("country codes are not UTF-8"));
        }
        Ok(())
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
        self.fst.len()
    }

    /// The record at `index`, `None` past the end.
    pub fn record(&self, index: u32) -> Option<Record<'a>> {
        let i = index as usize;
        if i >= self.len {
            return None;
        }
        let r = &self.records[i * RECORD_LEN..(i + 1) * RECORD_LEN];
        let start = if i == 0 { 0 } else { u32_at(self.records, (i - 1) * RECORD_LEN + 12) as usize };
        let end = u32_at(r, 12) as usize;
        let name = self.names.get(start..end).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or("");
        let c = r[16] as usize * 2;
        let country = self.codes.get(c..c + 2).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or("").trim();
        let parent = u16_at(r, 18);
        Some(Record {
            index,
            name,
            kind: Kind::from_u8(r[17] & 0x7F).unwrap_or(Kind::City),
            capital: r[17] & 0x80 != 0,
            country,
            lat: f64::from(u16_at(r, 0) as i16) / 100.0,
            lon: f64::from(u16_at(r, 2) as i16) / 100.0,
            geonames_id: u32_at(r, 4),
            population: u32_at(r, 8),
            parent: (parent != NO_PARENT).then_some(u32::from(parent)),
        })
    }

    /// Candidates for an already [`normalize`]d name, best prior first (the
    /// order the compiler stored: kind, then population). Empty when unknown.
    pub fn lookup_normalized(&self, key: &str) -> Vec<Candidate> {
        let Some(out) = self.fst.get(key.as_bytes()) else { return Vec::new() };
        let value = out.value();
        let entry = |e: u32| {
            let record = e & 0xFFFF;
            let how = How::from_u8((e >> 16) as u8)?;
            ((record as usize) < self.len).then_some(Candidate { record, how })
        };
        if value < 1 << 32 {
            return entry(value as u32).into_iter().collect();
        }
        let off = (value - (1 << 32)) as usize;
        let count = u32_at(self.lists, off) as usize;
        (0..count.min(self.lists.len() / 4)).filter_map(|k| entry(u32_at(self.lists, off + 4 + 4 * k))).collect()
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
        use fst::Streamer;
        let mut stream = self.fst.stream();
        while let Some((key, _)) = stream.next() {
            let Ok(name) = std::str::from_utf8(key) else { continue };
            f(name, &self.lookup_normalized(name));
        }
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
        let mut node = self.fst.root();
        for b in key {
            match node.find_input(b) {
                Some(i) => node = self.fst.node(node.transition(i).addr),
                None => return false,
            }
        }
        true
    }
}

/// The normalized form every name is stored and looked up under: Unicode
/// compatibility decomposition with combining marks removed (`São` → `sao`),
/// a few letters without a decomposition folded (`ø` → `o`, `ß` → `ss`),
/// lower case, full stops removed (`U.S.` → `us`), curly apostrophes made
/// straight, and runs of white space and hyphens collapsed to one space.
pub fn normalize(name: &str) -> String {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::with_capacity(name.len());
    let mut space = false;
    for c in name.nfkd() {
        if is_combining_mark(c) || c == '.' {
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
        assert_eq!(normalize(""), "");
    }
}
