//! HTML input: extraction rules, anchors in every offset unit, article mode,
//! limits and a corpus of nasty inputs (tests/fixtures/html/nasty/).

use article_annotator::api::{self, OffsetUnit};
use article_annotator::html::{extract, HtmlOptions, JsonOptions, Mode, MAX_HTML_BYTES, MAX_NESTING};
use article_annotator::span::ByteSpan;
use article_annotator::{Annotator, Error};
use std::path::Path;

fn text_mode() -> HtmlOptions {
    HtmlOptions { mode: Mode::Text }
}

fn article_mode() -> HtmlOptions {
    HtmlOptions { mode: Mode::Article }
}

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html").join(name);
    String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned()
}

/// Collapses whitespace the way extraction does, to compare a span's text
/// with the raw node text its anchors cover.
fn squash(s: &str) -> String {
    s.split([' ', '\t', '\n', '\r', '\x0C']).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// Invariants every extraction must keep: segments sorted, in bounds, on
/// char boundaries, identity segments equal to their source (modulo
/// whitespace), and anchors of every word reproduce the word.
fn check_invariants(html: &str, opts: &HtmlOptions) {
    let ex = extract(html, opts).unwrap();
    let text = &ex.text;
    let layer = &ex.layer;
    let mut last_end = 0u32;
    for seg in &layer.segments {
        assert!(seg.out >= last_end, "segments overlap");
        last_end = seg.out + seg.out_len;
        assert!(last_end as usize <= text.len());
        assert!(text.is_char_boundary(seg.out as usize) && text.is_char_boundary(last_end as usize));
        let node = &layer.nodes[seg.node as usize].text;
        let raw = &node[seg.raw as usize..(seg.raw + seg.raw_len) as usize];
        let out = &text[seg.out as usize..last_end as usize];
        if seg.out_len == seg.raw_len {
            assert_eq!(squash(out), squash(raw));
        } else {
            assert_eq!(out, " ");
            assert!(raw.bytes().all(|b| b" \t\n\r\x0C".contains(&b)));
        }
    }
    // Every word's anchors point at exactly that word.
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        let space = c.is_whitespace();
        match (start, space) {
            (None, false) => start = Some(i),
            (Some(s), true) => {
                let span = ByteSpan::new(s, i);
                let covered: String = layer
                    .anchors(span)
                    .iter()
                    .map(|a| &layer.nodes[a.node as usize].text[a.start as usize..a.end as usize])
                    .collect();
                assert_eq!(squash(&covered), squash(span.slice(text)), "word {:?}", span.slice(text));
                start = None;
            }
            _ => {}
        }
    }
}

#[test]
fn pasted_fragment_text() {
    let ex = extract(&fixture("pasted.html"), &text_mode()).unwrap();
    assert_eq!(
        ex.text,
        "Quote of the day\n\nEmmanuel\u{a0}Macron met Olaf Scholz in Berlin.\n\n\
         Der Bürgermeister von Zürich sagte: „Wir sind bereit.“ 😀 東京 café\n\none\n\ntwo\nlines"
    );
    check_invariants(&fixture("pasted.html"), &text_mode());
}

