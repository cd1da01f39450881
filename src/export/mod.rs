//! Exports: the same annotated [`Document`] written in formats other tools read.
//!
//! | format | what | offsets |
//! | --- | --- | --- |
//! | [`Format::Json`] | the published schema ([`crate::api`], `schema/document.schema.json`) | [`ExportOptions::offsets`], stated in `"offsets"` |
//! | [`Format::CsvMentions`] | one row per mention | [`ExportOptions::offsets`], stated per row in `offset_unit` |
//! | [`Format::CsvQuotes`] | one row per quote | [`ExportOptions::offsets`], stated per row in `offset_unit` |
//! | [`Format::Html`] | self-contained printable report | code points, in `data-start`/`data-end` and `<meta name="offset-unit">` |
//! | [`Format::WebAnno`] | W3C Web Annotation JSON-LD `AnnotationCollection` | code points (`TextPositionSelector`, as the W3C model specifies) |
//! | [`Format::Displacy`] | spaCy displaCy manual-mode JSON | code points (Python `str` indices), stated in `"offsets"` |
//! | [`Format::Markdown`] | human summary: who is named, who is quoted, the quotes | code points, stated in the header |
//!
//! Every writer streams into an [`io::Write`] and takes time linear in the
//! document size. Errors are only the writer's I/O errors: any document —
//! including hand-built ones with out-of-range spans, which are treated as
//! empty — exports without panicking.
//!
//! Escaping is done by libraries, never by hand: `serde_json` for JSON, the
//! `csv` crate for CSV, `html-escape` for HTML. Markdown has no such library;
//! there the input's CommonMark-special characters are backslash-escaped,
//! which CommonMark defines as the literal character (see `markdown.rs`).

mod csv;
mod displacy;
mod html;
mod json;
mod markdown;
mod webanno;

use crate::api::{OffsetMap, OffsetUnit};
use crate::document::{Document, Entity};
use crate::span::ByteSpan;
use serde::Deserialize;
use std::io;

pub use self::csv::{FORMULA_GUARD, FORMULA_TRIGGERS};

/// An export format. [`Format::parse`] accepts the names in [`Format::name`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// The published JSON schema (version [`crate::api::SCHEMA_VERSION`]).
    Json,
    /// CSV, one row per mention.
    CsvMentions,
    /// CSV, one row per quote.
    CsvQuotes,
    /// One self-contained HTML file: article with highlights, legend, lists.
    Html,
    /// W3C Web Annotation Data Model, JSON-LD `AnnotationCollection`.
    WebAnno,
    /// spaCy displaCy "manual" JSON: `{"text", "ents", "title"}`.
    Displacy,
    /// A Markdown summary.
    Markdown,
}

impl Format {
    pub const ALL: [Format; 7] = [
        Format::Json,
        Format::CsvMentions,
        Format::CsvQuotes,
        Format::Html,
        Format::WebAnno,
        Format::Displacy,
        Format::Markdown,
    ];

