//! Time per export format on a ~10 MB document:
//! `cargo run --release --example export_bench [FILE]` (default: the page's
//! sample article, repeated up to the 10 MiB input limit).
//!
//! The text is annotated by the real pipeline. If this build's tagger finds
//! no names (or finds no quotes), the benchmark adds stand-in spans so that
//! the writers have realistic work: capitalised words as mentions, “…” as
//! quotes. It says so in its output. A figure, not a test.

use article_annotator::export::{self, ExportOptions, Format};
use article_annotator::span::{ByteSpan, TokenSpan};
use article_annotator::text::TokenKind;
use article_annotator::{entities, Annotator, Label, Mention, Quote, QuoteKind};
use std::io::{self, Write};
use std::time::Instant;

/// Counts bytes and discards them.
struct Count(u64);

impl Write for Count {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0 += buf.len() as u64;
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args_os()
        .nth(1)
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("www/sample/new-zealand.txt"));
    let sample = std::fs::read_to_string(&path)?;
    let quote = "\n“We will keep talking,” the minister said.\n\n";
    let mut text = String::with_capacity(article_annotator::MAX_TEXT_BYTES);
    while text.len() + sample.len() + quote.len() <= article_annotator::MAX_TEXT_BYTES {
        text.push_str(&sample);
        text.push_str(quote);
    }
    println!("document: {:.1} MB ({} chars) from {}", text.len() as f64 / 1e6, text.chars().count(), path.display());

    let annotator = Annotator::new()?;
    let t = Instant::now();
    let mut doc = annotator.annotate(&text)?;
    println!("annotate: {:.2} s", t.elapsed().as_secs_f64());

    if doc.mentions.is_empty() {
        println!("note: the tagger in this build found no names; using capitalised words as stand-in mentions");
        let labels = [Label::Per, Label::Org, Label::Loc, Label::Misc];
        doc.mentions = doc
            .tokens
            .iter()
            .enumerate()
            .filter(|(_, t)| t.kind == TokenKind::Word && t.text(&doc.text).starts_with(char::is_uppercase))
            .map(|(i, t)| Mention {
                span: t.span,
                tokens: TokenSpan::new(i, i + 1),
                label: labels[t.text(&doc.text).len() % 4],
                entity: 0,
                score: 0.9,
            })
            .collect();
        doc.entities = entities::group(&doc.text, &mut doc.mentions);
    }
    if doc.quotes.is_empty() {
        println!("note: no quotes found in this build; using “…” spans as stand-in quotes");
        let mut open = None;
        for (i, c) in doc.text.char_indices() {
            match (c, open) {
                ('“', _) => open = Some(i),
                ('”', Some(s)) => {
                    let span = ByteSpan::new(s, i + '”'.len_utf8());
                    doc.quotes.push(Quote { span, kind: QuoteKind::Direct, speaker: None, entity: None, cue: None });
                    open = None;
                }
                _ => {}
            }
        }
    }
    println!("{} mentions, {} entities, {} quotes\n", doc.mentions.len(), doc.entities.len(), doc.quotes.len());

    let options = ExportOptions { title: Some("Benchmark".into()), ..ExportOptions::default() };
    println!("{:<14} {:>9} {:>10} {:>9}", "format", "seconds", "output MB", "MB/s in");
    for format in Format::ALL {
        let t = Instant::now();
        let mut out = io::BufWriter::with_capacity(1 << 16, Count(0));
        export::write(&doc, format, &options, &mut out)?;
        out.flush()?;
        let secs = t.elapsed().as_secs_f64();
        let size = out.get_ref().0;
        println!(
            "{:<14} {:>9.3} {:>10.1} {:>9.0}",
            format.name(),
            secs,
            size as f64 / 1e6,
            text.len() as f64 / 1e6 / secs
        );
    }
    Ok(())
}
