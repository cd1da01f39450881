//! A self-contained HTML report: the article with its mentions highlighted
//! (one colour per label) and quotes as a second layer, a legend, the list of
//! names and the list of quotes.
//!
//! Safe to open from an email or a download: no scripts, no external
//! requests (a Content-Security-Policy meta tag forbids both: everything but
//! inline styles is `'none'`), every string from the input escaped by
//! `html-escape`, links only to `http(s)` source URLs and GeoNames. It prints
//! on A4 and Letter alike (`@page` margins, no fixed page size, highlights kept
//! in print, labels also told apart by underline style for black-and-white).
//!
//! Offsets in `data-start`/`data-end` are Unicode code points into the
//! article text (stated in `<meta name="offset-unit" content="codepoint">`).
//! A mention or quote element carries them on its first piece. Where spans
//! of one layer nest (a partial quote inside reported speech, "England" in
//! "Bank of England") the innermost is drawn, and where a mention crosses a
//! quote boundary it is cut: the rest of the outer span continues in
//! elements of class `cont`, so the markup stays well nested.

use super::{convert, entity, label_plural, slice, ExportOptions};
use crate::api::{OffsetMap, OffsetUnit};
use crate::document::{Document, Label};
use crate::span::ByteSpan;
use html_escape::{encode_double_quoted_attribute_to_writer as attr, encode_text_to_writer as text};
use std::io::{self, Write};

/// `default-src 'none'` blocks scripts, images, fonts, frames and fetches;
/// only the inline `<style>` is allowed.
pub const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

