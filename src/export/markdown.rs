//! A Markdown summary: counts, who is named (by label, most-mentioned first),
//! who is quoted, and every quote with its speaker, kind and position in
//! Unicode code points.
//!
//! Text from the input is escaped for CommonMark: a backslash (which
//! CommonMark defines as the literal character) goes before every character
//! in [`ALWAYS`], which covers links, images, emphasis, code, HTML tags,
//! entities, headings, tables and strike-through, and before a `-`, `=` or the
//! `.` of `1.` at the start of a string, where they could start a list or a
//! heading. Other punctuation (`U.S.`, `O'Brien`, `Russia-Ukraine`) stays as
//! it is, for readability. And
//! runs of white space, line breaks included, become one space (so no input can
//! end a block or start a new one).

use super::{entity, label_plural, slice, ExportOptions};
use crate::api::{OffsetMap, OffsetUnit};
use crate::document::{Document, Label};
use std::collections::HashMap;
use std::io::{self, Write};

/// Characters escaped wherever they are.
const ALWAYS: [char; 17] = ['\\', '`', '*', '_', '{', '}', '[', ']', '<', '>', '(', ')', '#', '+', '|', '~', '&'];

/// Writes `s` escaped as described in the module docs, without leading white
/// space and with every run of white space as one space.
fn escaped<W: Write>(out: &mut W, s: &str) -> io::Result<()> {
    let (mut first, mut space, mut digits) = (true, false, true);
    let mut buf = [0u8; 4];
    for c in s.chars() {
        if c.is_whitespace() {
            space = !first;
            continue;
        }
        if space {
            out.write_all(b" ")?;
            space = false;
        }
        let list_marker = (first && matches!(c, '-' | '=')) || (!first && digits && c == '.');
        if ALWAYS.contains(&c) || list_marker {
            out.write_all(b"\\")?;
        }
        out.write_all(c.encode_utf8(&mut buf).as_bytes())?;
        digits &= c.is_ascii_digit();
        first = false;
    }
    Ok(())
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub(super) fn write<W: Write>(doc: &Document, options: &ExportOptions, out: &mut W) -> io::Result<()> {
    out.write_all(b"# ")?;
    match super::title(doc, options) {
        Some(title) => escaped(out, title)?,
        None => out.write_all(b"Article summary")?,
    }
    out.write_all(b"\n\n")?;
    if let Some(url) = &options.url {
        out.write_all(b"Source: ")?;
        escaped(out, url)?;
        out.write_all(b"\n\n")?;
    }

    // Mention counts per entity; entities without mentions are not "named".
    let mut named: Vec<(usize, usize)> = Vec::new(); // (entity id, mentions)
    for (id, e) in doc.entities.iter().enumerate() {
        if !e.mentions.is_empty() {
            named.push((id, e.mentions.len()));
        }
    }
    let quoted = speakers(doc);
    let attributed = doc.quotes.len() - quoted.iter().find(|s| s.0.is_none()).map_or(0, |s| s.1.len());
    let speaker_count = quoted.iter().filter(|s| s.0.is_some()).count();

    writeln!(
        out,
        "{} of {}; {}, {} attributed to {}.\n",
        plural(doc.mentions.len(), "mention", "mentions"),
        plural(named.len(), "name", "names"),
        plural(doc.quotes.len(), "quote", "quotes"),
        attributed,
        plural(speaker_count, "speaker", "speakers"),
    )?;
    out.write_all(b"Positions are Unicode code points (0-based, end exclusive) into the article text.\n\n")?;

    out.write_all(b"## Who is named\n\n")?;
    if named.is_empty() {
        out.write_all(b"No names found.\n\n")?;
    }
    for label in Label::ALL {
        let mut group: Vec<(usize, usize)> =
            named.iter().copied().filter(|&(id, _)| doc.entities[id].label == label).collect();
        if group.is_empty() {
            continue;
        }
        // Most mentioned first, then in order of first appearance.
        group.sort_by_key(|&(id, n)| (std::cmp::Reverse(n), id));
        writeln!(out, "### {} ({})\n", label_plural(label), group.len())?;
        for (id, n) in group {
            let e = &doc.entities[id];
            out.write_all(b"- **")?;
            escaped(out, &e.name)?;
            write!(out, "** — {}", plural(n, "mention", "mentions"))?;
            if let Some(p) = &e.place {
                out.write_all(b" (")?;
                escaped(out, &p.kind)?;
                if !p.country.is_empty() {
                    out.write_all(b", ")?;
                    escaped(out, &p.country)?;
                }
                if p.geonames_id != 0 {
                    write!(out, ", GeoNames {}", p.geonames_id)?;
                }
                out.write_all(b")")?;
            }
            out.write_all(b"\n")?;
        }
        out.write_all(b"\n")?;
    }

    out.write_all(b"## Who is quoted\n\n")?;
    if quoted.is_empty() {
        out.write_all(b"No quotes found.\n\n")?;
    }
    for (name, quotes) in &quoted {
        out.write_all(b"- ")?;
        match name {
            Some(name) => bold_speaker(out, name)?,
            None => out.write_all(b"*Unattributed*")?,
        }
        writeln!(out, " — {}", plural(quotes.len(), "quote", "quotes"))?;
    }
    if !quoted.is_empty() {
        out.write_all(b"\n")?;
    }

    if !doc.quotes.is_empty() {
        out.write_all(b"## Quotes\n\n")?;
    }
    let map = OffsetMap::new(&doc.text, OffsetUnit::Codepoint);
    for q in &doc.quotes {
        let (start, end) = super::convert(&map, &doc.text, q.span);
        out.write_all(b"> ")?;
        escaped(out, slice(&doc.text, q.span))?;
        out.write_all("\n>\n> — ".as_bytes())?;
        match speaker_name(doc, q) {
            Some(name) => bold_speaker(out, name)?,
            None => out.write_all(b"*unattributed*")?,
        }
        let kind = match q.kind {
            crate::QuoteKind::Direct => "direct",
            crate::QuoteKind::Partial => "partial",
            crate::QuoteKind::Indirect => "indirect",
        };
        writeln!(out, " · {kind} · code points {start}–{end}\n")?;
    }
    Ok(())
}

/// A speaker in bold; a bare pronoun that no entity resolves is marked as
/// such (`**he** (not identified)`), as the page does, so that it does not
/// read as someone's name.
fn bold_speaker<W: Write>(out: &mut W, name: &str) -> io::Result<()> {
    out.write_all(b"**")?;
    escaped(out, name)?;
    out.write_all(b"**")?;
    if matches!(name.to_lowercase().as_str(), "he" | "she" | "they" | "we" | "i" | "you" | "it") {
        out.write_all(b" (not identified)")?;
    }
    Ok(())
}

fn speaker_name<'d>(doc: &'d Document, q: &crate::Quote) -> Option<&'d str> {
    q.entity
        .and_then(|id| entity(doc, id))
        .map(|e| e.name.as_str())
        .or_else(|| q.speaker.map(|s| slice(&doc.text, s)))
        .filter(|s| !s.trim().is_empty())
}

