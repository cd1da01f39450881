//! spaCy displaCy "manual" input: `{"text", "ents": [{"start", "end", "label"}], "title"}`
//! with offsets in Unicode code points (Python `str` indices), so
//! `displacy.render(json.load(f), style="ent", manual=True)` draws our mentions.
//! An extra `"offsets": "codepoint"` field states the unit; displaCy ignores it.

use super::{convert, ExportOptions};
use crate::api::{OffsetMap, OffsetUnit};
use crate::document::Document;
use serde::Serialize;
use std::io;

#[derive(Serialize)]
struct Displacy<'a> {
    text: &'a str,
    ents: Vec<Ent>,
    title: Option<&'a str>,
    offsets: OffsetUnit,
}

#[derive(Serialize)]
struct Ent {
    start: u32,
    end: u32,
    label: &'static str,
}

pub(super) fn write<W: io::Write>(doc: &Document, options: &ExportOptions, out: &mut W) -> io::Result<()> {
    let map = OffsetMap::new(&doc.text, OffsetUnit::Codepoint);
    let ents = doc
        .mentions
        .iter()
        .filter(|m| doc.text.get(m.span.range()).is_some())
        .map(|m| {
            let (start, end) = convert(&map, &doc.text, m.span);
            Ent { start, end, label: m.label.as_str() }
        })
        .collect();
    let view = Displacy { text: &doc.text, ents, title: super::title(doc, options), offsets: OffsetUnit::Codepoint };
    serde_json::to_writer(&mut *out, &view)?;
    out.write_all(b"\n")
}