const CSS: &str = r#"
:root { --per: #cfe3ff; --org: #ffe0bd; --loc: #cdeccd; --misc: #eadcff; --quote: #fff4b8; --indirect: #fffbe3; }
html { font: 16px/1.55 Georgia, "Times New Roman", serif; color: #1a1a1a; background: #fff; }
body { max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 .3rem; }
h2 { font: 600 1.05rem/1.3 system-ui, sans-serif; margin: 2rem 0 .6rem; border-bottom: 1px solid #ccc; padding-bottom: .2rem; }
.meta, .legend, table, .by, footer { font-family: system-ui, sans-serif; font-size: .85rem; }
.meta { color: #555; margin: 0 0 1rem; overflow-wrap: anywhere; }
.legend { display: flex; flex-wrap: wrap; gap: .4rem 1rem; padding: .5rem 0; border-top: 1px solid #ccc; border-bottom: 1px solid #ccc; }
.article { white-space: pre-wrap; overflow-wrap: break-word; margin: 1rem 0; }
mark { color: inherit; border-radius: 2px; padding: 0 1px; }
mark.PER { background: var(--per); border-bottom: 2px solid #3b7ddd; }
mark.ORG { background: var(--org); border-bottom: 2px dashed #d9822b; }
mark.LOC { background: var(--loc); border-bottom: 2px dotted #2f9e44; }
mark.MISC { background: var(--misc); border-bottom: 3px double #7c4dcc; }
mark.unsure { outline: 1px dashed #555; outline-offset: -1px; }
.legend mark.unsure { background: none; }
mark.unsure[id]::after, .legend mark.unsure::after { content: "?"; font: 700 .7em system-ui, sans-serif; vertical-align: .3em; }
span.q { background: var(--quote); font-style: italic; }
span.q.indirect { background: var(--indirect); font-style: normal; border-bottom: 1px dotted #b08d00; }
.legend mark, .legend span.q { padding: 0 .3rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .25rem .5rem .25rem 0; border-bottom: 1px solid #e5e5e5; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
ol.quotes { padding-left: 1.5rem; }
ol.quotes li { margin: 0 0 .9rem; }
blockquote { margin: 0; white-space: pre-wrap; overflow-wrap: break-word; }
.by { color: #444; margin: .2rem 0 0; }
footer { color: #666; margin: 2rem 0 0; border-top: 1px solid #ccc; padding-top: .4rem; }
a { color: #1a4fa0; }
a.jump { color: inherit; text-decoration: none; }
a.jump:hover { text-decoration: underline; }
:target { outline: 2px solid #1a4fa0; outline-offset: 1px; }
@page { margin: 16mm 15mm; }
@media print {
  html { font-size: 10.5pt; }
  body { max-width: none; margin: 0; padding: 0; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2 { break-after: avoid; }
  tr, ol.quotes li { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"#;

fn label_name(label: Label) -> &'static str {
    match label {
        Label::Per => "Person",
        Label::Org => "Organisation",
        Label::Loc => "Place",
        Label::Misc => "Other name",
    }
}

fn kind_name(kind: crate::QuoteKind) -> &'static str {
    match kind {
        crate::QuoteKind::Direct => "direct",
        crate::QuoteKind::Partial => "partial",
        crate::QuoteKind::Indirect => "indirect",
    }
}

/// Whether the article has an element for this span (valid, not empty).
fn drawn(doc: &Document, span: Option<ByteSpan>) -> bool {
    span.is_some_and(|s| !s.is_empty() && doc.text.get(s.range()).is_some())
}

fn is_web_url(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// One layer's valid, non-empty spans as `(start, end, index)`, sorted by
/// start and, at equal starts, longest first (so an outer span comes before
/// the spans nested in it).
fn layer(text: &str, spans: impl Iterator<Item = ByteSpan>) -> Vec<(u32, u32, usize)> {
    let mut all: Vec<(u32, u32, usize)> = spans
        .enumerate()
        .filter(|(_, s)| !s.is_empty() && text.get(s.range()).is_some())
        .map(|(i, s)| (s.start, s.end, i))
        .collect();
    all.sort_unstable_by_key(|&(start, end, i)| (start, std::cmp::Reverse(end), i));
    all
}

/// Finds the innermost span of a layer covering each position, for
/// positions visited in increasing order: a stack of open spans, the latest
/// started on top, ended ones dropped when they reach the top.
#[derive(Default)]
struct Active {
    next: usize,
    stack: Vec<usize>,
}

impl Active {
    fn at(&mut self, spans: &[(u32, u32, usize)], at: u32) -> Option<usize> {
        while self.next < spans.len() && spans[self.next].0 <= at {
            self.stack.push(self.next);
            self.next += 1;
        }
        while self.stack.last().is_some_and(|&top| spans[top].1 <= at) {
            self.stack.pop();
        }
        self.stack.last().copied()
    }
}

fn write_article<W: Write>(doc: &Document, map: &OffsetMap<'_>, out: &mut W) -> io::Result<()> {
    let t = doc.text.as_str();
    let quotes = layer(t, doc.quotes.iter().map(|q| q.span));
    let mentions = layer(t, doc.mentions.iter().map(|m| m.span));
    let mut bounds: Vec<u32> = Vec::with_capacity(2 * (quotes.len() + mentions.len()) + 2);
    bounds.push(0);
    bounds.push(t.len() as u32);
    for p in quotes.iter().chain(&mentions) {
        bounds.push(p.0);
        bounds.push(p.1);
    }
    bounds.sort_unstable();
    bounds.dedup();

    let (mut active_q, mut active_m) = (Active::default(), Active::default());
    // Whether a span's first element (with its id and offsets) is written;
    // an inner span starting at the same place can delay it.
    let (mut started_q, mut started_m) = (vec![false; quotes.len()], vec![false; mentions.len()]);
    let (mut open_q, mut open_m): (Option<usize>, Option<usize>) = (None, None);
    for w in bounds.windows(2) {
        let (a, b) = (w[0], w[1]);
        let q = active_q.at(&quotes, a);
        let m = active_m.at(&mentions, a);
        if open_m.is_some() && (open_m != m || open_q != q) {
            out.write_all(b"</mark>")?;
            open_m = None;
        }
        if open_q.is_some() && open_q != q {
            out.write_all(b"</span>")?;
            open_q = None;
        }
        if let (Some(p), None) = (q, open_q) {
            let index = quotes[p].2;
            let quote = &doc.quotes[index];
            let kind = kind_name(quote.kind);
            if !started_q[p] {
                started_q[p] = true;
                let (s, e) = convert(map, t, quote.span);
                write!(
                    out,
                    "<span class=\"q {kind}\" id=\"q{index}\" data-kind=\"{kind}\" data-start=\"{s}\" data-end=\"{e}\""
                )?;
                if let Some(name) = quote.entity.and_then(|id| entity(doc, id)) {
                    out.write_all(b" title=\"quote by ")?;
                    attr(&name.name, out)?;
                    out.write_all(b"\"")?;
                }
                out.write_all(b">")?;
            } else {
                write!(out, "<span class=\"q {kind} cont\">")?;
            }
            open_q = Some(p);
        }
        if let (Some(p), None) = (m, open_m) {
            let index = mentions[p].2;
            let mention = &doc.mentions[index];
            let label = mention.label.as_str();
            let unsure = if mention.is_unsure() { " unsure" } else { "" };
            if !started_m[p] {
                started_m[p] = true;
                let (s, e) = convert(map, t, mention.span);
                write!(
                    out,
                    "<mark class=\"{label}{unsure}\" id=\"m{index}\" data-label=\"{label}\" data-start=\"{s}\" data-end=\"{e}\""
                )?;
                out.write_all(b" title=\"")?;
                out.write_all(label_name(mention.label).as_bytes())?;
                if let Some(e) = entity(doc, mention.entity) {
                    out.write_all(b": ")?;
                    attr(&e.name, out)?;
                }
                if mention.is_unsure() {
                    out.write_all(" \u{2014} the model is unsure".as_bytes())?;
                }
                out.write_all(b"\">")?;
            } else {
                write!(out, "<mark class=\"{label}{unsure} cont\" data-label=\"{label}\">")?;
            }
            open_m = Some(p);
        }
        let mut segment = &t[a as usize..b as usize];
        if segment.ends_with('\r') && t.as_bytes().get(b as usize) == Some(&b'\n') {
            // A span boundary inside CR LF: the parser would read the lone CR
            // as a second line break. The LF that follows stands for both.
            segment = &segment[..segment.len() - 1];
        }
        text(segment, out)?;
    }
    if open_m.is_some() {
        out.write_all(b"</mark>")?;
    }
    if open_q.is_some() {
        out.write_all(b"</span>")?;
    }
    Ok(())
}

fn write_entities<W: Write>(doc: &Document, out: &mut W) -> io::Result<()> {
    let mut rows: Vec<usize> = (0..doc.entities.len()).filter(|&i| !doc.entities[i].mentions.is_empty()).collect();
    rows.sort_by_key(|&i| (doc.entities[i].label, std::cmp::Reverse(doc.entities[i].mentions.len()), i));
    writeln!(out, "<section class=\"entities\"><h2>Names ({})</h2>", rows.len())?;
    if rows.is_empty() {
        return out.write_all(b"<p>No names found.</p></section>\n");
    }
    out.write_all(
        b"<table><thead><tr><th>Name</th><th>Type</th><th class=\"n\">Mentions</th><th>Place</th></tr></thead><tbody>\n",
    )?;
    for i in rows {
        let e = &doc.entities[i];
        let label = e.label.as_str();
        // Links to the first mention in the article, when it is drawn there.
        let first = e.mentions.iter().copied().find(|&m| drawn(doc, doc.mentions.get(m as usize).map(|m| m.span)));
        out.write_all(b"<tr><td>")?;
        if let Some(m) = first {
            write!(out, "<a class=\"jump\" href=\"#m{m}\">")?;
        }
        write!(out, "<mark class=\"{label}\">")?;
        text(&e.name, out)?;
        out.write_all(b"</mark>")?;
        if first.is_some() {
            out.write_all(b"</a>")?;
        }
        write!(out, "</td><td>{}</td><td class=\"n\">{}</td><td>", label_name(e.label), e.mentions.len())?;
        if let Some(p) = &e.place {
            text(&p.name, out)?;
            out.write_all(b" (")?;
            text(&p.kind, out)?;
            if !p.country.is_empty() {
                out.write_all(b", ")?;
                text(&p.country, out)?;
            }
            out.write_all(b")")?;
            if p.geonames_id != 0 {
                write!(out, " <a href=\"https://sws.geonames.org/{0}/\">GeoNames {0}</a>", p.geonames_id)?;
            }
        }
        out.write_all(b"</td></tr>\n")?;
    }
    out.write_all(b"</tbody></table></section>\n")
}

fn write_quotes<W: Write>(doc: &Document, map: &OffsetMap<'_>, out: &mut W) -> io::Result<()> {
    writeln!(out, "<section class=\"quote-list\"><h2>Quotes ({})</h2>", doc.quotes.len())?;
    if doc.quotes.is_empty() {
        return out.write_all(b"<p>No quotes found.</p></section>\n");
    }
    out.write_all(b"<ol class=\"quotes\">\n")?;
    for (i, q) in doc.quotes.iter().enumerate() {
        let (s, e) = convert(map, &doc.text, q.span);
        out.write_all(b"<li><blockquote>")?;
        text(slice(&doc.text, q.span), out)?;
        out.write_all(b"</blockquote><p class=\"by\">\xE2\x80\x94 ")?;
        let speaker = q
            .entity
            .and_then(|id| entity(doc, id))
            .map(|e| e.name.as_str())
            .or_else(|| q.speaker.map(|s| slice(&doc.text, s)))
            .filter(|s| !s.trim().is_empty());
        match speaker {
            Some(name) => {
                out.write_all(b"<strong>")?;
                text(name, out)?;
                out.write_all(b"</strong>")?;
            }
            None => out.write_all(b"<i>unattributed</i>")?,
        }
        write!(out, " \u{b7} {} \u{b7} ", kind_name(q.kind))?;
        if drawn(doc, Some(q.span)) {
            writeln!(out, "<a class=\"jump\" href=\"#q{i}\">code points {s}\u{2013}{e}</a></p></li>")?;
        } else {
            writeln!(out, "code points {s}\u{2013}{e}</p></li>")?;
        }
    }
    out.write_all(b"</ol></section>\n")
}

pub(super) fn write<W: Write>(doc: &Document, options: &ExportOptions, out: &mut W) -> io::Result<()> {
    let map = OffsetMap::new(&doc.text, OffsetUnit::Codepoint);
    let title = super::title(doc, options).unwrap_or("Annotated article");
    out.write_all(b"<!DOCTYPE html>\n<html")?;
    if let Some(lang) = doc.html.as_ref().and_then(|h| h.article.as_ref()?.lang.as_deref()) {
        out.write_all(b" lang=\"")?;
        attr(lang, out)?;
        out.write_all(b"\"")?;
    }
    out.write_all(b">\n<head>\n<meta charset=\"utf-8\">\n")?;
    writeln!(out, "<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">")?;
    out.write_all(b"<meta name=\"referrer\" content=\"no-referrer\">\n")?;
    out.write_all(b"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")?;
    writeln!(out, "<meta name=\"generator\" content=\"article-annotator {}\">", env!("CARGO_PKG_VERSION"))?;
    out.write_all(b"<meta name=\"offset-unit\" content=\"codepoint\">\n<title>")?;
    text(title, out)?;
    writeln!(out, "</title>\n<style>{CSS}</style>\n</head>\n<body>\n<header>\n<h1>")?;
    text(title, out)?;
    out.write_all(b"</h1>\n")?;
    if let Some(url) = &options.url {
        out.write_all(b"<p class=\"meta\">Source: ")?;
        if is_web_url(url) {
            out.write_all(b"<a href=\"")?;
            attr(url.trim(), out)?;
            out.write_all(b"\">")?;
            text(url, out)?;
            out.write_all(b"</a>")?;
        } else {
            text(url, out)?;
        }
        out.write_all(b"</p>\n")?;
    }
    let named = doc.entities.iter().filter(|e| !e.mentions.is_empty()).count();
    writeln!(
        out,
        "<p class=\"meta\">{} mentions of {} names \u{b7} {} quotes</p>\n</header>",
        doc.mentions.len(),
        named,
        doc.quotes.len()
    )?;

    out.write_all(b"<section class=\"legend\" aria-label=\"Legend\">")?;
    for label in Label::ALL {
        let count = doc.mentions.iter().filter(|m| m.label == label).count();
        write!(out, "<span><mark class=\"{}\">{}</mark> {count}</span>", label.as_str(), label_plural(label))?;
    }
    let indirect = doc.quotes.iter().filter(|q| q.kind == crate::QuoteKind::Indirect).count();
    write!(
        out,
        "<span><span class=\"q direct\">Quotes</span> {}</span><span><span class=\"q indirect\">Reported speech</span> {indirect}</span>",
        doc.quotes.len() - indirect
    )?;
    let unsure = doc.mentions.iter().filter(|m| m.is_unsure()).count();
    if unsure > 0 {
        let below = crate::Mention::UNSURE_BELOW;
        write!(out, "<span><mark class=\"unsure\">Unsure</mark> {unsure} (score under {below})</span>")?;
    }
    writeln!(out, "</section>")?;

    out.write_all(b"<main>\n<h2>Article</h2>\n<div class=\"article\">")?;
    write_article(doc, &map, out)?;
    out.write_all(b"</div>\n</main>\n")?;
    write_entities(doc, out)?;
    write_quotes(doc, &map, out)?;
    writeln!(
        out,
        "<footer>Made by article-annotator {}: names and quotes are found automatically and can be wrong. \
         Positions (data-start, data-end) are Unicode code points into the article text.</footer>\n</body>\n</html>",
        env!("CARGO_PKG_VERSION")
    )
}