    /// The name used by the CLI (`--format`) and the wasm API.
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::CsvMentions => "csv-mentions",
            Format::CsvQuotes => "csv-quotes",
            Format::Html => "html",
            Format::WebAnno => "webanno",
            Format::Displacy => "displacy",
            Format::Markdown => "markdown",
        }
    }

    /// Parses a format name (also `md`, `w3c`, `jsonld`), case-insensitive.
    ///
    /// Errors: [`crate::Error::InvalidOption`] listing the known names.
    pub fn parse(s: &str) -> crate::Result<Format> {
        let lower = s.trim().to_ascii_lowercase();
        let alias = match lower.as_str() {
            "md" => Some(Format::Markdown),
            "w3c" | "jsonld" | "json-ld" | "web-annotation" => Some(Format::WebAnno),
            _ => None,
        };
        alias.or_else(|| Format::ALL.into_iter().find(|f| f.name() == lower)).ok_or_else(|| {
            let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
            crate::Error::InvalidOption(format!("export format must be one of {}, not {s:?}", names.join(", ")))
        })
    }

    /// Suffix for a file name, without the leading dot (`"mentions.csv"`).
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::CsvMentions => "mentions.csv",
            Format::CsvQuotes => "quotes.csv",
            Format::Html => "html",
            Format::WebAnno => "jsonld",
            Format::Displacy => "displacy.json",
            Format::Markdown => "md",
        }
    }

    /// IANA media type, with charset where it matters.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Json | Format::Displacy => "application/json",
            Format::CsvMentions | Format::CsvQuotes => "text/csv; charset=utf-8",
            Format::Html => "text/html; charset=utf-8",
            Format::WebAnno => "application/ld+json; profile=\"http://www.w3.org/ns/anno.jsonld\"",
            Format::Markdown => "text/markdown; charset=utf-8",
        }
    }

    /// The unit of every offset this format writes with `options`.
    pub fn offset_unit(self, options: &ExportOptions) -> OffsetUnit {
        match self {
            Format::Json | Format::CsvMentions | Format::CsvQuotes => options.offsets,
            Format::Html | Format::WebAnno | Format::Displacy | Format::Markdown => OffsetUnit::Codepoint,
        }
    }
}

/// Options shared by all formats; each format uses the ones that apply.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// Offset unit for JSON and CSV. The other formats have the unit their
    /// consumers expect (see [`Format::offset_unit`]).
    pub offsets: OffsetUnit,
    /// CSV only: start with a UTF-8 byte order mark, so spreadsheet programs
    /// (Excel) read the file as UTF-8.
    pub bom: bool,
    /// JSON only: indent.
    pub pretty: bool,
    /// Title of the source document (HTML report, Web Annotation, displaCy,
    /// Markdown). Default: the article's title for HTML input in article mode.
    pub title: Option<String>,
    /// URL of the source document (Web Annotation target source, HTML report, Markdown).
    pub url: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOptions {
    offsets: Option<String>,
    bom: Option<bool>,
    pretty: Option<bool>,
    title: Option<String>,
    url: Option<String>,
}

impl ExportOptions {
    /// Parses `{"offsets": "utf16"|"codepoint"|"utf8", "bom": bool, "pretty": bool,
    /// "title": string, "url": string}`; every field is optional, an empty
    /// string means all defaults (offsets in UTF-16 code units).
    ///
    /// Errors: [`crate::Error::InvalidOption`] for malformed JSON, unknown
    /// fields or values.
    pub fn from_json(json: &str) -> crate::Result<ExportOptions> {
        if json.trim().is_empty() {
            return Ok(ExportOptions::default());
        }
        let raw: RawOptions =
            serde_json::from_str(json).map_err(|e| crate::Error::InvalidOption(format!("export options: {e}")))?;
        Ok(ExportOptions {
            offsets: raw.offsets.as_deref().map(OffsetUnit::parse).transpose()?.unwrap_or_default(),
            bom: raw.bom.unwrap_or(false),
            pretty: raw.pretty.unwrap_or(false),
            title: raw.title.filter(|t| !t.trim().is_empty()),
            url: raw.url.filter(|u| !u.trim().is_empty()),
        })
    }
}

/// Writes `doc` in `format` to `out`. Buffer `out` (e.g. `BufWriter`) when it
/// is a file or a socket: the writers make many small writes.
///
/// Errors: only those of `out`.
pub fn write<W: io::Write>(doc: &Document, format: Format, options: &ExportOptions, out: &mut W) -> io::Result<()> {
    match format {
        Format::Json => json::write(doc, options, out),
        Format::CsvMentions => csv::write_mentions(doc, options, out),
        Format::CsvQuotes => csv::write_quotes(doc, options, out),
        Format::Html => html::write(doc, options, out),
        Format::WebAnno => webanno::write(doc, options, out),
        Format::Displacy => displacy::write(doc, options, out),
        Format::Markdown => markdown::write(doc, options, out),
    }
}

