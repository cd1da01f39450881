use article_annotator::api::{self, OffsetUnit};
use article_annotator::export::{self, ExportOptions, Format};
use article_annotator::html::{HtmlOptions, Mode};
use article_annotator::Annotator;
use clap::{Parser, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde::Deserialize;
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Finds people, organisations, places and quotes in news text.
///
/// With FILEs, prints one JSON document per file (a single file: the document;
/// several: one line each, with "id" set to the file name). With --jsonl, reads
/// {"id", "text"} objects, one per line, from standard input and writes one
/// {"id", ...document} line per input line, in input order, using all cores.
///
/// HTML: .html/.htm/.xhtml files (or every file with --html) and JSONL lines
/// with an "html" field instead of "text" are read as HTML; the document's
/// text is the extracted text and spans carry anchors into the DOM. With
/// --mode article only the main article of a whole page is kept and its
/// metadata (title, byline, published, image, lang) is added. HTML files are
/// decoded by their byte order mark or <meta charset> (else UTF-8 if valid,
/// else windows-1252).
///
/// Other formats (--format): csv-mentions, csv-quotes, html, webanno,
/// displacy, markdown write one file's export to standard output; with
/// --out-dir DIR every FILE's export goes to DIR/<name>.<ext> instead
/// (<name> = the file name without its extension, "stdin" for "-"). --format
/// csv writes both CSV files, DIR/<name>.mentions.csv and DIR/<name>.quotes.csv,
/// so it needs --out-dir. Offsets: JSON and CSV use --offsets; html, webanno,
/// displacy and markdown always use Unicode code points (stated in each file).
/// CSV cells that start with = + - @ (or tab, CR) get a leading ' so that
/// spreadsheets do not run them as formulas; offsets refer to the original text.
#[derive(Parser, Debug)]
#[command(name = "annotate", version, about, long_about)]
struct Args {
    /// Plain-text files to annotate ("-" for standard input).
    files: Vec<PathBuf>,
    /// Read JSON Lines from standard input, write JSON Lines to standard output.
    #[arg(long)]
    jsonl: bool,
    /// Unit of every start/end offset in the output.
    #[arg(long, value_enum, default_value_t = Unit::Codepoint)]
    offsets: Unit,
    /// Pretty-print a single document.
    #[arg(long)]
    pretty: bool,
    /// Worker threads for --jsonl (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// What to extract from HTML input: all visible text, or the main article of a page.
    #[arg(long, value_enum, default_value_t = CliMode::Text)]
    mode: CliMode,
    /// Read every FILE (also "-") as HTML, whatever its extension.
    #[arg(long)]
    html: bool,
    /// Output format (--jsonl: json only).
    #[arg(long, value_enum, default_value_t = CliFormat::Json)]
    format: CliFormat,
    /// Write each FILE's export to DIR/<name>.<ext> instead of standard output.
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,
    /// CSV: start with a UTF-8 byte order mark (for Excel).
    #[arg(long)]
    bom: bool,
    /// Title of the source document (html, webanno, displacy, markdown).
    #[arg(long)]
    title: Option<String>,
    /// URL of the source document (webanno target, html, markdown).
    #[arg(long)]
    url: Option<String>,
    /// Named-entity model file to use instead of the one built in (a `model/ner.bin` written by
    /// `make model` or the trainer's `--out`, e.g. to score a retrained model with `make eval`'s scorer).
    #[arg(long, value_name = "FILE")]
    model: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum CliFormat {
    /// The versioned JSON schema (schema/document.schema.json)
    Json,
    /// Both CSV files (needs --out-dir)
    Csv,
    /// CSV, one row per mention
    CsvMentions,
    /// CSV, one row per quote
    CsvQuotes,
    /// Self-contained printable HTML report
    Html,
    /// W3C Web Annotation JSON-LD (AnnotationCollection)
    Webanno,
    /// spaCy displaCy JSON
    Displacy,
    /// Markdown summary
    Markdown,
}

impl CliFormat {
    fn formats(self) -> Vec<Format> {
        match self {
            CliFormat::Json => vec![Format::Json],
            CliFormat::Csv => vec![Format::CsvMentions, Format::CsvQuotes],
            CliFormat::CsvMentions => vec![Format::CsvMentions],
            CliFormat::CsvQuotes => vec![Format::CsvQuotes],
            CliFormat::Html => vec![Format::Html],
            CliFormat::Webanno => vec![Format::WebAnno],
            CliFormat::Displacy => vec![Format::Displacy],
            CliFormat::Markdown => vec![Format::Markdown],
        }
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum CliMode {
    /// All visible text (pasted fragments)
    Text,
    /// The main article of a whole web page, plus its metadata
    Article,
}

impl CliMode {
    fn options(self) -> HtmlOptions {
        HtmlOptions { mode: if matches!(self, CliMode::Article) { Mode::Article } else { Mode::Text } }
    }
}

fn is_html_path(path: &std::path::Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["html", "htm", "xhtml"].iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// A FILE's contents ("-": standard input) as a string. Text must be UTF-8;
/// HTML is decoded as a browser would (byte order mark, then `<meta charset>`
/// in the first 1024 bytes, then UTF-8 if valid, else windows-1252).
fn read_input(path: &std::path::Path, as_html: bool) -> Result<String, String> {
    let bytes = if path.as_os_str() == "-" {
        let mut b = Vec::new();
        io::Read::read_to_end(&mut io::stdin(), &mut b).map(|_| b)
    } else {
        std::fs::read(path)
    }
    .map_err(|e| e.to_string())?;
    if as_html {
        return Ok(article_annotator::html::decode(&bytes).html.into_owned());
    }
    String::from_utf8(bytes).map_err(|_| "not valid UTF-8".to_owned())
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Unit {
    /// UTF-16 code units (JavaScript string indices)
    Utf16,
    /// Unicode code points (Python str indices)
    Codepoint,
    /// UTF-8 bytes
    Utf8,
}

impl From<Unit> for OffsetUnit {
    fn from(u: Unit) -> Self {
        match u {
            Unit::Utf16 => OffsetUnit::Utf16,
            Unit::Codepoint => OffsetUnit::Codepoint,
            Unit::Utf8 => OffsetUnit::Utf8,
        }
    }
}

pub fn main() -> ExitCode {
    let args = Args::parse();
    let loaded = match &args.model {
        None => Annotator::new().map_err(|e| e.to_string()),
        Some(path) => std::fs::read(path)
            .map_err(|e| e.to_string())
            .and_then(|bytes| Annotator::from_model_bytes(&bytes).map_err(|e| e.to_string()))
            .map_err(|e| format!("{}: {e}", path.display())),
    };
    let annotator = match loaded {
        Ok(a) => a,
        Err(e) => {
            eprintln!("annotate: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Some(n) = args.threads {
        // Only fails if a global pool exists already, which it cannot here.
        let _ = rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build_global();
    }
    let result = if args.jsonl {
        if !args.files.is_empty() {
            eprintln!("annotate: --jsonl reads standard input; do not pass files");
            return ExitCode::from(2);
        }
        if args.format != CliFormat::Json || args.out_dir.is_some() {
            eprintln!("annotate: --jsonl writes JSON Lines to standard output: drop --format/--out-dir");
            return ExitCode::from(2);
        }
        run_jsonl(&annotator, args.offsets.into(), args.mode.options())
    } else if args.files.is_empty() {
        eprintln!("annotate: nothing to do: pass FILEs or --jsonl (see --help)");
        return ExitCode::from(2);
    } else if args.format != CliFormat::Json || args.out_dir.is_some() {
        if args.out_dir.is_none() && (args.files.len() > 1 || args.format == CliFormat::Csv) {
            let name = args.format.to_possible_value().map(|v| v.get_name().to_owned()).unwrap_or_default();
            eprintln!("annotate: --format {name} with several files, or csv, writes files: give --out-dir DIR");
            return ExitCode::from(2);
        }
        run_export(&annotator, &args)
    } else {
        run_files(&annotator, &args)
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("annotate: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Returns Ok(false) when some file failed (after doing the others).
fn run_files(annotator: &Annotator, args: &Args) -> io::Result<bool> {
    let unit: OffsetUnit = args.offsets.into();
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut ok = true;
    let many = args.files.len() > 1;
    for path in &args.files {
        let name = path.display().to_string();
        let as_html = args.html || is_html_path(path);
        let line = read_input(path, as_html)
            .and_then(|t| {
                if as_html { annotator.annotate_html(&t, &args.mode.options()) } else { annotator.annotate(&t) }
                    .map_err(|e| e.to_string())
            })
            .map(|doc| {
                let id = many.then(|| serde_json::Value::String(name.clone()));
                if args.pretty && !many {
                    serde_json::to_string_pretty(&api::to_output(&doc, unit)).unwrap_or_default()
                } else {
                    with_id(id.as_ref(), &api::to_json(&doc, unit))
                }
            });
        match line {
            Ok(json) => writeln!(out, "{json}")?,
            Err(e) => {
                eprintln!("annotate: {name}: {e}");
                ok = false;
            }
        }
    }
    out.flush()?;
    Ok(ok)
}

/// Writes each file's export(s) to --out-dir, or the one file's to stdout.
/// Returns Ok(false) when some file failed (after doing the others).
fn run_export(annotator: &Annotator, args: &Args) -> io::Result<bool> {
    let options = ExportOptions {
        offsets: args.offsets.into(),
        bom: args.bom,
        pretty: args.pretty,
        title: args.title.clone(),
        url: args.url.clone(),
    };
    if let Some(dir) = &args.out_dir {
        std::fs::create_dir_all(dir)?;
    }
    let mut ok = true;
    let mut seen = std::collections::HashSet::new();
    for path in &args.files {
        let name = path.display().to_string();
        let stem = if name == "-" {
            "stdin".to_owned()
        } else {
            path.file_stem().map_or_else(|| "document".to_owned(), |s| s.to_string_lossy().into_owned())
        };
        if args.out_dir.is_some() && !seen.insert(stem.clone()) {
            eprintln!("annotate: {name}: another input is also named {stem:?}; skipped, its output would overwrite");
            ok = false;
            continue;
        }
        let as_html = args.html || is_html_path(path);
        let doc = match read_input(path, as_html).and_then(|t| {
            if as_html { annotator.annotate_html(&t, &args.mode.options()) } else { annotator.annotate(&t) }
                .map_err(|e| e.to_string())
        }) {
            Ok(doc) => doc,
            Err(e) => {
                eprintln!("annotate: {name}: {e}");
                ok = false;
                continue;
            }
        };
        for format in args.format.formats() {
            match &args.out_dir {
                Some(dir) => {
                    let file = dir.join(format!("{stem}.{}", format.extension()));
                    let mut out = io::BufWriter::new(std::fs::File::create(&file)?);
                    export::write(&doc, format, &options, &mut out)?;
                    out.flush()?;
                }
                None => {
                    let mut out = io::BufWriter::new(io::stdout().lock());
                    export::write(&doc, format, &options, &mut out)?;
                    out.flush()?;
                }
            }
        }
    }
    Ok(ok)
}

#[derive(Deserialize)]
struct InputLine {
    id: Option<serde_json::Value>,
    text: Option<String>,
    html: Option<String>,
}

/// Prepends `"id": …` to a serialized document object.
fn with_id(id: Option<&serde_json::Value>, doc_json: &str) -> String {
    match id {
        Some(id) => format!("{{\"id\":{},{}", id, &doc_json[1..]),
        None => doc_json.to_owned(),
    }
}

fn error_line(id: Option<&serde_json::Value>, line_no: usize, msg: &str) -> String {
    serde_json::json!({ "id": id, "line": line_no, "error": msg }).to_string()
}

/// Processes one input line; returns the output line and whether it succeeded.
fn process_line(
    annotator: &Annotator,
    unit: OffsetUnit,
    html: &HtmlOptions,
    line_no: usize,
    line: &str,
) -> (String, bool) {
    let parsed: InputLine = match serde_json::from_str(line) {
        Ok(p) => p,
        Err(e) => return (error_line(None, line_no, &format!("malformed JSON: {e}")), false),
    };
    let result = match (parsed.text, parsed.html) {
        (Some(text), None) => annotator.annotate(&text),
        (None, Some(page)) => annotator.annotate_html(&page, html),
        (Some(_), Some(_)) => {
            return (error_line(parsed.id.as_ref(), line_no, "give either \"text\" or \"html\", not both"), false)
        }
        (None, None) => return (error_line(parsed.id.as_ref(), line_no, "missing \"text\" field"), false),
    };
    match result {
        Ok(doc) => (with_id(parsed.id.as_ref(), &api::to_json(&doc, unit)), true),
        Err(e) => (error_line(parsed.id.as_ref(), line_no, &e.to_string()), false),
    }
}

/// Reads batches of lines, annotates each batch in parallel, writes in order.
fn run_jsonl(annotator: &Annotator, unit: OffsetUnit, html: HtmlOptions) -> io::Result<bool> {
    const BATCH_BYTES: usize = 8 << 20;
    let stdin = io::stdin();
    let mut input = stdin.lock();
    let mut out = io::BufWriter::new(io::stdout().lock());
    let progress = progress_bar();
    let mut line_no = 0usize;
    let mut failures = 0usize;
    let mut done = false;
    while !done {
        let mut batch: Vec<(usize, String)> = Vec::new();
        let mut bytes = 0usize;
        while bytes < BATCH_BYTES {
            let mut line = String::new();
            let n = match input.read_line(&mut line) {
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::InvalidData => {
                    // Not UTF-8: skip to the next newline and report the line.
                    let mut junk = Vec::new();
                    input.read_until(b'\n', &mut junk)?;
                    line_no += 1;
                    batch.push((line_no, String::from("\u{0}")));
                    bytes += junk.len().max(1);
                    continue;
                }
                Err(e) => return Err(e),
            };
            if n == 0 {
                done = true;
                break;
            }
            line_no += 1;
            bytes += n;
            if line.trim().is_empty() {
                continue; // blank lines carry no record
            }
            batch.push((line_no, line));
        }
        let results: Vec<(String, bool)> = batch
            .par_iter()
            .map(|(no, line)| {
                if line == "\u{0}" {
                    return (error_line(None, *no, "line is not valid UTF-8"), false);
                }
                process_line(annotator, unit, &html, *no, line)
            })
            .collect();
        for ((no, _), (json, ok)) in batch.iter().zip(&results) {
            if !ok {
                failures += 1;
                eprintln!("annotate: line {no}: {}", error_message(json));
            }
            writeln!(out, "{json}")?;
        }
        if let Some(p) = &progress {
            p.inc(bytes as u64);
        }
    }
    out.flush()?;
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    if failures > 0 {
        eprintln!("annotate: {failures} of {line_no} lines failed (error objects written in their place)");
    }
    Ok(failures == 0)
}

fn error_message(json: &str) -> String {
    serde_json::from_str::<serde_json::Value>(json)
        .ok()
        .and_then(|v| v.get("error").and_then(|e| e.as_str()).map(str::to_owned))
        .unwrap_or_default()
}

/// A byte progress bar on stderr, only when stderr is a terminal and stdin is
/// a file of more than 1 MB.
fn progress_bar() -> Option<ProgressBar> {
    if !io::stderr().is_terminal() {
        return None;
    }
    let len = std::fs::metadata("/dev/stdin").ok().filter(|m| m.is_file()).map(|m| m.len())?;
    if len < 1 << 20 {
        return None;
    }
    let bar = ProgressBar::new(len);
    bar.set_style(ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}").ok()?);
    Some(bar)
}
