//! HTML → readable text plus a segment map back to DOM text nodes.
//!
//! The rules approximate what a browser renders (`innerText`), see the
//! "HTML" section of ARCHITECTURE.md:
//! * runs of ASCII whitespace (space, tab, LF, CR, FF) collapse to one space;
//!   spaces at the start or end of a line vanish; `<pre>`/`<textarea>` keep
//!   their whitespace;
//! * paragraph-like blocks (`p`, headings, `li`, lists, tables, `blockquote`,
//!   `pre`, `figure`, `hr`, …) are separated by a blank line (`\n\n`), other
//!   blocks (`div`, `section`, `tr`, `dd`, …) by a line break, table cells by
//!   a tab, `<br>` is a line break; never more than two line breaks in a row;
//! * inline elements add nothing, so `<b>Wa</b>shington` stays one word;
//! * script, style, template, noscript, head, form controls, embedded content,
//!   comments and hidden elements (`hidden`, `aria-hidden="true"`,
//!   inline `display:none` / `visibility:hidden`) contribute nothing.

use super::dom::Dom;

/// What an element does to the text flow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Flow {
    /// Contributes nothing, nor does its subtree.
    Skip,
    Inline,
    /// A block: a line break before and after.
    Line,
    /// A paragraph-like block: a blank line before and after.
    Para,
    /// A table cell: a tab between neighbours.
    Cell,
    /// `<br>`.
    Break,
}

pub(crate) fn flow_of_tag(tag: &str) -> Flow {
    match tag {
        "script" | "style" | "template" | "noscript" | "head" | "title" | "iframe" | "object" | "embed" | "svg"
        | "math" | "canvas" | "video" | "audio" | "select" | "textarea" | "input" | "button" | "datalist"
        | "frameset" | "frame" | "noframes" | "param" | "source" | "track" | "img" | "picture" | "meta" | "link"
        | "base" | "dialog" | "map" | "area" => Flow::Skip,
        "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "li" | "ul" | "ol" | "dl" | "blockquote" | "pre" | "table"
        | "figure" | "hr" | "listing" | "plaintext" | "xmp" => Flow::Para,
        "div" | "section" | "article" | "main" | "header" | "footer" | "nav" | "aside" | "address" | "tr" | "dt"
        | "dd" | "figcaption" | "caption" | "form" | "fieldset" | "legend" | "details" | "summary" | "center"
        | "body" | "html" | "menu" | "dir" | "hgroup" | "tbody" | "thead" | "tfoot" | "option" | "optgroup"
        | "search" => Flow::Line,
        "td" | "th" => Flow::Cell,
        "br" => Flow::Break,
        _ => Flow::Inline,
    }
}

/// Whether an element is hidden by its own attributes.
pub(crate) fn is_hidden(dom: &Dom<'_>, i: usize) -> bool {
    let Some(e) = dom.element(i) else { return false };
    if e.attr("hidden").is_some() {
        return true;
    }
    if e.attr("aria-hidden").is_some_and(|v| v.trim().eq_ignore_ascii_case("true")) {
        return true;
    }
    if e.name() == "input" && e.attr("type").is_some_and(|t| t.eq_ignore_ascii_case("hidden")) {
        return true;
    }
    if let Some(style) = e.attr("style") {
        return style_hides(style);
    }
    false
}

fn style_hides(style: &str) -> bool {
    style.split(';').any(|decl| {
        let Some((prop, value)) = decl.split_once(':') else { return false };
        let prop = prop.trim();
        let value: String = value.chars().filter(|c| !c.is_ascii_whitespace()).collect::<String>().to_ascii_lowercase();
        let value = value.trim_end_matches("!important");
        (prop.eq_ignore_ascii_case("display") && value == "none")
            || (prop.eq_ignore_ascii_case("visibility") && (value == "hidden" || value == "collapse"))
    })
}

/// How an element takes part in the text, including hiding.
pub(crate) fn flow(dom: &Dom<'_>, i: usize) -> Flow {
    if dom.element(i).is_none() {
        return Flow::Inline;
    }
    if is_hidden(dom, i) {
        return Flow::Skip;
    }
    flow_of_tag(dom.tag(i))
}

fn preserves_whitespace(tag: &str) -> bool {
    matches!(tag, "pre" | "textarea" | "listing" | "plaintext" | "xmp")
}

#[inline]
fn is_html_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C')
}

