//! HTML in: readable text plus anchors back to the DOM text nodes.
//!
//! [`extract`] parses HTML with `scraper` (html5ever, the WHATWG parsing
//! algorithm browsers use), turns it into readable text ([`extract`]'s rules
//! are listed in the `extract` module and in ARCHITECTURE.md), and keeps a
//! segment map from byte ranges of that text to the DOM text nodes they came
//! from. [`HtmlLayer::anchors`] turns any byte span of the text into anchors:
//! per text node touched, the node's path and the byte range inside the node's
//! text; [`crate::api`] converts those to the caller's offset unit.
//!
//! In [`Mode::Article`] only the main article of a whole page is extracted
//! (see the `article` module) and its metadata is returned as [`Article`].
//!
//! HTML that arrives as bytes (files, HTTP bodies) is turned into a string by
//! [`decode`]: byte order mark, then `<meta charset>` in the first 1024 bytes
//! (the WHATWG prescan), then UTF-8 if valid, else windows-1252.
//!
//! Never panics on input; every pass is iterative, so deep nesting cannot
//! overflow the stack.

mod article;
mod charset;
mod dom;
mod extract;
mod meta;
mod nesting;

pub use charset::{decode, CharsetSource, Decoded, PRESCAN_BYTES};
pub use extract::{Segment, TextNode};
pub use meta::Article;
pub use nesting::nesting_estimate;

use crate::span::ByteSpan;
use crate::{Error, Result};
use serde::Deserialize;

/// Largest HTML accepted by [`extract`] and [`crate::Annotator::annotate_html`]:
/// 10 MiB of UTF-8.
pub const MAX_HTML_BYTES: usize = 10 * 1024 * 1024;

/// Deepest element nesting accepted, as estimated before parsing by
/// [`nesting_estimate`]. html5ever's tree builder checks element scopes by
/// walking its stack of open elements, so very deep nesting costs quadratic
/// time; browsers stop nesting far earlier (Chromium at 512 levels).
pub const MAX_NESTING: usize = 5_000;

/// What to extract.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// All visible text of the document or fragment (pasted rich text).
    #[default]
    Text,
    /// Only the main article of a whole web page, plus its metadata.
    Article,
}

impl Mode {
    pub fn parse(s: &str) -> Result<Self> {
        match s {
            "text" => Ok(Mode::Text),
            "article" => Ok(Mode::Article),
            other => Err(Error::InvalidOption(format!("mode must be \"text\" or \"article\", not {other:?}"))),
        }
    }
}

/// Options of [`crate::Annotator::annotate_html`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HtmlOptions {
    pub mode: Mode,
}

/// The options object the wasm façade and JSON callers pass:
/// `{"mode": "text" | "article", "offsets": "utf16" | "codepoint" | "utf8"}`,
/// both optional (defaults `"text"`, `"utf16"`). Unknown keys are an error.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonOptions {
    #[serde(default)]
    pub mode: Option<String>,
    #[serde(default)]
    pub offsets: Option<String>,
}

impl JsonOptions {
    /// Parses the options JSON (`""`, `"null"` and `"{}"` give the defaults).
    pub fn parse(json: &str) -> Result<(HtmlOptions, crate::api::OffsetUnit)> {
        let json = json.trim();
        let raw: JsonOptions = if json.is_empty() || json == "null" {
            JsonOptions::default()
        } else {
            serde_json::from_str(json).map_err(|e| Error::InvalidOption(format!("options: {e}")))?
        };
        let mode = raw.mode.as_deref().map(Mode::parse).transpose()?.unwrap_or_default();
        let unit = raw.offsets.as_deref().map(crate::api::OffsetUnit::parse).transpose()?.unwrap_or_default();
        Ok((HtmlOptions { mode }, unit))
    }
}

/// Everything an HTML document adds to a [`crate::Document`]: the text
/// nodes the text came from and the map between the two.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HtmlLayer {
    /// Text nodes that contributed text, in document order.
    pub nodes: Vec<TextNode>,
    /// Sorted by `out`, non-overlapping. Text not covered by a segment
    /// (line breaks and tabs between blocks) comes from no node.
    pub segments: Vec<Segment>,
    /// Article metadata, in [`Mode::Article`] only.
    pub article: Option<Article>,
}

/// A span's position inside one text node, in UTF-8 bytes of
/// [`TextNode::text`] (end-exclusive, on char boundaries).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NodeRange {
    /// Index into [`HtmlLayer::nodes`].
    pub node: u32,
    pub start: u32,
    pub end: u32,
}

impl HtmlLayer {
    /// The node ranges covering byte span `span` of the extracted text, in
    /// document order, one per text node touched. Empty when the span covers
    /// only inter-block line breaks.
    pub fn anchors(&self, span: ByteSpan) -> Vec<NodeRange> {
        let mut out: Vec<NodeRange> = Vec::new();
        if span.is_empty() {
            return out;
        }
        let first = self.segments.partition_point(|s| s.out + s.out_len <= span.start);
        for seg in &self.segments[first..] {
            if seg.out >= span.end {
                break;
            }
            let local_start = span.start.saturating_sub(seg.out);
            let local_end = span.end.min(seg.out + seg.out_len) - seg.out;
            let (start, end) = if seg.out_len == seg.raw_len {
                (seg.raw + local_start, seg.raw + local_end)
            } else {
                // A collapsed whitespace run: all or nothing.
                (if local_start == 0 { seg.raw } else { seg.raw + seg.raw_len }, seg.raw + seg.raw_len)
            };
            match out.last_mut() {
                Some(last) if last.node == seg.node => last.end = end,
                _ => out.push(NodeRange { node: seg.node, start, end }),
            }
        }
        out
    }
}