#[test]
fn anchors_in_utf16_codepoints_and_bytes() {
    // A word split over two inline elements, after emoji, CJK, combining
    // marks and curly quotes in the same node.
    let html = "<p>😀 東京 e\u{301} “Zü<b>rich</b>” ok</p>";
    let ex = extract(html, &text_mode()).unwrap();
    assert_eq!(ex.text, "😀 東京 e\u{301} “Zürich” ok");
    let start = ex.text.find("Zü").unwrap();
    let span = ByteSpan::new(start, start + "Zürich".len());
    let anchors = ex.layer.anchors(span);
    assert_eq!(anchors.len(), 2);
    let n0 = &ex.layer.nodes[anchors[0].node as usize];
    assert_eq!(n0.path, vec![1, 0, 0], "html > body > p > #text");
    assert_eq!(&n0.text[anchors[0].start as usize..anchors[0].end as usize], "Zü");

    let annotator = Annotator::new().unwrap();
    let mut doc = annotator.annotate_html(html, &text_mode()).unwrap();
    // Fake a mention over "Zürich" to see its anchors in the JSON.
    doc.mentions.clear();
    doc.quotes.clear();
    doc.entities.clear();
    doc.mentions.push(article_annotator::Mention {
        span,
        tokens: Default::default(),
        label: article_annotator::Label::Loc,
        entity: 0,
        score: 1.0,
    });
    let js_units = |s: &str| s.encode_utf16().count() as u32;
    let node_text = &ex.layer.nodes[0].text;
    let before = &node_text[..node_text.find("Zü").unwrap()];
    for (unit, count) in [
        (OffsetUnit::Utf16, &js_units as &dyn Fn(&str) -> u32),
        (OffsetUnit::Codepoint, &|s: &str| s.chars().count() as u32),
        (OffsetUnit::Utf8, &|s: &str| s.len() as u32),
    ] {
        let out = api::to_output(&doc, unit);
        let a = &out.mentions[0].anchors.as_ref().unwrap()[0];
        assert_eq!(a.path, &[1, 0, 0]);
        assert_eq!(a.start, count(before), "{unit:?}");
        assert_eq!(a.end, count(before) + count("Zü"), "{unit:?}");
        assert_eq!(a.len, count(node_text), "{unit:?}");
        assert_eq!(a.check, node_text.chars().take(16).collect::<String>());
        let b = &out.mentions[0].anchors.as_ref().unwrap()[1];
        assert_eq!((b.start, b.end), (0, count("rich")));
    }
    let json = api::to_json(&doc, OffsetUnit::Utf16);
    assert!(json.contains("\"anchors\":[{\"path\":[1,0,0]"), "{json}");
    assert!(json.contains("\"sentenceAnchors\""));
}

#[test]
fn plain_text_output_has_no_html_fields() {
    let doc = Annotator::new().unwrap().annotate("Talks resumed in Geneva.").unwrap();
    let json = api::to_json(&doc, OffsetUnit::Utf16);
    assert!(!json.contains("anchors") && !json.contains("\"article\""), "{json}");
}

#[test]
fn paths_follow_the_spec_tree() {
    // The parser adds <head>, <body> and <tbody> like browsers do; comments
    // and whitespace text nodes count as children.
    let html = "<!-- c --><table>\n<tr><td>cell</td></tr></table><!-- x --><p>para</p>";
    let ex = extract(html, &text_mode()).unwrap();
    let paths: Vec<(&str, &[u32])> = ex.layer.nodes.iter().map(|n| (n.text.as_str(), n.path.as_slice())).collect();
    // html > body(1) > table(0) > tbody(1, after "\n") > tr(0) > td(0) > #text(0)
    assert!(paths.contains(&("cell", &[1, 0, 1, 0, 0, 0][..])), "{paths:?}");
    // html > body > p(2: table, comment, p) > #text
    assert!(paths.contains(&("para", &[1, 2, 0][..])), "{paths:?}");
}

