//! Text layer over whole fixture texts: the invariants every later stage relies on.

use article_annotator::text::{segment, tokenize, Gap, Paragraph, Sentence, Token};
use article_annotator::Annotator;

fn fixtures() -> Vec<(&'static str, &'static str)> {
    vec![
        ("news_mixed", include_str!("fixtures/text/news_mixed.txt")),
        ("crlf_nbsp", include_str!("fixtures/text/crlf_nbsp.txt")),
        ("unicode", include_str!("fixtures/text/unicode.txt")),
    ]
}

/// Tokens: in bounds, on char boundaries, non-empty, sorted, non-overlapping,
/// no white space inside, and every non-space character covered.
fn check_tokens(name: &str, text: &str, tokens: &[Token]) {
    let mut prev_end = 0usize;
    for t in tokens {
        let r = t.span.range();
        assert!(r.start < r.end && r.end <= text.len(), "{name}: bad token span {r:?}");
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end), "{name}: {r:?} splits a char");
        assert!(r.start >= prev_end, "{name}: tokens overlap or are unsorted at {r:?}");
        let gap = &text[prev_end..r.start];
        assert!(
            gap.chars().all(|c| article_annotator::text::chars::is_space(c) || c.is_control()),
            "{name}: uncovered text {gap:?}"
        );
        let tok = &text[r.clone()];
        assert!(!tok.contains(['\n', '\r', ' ', '\t', '\u{a0}']), "{name}: white space inside token {tok:?}");
        prev_end = r.end;
    }
    let rest = &text[prev_end..];
    assert!(
        rest.chars().all(|c| article_annotator::text::chars::is_space(c) || c.is_control()),
        "{name}: uncovered tail {rest:?}"
    );
}

/// Sentences and paragraphs tile the tokens in order and never cross a blank line.
fn check_segments(name: &str, text: &str, tokens: &[Token], sentences: &[Sentence], paragraphs: &[Paragraph]) {
    let mut next = 0usize;
    for s in sentences {
        assert_eq!(s.tokens.start as usize, next, "{name}: sentences must tile tokens");
        assert!(!s.tokens.is_empty());
        next = s.tokens.end as usize;
        assert_eq!(s.span.start, tokens[s.tokens.start as usize].span.start);
        assert_eq!(s.span.end, tokens[s.tokens.end as usize - 1].span.end);
        for t in &tokens[s.tokens.range()][1..] {
            assert!(t.gap != Gap::Paragraph, "{name}: sentence {:?} crosses a paragraph break", s.span.slice(text));
        }
    }
    assert_eq!(next, tokens.len());
    let mut next = 0usize;
    for p in paragraphs {
        assert_eq!(p.tokens.start as usize, next, "{name}: paragraphs must tile tokens");
        next = p.tokens.end as usize;
        // Every sentence lies inside one paragraph.
        for s in sentences.iter().filter(|s| s.span.overlaps(p.span)) {
            assert!(p.span.contains(s.span), "{name}: sentence crosses paragraph");
        }
    }
    assert_eq!(next, tokens.len());
}

#[test]
fn fixture_invariants() {
    for (name, text) in fixtures() {
        let tokens = tokenize(text);
        check_tokens(name, text, &tokens);
        let (sentences, paragraphs) = segment(text, &tokens);
        check_segments(name, text, &tokens, &sentences, &paragraphs);
    }
}

#[test]
fn news_fixture_reads_like_news() {
    let text = include_str!("fixtures/text/news_mixed.txt");
    let tokens = tokenize(text);
    let words: Vec<&str> = tokens.iter().map(|t| t.text(text)).collect();
    for expected in
        ["U.S.", "Dr.", "O'Brien", "'90s", "did", "n't", "Washington", "'s", "a.m.", "1,250.75", "2025-12-02"]
    {
        assert!(words.contains(&expected), "missing token {expected:?} in {words:?}");
    }
    assert!(words.windows(5).any(|w| w == ["Russia", "-", "U.S.", "-", "Ukraine"]));
    assert!(words.contains(&"https://example.org/markets?id=7") && words.contains(&"press@example.org"));
    let (sentences, paragraphs) = segment(text, &tokens);
    let sents: Vec<&str> = sentences.iter().map(|s| s.span.slice(text)).collect();
    assert_eq!(sents[0], "Putin Meets U.S. Envoy in Moscow", "a headline is its own sentence");
    assert!(sents.contains(&"“We will continue.”"));
    assert!(sents.iter().any(|s| s.starts_with("Dr. Jane O'Brien, a professor at St. Andrew's, said")));
    assert_eq!(paragraphs.len(), 5);
}

