//! Property tests for the HTML path (a quick complement to the libFuzzer
//! target in fuzz/, which `make test` runs for 45 s): random markup soup built from
//! tags, entities, attributes, whitespace and multi-byte text never panics,
//! and every anchor points into its node at char boundaries, covering the
//! same words as the text span.
#![cfg(not(target_arch = "wasm32"))]

use article_annotator::api::{self, OffsetUnit};
use article_annotator::html::{decode, extract, CharsetSource, HtmlOptions, Mode};
use article_annotator::span::ByteSpan;
use proptest::prelude::*;
use std::sync::OnceLock;

static ANNOTATOR: OnceLock<article_annotator::Annotator> = OnceLock::new();

const PIECES: &[&str] = &[
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<b>",
    "</b>",
    "<i>",
    "<br>",
    "<li>",
    "<ul>",
    "</ul>",
    "<table>",
    "<tr>",
    "<td>",
    "</table>",
    "<pre>",
    "</pre>",
    "<script>",
    "</script>",
    "<style>",
    "<!--",
    "-->",
    "<span hidden>",
    "</span>",
    "<a href=\"javascript:x()\">",
    "</a>",
    "<h1>",
    "</h1>",
    "<template>",
    "</template>",
    "<svg>",
    "<noscript>",
    "&amp;",
    "&nbsp;",
    "&#x1F600;",
    "&eacute",
    "&",
    "<",
    ">",
    " ",
    "  ",
    "\n",
    "\t",
    "word",
    "Zürich",
    "😀",
    "東京",
    "e\u{301}",
    "“q”",
    "\u{0}",
    "<html>",
    "<body>",
    "<head>",
    "<title>",
    "</title>",
    "<meta property=\"og:title\" content=\"T\">",
    "<p class=\"comment\">",
    "<div id=\"content\">",
    "</",
    "<x/>",
    "<textarea>",
    "<select><option>",
];

fn soup() -> impl Strategy<Value = String> {
    prop::collection::vec(0..PIECES.len(), 0..80).prop_map(|ix| ix.into_iter().map(|i| PIECES[i]).collect())
}

fn squash(s: &str) -> String {
    s.split([' ', '\t', '\n', '\r', '\x0C']).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn soup_never_panics_and_anchors_hold(html in soup(), article in any::<bool>()) {
        let opts = HtmlOptions { mode: if article { Mode::Article } else { Mode::Text } };
        let ex = extract(&html, &opts).unwrap();
        let text = &ex.text;
        if !html.contains("<pre>") {
            // <pre> keeps its whitespace, as browsers render it.
            prop_assert!(!text.starts_with([' ', '\n', '\t']) && !text.ends_with([' ', '\n', '\t']));
            prop_assert!(!text.contains("\n\n\n"));
        }
        prop_assert!(!text.contains("x()"));
        for (start, word) in text.split([' ', '\n', '\t']).scan(0usize, |at, w| {
            let s = *at;
            *at += w.len() + 1;
            Some((s, w))
        }) {
            if word.is_empty() {
                continue;
            }
            let span = ByteSpan::new(start, start + word.len());
            let covered: String = ex
                .layer
                .anchors(span)
                .iter()
                .map(|a| {
                    let node = &ex.layer.nodes[a.node as usize].text;
                    node.get(a.start as usize..a.end as usize).expect("anchor on char boundaries")
                })
                .collect();
            prop_assert_eq!(squash(&covered), squash(word));
        }
    }

    #[test]
    fn arbitrary_strings_never_panic(html in any::<String>(), article in any::<bool>()) {
        let opts = HtmlOptions { mode: if article { Mode::Article } else { Mode::Text } };
        let annotator = ANNOTATOR.get_or_init(|| article_annotator::Annotator::new().unwrap());
        let doc = annotator.annotate_html(&html, &opts).unwrap();
        let json = api::to_json(&doc, OffsetUnit::Utf16);
        let ok = json.starts_with(r#"{"schema":1"#);
        prop_assert!(ok, "bad json start");
    }

    /// Charset detection on byte soup with declarations, BOMs and stray
    /// bytes: never panics, and undeclared UTF-8 comes back unchanged.
    #[test]
    fn charset_detection_never_panics(
        parts in prop::collection::vec(0..CHARSET_PIECES.len(), 0..30),
        junk in prop::collection::vec(any::<u8>(), 0..40),
        text in any::<String>(),
    ) {
        let mut bytes: Vec<u8> = parts.iter().flat_map(|&i| CHARSET_PIECES[i].iter().copied()).collect();
        bytes.extend_from_slice(&junk);
        let d = decode(&bytes);
        prop_assert!(!d.encoding.is_empty());
        let d = decode(text.as_bytes());
        if matches!(d.source, CharsetSource::Utf8) {
            prop_assert_eq!(&*d.html, text.as_str());
        }
    }
}

const CHARSET_PIECES: &[&[u8]] = &[
    b"<meta charset=",
    b"<meta http-equiv=content-type content='text/html; charset=",
    b"<META CHARSET=\"",
    b"shift_jis",
    b"windows-1252",
    b"utf-16le",
    b"bogus",
    b"\"",
    b"'",
    b">",
    b"<!--",
    b"-->",
    b"<p title='",
    b"</",
    b"<?",
    b" ",
    b"/",
    b"=",
    b"\xEF\xBB\xBF",
    b"\xFF\xFE",
    b"\x82\xA0",
    b"\xE9",
];
