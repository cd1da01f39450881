//! HTML as bytes: charset detection (byte order mark, `<meta>` prescan,
//! UTF-8, windows-1252) on the committed fixtures in
//! tests/fixtures/html/charset/, and offsets/anchors of the decoded text.

use article_annotator::api::{self, OffsetUnit};
use article_annotator::html::{decode, extract, CharsetSource, HtmlOptions, Mode};
use article_annotator::Annotator;
use std::path::Path;

fn bytes(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html/charset").join(name)).unwrap()
}

fn text_of(name: &str) -> String {
    extract(&decode(&bytes(name)).html, &HtmlOptions::default()).unwrap().text
}

fn squash(s: &str) -> String {
    s.split([' ', '\t', '\n', '\r', '\x0C']).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

#[test]
fn each_fixture_is_decoded_as_declared() {
    for (name, encoding, source) in [
        ("windows-1252.html", "windows-1252", CharsetSource::Meta),
        ("undeclared-1252.html", "windows-1252", CharsetSource::Fallback),
        ("shift_jis.html", "Shift_JIS", CharsetSource::Meta),
        ("utf16le-bom.html", "UTF-16LE", CharsetSource::Bom),
        ("conflicting-metas.html", "windows-1251", CharsetSource::Meta),
    ] {
        let raw = bytes(name);
        let d = decode(&raw);
        assert_eq!((d.encoding, d.source), (encoding, source), "{name}");
        assert!(!d.had_errors, "{name}");
        assert!(!d.html.contains('\u{FFFD}'), "{name}");
    }
}

#[test]
fn extracted_text_has_the_right_characters() {
    let t = text_of("windows-1252.html");
    assert!(t.starts_with("Talks resume at the Café de Flore\n\n“We are close to a deal,” said Hélène Dubois"), "{t}");
    assert!(t.contains("€3 billion — “a fair price”, according to Zoë Martin."), "{t}");
    assert_eq!(text_of("undeclared-1252.html"), "“Nothing is agreed,” said José Ramírez in Málaga.");
    let t = text_of("shift_jis.html");
    assert!(t.starts_with("東京で会談再開\n\n「合意は近い」と外務省の報道官は述べた。"), "{t}");
    let t = text_of("utf16le-bom.html");
    assert!(t.starts_with("🇨🇭 Talks resumed in Geneva 😀 on Monday."), "{t}");
    assert!(t.contains("António Guterres") && t.contains("Łódź, Zürich and Москва"), "{t}");
    let t = text_of("conflicting-metas.html");
    assert!(t.starts_with("«Переговоры продолжаются», — сказал Сергей Лавров в Москве."), "{t}");
}

#[test]
fn article_mode_metadata_is_decoded_too() {
    let html = decode(&bytes("windows-1252.html")).html.into_owned();
    let ex = extract(&html, &HtmlOptions { mode: Mode::Article }).unwrap();
    let article = ex.layer.article.unwrap();
    assert!(article.title.as_deref().is_some_and(|t| t.contains("Café")), "{:?}", article.title);
    assert_eq!(article.lang.as_deref(), Some("fr"));
}

/// Every offset of the document, in every unit, slices the decoded text to
/// the span's text, and every anchor slices its node's text to it.
#[test]
fn offsets_and_anchors_slice_the_decoded_text() {
    let annotator = Annotator::new().unwrap();
    let mut mentions = 0;
    for name in ["windows-1252.html", "shift_jis.html", "utf16le-bom.html", "conflicting-metas.html"] {
        let raw = bytes(name);
        let doc = annotator.annotate_html_bytes(&raw, &HtmlOptions::default()).unwrap();
        let layer = doc.html.as_deref().unwrap();
        mentions += doc.mentions.len();
        for unit in [OffsetUnit::Utf16, OffsetUnit::Codepoint, OffsetUnit::Utf8] {
            let out = api::to_output(&doc, unit);
            // A UTF-16 offset counts 2 for characters outside the BMP.
            let slice = |start: u32, end: u32| -> String {
                let mut pos = 0u32;
                let mut s = String::new();
                for (i, (bi, c)) in out.text.char_indices().enumerate() {
                    let at = match unit {
                        OffsetUnit::Utf16 => pos,
                        OffsetUnit::Codepoint => i as u32,
                        OffsetUnit::Utf8 => bi as u32,
                    };
                    if at >= start && at < end {
                        s.push(c);
                    }
                    pos += c.len_utf16() as u32;
                }
                s
            };
            let node_slice = |a: &api::OutAnchor| -> String {
                let node = layer.nodes.iter().find(|n| n.path == a.path).expect("anchor path names a text node");
                assert!(node.text.starts_with(a.check));
                let count = |s: &str| match unit {
                    OffsetUnit::Utf16 => s.encode_utf16().count() as u32,
                    OffsetUnit::Codepoint => s.chars().count() as u32,
                    OffsetUnit::Utf8 => s.len() as u32,
                };
                assert_eq!(a.len, count(&node.text), "{name}: node length in {unit:?}");
                let mut pos = 0u32;
                let mut s = String::new();
                for c in node.text.chars() {
                    if pos >= a.start && pos < a.end {
                        s.push(c);
                    }
                    pos += count(c.encode_utf8(&mut [0; 4]));
                }
                s
            };
            for m in &out.mentions {
                assert_eq!(slice(m.start, m.end), *m.text, "{name}: mention in {unit:?}");
                let covered: String = m.anchors.as_ref().unwrap().iter().map(node_slice).collect();
                assert_eq!(squash(&covered), squash(&m.text), "{name}: mention anchors in {unit:?}");
            }
            for q in &out.quotes {
                assert_eq!(slice(q.start, q.end), *q.text, "{name}: quote in {unit:?}");
                let covered: String = q.anchors.as_ref().unwrap().iter().map(node_slice).collect();
                assert_eq!(squash(&covered), squash(&q.text), "{name}: quote anchors in {unit:?}");
            }
            for (s, anchors) in out.sentences.iter().zip(out.sentence_anchors.as_ref().unwrap()) {
                let text = slice(s.start, s.end);
                let covered: String = anchors.iter().map(node_slice).collect();
                assert_eq!(squash(&covered), squash(&text), "{name}: sentence anchors in {unit:?}");
            }
        }
    }
    assert!(mentions >= 8, "the fixtures name people and places ({mentions} mentions)");
}

#[test]
fn existing_mixed_declarations_fixture_keeps_the_first() {
    // nasty/mixed-encodings.html declares utf-8, then iso-8859-1, then shift_jis, and has one
    // latin-1 byte: UTF-8 wins (first declaration) and the stray byte becomes U+FFFD.
    let raw =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html/nasty/mixed-encodings.html"))
            .unwrap();
    let d = decode(&raw);
    assert_eq!((d.encoding, d.source, d.had_errors), ("UTF-8", CharsetSource::Meta, true));
    let t = extract(&d.html, &HtmlOptions::default()).unwrap().text;
    assert!(t.starts_with("Zürich – “quotes” 東京"), "{t}");
    assert!(t.ends_with("latin1: Z\u{FFFD}rich"), "{t}");
}

#[test]
fn junk_bytes_never_panic() {
    // Declarations cut at every byte, and stray bytes inside them.
    let page = b"<!--x--><meta http-equiv='Content-Type' content=\"text/html; charset='koi8-r'\"><p>\xC1\xC2</p>";
    for cut in 0..=page.len() {
        let d = decode(&page[..cut]);
        assert!(extract(&d.html, &HtmlOptions::default()).is_ok());
        for b in [0u8, b'"', b'\'', b'>', b'<', b'=', 0xFF] {
            let mut v = page.to_vec();
            v.insert(cut, b);
            let _ = decode(&v);
        }
    }
    assert_eq!(decode(page).encoding, "KOI8-R");
    assert_eq!(decode(b"").html, "");
    assert_eq!(decode(b"\xFE\xFF").encoding, "UTF-16BE");
    assert_eq!(decode(b"\xFF\xFE\x00").html, "\u{FFFD}");
}
