//! Cases shared by `tests/wasm_node.rs` (Node) and `tests/wasm_browser.rs`
//! (headless Chromium): the wasm façade as JavaScript sees it.
//!
//! Spans are checked by slicing with JavaScript's own `String.prototype.slice`
//! (UTF-16 code units), never by comparing raw numbers.

use article_annotator::wasm::{html_to_text, max_text_bytes, version, WasmAnnotator};
use js_sys::JsString;
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};

/// Text with emoji (incl. ZWJ sequences and flags), CJK, curly quotes,
/// combining marks, right-to-left text and CRLF paragraph breaks.
pub const TRICKY: &str = "“We won’t stop,” said Dr. Amélie Poulain 👩🏽‍🚀 in Zürich on Jan. 3.\r\n\r\n\
    東京で会議が開かれた。 Then e\u{301} and n\u{303} combined 🇳🇿 — ‘single’ quotes.\n\n\
    مرحبا بالعالم. A headline without punctuation";

pub fn annotate(text: &str, unit: &str) -> Value {
    let annotator = WasmAnnotator::new().unwrap_or_else(|_| panic!("annotator loads"));
    let json = annotator.annotate_json(text, unit).unwrap_or_else(|e| panic!("annotate failed: {}", message(e.into())));
    serde_json::from_str(&json).expect("valid JSON")
}

/// `text.slice(start, end)` as JavaScript computes it.
pub fn js_slice(text: &str, start: u64, end: u64) -> String {
    JsString::from(text).slice(start as u32, end as u32).into()
}

fn span(v: &Value) -> (u64, u64) {
    (v["start"].as_u64().expect("start"), v["end"].as_u64().expect("end"))
}

/// Every span with a `text` field covers exactly that text; sentences are in bounds and ordered.
pub fn check_spans(doc: &Value, text: &str) {
    let len = JsString::from(text).length() as u64;
    let mut prev = 0;
    for s in doc["sentences"].as_array().expect("sentences") {
        let (start, end) = span(s);
        assert!(prev <= start && start <= end && end <= len, "sentence {start}..{end}");
        prev = end;
    }
    let mut with_text: Vec<&Value> = doc["mentions"].as_array().expect("mentions").iter().collect();
    for q in doc["quotes"].as_array().expect("quotes") {
        with_text.push(q);
        with_text.extend(["speaker", "cue"].iter().map(|k| &q[*k]).filter(|v| !v.is_null()));
    }
    for v in with_text {
        let (start, end) = span(v);
        assert!(start <= end && end <= len);
        assert_eq!(js_slice(text, start, end), v["text"].as_str().expect("text"));
    }
}

pub fn sentence_texts(doc: &Value, text: &str) -> Vec<String> {
    doc["sentences"]
        .as_array()
        .expect("sentences")
        .iter()
        .map(|s| {
            let (start, end) = span(s);
            js_slice(text, start, end).trim().to_owned()
        })
        .collect()
}

fn message(v: JsValue) -> String {
    v.dyn_into::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_else(|v| format!("not an Error: {v:?}"))
}

pub fn utf16_offsets_slice_exactly() {
    let doc = annotate(TRICKY, "utf16");
    assert_eq!(doc["schema"], 1);
    assert_eq!(doc["offsets"], "utf16");
    assert_eq!(doc["text"], TRICKY);
    check_spans(&doc, TRICKY);
    let got = sentence_texts(&doc, TRICKY);
    for want in [
        "“We won’t stop,” said Dr. Amélie Poulain 👩🏽‍🚀 in Zürich on Jan. 3.",
        "東京で会議が開かれた。",
        "Then e\u{301} and n\u{303} combined 🇳🇿 — ‘single’ quotes.",
        "A headline without punctuation",
    ] {
        assert!(got.iter().any(|s| s == want), "no sentence {want:?} in {got:?}");
    }
}

