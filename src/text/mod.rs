//! Text layer: tokens, sentences and paragraphs with byte spans.

mod abbrev;
pub mod chars;
mod sentences;
mod tokenize;
pub mod words;

pub use abbrev::{classify as classify_abbreviation, is_sentence_starter, AbbrevKind};
pub use sentences::{segment, Paragraph, Sentence};
pub use tokenize::{tokenize, Gap, Token, TokenKind};
