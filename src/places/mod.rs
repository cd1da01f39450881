//! Places linked to the real world, offline.
//!
//! A compact gazetteer compiled from GeoNames and ISO 3166 data by
//! `tools/gazetteer` (`make gazetteer`) is embedded in the build
//! (`model/gazetteer.bin`, format in [`gazetteer`], compressed with [`lz`])
//! and decompressed and parsed once.
//!
//! [`link`] gives each `LOC` entity, and each `MISC` entity that is a
//! nationality adjective (`Russian` → Russia), a [`Place`](crate::Place) when the gazetteer
//! knows the name. Between several candidates it picks using the document:
//! - a place written right next to another ("Paris, Texas", "Paris, France")
//!   is read as inside it, and a town written next to a region that holds
//!   no town of that name ("Troy, Tennessee" when the gazetteer knows no
//!   Troy there) is left unlinked rather than linked to a namesake (not
//!   inside longer comma lists, where commas separate items);
//! - a region is preferred when places inside it are named in the text
//!   ("Georgia" with "Atlanta"), a place when its country is what the text
//!   is about ("Georgia" with "Tbilisi");
//! - otherwise the prior: countries before regions before cities, then
//!   population, own names before alternate names and abbreviations; a
//!   city written as a dateline at the start of a line is preferred over a
//!   region of the same name ("WASHINGTON (Reuters)").
//!
//! Towns under 50,000 are linked only with such support from the text, and
//! so are cities known only by an alternate name of several words unrelated
//! in spelling to their own (`White House` is an alternate name of
//! Casablanca in GeoNames; one-word alternates such as `Calcutta`, `Kiev`,
//! `Saigon` link on their own); without support such a city is no
//! candidate, and another reading may win.
//!
//! `Place::score` is the chosen candidate's share of a softmax over all
//! candidates' scores: 1 when the name has one candidate, lower when the
//! text does not settle it. Names the gazetteer does not know get no place:
//! nothing is invented.
//!
//! The same gazetteer serves other stages (one source of truth):
//! [`embedded`] returns the parsed gazetteer, whose
//! [`Gazetteer::lookup`], [`Gazetteer::contains`] and
//! [`Gazetteer::has_longer_name`] a tagger can use as features.

pub mod gazetteer;
mod link;
pub mod lz;

pub use gazetteer::{normalize, Candidate, Gazetteer, How, Kind, Record};
pub use link::{link, link_with};

use crate::error::Result;
use std::sync::OnceLock;

/// The gazetteer file this build embeds.
pub static EMBEDDED_GAZETTEER: &[u8] = include_bytes!("../../model/gazetteer.bin");

/// The embedded gazetteer, parsed on first use and shared afterwards.
///
/// Errors: [`crate::Error::Model`] if the embedded file is unusable (a
/// broken build; every call returns the same error).
pub fn embedded() -> Result<&'static Gazetteer> {
    static PARSED: OnceLock<Result<Gazetteer>> = OnceLock::new();
    PARSED.get_or_init(|| Gazetteer::from_bytes(EMBEDDED_GAZETTEER)).as_ref().map_err(Clone::clone)
}
