//! The published output schema (version [`SCHEMA_VERSION`]) and the one place
//! where byte offsets become the caller's unit.
//!
//! Plain serde types, natively testable; the wasm façade and the CLI both
//! serialize these. Field names and meanings are documented in the README and
//! in `embed/annotator.d.ts`; later versions may add fields but never change or
//! remove one without bumping [`SCHEMA_VERSION`].

use crate::document::{Document, Label, Place, QuoteKind};
use crate::span::ByteSpan;
use serde::Serialize;

/// Version of the JSON schema below.
pub const SCHEMA_VERSION: u32 = 1;

/// Unit of every `start`/`end` in the output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum OffsetUnit {
    /// UTF-16 code units: JavaScript string indices (`text.slice(start, end)`).
    #[default]
    Utf16,
    /// Unicode scalar values: Python `str` indices.
    Codepoint,
    /// UTF-8 bytes: Rust `str` indices.
    Utf8,
}

impl OffsetUnit {
    pub fn parse(s: &str) -> crate::Result<Self> {
        match s {
            "utf16" | "utf-16" => Ok(Self::Utf16),
            "codepoint" | "codepoints" => Ok(Self::Codepoint),
            "utf8" | "utf-8" | "byte" | "bytes" => Ok(Self::Utf8),
            other => Err(crate::Error::InvalidOption(format!(
                "offsets must be \"utf16\", \"codepoint\" or \"utf8\", not {other:?}"
            ))),
        }
    }
}

/// Converts UTF-8 byte offsets of one text to another unit.
///
/// Keeps a checkpoint every [`OffsetMap::BLOCK`] bytes, so a conversion costs
/// at most one block scan and the table is 1/64 of the text size.
pub struct OffsetMap<'t> {
    text: &'t [u8],
    unit: OffsetUnit,
    /// `checkpoints[b]` = units in all chars that start before byte `b * BLOCK`.
    checkpoints: Vec<u32>,
}

impl<'t> OffsetMap<'t> {
    const BLOCK: usize = 256;

    pub fn new(text: &'t str, unit: OffsetUnit) -> Self {
        let bytes = text.as_bytes();
        let mut checkpoints = Vec::new();
        if unit != OffsetUnit::Utf8 {
            checkpoints.reserve(bytes.len() / Self::BLOCK + 1);
            let mut units = 0u32;
            for chunk in bytes.chunks(Self::BLOCK) {
                checkpoints.push(units);
                units += chunk.iter().map(|&b| unit_weight(b, unit)).sum::<u32>();
            }
            checkpoints.push(units);
        }
        Self { text: bytes, unit, checkpoints }
    }

    /// Converts a byte offset (on a char boundary, `<= text.len()`).
    pub fn convert(&self, byte: u32) -> u32 {
        if self.unit == OffsetUnit::Utf8 {
            return byte;
        }
        let byte = (byte as usize).min(self.text.len());
        let block = byte / Self::BLOCK;
        let from = block * Self::BLOCK;
        self.checkpoints[block] + self.text[from..byte].iter().map(|&b| unit_weight(b, self.unit)).sum::<u32>()
    }

    pub fn span(&self, span: ByteSpan) -> Span {
        Span { start: self.convert(span.start), end: self.convert(span.end) }
    }
}

/// Units contributed by one UTF-8 byte: lead bytes count one char (and a
/// 4-byte lead a second UTF-16 unit); continuation bytes count nothing.
#[inline]
fn unit_weight(b: u8, unit: OffsetUnit) -> u32 {
    let lead = (b & 0xC0 != 0x80) as u32;
    match unit {
        OffsetUnit::Utf16 => lead + (b >= 0xF0) as u32,
        _ => lead,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

/// A slice of the document's text in the output: a JSON string, or `null`
/// in [`to_json_without_texts`]'s output. Reads as the `str` it holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slice<'a> {
    pub text: &'a str,
    /// Written as `null` (the caller has the text and fills it in).
    pub elided: bool,
}

impl std::ops::Deref for Slice<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        self.text
    }
}

impl Serialize for Slice<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.elided {
            s.serialize_none()
        } else {
            s.serialize_str(self.text)
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct TextSpan<'a> {
    pub start: u32,
    pub end: u32,
    pub text: Slice<'a>,
    /// HTML input only: where the span is in the DOM (see [`OutAnchor`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anchors: Option<Vec<OutAnchor<'a>>>,
}