/// [`write`] into a `String`.
pub fn to_string(doc: &Document, format: Format, options: &ExportOptions) -> String {
    let mut buf = Vec::with_capacity(doc.text.len() * 2 + 1024);
    // Writing to a Vec cannot fail, and every writer emits UTF-8.
    let _ = write(doc, format, options, &mut buf);
    String::from_utf8(buf).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// The text `span` covers, or `""` if the span is not valid for `text`
/// (only hand-built documents can have such spans).
fn slice(text: &str, span: ByteSpan) -> &str {
    text.get(span.range()).unwrap_or("")
}

/// [`ExportOptions::title`], else the title of the article the text came
/// from (HTML input in article mode).
fn title<'a>(doc: &'a Document, options: &'a ExportOptions) -> Option<&'a str> {
    let article = || doc.html.as_ref()?.article.as_ref()?.title.as_deref().filter(|t| !t.trim().is_empty());
    options.title.as_deref().or_else(article)
}

/// The entity at `id`, if any.
fn entity(doc: &Document, id: u32) -> Option<&Entity> {
    doc.entities.get(id as usize)
}

/// Index of the sentence containing byte offset `at`, if any.
fn sentence_at(doc: &Document, at: u32) -> Option<usize> {
    let i = doc.sentences.partition_point(|s| s.span.end <= at);
    doc.sentences.get(i).filter(|s| s.span.start <= at).map(|_| i)
}

/// Offsets in `map`'s unit, clamped to the text.
fn convert(map: &OffsetMap<'_>, text: &str, span: ByteSpan) -> (u32, u32) {
    if text.get(span.range()).is_none() {
        return (0, 0);
    }
    (map.convert(span.start), map.convert(span.end))
}

/// Human name of a label, plural.
fn label_plural(label: crate::Label) -> &'static str {
    match label {
        crate::Label::Per => "People",
        crate::Label::Org => "Organisations",
        crate::Label::Loc => "Places",
        crate::Label::Misc => "Other names",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names_round_trip() {
        for f in Format::ALL {
            assert_eq!(Format::parse(f.name()).unwrap(), f);
            assert_eq!(Format::parse(&f.name().to_uppercase()).unwrap(), f);
        }
        assert_eq!(Format::parse("md").unwrap(), Format::Markdown);
        let err = Format::parse("xml").unwrap_err().to_string();
        assert!(err.contains("csv-mentions") && err.contains("\"xml\""), "{err}");
    }

    #[test]
    fn options_from_json() {
        assert_eq!(ExportOptions::from_json("").unwrap(), ExportOptions::default());
        let o = ExportOptions::from_json(r#"{"offsets":"codepoint","bom":true,"title":"T","url":" "}"#).unwrap();
        assert_eq!(o.offsets, OffsetUnit::Codepoint);
        assert!(o.bom);
        assert_eq!(o.title.as_deref(), Some("T"));
        assert_eq!(o.url, None);
        assert!(ExportOptions::from_json(r#"{"offset":"utf16"}"#).is_err());
        assert!(ExportOptions::from_json(r#"{"offsets":"chars"}"#).is_err());
        assert!(ExportOptions::from_json("[").is_err());
    }

    #[test]
    fn bad_spans_do_not_panic() {
        use crate::document::{Mention, Quote, QuoteKind};
        use crate::span::TokenSpan;
        let doc = Document {
            text: "é😀".into(),
            mentions: vec![Mention {
                span: ByteSpan { start: 1, end: 99 },
                tokens: TokenSpan::default(),
                label: crate::Label::Per,
                entity: 7,
                score: 1.0,
            }],
            quotes: vec![Quote {
                span: ByteSpan { start: 3, end: 1 },
                kind: QuoteKind::Direct,
                speaker: Some(ByteSpan { start: 0, end: 1 }),
                entity: Some(9),
                cue: None,
            }],
            ..Document::default()
        };
        for f in Format::ALL {
            if f == Format::Json {
                continue; // api::to_output trusts the pipeline's invariants
            }
            let _ = to_string(&doc, f, &ExportOptions::default());
        }
    }
}
