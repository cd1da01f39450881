//! `make eval-places`: coverage on CoNLL-2003 dev gold LOC mentions and
//! precision on the hand-checked sample.
//!
//! Gold spans are used directly as mentions (all four labels, so the linker
//! sees the same document context a perfect tagger would give it), grouped
//! by `entities::group`, then linked by `places::link_with`. The evaluation
//! therefore measures the gazetteer and the linker, not the tagger.

use article_annotator::document::{Document, Label, Mention};
use article_annotator::span::{ByteSpan, TokenSpan};
use article_annotator::{entities, places, text};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

/// One document with gold mentions, linked.
fn linked_doc(text_: &str, spans: &[(usize, usize, Label)], gaz: &places::Gazetteer) -> Document {
    let tokens = text::tokenize(text_);
    let (sentences, paragraphs) = text::segment(text_, &tokens);
    let mut mentions: Vec<Mention> = spans
        .iter()
        .filter(|(s, e, _)| text_.is_char_boundary(*s) && text_.is_char_boundary(*e) && s < e && *e <= text_.len())
        .map(|&(s, e, label)| Mention {
            span: ByteSpan::new(s, e),
            tokens: TokenSpan::default(),
            label,
            entity: 0,
            score: 1.0,
        })
        .collect();
    mentions.sort_by_key(|m| (m.span.start, m.span.end));
    let mut doc = Document { text: text_.to_owned(), tokens, sentences, paragraphs, ..Document::default() };
    doc.entities = entities::group(&doc.text, &mut mentions);
    doc.mentions = mentions;
    places::link_with(&mut doc, gaz);
    doc
}

/// (source, id, text, spans) of a JSON Lines NER file; labels mapped to CoNLL's.
/// (id, text, gold spans) of one document.
type GoldDoc = (String, String, Vec<(usize, usize, Label)>);

fn read_set(path: &Path, source: &str) -> Result<Vec<GoldDoc>, String> {
    let text_ = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = Vec::new();
    for line in text_.lines().filter(|l| !l.trim().is_empty()) {
        let v: Value = serde_json::from_str(line).map_err(|e| format!("{}: {e}", path.display()))?;
        let id = v["id"].as_str().unwrap_or("").to_owned();
        let t = v["text"].as_str().unwrap_or("").to_owned();
        let spans = v["spans"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|s| {
                let label = match (source, s["label"].as_str().unwrap_or("")) {
                    ("gmb", "geo" | "gpe") => Label::Loc,
                    ("gmb", "per") => Label::Per,
                    ("gmb", "org") => Label::Org,
                    ("gmb", _) => return None,
                    (_, l) => Label::parse(l)?,
                };
                Some((s["start"].as_u64()? as usize, s["end"].as_u64()? as usize, label))
            })
            .collect();
        out.push((id, t, spans));
    }
    Ok(out)
}

struct Link {
    doc: String,
    start: usize,
    end: usize,
    surface: String,
    label: Label,
    context: String,
    place: article_annotator::Place,
}

fn links(set: &[GoldDoc], gaz: &places::Gazetteer) -> (Vec<Link>, usize, usize) {
    let mut out = Vec::new();
    let (mut loc_total, mut loc_linked) = (0usize, 0usize);
    for (id, t, spans) in set {
        let doc = linked_doc(t, spans, gaz);
        for m in &doc.mentions {
            let place = doc.entities.get(m.entity as usize).and_then(|e| e.place.clone());
            if m.label == Label::Loc {
                loc_total += 1;
                loc_linked += usize::from(place.is_some());
            }
            if let Some(place) = place {
                let (s, e) = (m.span.start as usize, m.span.end as usize);
                let mut cs = s.saturating_sub(70);
                while !t.is_char_boundary(cs) {
                    cs -= 1;
                }
                let mut ce = (e + 70).min(t.len());
                while !t.is_char_boundary(ce) {
                    ce += 1;
                }
                let context = format!("{}[[{}]]{}", &t[cs..s], &t[s..e], &t[e..ce]).replace(['\n', '\t'], " ");
                out.push(Link {
                    doc: id.clone(),
                    start: s,
                    end: e,
                    surface: t[s..e].to_owned(),
                    label: m.label,
                    context,
                    place,
                });
            }
        }
    }
    (out, loc_total, loc_linked)
}

fn place_key(p: &article_annotator::Place) -> String {
    format!("{}|{}|{}|{}", p.name, p.kind, p.country, p.geonames_id)
}