#[test]
fn article_mode_finds_body_and_metadata() {
    let html = fixture("article.html");
    let ex = extract(&html, &article_mode()).unwrap();
    let text = &ex.text;
    assert!(text.starts_with("Negotiators from both delegations"), "{text}");
    assert!(text.contains("“We are here to listen,” said the mediator"));
    assert!(text.ends_with("support any agreement on monitoring."), "{text}");
    for junk in ["cookies", "Home", "Share on", "Related", "Storm hits", "First!", "All rights", "tracking", "By Ana"] {
        assert!(!text.contains(junk), "{junk:?} leaked into {text}");
    }
    let a = ex.layer.article.unwrap();
    assert_eq!(a.title.as_deref(), Some("Talks resume in Geneva"));
    assert_eq!(a.byline.as_deref(), Some("Ana Müller"));
    assert_eq!(a.published.as_deref(), Some("2026-11-20T08:00:00Z"));
    assert_eq!(a.image.as_deref(), Some("https://news.example.org/images/geneva.jpg"));
    assert_eq!(a.lang.as_deref(), Some("en-GB"));
    check_invariants(&html, &article_mode());

    // Through the annotator and the JSON options used by the wasm façade.
    let (opts, unit) = JsonOptions::parse(r#"{"mode":"article","offsets":"utf16"}"#).unwrap();
    let doc = Annotator::new().unwrap().annotate_html(&html, &opts).unwrap();
    let json = api::to_json(&doc, unit);
    assert!(json.contains("\"article\":{\"title\":\"Talks resume in Geneva\""), "{json}");
}

#[test]
fn options_are_validated() {
    assert_eq!(JsonOptions::parse("").unwrap().0.mode, Mode::Text);
    assert_eq!(JsonOptions::parse("{}").unwrap().1, OffsetUnit::Utf16);
    assert!(JsonOptions::parse(r#"{"mode":"reader"}"#).unwrap_err().to_string().contains("article"));
    assert!(JsonOptions::parse(r#"{"moda":"article"}"#).is_err());
    assert!(JsonOptions::parse("[").is_err());
}

#[test]
fn javascript_urls_never_come_out() {
    let html = r#"<html><head><meta property="og:image" content=" javascript:alert(1)">
        <link rel="image_src" href="data:text/html,<script>alert(1)</script>"></head>
        <body><p onclick="alert(1)">Click <a href="javascript:alert(2)">here</a></p></body></html>"#;
    let doc = Annotator::new().unwrap().annotate_html(html, &article_mode()).unwrap();
    let json = api::to_json(&doc, OffsetUnit::Utf16);
    assert!(!json.contains("javascript:") && !json.contains("alert") && !json.contains("data:"), "{json}");
    assert_eq!(doc.html.unwrap().article.unwrap().image, None);
}

#[test]
fn oversized_page_is_a_clear_error() {
    let page = format!("<p>{}</p>", "x".repeat(20 * 1024 * 1024));
    let err = Annotator::new().unwrap().annotate_html(&page, &text_mode()).unwrap_err();
    assert!(matches!(err, Error::InputTooLarge { limit, .. } if limit == MAX_HTML_BYTES));
    assert!(err.to_string().contains(&MAX_HTML_BYTES.to_string()), "{err}");
}

#[test]
fn hundred_thousand_deep_nesting_is_a_clear_error() {
    for tag in ["div", "span", "b", "table", "p", "li", "svg"] {
        let depth = 100_000;
        let html = format!("{}deep{}", format!("<{tag}>").repeat(depth), format!("</{tag}>").repeat(depth));
        for opts in [text_mode(), article_mode()] {
            match extract(&html, &opts) {
                Ok(ex) => assert!(ex.text.is_empty() || ex.text.contains("deep")),
                Err(e) => {
                    assert!(matches!(e, Error::TooDeep { limit: MAX_NESTING, .. }), "{e}");
                    assert!(e.to_string().contains(&MAX_NESTING.to_string()));
                }
            }
        }
    }
    // Just under the limit still works, iteratively, in both modes.
    let depth = MAX_NESTING - 10;
    let html = format!("{}deep{}", "<div>".repeat(depth), "</div>".repeat(depth));
    for opts in [text_mode(), article_mode()] {
        assert_eq!(extract(&html, &opts).unwrap().text, "deep");
    }
}

#[test]
fn nasty_corpus() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html/nasty");
    let mut names: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    assert!(names.len() >= 15);
    let annotator = Annotator::new().unwrap();
    for path in names {
        let html = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        for opts in [text_mode(), article_mode()] {
            check_invariants(&html, &opts);
            let doc = annotator.annotate_html(&html, &opts).unwrap();
            let json = api::to_json(&doc, OffsetUnit::Utf16);
            assert!(!json.contains("alert("), "{}: script text leaked: {json}", path.display());
        }
    }
}

#[test]
fn nasty_details() {
    let t = |name: &str| extract(&fixture(&format!("nasty/{name}")), &text_mode()).unwrap().text;
    assert_eq!(t("attrs-junk.html"), "visible");
    assert_eq!(t("select-form.html"), "lab");
    assert_eq!(t("whitespace-only.html"), "");
    assert_eq!(t("empty.html"), "");
    assert!(t("mixed-encodings.html").starts_with("Zürich – “quotes” 東京"));
    assert_eq!(t("deep-2000.html"), "deep text");
    assert_eq!(t("huge-attribute.html"), "text after a huge attribute");
    assert_eq!(t("scripts-and-handlers.html"), "Hover\n\nlink");
}