pub fn units_agree() {
    let u16 = annotate(TRICKY, "utf16");
    let cp = annotate(TRICKY, "codepoint");
    let u8 = annotate(TRICKY, "utf8");
    let chars: Vec<char> = TRICKY.chars().collect();
    let n = u16["sentences"].as_array().unwrap().len();
    assert!(n >= 4);
    for i in 0..n {
        let (a, b) = span(&u16["sentences"][i]);
        let want = js_slice(TRICKY, a, b);
        let (a, b) = span(&cp["sentences"][i]);
        assert_eq!(chars[a as usize..b as usize].iter().collect::<String>(), want);
        let (a, b) = span(&u8["sentences"][i]);
        assert_eq!(&TRICKY[a as usize..b as usize], want);
    }
}

pub fn over_limit_is_an_error_naming_the_limit() {
    let limit = max_text_bytes();
    assert_eq!(limit, 10 * 1024 * 1024);
    let annotator = WasmAnnotator::new().unwrap_or_else(|_| panic!("annotator loads"));
    let big = "a".repeat(limit + 1);
    let err = annotator.annotate_json(&big, "utf16").expect_err("over the limit is an error");
    let err: JsValue = err.into();
    assert!(err.is_instance_of::<js_sys::Error>(), "a real Error object");
    let msg = message(err);
    assert!(msg.contains(&limit.to_string()) && msg.contains("10 MB"), "{msg}");
    drop(big);
    // The same annotator keeps working after the error.
    let ok = annotator.annotate_json("Still fine.", "utf16").unwrap_or_else(|_| panic!("annotates after an error"));
    assert!(ok.contains("\"sentences\":[{\"start\":0,\"end\":11}]"), "{ok}");
}

pub fn bad_offset_unit_is_an_error() {
    let annotator = WasmAnnotator::new().unwrap_or_else(|_| panic!("annotator loads"));
    let err = annotator.annotate_json("x", "chars").expect_err("unknown unit is an error");
    let msg = message(err.into());
    assert!(msg.contains("utf16"), "{msg}");
}

pub fn odd_inputs_give_documents() {
    let long_line = "word 😀 東京 ".repeat(10_000);
    for text in
        ["", " \n\n\t ", "\u{0}\u{1}\u{7f}\u{feff}", "\u{fffd}\u{fffd}", "“unpaired ‘quotes \" «", long_line.as_str()]
    {
        let doc = annotate(text, "utf16");
        check_spans(&doc, text);
        assert_eq!(doc["text"], text);
    }
}

pub fn version_names_the_schema() {
    assert!(version().ends_with("(schema 1)"), "{}", version());
}

/// `htmlToText` gives exactly the text `annotateHtmlJson` annotates, in both modes.
pub fn html_to_text_is_the_annotated_text() {
    let annotator = WasmAnnotator::new().unwrap_or_else(|_| panic!("annotator loads"));
    let html = "<html><head><title>T</title></head><body><nav>Home</nav><article><h1>T</h1>\
                <p>Talks in <b>Gen</b>eva 😀, said Zoë.</p><script>x()</script></article></body></html>";
    for options in ["", r#"{"mode":"article"}"#] {
        let text = html_to_text(html, options).unwrap_or_else(|_| panic!("htmlToText"));
        let doc: Value = serde_json::from_str(
            &annotator.annotate_html_json(html, options).unwrap_or_else(|_| panic!("annotateHtmlJson")),
        )
        .expect("valid JSON");
        assert_eq!(doc["text"], text.as_str(), "{options}");
        assert!(text.contains("Talks in Geneva 😀, said Zoë.") && !text.contains("x()"), "{text}");
    }
    let err = html_to_text(html, r#"{"mode":"pdf"}"#).expect_err("bad mode is an error");
    assert!(message(err.into()).contains("mode"));
}

/// Expands to one `#[wasm_bindgen_test]` per case above.
#[macro_export]
macro_rules! wasm_cases {
    ($($name:ident),* $(,)?) => {
        $(
            #[wasm_bindgen_test::wasm_bindgen_test]
            fn $name() {
                wasm_common::$name();
            }
        )*
    };
}
