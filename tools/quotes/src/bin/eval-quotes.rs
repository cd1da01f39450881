//! Scores quotes and speakers against PolNeAR (`make eval-quotes`).
//!
//! `cargo run --release -p quotes-tools --bin eval-quotes -- [FILE.jsonl] [--errors N] [--model FILE]`
//! (default file: `../shared/data/polnear/dev.jsonl`; `--errors N` prints up to
//! N misses of each kind for error analysis, each direct-quote miss with
//! the quotes of ours and the gold attributions that overlap it; `--model
//! FILE` decides direct or partial with a trained quote model, e.g.
//! `model/quotes.bin`, instead of the rules the pipeline uses).
//!
//! Definitions (all offsets in code points, the data's unit):
//! - **gold direct quotes**: every Content *run* that is exactly one
//!   quotation: fragments of one attribution are joined when they are one
//!   quotation (annotators sometimes cut one at sentence ends: only white
//!   space between, no quotation mark at the junction), other fragments are
//!   separate runs (a quote split by its attribution — our representation
//!   too); a run is a direct quote when an opening mark stands before it and
//!   a closing mark after it (inside or outside the annotated span, as the
//!   data README warns; before it only white space, an ellipsis or the
//!   attribution's own Source/Cue may come between, as in a transcript's
//!   `"PENCE: …`, after it only punctuation),
//!   or it runs to a paragraph end and the next paragraph reopens the quote,
//!   and no closing double mark lies inside (`“a” and “b”` is two). The data's
//!   `kind` field is not used for this: it judges the whole first-to-last
//!   Content, so the quoted fragment of an attribution that also has a
//!   paraphrased fragment counts as `mixed`, and a Content whose marks were
//!   left outside the span as `indirect`. The figure against the `kind`
//!   field (attributions with `kind: "direct"`, split into runs) is printed
//!   too, for comparison, and so is the figure for all our quoted stretches
//!   (direct and partial) against the same gold runs;
//! - **ours**: quotes with `kind: "direct"`;
//! - **exact**: equal spans after trimming white space, quotation marks and
//!   `.,;:!?…—–-` at both ends; **overlap**: the trimmed spans share a
//!   character. Matching is one-to-one, in text order;
//! - **speaker accuracy** over exactly found direct quotes whose gold has a
//!   Source: correct when our speaker span overlaps a gold Source piece, or
//!   our speaker's entity has a mention overlapping one;
//! - **all attributions**: gold = every attribution's Content (first to last
//!   fragment), ours = every quote (direct, partial, indirect); precision =
//!   share of ours that overlap some gold Content, recall = share of gold
//!   overlapped by some quote of ours; speaker accuracy over found gold with
//!   a Source, using our quote that overlaps it most.

use article_annotator::api::{OffsetMap, OffsetUnit};
use article_annotator::quotes::{self, learned::QuoteModel};
use article_annotator::{Annotator, QuoteKind};
use quotes_tools::*;

/// One of our quotes, in code points.
struct Ours {
    span: (usize, usize),
    kind: QuoteKind,
    speaker: Option<(usize, usize)>,
    /// Spans of all mentions of the speaker's entity.
    entity_mentions: Vec<(usize, usize)>,
}