/// Where (part of) a span lies in one DOM text node; HTML input only.
///
/// `path` is the list of child indices from the root `<html>` element
/// (`document.documentElement`) down to the text node, counting every child
/// node (elements, text, comments) as `childNodes` does. `start`/`end` are
/// offsets inside the node's `data`, in the document's offset unit (UTF-16
/// code units for JavaScript, so `Range.setStart(node, start)` is right).
/// `len` is the node's whole text length in that unit and `check` its first
/// 16 characters (Unicode scalar values): a host confirms
/// `node.data.length === len && node.data.startsWith(check)` before drawing.
#[derive(Clone, Debug, Serialize)]
pub struct OutAnchor<'a> {
    pub path: &'a [u32],
    pub start: u32,
    pub end: u32,
    pub len: u32,
    pub check: &'a str,
}

#[derive(Clone, Debug, Serialize)]
pub struct OutMention<'a> {
    pub start: u32,
    pub end: u32,
    pub text: Slice<'a>,
    pub label: Label,
    pub entity: u32,
    pub score: f32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anchors: Option<Vec<OutAnchor<'a>>>,
}

#[derive(Clone, Debug, Serialize)]
pub struct OutEntity<'a> {
    pub id: u32,
    pub label: Label,
    pub name: &'a str,
    pub mentions: &'a [u32],
    pub place: Option<&'a Place>,
}

#[derive(Clone, Debug, Serialize)]
pub struct OutQuote<'a> {
    pub start: u32,
    pub end: u32,
    pub text: Slice<'a>,
    pub kind: QuoteKind,
    pub speaker: Option<TextSpan<'a>>,
    pub entity: Option<u32>,
    pub cue: Option<TextSpan<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anchors: Option<Vec<OutAnchor<'a>>>,
}

/// The published document (schema version 1).
#[derive(Clone, Debug, Serialize)]
pub struct OutDocument<'a> {
    pub schema: u32,
    pub offsets: OffsetUnit,
    pub text: Slice<'a>,
    pub sentences: Vec<Span>,
    pub mentions: Vec<OutMention<'a>>,
    pub entities: Vec<OutEntity<'a>>,
    pub quotes: Vec<OutQuote<'a>>,
    /// HTML input only: anchors of each sentence, parallel to `sentences`.
    #[serde(rename = "sentenceAnchors", skip_serializing_if = "Option::is_none")]
    pub sentence_anchors: Option<Vec<Vec<OutAnchor<'a>>>>,
    /// Article mode only: the page's metadata.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article: Option<&'a crate::html::Article>,
}

/// Builds the published view of `doc` with offsets in `unit`.
pub fn to_output(doc: &Document, unit: OffsetUnit) -> OutDocument<'_> {
    output(doc, unit, false)
}

/// [`to_output`], every text field (the document's and each span's)
/// `elided` or not.
fn output(doc: &Document, unit: OffsetUnit, elided: bool) -> OutDocument<'_> {
    let map = OffsetMap::new(&doc.text, unit);
    let text = doc.text.as_str();
    let slice = |s: ByteSpan| Slice { text: s.slice(text), elided };
    let anchors = Anchors::new(doc.html.as_deref(), unit);
    let text_span = |s: ByteSpan| {
        let Span { start, end } = map.span(s);
        TextSpan { start, end, text: slice(s), anchors: anchors.of(s) }
    };
    OutDocument {
        schema: SCHEMA_VERSION,
        offsets: unit,
        text: Slice { text, elided },
        sentences: doc.sentences.iter().map(|s| map.span(s.span)).collect(),
        mentions: doc
            .mentions
            .iter()
            .map(|m| {
                let Span { start, end } = map.span(m.span);
                OutMention {
                    start,
                    end,
                    text: slice(m.span),
                    label: m.label,
                    entity: m.entity,
                    score: round3(m.score),
                    anchors: anchors.of(m.span),
                }
            })
            .collect(),
        entities: doc
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| OutEntity {
                id: i as u32,
                label: e.label,
                name: &e.name,
                mentions: &e.mentions,
                place: e.place.as_ref(),
            })
            .collect(),
        quotes: doc
            .quotes
            .iter()
            .map(|q| {
                let Span { start, end } = map.span(q.span);
                OutQuote {
                    start,
                    end,
                    text: slice(q.span),
                    kind: q.kind,
                    speaker: q.speaker.map(text_span),
                    entity: q.entity,
                    cue: q.cue.map(text_span),
                    anchors: anchors.of(q.span),
                }
            })
            .collect(),
        sentence_anchors: doc
            .html
            .as_ref()
            .map(|_| doc.sentences.iter().map(|s| anchors.of(s.span).unwrap_or_default()).collect()),
        article: doc.html.as_ref().and_then(|h| h.article.as_ref()),
    }
}