/// A piece of the output text and where it came from. Either an identity
/// piece (`out_len == raw_len`: the same bytes, except that collapsible
/// whitespace may have become spaces) or one collapsed whitespace run
/// (`out_len == 1`, a space standing for `raw_len > 1` bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segment {
    pub out: u32,
    pub out_len: u32,
    /// Index into [`super::HtmlLayer::nodes`].
    pub node: u32,
    pub raw: u32,
    pub raw_len: u32,
}

/// A text node that contributed to the output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextNode {
    /// Child indices from the root `<html>` element (see ARCHITECTURE.md).
    pub path: Vec<u32>,
    /// The node's text as in the DOM (`Text.data`: entities decoded, not collapsed).
    pub text: String,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Sep {
    None,
    Space,
    Tab,
    Lines(u8),
}

pub(crate) struct Extractor<'d, 'a> {
    dom: &'d Dom<'a>,
    pub out: String,
    pub segments: Vec<Segment>,
    pub nodes: Vec<TextNode>,
    sep: Sep,
    /// Where a pending space came from: (layer node, raw start, raw len).
    space_src: Option<(u32, u32, u32)>,
}

impl<'d, 'a> Extractor<'d, 'a> {
    pub fn new(dom: &'d Dom<'a>) -> Self {
        Extractor { dom, out: String::new(), segments: Vec::new(), nodes: Vec::new(), sep: Sep::None, space_src: None }
    }

    fn want(&mut self, sep: Sep) {
        if sep > self.sep {
            self.sep = sep;
            if sep != Sep::Space {
                self.space_src = None;
            }
        }
    }

    /// Emits the pending separator before visible text.
    fn flush_sep(&mut self) {
        if self.out.is_empty() {
            self.sep = Sep::None;
            self.space_src = None;
            return;
        }
        match self.sep {
            Sep::None => {}
            Sep::Space => {
                if !self.out.ends_with(['\n', '\t', ' ']) {
                    let out = self.out.len() as u32;
                    self.out.push(' ');
                    if let Some((node, raw, raw_len)) = self.space_src {
                        self.push_segment(Segment { out, out_len: 1, node, raw, raw_len });
                    }
                }
            }
            Sep::Tab => {
                while self.out.ends_with(' ') {
                    self.out.pop();
                    self.drop_segments_past();
                }
                if !self.out.ends_with(['\n', '\t']) {
                    self.out.push('\t');
                }
            }
            Sep::Lines(n) => {
                while self.out.ends_with([' ', '\t']) {
                    self.out.pop();
                    self.drop_segments_past();
                }
                let have = self.out.bytes().rev().take_while(|&b| b == b'\n').count();
                for _ in have..n as usize {
                    self.out.push('\n');
                }
            }
        }
        self.sep = Sep::None;
        self.space_src = None;
    }

    fn drop_segments_past(&mut self) {
        let len = self.out.len() as u32;
        while let Some(last) = self.segments.last_mut() {
            if last.out >= len {
                self.segments.pop();
            } else {
                if last.out + last.out_len > len {
                    let cut = last.out + last.out_len - len;
                    last.out_len -= cut;
                    last.raw_len -= cut.min(last.raw_len);
                }
                break;
            }
        }
    }

    fn push_segment(&mut self, seg: Segment) {
        if let Some(last) = self.segments.last_mut() {
            let identity = |s: &Segment| s.out_len == s.raw_len;
            if last.node == seg.node
                && identity(last)
                && identity(&seg)
                && last.out + last.out_len == seg.out
                && last.raw + last.raw_len == seg.raw
            {
                last.out_len += seg.out_len;
                last.raw_len += seg.raw_len;
                return;
            }
        }
        self.segments.push(seg);
    }