#[test]
fn crlf_and_nbsp() {
    let text = include_str!("fixtures/text/crlf_nbsp.txt");
    let tokens = tokenize(text);
    let (sentences, _) = segment(text, &tokens);
    let sents: Vec<&str> = sentences.iter().map(|s| s.span.slice(text)).collect();
    assert_eq!(
        sents,
        [
            "Headline Without Punctuation",
            "First line of a CRLF file.",
            "Second\u{a0}paragraph\twith tabs and no\u{2011}break hyphen."
        ]
    );
    assert!(tokens.iter().any(|t| t.text(text) == "paragraph"));
}

#[test]
fn unicode_fixture_tokens() {
    let text = include_str!("fixtures/text/unicode.txt");
    let words: Vec<&str> = tokenize(text).iter().map(|t| t.text(text)).collect();
    for expected in ["👍🏽", "👨‍👩‍👧", "🇺🇦", "🇯🇵", "東", "。", "المحادثات", "e\u{301}", "Zürich", "’s", "“", "«"]
    {
        assert!(words.contains(&expected), "missing {expected:?}");
    }
}

/// Whole-pipeline robustness on hostile input: a document or a clear error, never a panic.
#[test]
fn bad_input_never_panics() {
    let annotator = Annotator::new().unwrap();
    let long_line = "word ".repeat(20_000) + &"x".repeat(100_000);
    let quotes = "\"“”‘’'«»".repeat(2_000);
    let junk: String = (0u32..5_000).filter_map(|i| char::from_u32((i * 7919) % 0x11_0000)).collect();
    let cases: Vec<String> = vec![
        String::new(),
        " \n\t\r\n\u{a0}\u{200b} ".into(),
        long_line,
        quotes,
        junk,
        "\u{0}\u{1}\u{7f}".repeat(100),
        "a".repeat(200_000),
        ".".repeat(10_000),
        "\u{301}".repeat(1000),
        "👨‍".repeat(1000),
        "U.S.".repeat(5000),
        "\r".repeat(1000),
    ];
    for text in &cases {
        let doc = annotator.annotate(text).expect("under the limit: a document");
        check_tokens("bad", text, &doc.tokens);
        check_segments("bad", text, &doc.tokens, &doc.sentences, &doc.paragraphs);
        let json = article_annotator::api::to_json(&doc, article_annotator::api::OffsetUnit::Utf16);
        assert!(json.starts_with("{\"schema\":1"));
    }
}

#[test]
fn over_limit_input_names_the_limit() {
    let annotator = Annotator::new().unwrap();
    let big = "a".repeat(article_annotator::MAX_TEXT_BYTES + 1);
    let err = annotator.annotate(&big).unwrap_err().to_string();
    assert!(err.contains("10485760") && err.contains("10 MB"), "{err}");
    let exact = "a".repeat(article_annotator::MAX_TEXT_BYTES);
    assert!(annotator.annotate(&exact).is_ok(), "the limit itself is accepted");
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Strings drawn from the characters that make tokenizing hard.
    fn nasty() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "a", "Z", "é", "e\u{301}", "9", ".", ",", "-", "'", "’", "\"", "“", "”", "‘", "«", "»", "—", "…", " ",
            "\n", "\r\n", "\t", "\u{a0}", "\u{200b}", "\u{200d}", "👍", "🏽", "🇺", "東", "ع", "@", "/", ":", "http://",
            "www.", "U.S.", "Dr.", "n't", "'s", "!", "?", "(", ")", "&", "_", "\u{0}", "\u{fffd}", "\u{2028}",
            "\u{2029}",
        ]);
        prop::collection::vec(pieces, 0..80).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        #[test]
        fn any_text_keeps_the_invariants(text in nasty()) {
            let tokens = tokenize(&text);
            check_tokens("prop", &text, &tokens);
            let (sentences, paragraphs) = segment(&text, &tokens);
            check_segments("prop", &text, &tokens, &sentences, &paragraphs);
        }

        #[test]
        fn arbitrary_unicode_never_panics(text in "\\PC{0,200}") {
            let tokens = tokenize(&text);
            check_tokens("any", &text, &tokens);
        }
    }
}
