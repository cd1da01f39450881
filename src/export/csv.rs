//! CSV, written by the `csv` crate (RFC 4180: fields with `,` `"` or line
//! breaks are quoted, `"` doubled; records end in CRLF; embedded line breaks
//! are kept inside quoted fields).
//!
//! **Formula injection.** Spreadsheet programs run a cell that starts with
//! `=`, `+`, `-` or `@` (and some also tab or carriage return) as a formula, so
//! a hostile article could make a cell call out to the network. Every cell
//! that holds text from the input (`entity_name`, `text`, `speaker`, …) and
//! starts with one of [`FORMULA_TRIGGERS`] gets [`FORMULA_GUARD`] (`'`) put in
//! front; spreadsheets hide that apostrophe and show the text. Offsets always
//! refer to the original text, without the guard. Number cells are never
//! guarded (offsets are never negative).

use super::{convert, entity, sentence_at, slice, ExportOptions};
use crate::api::{OffsetMap, OffsetUnit};
use crate::document::Document;
use serde::Serialize;
use std::borrow::Cow;
use std::io;

/// First characters that make a spreadsheet treat a cell as a formula.
pub const FORMULA_TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Put in front of a text cell that starts with one of [`FORMULA_TRIGGERS`].
pub const FORMULA_GUARD: char = '\'';

fn guard(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(FORMULA_TRIGGERS) {
        Cow::Owned(format!("{FORMULA_GUARD}{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

fn writer<'w, W: io::Write>(options: &ExportOptions, out: &'w mut W) -> io::Result<::csv::Writer<&'w mut W>> {
    if options.bom {
        out.write_all(BOM)?;
    }
    Ok(::csv::WriterBuilder::new()
        // The header row is written by hand so an empty list still has one.
        .has_headers(false)
        .terminator(::csv::Terminator::CRLF)
        .from_writer(out))
}

/// One mention. Column order is the field order.
#[derive(Serialize)]
struct MentionRow<'a> {
    mention_id: usize,
    entity_id: u32,
    entity_name: Cow<'a, str>,
    label: &'static str,
    text: Cow<'a, str>,
    start: u32,
    end: u32,
    offset_unit: OffsetUnit,
    /// 0-based index of the sentence holding the mention's start.
    sentence: Option<usize>,
    score: f32,
}

/// One quote. `speaker_*` are empty when no speaker was found.
#[derive(Serialize)]
struct QuoteRow<'a> {
    quote_id: usize,
    kind: crate::QuoteKind,
    speaker: Cow<'a, str>,
    speaker_entity_id: Option<u32>,
    speaker_entity_name: Cow<'a, str>,
    text: Cow<'a, str>,
    start: u32,
    end: u32,
    offset_unit: OffsetUnit,
    sentence: Option<usize>,
    speaker_start: Option<u32>,
    speaker_end: Option<u32>,
}

pub(super) fn write_mentions<W: io::Write>(doc: &Document, options: &ExportOptions, out: &mut W) -> io::Result<()> {
    let unit = options.offsets;
    let map = OffsetMap::new(&doc.text, unit);
    let mut w = writer(options, out)?;
    w.write_record([
        "mention_id",
        "entity_id",
        "entity_name",
        "label",
        "text",
        "start",
        "end",
        "offset_unit",
        "sentence",
        "score",
    ])?;
    for (i, m) in doc.mentions.iter().enumerate() {
        let (start, end) = convert(&map, &doc.text, m.span);
        w.serialize(MentionRow {
            mention_id: i,
            entity_id: m.entity,
            entity_name: guard(entity(doc, m.entity).map_or("", |e| e.name.as_str())),
            label: m.label.as_str(),
            text: guard(slice(&doc.text, m.span)),
            start,
            end,
            offset_unit: unit,
            sentence: sentence_at(doc, m.span.start),
            score: (m.score * 1000.0).round() / 1000.0,
        })?;
    }
    w.flush()
}

pub(super) fn write_quotes<W: io::Write>(doc: &Document, options: &ExportOptions, out: &mut W) -> io::Result<()> {
    let unit = options.offsets;
    let map = OffsetMap::new(&doc.text, unit);
    let mut w = writer(options, out)?;
    w.write_record([
        "quote_id",
        "kind",
        "speaker",
        "speaker_entity_id",
        "speaker_entity_name",
        "text",
        "start",
        "end",
        "offset_unit",
        "sentence",
        "speaker_start",
        "speaker_end",
    ])?;
    for (i, q) in doc.quotes.iter().enumerate() {
        let (start, end) = convert(&map, &doc.text, q.span);
        let speaker = q.speaker.filter(|s| doc.text.get(s.range()).is_some());
        let speaker_span = speaker.map(|s| convert(&map, &doc.text, s));
        let speaker_entity = q.entity.and_then(|id| entity(doc, id).map(|e| (id, e)));
        w.serialize(QuoteRow {
            quote_id: i,
            kind: q.kind,
            speaker: guard(speaker.map_or("", |s| slice(&doc.text, s))),
            speaker_entity_id: speaker_entity.map(|(id, _)| id),
            speaker_entity_name: guard(speaker_entity.map_or("", |(_, e)| e.name.as_str())),
            text: guard(slice(&doc.text, q.span)),
            start,
            end,
            offset_unit: unit,
            sentence: sentence_at(doc, q.span.start),
            speaker_start: speaker_span.map(|s| s.0),
            speaker_end: speaker_span.map(|s| s.1),
        })?;
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guards_formula_cells_only() {
        assert_eq!(guard("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(guard("@SUM"), "'@SUM");
        assert_eq!(guard("-1"), "'-1");
        assert_eq!(guard("Angela Merkel"), "Angela Merkel");
        assert_eq!(guard(""), "");
    }
}