    fn text_node(&mut self, i: usize, text: &str, pre: bool) {
        let mut layer_node: Option<u32> = None;
        let mut node_id = |this: &mut Self| -> u32 {
            *layer_node.get_or_insert_with(|| {
                this.nodes.push(TextNode { path: this.dom.path(i), text: text.to_owned() });
                (this.nodes.len() - 1) as u32
            })
        };
        let bytes = text.as_bytes();
        if pre {
            if text.is_empty() {
                return;
            }
            self.flush_sep();
            let node = node_id(self);
            let out = self.out.len() as u32;
            self.out.push_str(text);
            self.push_segment(Segment { out, out_len: text.len() as u32, node, raw: 0, raw_len: text.len() as u32 });
            return;
        }
        let mut at = 0usize;
        while at < bytes.len() {
            let start = at;
            if is_html_space(bytes[at]) {
                while at < bytes.len() && is_html_space(bytes[at]) {
                    at += 1;
                }
                if self.sep == Sep::None && !self.out.is_empty() {
                    let node = node_id(self);
                    self.sep = Sep::Space;
                    self.space_src = Some((node, start as u32, (at - start) as u32));
                } else if self.sep == Sep::None {
                    // Leading space of the document: nothing to keep.
                } else if self.sep == Sep::Space && self.space_src.is_none() {
                    let node = node_id(self);
                    self.space_src = Some((node, start as u32, (at - start) as u32));
                }
            } else {
                while at < bytes.len() && !is_html_space(bytes[at]) {
                    at += 1;
                }
                self.flush_sep();
                let node = node_id(self);
                let out = self.out.len() as u32;
                // Both ends are next to ASCII bytes or the string's ends, so
                // they are char boundaries.
                self.out.push_str(&text[start..at]);
                let len = (at - start) as u32;
                self.push_segment(Segment { out, out_len: len, node, raw: start as u32, raw_len: len });
            }
        }
    }

    /// Appends the text of the subtree at `root`, leaving out any node with
    /// `removed[i]` set (an empty slice removes nothing).
    pub fn walk(&mut self, root: usize, removed: &[bool]) {
        let dom = self.dom;
        // Open blocks: (subtree end, separator to want on close, preserves whitespace).
        let mut open: Vec<(u32, Flow, bool)> = Vec::new();
        let mut pre_depth = 0usize;
        let end = dom.nodes[root].end as usize;
        let mut i = root;
        while i < end {
            while let Some(&(e, f, pre)) = open.last() {
                if e as usize > i {
                    break;
                }
                open.pop();
                self.close(f);
                pre_depth -= pre as usize;
            }
            if removed.get(i).copied().unwrap_or(false) {
                i = dom.nodes[i].end as usize;
                continue;
            }
            if let Some(text) = dom.text(i) {
                self.text_node(i, text, pre_depth > 0);
                i += 1;
                continue;
            }
            if dom.element(i).is_none() {
                i = dom.nodes[i].end as usize; // comments, doctypes, PIs
                continue;
            }
            let f = flow(dom, i);
            match f {
                Flow::Skip => {
                    i = dom.nodes[i].end as usize;
                    continue;
                }
                Flow::Break => {
                    self.flush_sep_for_break();
                }
                Flow::Inline => {}
                Flow::Line => self.want(Sep::Lines(1)),
                Flow::Para => self.want(Sep::Lines(2)),
                Flow::Cell => self.want(Sep::Tab),
            }
            let pre = preserves_whitespace(dom.tag(i));
            pre_depth += pre as usize;
            open.push((dom.nodes[i].end, f, pre));
            i += 1;
        }
        while let Some((_, f, _)) = open.pop() {
            self.close(f);
        }
    }

    fn close(&mut self, f: Flow) {
        match f {
            Flow::Line => self.want(Sep::Lines(1)),
            Flow::Para => self.want(Sep::Lines(2)),
            _ => {}
        }
    }

    fn flush_sep_for_break(&mut self) {
        if self.out.is_empty() {
            return;
        }
        // A <br> ends the current line: pending spaces vanish, a pending
        // block break already covers it.
        match self.sep {
            Sep::Lines(_) => {
                self.flush_sep();
                if !self.out.ends_with("\n\n") {
                    self.out.push('\n');
                }
            }
            _ => {
                self.sep = Sep::None;
                self.space_src = None;
                while self.out.ends_with([' ', '\t']) {
                    self.out.pop();
                    self.drop_segments_past();
                }
                if !self.out.ends_with("\n\n") {
                    self.out.push('\n');
                }
            }
        }
    }

    /// Drops trailing whitespace (never mapped to anything but spaces).
    pub fn finish(mut self) -> (String, Vec<Segment>, Vec<TextNode>) {
        while self.out.ends_with([' ', '\t', '\n']) {
            self.out.pop();
        }
        self.drop_segments_past();
        (self.out, self.segments, self.nodes)
    }

    /// Forces a paragraph break before the next text (between article parts).
    pub fn paragraph_break(&mut self) {
        self.want(Sep::Lines(2));
    }
}