fn speaker_ok(o: &Ours, g: &Gold) -> bool {
    g.speaker_spans.iter().any(|p| {
        let gs = (p.start, p.end);
        o.speaker.is_some_and(|s| overlaps(s, gs)) || o.entity_mentions.iter().any(|&m| overlaps(m, gs))
    })
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut path = "../shared/data/polnear/dev.jsonl".to_owned();
    let mut show_errors = 0usize;
    let mut model = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--model" {
            let file = it.next().expect("--model FILE");
            let bytes = std::fs::read(file).unwrap_or_else(|e| panic!("{file}: {e}"));
            model = Some(QuoteModel::from_bytes(&bytes).unwrap_or_else(|e| panic!("{file}: {e}")));
        } else if a == "--errors" {
            show_errors = it.next().and_then(|n| n.parse().ok()).unwrap_or(20);
        } else {
            path = a.clone();
        }
    }
    let annotator = Annotator::new().expect("embedded models load");

    let (mut exact, mut overlap, mut all) = (Count::default(), Count::default(), Count::default());
    let mut exact_kind = Count::default();
    let mut exact_quoted = Count::default();
    let (mut sp_direct, mut n_sp_direct, mut sp_all, mut n_sp_all) = (0, 0, 0, 0);
    let mut errors: Vec<(String, String)> = Vec::new();
    let mut articles = 0;
    for art in quotes_tools::articles(&path) {
        articles += 1;
        let chars: Vec<char> = art.text.chars().collect();
        let mut doc = annotator.annotate(&art.text).expect("annotates");
        if let Some(m) = &model {
            doc.quotes = quotes::find_with(&doc, Some(m));
        }
        let map = OffsetMap::new(&doc.text, OffsetUnit::Codepoint);
        let cp = |s: article_annotator::span::ByteSpan| (map.convert(s.start) as usize, map.convert(s.end) as usize);
        let ours: Vec<Ours> = doc
            .quotes
            .iter()
            .map(|q| Ours {
                span: cp(q.span),
                kind: q.kind,
                speaker: q.speaker.map(cp),
                entity_mentions: q
                    .entity
                    .and_then(|e| doc.entities.get(e as usize))
                    .map(|e| e.mentions.iter().map(|&m| cp(doc.mentions[m as usize].span)).collect())
                    .unwrap_or_default(),
            })
            .collect();
        let snippet = |(s, e): (usize, usize)| -> String {
            let s0 = s.saturating_sub(60);
            let e0 = (e + 60).min(chars.len());
            format!(
                "{}[[{}]]{}",
                chars[s0..s].iter().collect::<String>(),
                chars[s..e].iter().collect::<String>(),
                chars[e..e0].iter().collect::<String>()
            )
            .replace('\n', "⏎")
        };

        // For the error dump: what lies under a missed or spurious span.
        let short = |(s, e): (usize, usize)| -> String {
            let t: String = chars[s..e].iter().collect();
            let t = t.replace('\n', "⏎");
            if t.chars().count() > 70 {
                format!(
                    "{}…{}",
                    t.chars().take(40).collect::<String>(),
                    t.chars().skip(t.chars().count() - 25).collect::<String>()
                )
            } else {
                t
            }
        };
        let near_ours = |ours: &[Ours], gs: (usize, usize)| -> String {
            ours.iter()
                .filter(|o| overlaps(trim(&chars, o.span), gs))
                .map(|o| format!("\n      ours {:?}: [{}]", o.kind, short(o.span)))
                .collect()
        };
        let near_gold = |gold: &[Gold], os: (usize, usize)| -> String {
            let mut out: String = gold
                .iter()
                .filter(|g| overlaps(trim(&chars, (g.start.min(chars.len()), g.end.min(chars.len()))), os))
                .map(|g| {
                    format!("\n      gold {}: [{}]", g.kind, short((g.start.min(chars.len()), g.end.min(chars.len()))))
                })
                .collect();
            if out.is_empty() {
                out = "\n      (no gold attribution)".into();
            }
            out
        };

        // Direct quotes.
        let gold_d = gold_direct(&chars, &art.quotes, false);
        let gold_k = gold_direct(&chars, &art.quotes, true);
        let ours_d: Vec<(usize, (usize, usize))> = ours
            .iter()
            .enumerate()
            .filter(|(_, o)| o.kind == QuoteKind::Direct)
            .map(|(i, o)| (i, trim(&chars, o.span)))
            .collect();
        // For comparison: all our quoted stretches (direct and partial)
        // against the same gold runs, whatever kind we gave them.
        {
            let ours_q: Vec<(usize, usize)> =
                ours.iter().filter(|o| o.kind != QuoteKind::Indirect).map(|o| trim(&chars, o.span)).collect();
            let mut used = vec![false; ours_q.len()];
            exact_quoted.n_gold += gold_d.len();
            exact_quoted.n_ours += ours_q.len();
            for &(gs, _) in &gold_d {
                if let Some(k) = (0..ours_q.len()).find(|&k| !used[k] && ours_q[k] == gs) {
                    used[k] = true;
                    exact_quoted.tp_p += 1;
                    exact_quoted.tp_r += 1;
                }
            }
        }
        for (count, exact_match, by_kind) in
            [(&mut exact, true, false), (&mut overlap, false, false), (&mut exact_kind, true, true)]
        {
            let gold_d = if by_kind { &gold_k } else { &gold_d };
            let exact_main = exact_match && !by_kind;
            let mut used = vec![false; ours_d.len()];
            count.n_gold += gold_d.len();
            count.n_ours += ours_d.len();
            for &(gs, gi) in gold_d {
                let hit = ours_d
                    .iter()
                    .enumerate()
                    .position(|(k, &(_, os))| !used[k] && if exact_match { os == gs } else { overlaps(os, gs) });
                match hit {
                    Some(k) => {
                        used[k] = true;
                        count.tp_p += 1;
                        count.tp_r += 1;
                        if exact_main {
                            let g = &art.quotes[gi];
                            if !g.speaker_spans.is_empty() {
                                n_sp_direct += 1;
                                let o = &ours[ours_d[k].0];
                                if speaker_ok(o, g) {
                                    sp_direct += 1;
                                } else {
                                    let gsp: Vec<String> = g
                                        .speaker_spans
                                        .iter()
                                        .map(|p| chars[p.start..p.end].iter().collect())
                                        .collect();
                                    let osp = o.speaker.map(|s| chars[s.0..s.1].iter().collect::<String>());
                                    errors.push((
                                        "direct-speaker".into(),
                                        format!("{} gold={gsp:?} ours={osp:?}: {}", art.id, snippet(gs)),
                                    ));
                                }
                            }
                        }
                    }
                    None if exact_main => errors
                        .push(("direct-missed".into(), format!("{}: {}{}", art.id, snippet(gs), near_ours(&ours, gs)))),
                    None => {}
                }
            }
            if exact_main {
                for (k, &(_, os)) in ours_d.iter().enumerate() {
                    if !used[k] {
                        errors.push((
                            "direct-spurious".into(),
                            format!("{}: {}{}", art.id, snippet(os), near_gold(&art.quotes, os)),
                        ));
                    }
                }
            }
        }

        // All attributions.
        let gold_all: Vec<(usize, (usize, usize))> = art
            .quotes
            .iter()
            .enumerate()
            .map(|(i, g)| (i, trim(&chars, (g.start.min(chars.len()), g.end.min(chars.len())))))
            .collect();
        all.n_gold += gold_all.len();
        all.n_ours += ours.len();
        for o in &ours {
            let os = trim(&chars, o.span);
            if gold_all.iter().any(|&(_, gs)| overlaps(os, gs)) {
                all.tp_p += 1;
            } else {
                errors.push((format!("all-spurious-{:?}", o.kind), format!("{}: {}", art.id, snippet(os))));
            }
        }
        for &(gi, gs) in &gold_all {
            let best = ours
                .iter()
                .map(|o| {
                    let os = trim(&chars, o.span);
                    (os.1.min(gs.1).saturating_sub(os.0.max(gs.0)), o)
                })
                .filter(|(ov, _)| *ov > 0)
                .max_by_key(|(ov, _)| *ov);
            let g = &art.quotes[gi];
            match best {
                Some((_, o)) => {
                    all.tp_r += 1;
                    if !g.speaker_spans.is_empty() {
                        n_sp_all += 1;
                        if speaker_ok(o, g) {
                            sp_all += 1;
                        } else {
                            let gsp: Vec<String> =
                                g.speaker_spans.iter().map(|p| chars[p.start..p.end].iter().collect()).collect();
                            let osp = o.speaker.map(|s| chars[s.0..s.1].iter().collect::<String>());
                            errors.push((
                                format!("all-speaker-{}", g.kind),
                                format!("{} gold={gsp:?} ours={osp:?}: {}", art.id, snippet(gs)),
                            ));
                        }
                    }
                }
                None => {
                    let text = |ps: &[Piece]| -> Vec<String> {
                        ps.iter()
                            .map(|p| chars[p.start.min(chars.len())..p.end.min(chars.len())].iter().collect())
                            .collect()
                    };
                    errors.push((
                        format!("all-missed-{}", g.kind),
                        format!(
                            "{} cue={:?} source={:?}: {}",
                            art.id,
                            text(&g.cue_spans),
                            text(&g.speaker_spans),
                            snippet(gs)
                        ),
                    ))
                }
            }
        }
    }

    if show_errors > 0 {
        let mut kinds: Vec<String> = errors.iter().map(|(k, _)| k.clone()).collect();
        kinds.sort();
        kinds.dedup();
        for k in kinds {
            let of_kind: Vec<&String> = errors.iter().filter(|(ek, _)| *ek == k).map(|(_, e)| e).collect();
            println!("== {k} ({})", of_kind.len());
            for e in of_kind.iter().take(show_errors) {
                println!("  {e}");
            }
        }
        println!();
    }
    let decided_by = if model.is_some() { "quote model" } else { "rules" };
    println!("PolNeAR {path}: {articles} articles (direct or partial decided by the {decided_by})");
    let line = |name: &str, c: &Count| {
        let (p, r, f) = c.prf();
        println!("{name:<44} P {p:5.1}  R {r:5.1}  F1 {f:5.1}   (ours {}, gold {})", c.n_ours, c.n_gold);
    };
    line("direct quotes, exact (trimmed)", &exact);
    line("direct quotes, overlap", &overlap);
    line("  (gold by the data's `kind` field, exact)", &exact_kind);
    line("  (ours direct + partial, exact)", &exact_quoted);
    println!(
        "{:<44} {:5.1} %  ({sp_direct}/{n_sp_direct})",
        "speaker accuracy, found direct quotes",
        pct(sp_direct, n_sp_direct)
    );
    line("all attributions (content overlap)", &all);
    println!("{:<44} {:5.1} %  ({sp_all}/{n_sp_all})", "speaker accuracy, found attributions", pct(sp_all, n_sp_all));
}
