//! Sentence and paragraph segmentation over tokens.
//!
//! A sentence ends
//! - at a paragraph break (a blank line): always — sentences never cross one;
//! - at a single line break, unless the next line continues in lower case (a
//!   hard-wrapped line); so headlines and datelines without final punctuation
//!   are sentences of their own;
//! - after `.` `!` `?` `…` (and closing quotes or brackets attached to them) when
//!   the next token does not start in lower case;
//! - after an abbreviation that can end a sentence (`U.S.`, `Inc.`) only when the
//!   next word is a typical sentence starter ("The", "He", …); never after a
//!   title or initial (`Dr.`, `J.`).
//!
//! A paragraph is a run of sentences between line breaks that end sentences.

use super::abbrev::{self, AbbrevKind};
use super::tokenize::{Gap, Token, TokenKind};
use crate::span::{ByteSpan, TokenSpan};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub span: ByteSpan,
    pub tokens: TokenSpan,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paragraph {
    pub span: ByteSpan,
    pub tokens: TokenSpan,
}

/// Splits tokens into sentences and paragraphs. Both lists are sorted,
/// non-overlapping and together cover every token exactly once.
pub fn segment(text: &str, tokens: &[Token]) -> (Vec<Sentence>, Vec<Paragraph>) {
    let mut sentences = Vec::new();
    let mut paragraphs = Vec::new();
    let mut sent_start = 0usize;
    let mut para_start = 0usize;
    let mut ended = false; // the tokens so far end a sentence if the next one starts one
    let mut abbrev_end = false; // ... but only if the next word is a clear sentence starter
    for i in 0..tokens.len() {
        let tok = &tokens[i];
        if i > sent_start {
            let first = first_char(tok.text(text));
            let lower_start = first.is_some_and(char::is_lowercase);
            let line_break = match tok.gap {
                Gap::Paragraph => true,
                Gap::Line => !lower_start || ended,
                _ => false,
            };
            let punct_break = tok.gap != Gap::None
                && !lower_start
                && ((ended && !abbrev_end) || (abbrev_end && abbrev::is_sentence_starter(tok.text(text))));
            if line_break || punct_break {
                sentences.push(make(tokens, sent_start, i, Sentence::from));
                sent_start = i;
                if line_break {
                    paragraphs.push(make(tokens, para_start, i, Paragraph::from));
                    para_start = i;
                }
                ended = false;
                abbrev_end = false;
            }
        }
        match tok.kind {
            TokenKind::Terminal => {
                ended = true;
                abbrev_end = false;
            }
            // Closing quotes and brackets attached to a sentence end keep it ended.
            TokenKind::Quote | TokenKind::Punct if ended && tok.gap == Gap::None && is_closer(tok.text(text)) => {}
            TokenKind::Word if tok.text(text).ends_with('.') => {
                let word = tok.text(text);
                let next = tokens.get(i + 1).and_then(|t| first_char(t.text(text)));
                match abbrev::classify(&word[..word.len() - 1], next) {
                    Some(AbbrevKind::Terminal) => {
                        ended = true;
                        abbrev_end = true;
                    }
                    _ => ended = false,
                }
            }
            _ => ended = false,
        }
    }
    if sent_start < tokens.len() {
        sentences.push(make(tokens, sent_start, tokens.len(), Sentence::from));
    }
    if para_start < tokens.len() {
        paragraphs.push(make(tokens, para_start, tokens.len(), Paragraph::from));
    }
    (sentences, paragraphs)
}

fn make<T>(tokens: &[Token], start: usize, end: usize, f: impl Fn((ByteSpan, TokenSpan)) -> T) -> T {
    let span = ByteSpan { start: tokens[start].span.start, end: tokens[end - 1].span.end };
    f((span, TokenSpan::new(start, end)))
}

impl From<(ByteSpan, TokenSpan)> for Sentence {
    fn from((span, tokens): (ByteSpan, TokenSpan)) -> Self {
        Sentence { span, tokens }
    }
}

impl From<(ByteSpan, TokenSpan)> for Paragraph {
    fn from((span, tokens): (ByteSpan, TokenSpan)) -> Self {
        Paragraph { span, tokens }
    }
}

fn first_char(s: &str) -> Option<char> {
    s.chars().next()
}

fn is_closer(s: &str) -> bool {
    matches!(s, "\"" | "'" | "\u{201D}" | "\u{2019}" | "\u{00BB}" | "\u{203A}" | ")" | "]" | "}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn sents(text: &str) -> Vec<&str> {
        let tokens = tokenize(text);
        segment(text, &tokens).0.iter().map(|s| s.span.slice(text)).collect()
    }

    fn paras(text: &str) -> Vec<&str> {
        let tokens = tokenize(text);
        segment(text, &tokens).1.iter().map(|s| s.span.slice(text)).collect()
    }

    #[test]
    fn splits_on_terminal_punctuation() {
        assert_eq!(sents("He left. She stayed! Why? Because."), ["He left.", "She stayed!", "Why?", "Because."]);
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(
            sents("“We will win.” He smiled. (It was late.) Then"),
            ["“We will win.”", "He smiled.", "(It was late.)", "Then"]
        );
    }

    #[test]
    fn abbreviations_do_not_split_unless_a_sentence_clearly_starts() {
        assert_eq!(
            sents("Dr. Smith met Gen. J. Doe at 9 a.m. Friday."),
            ["Dr. Smith met Gen. J. Doe at 9 a.m. Friday."]
        );
        assert_eq!(sents("She moved to the U.S. The talks failed."), ["She moved to the U.S.", "The talks failed."]);
        assert_eq!(sents("the U.S. Senate voted."), ["the U.S. Senate voted."]);
        assert_eq!(sents("Apples, pears, etc. But not plums."), ["Apples, pears, etc.", "But not plums."]);
    }

    #[test]
    fn lower_case_after_a_period_does_not_split() {
        assert_eq!(sents("Wait... what happened? nothing."), ["Wait... what happened? nothing."]);
    }

    #[test]
    fn headlines_and_datelines_end_at_line_breaks() {
        assert_eq!(
            sents("Putin Meets Envoy\nMOSCOW (AP) — Talks began.\nthey continued"),
            ["Putin Meets Envoy", "MOSCOW (AP) — Talks began.", "they continued"]
        );
        assert_eq!(
            sents("a line that was\nwrapped by an email client."),
            ["a line that was\nwrapped by an email client."]
        );
    }

    #[test]
    fn sentences_never_cross_paragraph_breaks() {
        let text = "He said it was\n\nthe end of talks\r\n\r\nand more";
        assert_eq!(sents(text), ["He said it was", "the end of talks", "and more"]);
        assert_eq!(paras(text), ["He said it was", "the end of talks", "and more"]);
        assert_eq!(paras("One. Two.\nThree."), ["One. Two.", "Three."]);
    }

    #[test]
    fn empty_and_punctuation_only() {
        assert!(sents("").is_empty());
        assert_eq!(sents("..."), ["..."]);
        assert_eq!(sents("?!?! !!"), ["?!?!", "!!"]);
    }
}
