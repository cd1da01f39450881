//! Test helpers shared by the entity rules' unit tests.

use crate::document::{Document, Label, Mention};
use crate::span::{ByteSpan, TokenSpan};

/// `text` segmented, with one mention per `(surface, label)` at the
/// surface's first occurrence (it must start and end on tokens).
pub(crate) fn document(text: &str, given: &[(&str, Label)]) -> Document {
    let tokens = crate::text::tokenize(text);
    let (sentences, paragraphs) = crate::text::segment(text, &tokens);
    let mut mentions: Vec<Mention> = given
        .iter()
        .map(|&(surface, label)| {
            let s = text.find(surface).unwrap();
            let e = s + surface.len();
            let a = tokens.iter().position(|t| t.span.start as usize == s).unwrap();
            let b = tokens.iter().position(|t| t.span.end as usize == e).unwrap() + 1;
            Mention { span: ByteSpan::new(s, e), tokens: TokenSpan::new(a, b), label, entity: 0, score: 0.9 }
        })
        .collect();
    mentions.sort_by_key(|m| m.tokens.start);
    Document { text: text.to_owned(), tokens, sentences, paragraphs, mentions, ..Document::default() }
}

/// The document's mentions as (surface, label), after checking that they are
/// sorted and do not overlap.
pub(crate) fn surfaces(doc: &Document) -> Vec<(String, Label)> {
    for w in doc.mentions.windows(2) {
        assert!(w[0].tokens.end <= w[1].tokens.start, "unsorted or overlapping: {:?}", doc.mentions);
    }
    doc.mentions.iter().map(|m| (m.span.slice(&doc.text).to_owned(), m.label)).collect()
}

pub(crate) fn owned(v: &[(&str, Label)]) -> Vec<(String, Label)> {
    v.iter().map(|&(s, l)| (s.to_owned(), l)).collect()
}