pub fn run(data: &Path, checked: &Path) -> Result<(), String> {
    let gaz = places::embedded().map_err(|e| e.to_string())?;
    let dev = read_set(&data.join("conll2003/dev.jsonl"), "conll")?;
    let (conll_links, total, linked) = links(&dev, gaz);
    let mut missed: BTreeMap<String, usize> = BTreeMap::new();
    for (_, t, spans) in &dev {
        let doc = linked_doc(t, spans, gaz);
        for m in doc.mentions.iter().filter(|m| m.label == Label::Loc) {
            if doc.entities.get(m.entity as usize).is_some_and(|e| e.place.is_none()) {
                *missed.entry(m.span.slice(t).to_owned()).or_default() += 1;
            }
        }
    }
    let mut missed: Vec<(String, usize)> = missed.into_iter().collect();
    missed.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let misc = conll_links.iter().filter(|l| l.label == Label::Misc).count();
    println!(
        "coverage: {linked}/{total} gold LOC mentions in CoNLL-2003 dev link to a place = {:.1}%",
        100.0 * linked as f64 / total as f64
    );
    println!("  (plus {misc} MISC mentions linked as nationality adjectives)");
    let top: Vec<String> = missed.iter().take(25).map(|(s, n)| format!("{s} ×{n}")).collect();
    println!("  most frequent unlinked: {}", top.join(", "));

    // Precision on the checked sample.
    let Ok(rows) = std::fs::read_to_string(checked) else {
        println!("precision: no checked sample at {} (write one with `gazetteer sample`)", checked.display());
        return Ok(());
    };
    let gmb = read_set(&data.join("gmb/dev.jsonl"), "gmb")?;
    let (gmb_links, _, _) = links(&gmb, gaz);
    let current: BTreeMap<(String, usize, usize), String> = conll_links
        .iter()
        .chain(gmb_links.iter())
        .map(|l| ((l.doc.clone(), l.start, l.end), place_key(&l.place)))
        .collect();
    let (mut judged, mut correct, mut changed, mut unlinked) = (0usize, 0usize, 0usize, 0usize);
    let mut recheck = Vec::new();
    let mut wrong = Vec::new();
    for line in rows.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#') && !l.starts_with("doc\t")) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 12 {
            return Err(format!("{}: row with {} fields: {line}", checked.display(), f.len()));
        }
        let key = (f[0].to_owned(), f[1].parse().unwrap_or(0), f[2].parse().unwrap_or(0));
        let checked_place = format!("{}|{}|{}|{}", f[5], f[6], f[7], f[8]);
        match current.get(&key) {
            None => {
                unlinked += 1;
                recheck.push(format!("{} {}..{} {} (no longer linked)", f[0], f[1], f[2], f[3]));
            }
            Some(p) if *p != checked_place => {
                changed += 1;
                recheck.push(format!("{} {}..{} {} (now {p})", f[0], f[1], f[2], f[3]));
            }
            Some(_) => {
                judged += 1;
                match f[10] {
                    "ok" => correct += 1,
                    _ => wrong.push(format!("{} → {} ({})", f[3], f[5], f[11])),
                }
            }
        }
    }
    println!(
        "precision: {correct}/{judged} hand-checked links correct = {:.1}%  ({changed} rows now link elsewhere, {unlinked} no longer linked: re-check them)",
        if judged == 0 { 0.0 } else { 100.0 * correct as f64 / judged as f64 }
    );
    for w in wrong {
        println!("  wrong: {w}");
    }
    for r in recheck {
        println!("  re-check: {r}");
    }
    Ok(())
}

/// Writes a deterministic sample of linked mentions (CoNLL dev and GMB dev)
/// as the checked-file layout with empty verdicts, to be judged by hand.
pub fn sample(data: &Path, out: &Path, n: usize) -> Result<(), String> {
    let gaz = places::embedded().map_err(|e| e.to_string())?;
    let dev = read_set(&data.join("conll2003/dev.jsonl"), "conll")?;
    let gmb = read_set(&data.join("gmb/dev.jsonl"), "gmb")?;
    let (a, _, _) = links(&dev, gaz);
    let (b, _, _) = links(&gmb, gaz);
    let mut s = String::from(
        "doc\tstart\tend\tmention\tlabel\tname\tkind\tcountry\tgeonames_id\tscore\tverdict\treason\tcontext\n",
    );
    for (set, k) in [(&a, n * 2 / 3), (&b, n - n * 2 / 3)] {
        let step = (set.len() / k.max(1)).max(1);
        for l in set.iter().step_by(step).take(k) {
            let p = &l.place;
            let _ = writeln!(
                s,
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t\t\t{}",
                l.doc,
                l.start,
                l.end,
                l.surface,
                l.label.as_str(),
                p.name,
                p.kind,
                p.country,
                p.geonames_id,
                p.score,
                l.context
            );
        }
    }
    // A second stratum: links the text did not settle (score < 0.95), where mistakes live.
    let unsure: Vec<&Link> = a.iter().chain(b.iter()).filter(|l| l.place.score < 0.95).collect();
    let k = n / 4;
    let step = (unsure.len() / k.max(1)).max(1);
    for l in unsure.iter().step_by(step).take(k) {
        let p = &l.place;
        let _ = writeln!(
            s,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t\t\t{}",
            l.doc,
            l.start,
            l.end,
            l.surface,
            l.label.as_str(),
            p.name,
            p.kind,
            p.country,
            p.geonames_id,
            p.score,
            l.context
        );
    }
    std::fs::write(out, s).map_err(|e| format!("{}: {e}", out.display()))
}