/// The result of [`extract`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Extracted {
    pub text: String,
    pub layer: HtmlLayer,
}

/// Extracts readable text (and in article mode, metadata) from HTML.
///
/// Errors: [`Error::InputTooLarge`] above [`MAX_HTML_BYTES`]. Anything else —
/// fragments, malformed markup, binary junk — gives a result.
pub fn extract(html: &str, options: &HtmlOptions) -> Result<Extracted> {
    if html.len() > MAX_HTML_BYTES {
        return Err(Error::InputTooLarge { size: html.len(), limit: MAX_HTML_BYTES, limit_mb: MAX_HTML_BYTES >> 20 });
    }
    if let Some(depth) = nesting_estimate(html, MAX_NESTING) {
        return Err(Error::TooDeep { depth, limit: MAX_NESTING });
    }
    let parsed = parse(html);
    let dom = dom::Dom::new(&parsed);
    if dom.len() == 0 {
        return Ok(Extracted::default());
    }
    let mut ex = extract::Extractor::new(&dom);
    let mut article_meta = None;
    match options.mode {
        Mode::Text => {
            let body = dom.children(0).find(|&c| dom.tag(c) == "body").unwrap_or(0);
            ex.walk(body, &[]);
        }
        Mode::Article => {
            let metadata = meta::extract(&dom);
            let found = article::find(&dom, metadata.title.as_deref());
            for &root in &found.roots {
                ex.paragraph_break();
                ex.walk(root, &found.removed);
            }
            article_meta = Some(meta::with_byline_node(metadata, &dom, found.byline_node));
        }
    }
    let (text, segments, nodes) = ex.finish();
    Ok(Extracted { text, layer: HtmlLayer { nodes, segments, article: article_meta } })
}

/// Parses a document the way `DOMParser` and sanitizers do, with scripting
/// disabled: `<noscript>` content is markup, not text. The page re-parses the
/// pasted HTML with `DOMParser` to resolve the anchors, so both trees must
/// have the same shape; with scripting enabled (html5ever's default) an
/// `<img>` inside a `<noscript>` in `<head>` stays text, while `DOMParser`
/// closes the head and opens the body there, and every anchor after it
/// pointed at the wrong node. Mozilla Readability's expected output comes
/// from jsdom, which parses the same way.
fn parse(html: &str) -> scraper::Html {
    use html5ever::tendril::TendrilSink;
    let opts = html5ever::ParseOpts {
        tree_builder: html5ever::tree_builder::TreeBuilderOpts { scripting_enabled: false, ..Default::default() },
        ..Default::default()
    };
    html5ever::driver::parse_document(scraper::HtmlTreeSink::new(scraper::Html::new_document()), opts).one(html)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(html: &str) -> String {
        extract(html, &HtmlOptions::default()).unwrap().text
    }

    #[test]
    fn blocks_inline_and_whitespace() {
        assert_eq!(text("<p>Hello <b>wor</b>ld</p><p>Next\n   line</p>"), "Hello world\n\nNext line");
        assert_eq!(text("<div>a</div><div>b</div>"), "a\nb");
        assert_eq!(text("a<br>b<br><br><br>c"), "a\nb\n\nc");
        assert_eq!(text("<ul><li>one</li><li> two </li></ul>"), "one\n\ntwo");
        assert_eq!(text("<pre>  x\n  y</pre>"), "  x\n  y");
        assert_eq!(text("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>"), "a\tb\nc");
        assert_eq!(text("<p>caf&eacute; &amp; &lt;b&gt; &#x1F600;</p>"), "café & <b> 😀");
    }

    #[test]
    fn invisible_things_are_skipped() {
        let html = "<p>a<script>x()</script><style>p{}</style><!-- c --><span hidden>h</span>\
                    <span aria-hidden=\"true\">h</span><span style=\"display: none\">h</span>b</p>\
                    <template><p>t</p></template><noscript>n</noscript>";
        assert_eq!(text(html), "ab");
    }

    #[test]
    fn anchors_map_back_to_nodes() {
        let ex = extract("<p>Hello   <b>New</b>\n York</p>", &HtmlOptions::default()).unwrap();
        assert_eq!(ex.text, "Hello New York");
        let a = ex.layer.anchors(ByteSpan::new(6, 14));
        assert_eq!(a.len(), 2);
        let n0 = &ex.layer.nodes[a[0].node as usize];
        assert_eq!(&n0.text[a[0].start as usize..a[0].end as usize], "New");
        let n1 = &ex.layer.nodes[a[1].node as usize];
        assert_eq!(&n1.text[a[1].start as usize..a[1].end as usize], "\n York");
        // html > body > p > b > text
        assert_eq!(n0.path, vec![1, 0, 1, 0]);
    }
}
