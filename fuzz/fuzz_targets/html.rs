//! Fuzzes the HTML path end to end: any bytes through charset detection
//! (`html::decode`: BOM, `<meta>` prescan, UTF-8, windows-1252, as the CLI
//! reads `.html` files), text and article mode, the segment map, anchors and
//! JSON output. It must never panic; every anchor must cover text of the
//! node it names.
//!
//! `fuzz/run.sh [SECONDS]` (stable toolchain; seeds: tests/fixtures/html/**),
//! or `cargo +nightly fuzz run html`.
#![no_main]

use article_annotator::api::{self, OffsetUnit};
use article_annotator::html::{extract, HtmlOptions, Mode};
use article_annotator::span::ByteSpan;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static ANNOTATOR: OnceLock<article_annotator::Annotator> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let html = article_annotator::html::decode(data).html;
    for mode in [Mode::Text, Mode::Article] {
        let opts = HtmlOptions { mode };
        let Ok(ex) = extract(&html, &opts) else { continue };
        let text = &ex.text;
        for seg in &ex.layer.segments {
            let node = &ex.layer.nodes[seg.node as usize].text;
            assert!(node.get(seg.raw as usize..(seg.raw + seg.raw_len) as usize).is_some());
            assert!(text.get(seg.out as usize..(seg.out + seg.out_len) as usize).is_some());
        }
        let len = text.len();
        let span = ByteSpan::new(0, len);
        for a in ex.layer.anchors(span) {
            let node = &ex.layer.nodes[a.node as usize].text;
            assert!(node.get(a.start as usize..a.end as usize).is_some());
        }
        // The embedded model must load: a broken one would silently stop
        // the fuzzer from covering annotation.
        let annotator = ANNOTATOR.get_or_init(|| article_annotator::Annotator::new().expect("embedded model loads"));
        if let Ok(doc) = annotator.annotate_html(&html, &opts) {
            let json = api::to_json(&doc, OffsetUnit::Utf16);
            assert!(json.starts_with('{'));
        }
    }
});
