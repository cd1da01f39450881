//! The published JSON schema, streamed. Same bytes as [`crate::api::to_json`]
//! (or pretty-printed); `schema/document.schema.json` describes it.

use super::ExportOptions;
use crate::api;
use crate::document::Document;
use std::io;

pub(super) fn write<W: io::Write>(doc: &Document, options: &ExportOptions, out: &mut W) -> io::Result<()> {
    let view = api::to_output(doc, options.offsets);
    if options.pretty {
        serde_json::to_writer_pretty(&mut *out, &view)?;
    } else {
        serde_json::to_writer(&mut *out, &view)?;
    }
    out.write_all(b"\n")
}