/// Converts [`crate::html::HtmlLayer::anchors`] to the output unit, with one
/// lazily built [`OffsetMap`] per text node.
struct Anchors<'a> {
    layer: Option<&'a crate::html::HtmlLayer>,
    unit: OffsetUnit,
    maps: Vec<std::cell::OnceCell<OffsetMap<'a>>>,
}

impl<'a> Anchors<'a> {
    fn new(layer: Option<&'a crate::html::HtmlLayer>, unit: OffsetUnit) -> Self {
        let maps = layer.map_or(0, |l| l.nodes.len());
        Self { layer, unit, maps: (0..maps).map(|_| std::cell::OnceCell::new()).collect() }
    }

    /// `None` for plain-text input; otherwise the anchors of `span`.
    fn of(&self, span: ByteSpan) -> Option<Vec<OutAnchor<'a>>> {
        let layer = self.layer?;
        let anchors = layer
            .anchors(span)
            .into_iter()
            .filter_map(|r| {
                let node = layer.nodes.get(r.node as usize)?;
                let map = self.maps[r.node as usize].get_or_init(|| OffsetMap::new(&node.text, self.unit));
                let check_end = node.text.char_indices().nth(16).map_or(node.text.len(), |(i, _)| i);
                Some(OutAnchor {
                    path: &node.path,
                    start: map.convert(r.start),
                    end: map.convert(r.end),
                    len: map.convert(node.text.len() as u32),
                    check: &node.text[..check_end],
                })
            })
            .collect();
        Some(anchors)
    }
}

fn round3(x: f32) -> f32 {
    (x * 1000.0).round() / 1000.0
}

/// Serializes `doc` as one line of JSON in the published schema.
pub fn to_json(doc: &Document, unit: OffsetUnit) -> String {
    // Serializing plain structs of strings and numbers cannot fail.
    serde_json::to_string(&to_output(doc, unit)).unwrap_or_default()
}

/// [`to_json`] in UTF-16 offsets with `null` for the document's `text` and
/// every span's: for a JavaScript caller that has the text (the text it
/// passed) and fills them in with `text.slice(start, end)`, so that the
/// longest strings of the document do not cross the wasm boundary twice
/// and are not parsed as JSON (`embed/annotator.js`, `annotate()`).
pub fn to_json_without_texts(doc: &Document) -> String {
    serde_json::to_string(&output(doc, OffsetUnit::Utf16, true)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_in_every_unit() {
        let text = "a😀é中b";
        for (unit, expect) in [
            (OffsetUnit::Utf8, [0, 1, 5, 7, 10, 11]),
            (OffsetUnit::Utf16, [0, 1, 3, 4, 5, 6]),
            (OffsetUnit::Codepoint, [0, 1, 2, 3, 4, 5]),
        ] {
            let map = OffsetMap::new(text, unit);
            let bytes = [0u32, 1, 5, 7, 10, 11];
            let got: Vec<u32> = bytes.iter().map(|&b| map.convert(b)).collect();
            assert_eq!(got, expect, "{unit:?}");
        }
    }

    #[test]
    fn offsets_across_checkpoint_blocks() {
        let text: String = "😀ab€".repeat(300);
        let map = OffsetMap::new(&text, OffsetUnit::Utf16);
        for (byte, _) in text.char_indices().chain([(text.len(), ' ')]) {
            let expect = text[..byte].encode_utf16().count() as u32;
            assert_eq!(map.convert(byte as u32), expect, "at byte {byte}");
        }
    }

    #[test]
    fn parse_units() {
        assert_eq!(OffsetUnit::parse("utf16").unwrap(), OffsetUnit::Utf16);
        assert!(OffsetUnit::parse("chars").unwrap_err().to_string().contains("utf16"));
    }
}
