//! W3C Web Annotation Data Model (JSON-LD): one `AnnotationCollection` whose
//! first (and only) `AnnotationPage` holds one `Annotation` per mention, then
//! one per quote.
//!
//! Each target carries a `TextQuoteSelector` (`exact`, plus up to
//! [`CONTEXT_CHARS`] code points of `prefix`/`suffix`) and a
//! `TextPositionSelector` whose `start`/`end` count Unicode code points, the
//! unit the W3C model specifies. Clients should use the position as a hint
//! and the quote to re-anchor (as Hypothesis does); in ordinary prose the
//! quote with its context occurs once.
//!
//! Mention bodies: the label (`purpose: tagging`), the entity's canonical name
//! (`identifying`) and, for a place linked to the gazetteer, its GeoNames URI
//! (`identifying`). Quote bodies: `quote`, the kind (`classifying`) and the
//! speaker (`describing`). The target `source` is [`ExportOptions::url`] when
//! given, else a `urn:` derived from the text; [`ExportOptions::title`] is the
//! collection's `label`.

use super::{convert, entity, slice, ExportOptions};
use crate::api::{OffsetMap, OffsetUnit};
use crate::document::Document;
use crate::span::ByteSpan;
use serde::ser::{Serialize, Serializer};
use std::io;

/// Code points of context in `prefix` and `suffix`.
pub const CONTEXT_CHARS: usize = 32;

const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

#[derive(serde::Serialize)]
struct Collection<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<&'a str>,
    total: usize,
    generator: Generator,
    first: Page<'a>,
}

#[derive(serde::Serialize)]
struct Generator {
    id: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    name: String,
}

#[derive(serde::Serialize)]
struct Page<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "startIndex")]
    start_index: usize,
    items: Items<'a>,
}

/// The annotations, serialized one by one without collecting them first.
struct Items<'a> {
    doc: &'a Document,
    map: OffsetMap<'a>,
    base: &'a str,
    source: &'a str,
}

#[derive(serde::Serialize)]
struct Annotation<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    motivation: &'static str,
    body: Vec<Body<'a>>,
    target: Target<'a>,
}

#[derive(serde::Serialize)]
#[serde(untagged)]
enum Body<'a> {
    Text {
        #[serde(rename = "type")]
        kind: &'static str,
        purpose: &'static str,
        value: &'a str,
    },
    Link {
        id: String,
        purpose: &'static str,
    },
}

fn text_body<'a>(purpose: &'static str, value: &'a str) -> Body<'a> {
    Body::Text { kind: "TextualBody", purpose, value }
}

#[derive(serde::Serialize)]
struct Target<'a> {
    source: &'a str,
    selector: [Selector<'a>; 2],
}

#[derive(serde::Serialize)]
#[serde(tag = "type")]
enum Selector<'a> {
    TextQuoteSelector { exact: &'a str, prefix: &'a str, suffix: &'a str },
    TextPositionSelector { start: u32, end: u32 },
}

impl<'a> Items<'a> {
    fn target(&self, span: ByteSpan) -> Target<'a> {
        let text = self.doc.text.as_str();
        let (start, end) = convert(&self.map, text, span);
        let (prefix, exact, suffix) = match text.get(span.range()) {
            Some(exact) => (context_before(text, span.start as usize), exact, context_after(text, span.end as usize)),
            None => ("", "", ""),
        };
        Target {
            source: self.source,
            selector: [
                Selector::TextQuoteSelector { exact, prefix, suffix },
                Selector::TextPositionSelector { start, end },
            ],
        }
    }
}

/// Up to [`CONTEXT_CHARS`] code points ending at byte `at`.
fn context_before(text: &str, at: usize) -> &str {
    let head = &text[..at];
    let from = head.char_indices().rev().nth(CONTEXT_CHARS - 1).map_or(0, |(i, _)| i);
    &head[from..]
}

/// Up to [`CONTEXT_CHARS`] code points starting at byte `at`.
fn context_after(text: &str, at: usize) -> &str {
    let tail = &text[at..];
    let to = tail.char_indices().nth(CONTEXT_CHARS).map_or(tail.len(), |(i, _)| i);
    &tail[..to]
}

impl Serialize for Items<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let doc = self.doc;
        let mentions = doc.mentions.iter().enumerate().map(|(i, m)| {
            let mut body = vec![text_body("tagging", m.label.as_str())];
            if let Some(e) = entity(doc, m.entity) {
                body.push(text_body("identifying", &e.name));
                if let Some(place) = e.place.as_ref().filter(|p| p.geonames_id != 0) {
                    body.push(Body::Link {
                        id: format!("https://sws.geonames.org/{}/", place.geonames_id),
                        purpose: "identifying",
                    });
                }
            }
            Annotation {
                id: format!("{}:mention:{i}", self.base),
                kind: "Annotation",
                motivation: "tagging",
                body,
                target: self.target(m.span),
            }
        });
        let quotes = doc.quotes.iter().enumerate().map(|(i, q)| {
            let kind = match q.kind {
                crate::QuoteKind::Direct => "direct",
                crate::QuoteKind::Partial => "partial",
                crate::QuoteKind::Indirect => "indirect",
            };
            let mut body = vec![text_body("tagging", "quote"), text_body("classifying", kind)];
            let speaker = q
                .entity
                .and_then(|id| entity(doc, id))
                .map(|e| e.name.as_str())
                .or_else(|| q.speaker.map(|s| slice(&doc.text, s)))
                .filter(|s| !s.is_empty());
            if let Some(speaker) = speaker {
                body.push(text_body("describing", speaker));
            }
            Annotation {
                id: format!("{}:quote:{i}", self.base),
                kind: "Annotation",
                motivation: "describing",
                body,
                target: self.target(q.span),
            }
        });
        serializer.collect_seq(mentions.chain(quotes))
    }
}

/// FNV-1a, 64 bits: a stable name for the text when the caller gives no URL.
fn fingerprint(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3))
}

pub(super) fn write<W: io::Write>(doc: &Document, options: &ExportOptions, out: &mut W) -> io::Result<()> {
    let base = format!("urn:article-annotator:{:016x}", fingerprint(&doc.text));
    let text_urn = format!("{base}:text");
    let source = options.url.as_deref().unwrap_or(&text_urn);
    let collection = Collection {
        context: CONTEXT,
        id: base.clone(),
        kind: "AnnotationCollection",
        label: super::title(doc, options),
        total: doc.mentions.len() + doc.quotes.len(),
        generator: Generator {
            id: env!("CARGO_PKG_REPOSITORY"),
            kind: "Software",
            name: format!("article-annotator {}", env!("CARGO_PKG_VERSION")),
        },
        first: Page {
            kind: "AnnotationPage",
            start_index: 0,
            items: Items { doc, map: OffsetMap::new(&doc.text, OffsetUnit::Codepoint), base: &base, source },
        },
    };
    serde_json::to_writer(&mut *out, &collection)?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_counts_code_points() {
        let text = "😀".repeat(40) + "X" + &"中".repeat(40);
        let at = 40 * 4;
        assert_eq!(context_before(&text, at), "😀".repeat(32));
        assert_eq!(context_after(&text, at + 1), "中".repeat(32));
        assert_eq!(context_before("ab", 1), "a");
        assert_eq!(context_after("ab", 2), "");
    }
}
