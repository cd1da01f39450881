//! # article-annotator
//!
//! Finds the people, organisations, places and quotes in a news article.
//! A pure Rust core: no WebAssembly bindings here except in [`wasm`] (built only
//! for `wasm32`), no I/O, no global state.
//!
//! ```
//! let annotator = article_annotator::Annotator::new().unwrap();
//! let doc = annotator.annotate("Talks resumed in Geneva on Monday.").unwrap();
//! assert_eq!(doc.sentences.len(), 1);
//! let json = article_annotator::api::to_json(&doc, article_annotator::api::OffsetUnit::Utf16);
//! assert!(json.starts_with("{\"schema\":1"));
//! ```
//!
//! Pipeline: [`text::tokenize`] → [`text::segment`] → named-entity tagging →
//! [`entities::repair`] → [`entities::group`] → places → quotes. Every stage
//! works on [`span::ByteSpan`]s; [`api`] converts to the caller's offset unit
//! exactly once.

pub mod api;
pub mod document;
pub mod entities;
pub mod error;
pub mod export;
pub mod html;
pub mod ner;
pub mod places;
pub mod quotes;
pub mod span;
pub mod text;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use document::{Document, Entity, Label, Mention, Place, Quote, QuoteKind};
pub use error::{Error, Result};

/// Largest input accepted by [`Annotator::annotate`]: 10 MiB of UTF-8.
pub const MAX_TEXT_BYTES: usize = 10 * 1024 * 1024;

/// Owns the loaded models; create once, annotate many texts. `Sync`, so
/// native callers can share one across threads.
#[derive(Debug)]
pub struct Annotator {
    tagger: ner::Tagger,
}

impl Annotator {
    /// An annotator with the models embedded in this build.
    pub fn new() -> Result<Self> {
        Self::from_model_bytes(ner::EMBEDDED_MODEL)
    }

    /// An annotator with a named-entity model loaded from `bytes` (a
    /// `model/ner.bin` file, e.g. a newer one than this build embeds).
    ///
    /// Errors: [`Error::Model`] naming the problem if the file is truncated,
    /// corrupted or of another format version.
    pub fn from_model_bytes(bytes: &[u8]) -> Result<Self> {
        Ok(Self { tagger: ner::Tagger::from_bytes(bytes)? })
    }

    /// Annotates plain text.
    ///
    /// Errors: [`Error::InputTooLarge`] above [`MAX_TEXT_BYTES`]. Any other
    /// string — empty, binary junk, one huge line — gives a document.
    pub fn annotate(&self, text: &str) -> Result<Document> {
        check_size(text.len())?;
        let tokens = text::tokenize(text);
        let (sentences, paragraphs) = text::segment(text, &tokens);
        let mut doc = Document { text: text.to_owned(), tokens, sentences, paragraphs, ..Document::default() };
        doc.mentions = self.tagger.tag(&doc.text, &doc.tokens, &doc.sentences);
        entities::repair(&mut doc);
        doc.entities = entities::group(&doc.text, &mut doc.mentions);
        places::link(&mut doc);
        quotes::annotate(&mut doc);
        Ok(doc)
    }
}

impl Annotator {
    /// Annotates HTML: a pasted fragment or, with [`html::Mode::Article`], the
    /// main article of a whole page. The document's `text` is the readable
    /// text extracted from the HTML (rules in [`html`]), annotated as by
    /// [`Annotator::annotate`]; [`Document::html`] maps every span back to
    /// DOM text nodes and, in article mode, holds the article's metadata.
    ///
    /// Errors: [`Error::InputTooLarge`] above [`html::MAX_HTML_BYTES`] of HTML
    /// (or above [`MAX_TEXT_BYTES`] of extracted text). Malformed markup,
    /// fragments and binary junk give a document.
    pub fn annotate_html(&self, html: &str, options: &html::HtmlOptions) -> Result<Document> {
        let extracted = html::extract(html, options)?;
        let mut doc = self.annotate(&extracted.text)?;
        doc.html = Some(Box::new(extracted.layer));
        Ok(doc)
    }

    /// [`Self::annotate_html`] for HTML as bytes (a file, a download without
    /// its `Content-Type`): decoded by [`html::decode`] — byte order mark,
    /// then `<meta charset>` in the first 1024 bytes, then UTF-8 if valid,
    /// else windows-1252. Offsets and anchors refer to the decoded text, as a
    /// browser's DOM of the same bytes does.
    pub fn annotate_html_bytes(&self, bytes: &[u8], options: &html::HtmlOptions) -> Result<Document> {
        self.annotate_html(&html::decode(bytes).html, options)
    }
}

fn check_size(size: usize) -> Result<()> {
    if size > MAX_TEXT_BYTES {
        return Err(Error::InputTooLarge { size, limit: MAX_TEXT_BYTES, limit_mb: MAX_TEXT_BYTES >> 20 });
    }
    Ok(())
}
