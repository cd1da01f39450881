//! The annotated document, as the pipeline stages build it.
//!
//! Every span here is a [`ByteSpan`] into [`Document::text`] (UTF-8 bytes,
//! end-exclusive). Lists are sorted by start offset. [`crate::api`] turns a
//! `Document` into the published JSON schema, converting offsets once.

use crate::span::{ByteSpan, TokenSpan};
use crate::text::{Paragraph, Sentence, Token};
use serde::Serialize;

/// Entity type of a mention, CoNLL-2003 style.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Label {
    #[serde(rename = "PER")]
    Per,
    #[serde(rename = "ORG")]
    Org,
    #[serde(rename = "LOC")]
    Loc,
    #[serde(rename = "MISC")]
    Misc,
}

impl Label {
    pub const ALL: [Label; 4] = [Label::Per, Label::Org, Label::Loc, Label::Misc];

    pub fn as_str(self) -> &'static str {
        match self {
            Label::Per => "PER",
            Label::Org => "ORG",
            Label::Loc => "LOC",
            Label::Misc => "MISC",
        }
    }

    /// Parses `PER`/`ORG`/`LOC`/`MISC` (case-insensitive).
    pub fn parse(s: &str) -> Option<Label> {
        Label::ALL.into_iter().find(|l| l.as_str().eq_ignore_ascii_case(s))
    }
}

/// A name in the text.
#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    pub span: ByteSpan,
    pub tokens: TokenSpan,
    pub label: Label,
    /// Index into [`Document::entities`].
    pub entity: u32,
    /// Calibrated confidence in `0..=1` that the mention is right (span and
    /// label): see [`crate::ner::Tagger::tag`].
    pub score: f32,
}

impl Mention {
    /// Scores under this: the model thinks the mention more likely wrong than right.
    pub const UNSURE_BELOW: f32 = 0.5;

    /// Whether the model is unsure of this mention ([`Mention::UNSURE_BELOW`]);
    /// the HTML report and the page draw such mentions dashed, with a `?`.
    pub fn is_unsure(&self) -> bool {
        self.score < Self::UNSURE_BELOW
    }
}

/// A real-world place a mention refers to.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Place {
    pub name: String,
    /// `"country"`, `"region"`, `"city"`, …
    pub kind: String,
    /// ISO 3166-1 alpha-2 code.
    pub country: String,
    pub lat: f64,
    pub lon: f64,
    /// GeoNames id; 0 for the few regions the source data gives none.
    pub geonames_id: u32,
    /// Inhabitants; 0 when unknown (regions).
    pub population: u64,
    /// Confidence in `0..=1` that this is the place meant: 1 when the name
    /// has one candidate, lower when the text does not settle between several.
    pub score: f32,
}

/// One person, organisation, place or other named thing, with all its mentions.
#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    pub label: Label,
    /// Canonical name: the fullest form among the mentions.
    pub name: String,
    /// Indices into [`Document::mentions`], ascending.
    pub mentions: Vec<u32>,
    pub place: Option<Place>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    Direct,
    Partial,
    Indirect,
}

/// Something a source said, with who said it when known.
#[derive(Clone, Debug, PartialEq)]
pub struct Quote {
    pub span: ByteSpan,
    pub kind: QuoteKind,
    pub speaker: Option<ByteSpan>,
    /// Index into [`Document::entities`] of the speaker, when resolved.
    pub entity: Option<u32>,
    pub cue: Option<ByteSpan>,
}

/// The result of annotating one text.
#[derive(Clone, Debug, Default)]
pub struct Document {
    pub text: String,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    pub paragraphs: Vec<Paragraph>,
    pub mentions: Vec<Mention>,
    pub entities: Vec<Entity>,
    pub quotes: Vec<Quote>,
    /// Set when the text was extracted from HTML: the map back to DOM text
    /// nodes (for anchors) and article metadata.
    pub html: Option<Box<crate::html::HtmlLayer>>,
}
