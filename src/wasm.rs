//! The WebAssembly façade: the only file that names `wasm_bindgen`.
//!
//! One long-lived `Annotator` owns the models. Calls take and return plain
//! strings (the document as JSON, parsed once on the JS side), so no per-span
//! objects cross the boundary and nothing needs `.free()` but the annotator.
//! Errors become JS `Error` objects with the core's message.

use crate::api::{self, OffsetUnit};
use crate::export;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(js_name = Annotator)]
pub struct WasmAnnotator {
    inner: crate::Annotator,
    /// The document `exportText` annotated last, so that exporting one text
    /// in several formats annotates it once (seconds for a 10 MB text).
    /// Without tokens and paragraphs, which no export uses.
    last_export: std::cell::RefCell<Option<crate::Document>>,
}

#[wasm_bindgen(js_class = Annotator)]
impl WasmAnnotator {
    /// Loads the embedded models.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<WasmAnnotator, JsError> {
        Ok(Self { inner: crate::Annotator::new().map_err(to_js)?, last_export: Default::default() })
    }

    /// Annotates `text` and returns the document as JSON, offsets in `offsets`
    /// (`"utf16"`, `"codepoint"` or `"utf8"`).
    #[wasm_bindgen(js_name = annotateJson)]
    pub fn annotate_json(&self, text: &str, offsets: &str) -> Result<String, JsError> {
        let unit = OffsetUnit::parse(offsets).map_err(to_js)?;
        let doc = self.inner.annotate(text).map_err(to_js)?;
        Ok(api::to_json(&doc, unit))
    }

    /// `annotateJson(text, "utf16")` with `null` for the document's `text`
    /// and every span's `text`, for a caller that fills them in from `text`
    /// (`embed/annotator.js` does, when `text` is well-formed UTF-16).
    #[wasm_bindgen(js_name = annotateJsonWithoutTexts)]
    pub fn annotate_json_without_texts(&self, text: &str) -> Result<String, JsError> {
        let doc = self.inner.annotate(text).map_err(to_js)?;
        Ok(api::to_json_without_texts(&doc))
    }
}

#[wasm_bindgen(js_class = Annotator)]
impl WasmAnnotator {
    /// Annotates HTML (a pasted fragment, or a whole page with
    /// `{"mode": "article"}`) and returns the document as JSON: `text` is
    /// the extracted text; mentions, quotes and sentences carry `anchors`
    /// into the DOM; article mode adds `article` metadata. `options` is a
    /// JSON object `{"mode": "text" | "article", "offsets": "utf16" |
    /// "codepoint" | "utf8"}` (both optional; `""` for the defaults).
    #[wasm_bindgen(js_name = annotateHtmlJson)]
    pub fn annotate_html_json(&self, html: &str, options: &str) -> Result<String, JsError> {
        let (options, unit) = crate::html::JsonOptions::parse(options).map_err(to_js)?;
        let doc = self.inner.annotate_html(html, &options).map_err(to_js)?;
        Ok(api::to_json(&doc, unit))
    }
}

/// The readable text of `html` — what `annotateHtmlJson` annotates — without
/// annotating it. `options` as for `annotateHtmlJson` (only `mode` matters).
/// For hosts that want just the text, and for benches/html.mjs, which times
/// HTML extraction in wasm.
#[wasm_bindgen(js_name = htmlToText)]
pub fn html_to_text(html: &str, options: &str) -> Result<String, JsError> {
    let (options, _) = crate::html::JsonOptions::parse(options).map_err(to_js)?;
    Ok(crate::html::extract(html, &options).map_err(to_js)?.text)
}

/// Largest HTML `annotateHtmlJson` accepts, in UTF-8 bytes.
#[wasm_bindgen(js_name = maxHtmlBytes)]
pub fn max_html_bytes() -> usize {
    crate::html::MAX_HTML_BYTES
}

/// Version of the crate and of the output schema, e.g. `"0.1.0 (schema 1)"`.
#[wasm_bindgen(js_name = version)]
pub fn version() -> String {
    format!("{} (schema {})", env!("CARGO_PKG_VERSION"), api::SCHEMA_VERSION)
}

/// Parses the embedded gazetteer now instead of on the first annotate (it is
/// parsed once per module either way). For benches/cold_start.mjs, which
/// times it apart from the model load.
#[wasm_bindgen(js_name = loadGazetteer)]
pub fn load_gazetteer() -> Result<(), JsError> {
    crate::places::embedded().map(|_| ()).map_err(to_js)
}

/// Largest text `annotateJson` accepts, in UTF-8 bytes.
#[wasm_bindgen(js_name = maxTextBytes)]
pub fn max_text_bytes() -> usize {
    crate::MAX_TEXT_BYTES
}

fn to_js(e: crate::Error) -> JsError {
    JsError::new(&e.to_string())
}

#[wasm_bindgen(js_class = Annotator)]
impl WasmAnnotator {
    /// Annotates `text` and returns it exported as `format`: `"json"`,
    /// `"csv-mentions"`, `"csv-quotes"`, `"html"`, `"webanno"`, `"displacy"`
    /// or `"markdown"` (see `exportFormats()`). `options` is a JSON object
    /// `{"offsets": "utf16" | "codepoint" | "utf8", "bom": bool, "pretty": bool,
    /// "title": string, "url": string}`, every field optional (`""` for the
    /// defaults); `offsets` applies to JSON and CSV, the other formats use
    /// code points as their consumers expect.
    ///
    /// The annotated document is kept until a call with another text, so
    /// further formats of the same text cost only the export.
    #[wasm_bindgen(js_name = exportText)]
    pub fn export_text(&self, text: &str, format: &str, options: &str) -> Result<String, JsError> {
        let format = export::Format::parse(format).map_err(to_js)?;
        let options = export::ExportOptions::from_json(options).map_err(to_js)?;
        let mut last = self.last_export.borrow_mut();
        let cached = last.take().filter(|doc| doc.text == text);
        let doc = match cached {
            Some(doc) => doc,
            None => {
                let mut doc = self.inner.annotate(text).map_err(to_js)?;
                doc.tokens = Vec::new();
                doc.paragraphs = Vec::new();
                doc
            }
        };
        let out = export::to_string(&doc, format, &options);
        *last = Some(doc);
        Ok(out)
    }
}

/// The export formats as a JSON array of `{"name", "extension", "mediaType"}`,
/// for download buttons: `extension` has no leading dot (`"mentions.csv"`).
#[wasm_bindgen(js_name = exportFormats)]
pub fn export_formats() -> String {
    let list: Vec<serde_json::Value> = export::Format::ALL
        .iter()
        .map(|f| serde_json::json!({ "name": f.name(), "extension": f.extension(), "mediaType": f.media_type() }))
        .collect();
    serde_json::Value::Array(list).to_string()
}