/// Speakers with the indices of their quotes, most quoted first, then by
/// first quote; `None` collects unattributed quotes and comes last.
fn speakers(doc: &Document) -> Vec<(Option<&str>, Vec<usize>)> {
    let mut order: Vec<(Option<&str>, Vec<usize>)> = Vec::new();
    let mut index: HashMap<Option<&str>, usize> = HashMap::new();
    for (i, q) in doc.quotes.iter().enumerate() {
        let key = speaker_name(doc, q);
        let slot = *index.entry(key).or_insert_with(|| {
            order.push((key, Vec::new()));
            order.len() - 1
        });
        order[slot].1.push(i);
    }
    order.sort_by_key(|(name, quotes)| (name.is_none(), std::cmp::Reverse(quotes.len()), quotes[0]));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_punctuation_and_flattens_space() {
        let mut out = Vec::new();
        escaped(&mut out, " *[a](b)* <script>\n\n# x &amp; U.S. 1.").unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), r"\*\[a\]\(b\)\* \<script\> \# x \&amp; U.S. 1.");
        for (input, expect) in [("12. x", r"12\. x"), ("- x", r"\- x"), ("=x-y", r"\=x-y"), ("x1. y", "x1. y")] {
            let mut out = Vec::new();
            escaped(&mut out, input).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), expect);
        }
    }
}
