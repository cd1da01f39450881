//! The WebAssembly façade: the only file that names `wasm_bindgen`.
//!
//! One long-lived `Annotator` owns the models. Calls take and return plain
//! strings (the document as JSON, parsed once on the JS side), so no per-span
//! objects cross the boundary and nothing needs `.free()` but the annotator.
//! Errors become JS `Error` objects with the core's message.

use crate::api::{self, OffsetUnit};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(js_name = Annotator)]
pub struct WasmAnnotator {
    inner: crate::Annotator,
}

#[wasm_bindgen(js_class = Annotator)]
impl WasmAnnotator {
    /// Loads the embedded models.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<WasmAnnotator, JsError> {
        Ok(Self { inner: crate::Annotator::new().map_err(to_js)? })
    }

    /// Annotates `text` and returns the document as JSON, offsets in `offsets`
    /// (`"utf16"`, `"codepoint"` or `"utf8"`).
    #[wasm_bindgen(js_name = annotateJson)]
    pub fn annotate_json(&self, text: &str, offsets: &str) -> Result<String, JsError> {
        let unit = OffsetUnit::parse(offsets).map_err(to_js)?;
        let doc = self.inner.annotate(text).map_err(to_js)?;
        Ok(api::to_json(&doc, unit))
    }
}

/// Version of the crate and of the output schema, e.g. `"0.1.0 (schema 1)"`.
#[wasm_bindgen(js_name = version)]
pub fn version() -> String {
    format!("{} (schema {})", env!("CARGO_PKG_VERSION"), api::SCHEMA_VERSION)
}

/// Largest text `annotateJson` accepts, in UTF-8 bytes.
#[wasm_bindgen(js_name = maxTextBytes)]
pub fn max_text_bytes() -> usize {
    crate::MAX_TEXT_BYTES
}

fn to_js(e: crate::Error) -> JsError {
    JsError::new(&e.to_string())
}
