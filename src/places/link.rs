//! Linking entities to gazetteer records (rules in the module docs of
//! [`crate::places`]).

use super::gazetteer::{Candidate, Gazetteer, How, Kind, Record};
use crate::document::{Document, Label, Place};
use rustc_hash::FxHashMap as HashMap;

/// Prior bonus by kind: an article naming "Georgia" or "Luxembourg" with
/// nothing else to go on means the country more often than a namesake.
fn kind_bonus(kind: Kind) -> f32 {
    match kind {
        Kind::Country => 4.0,
        Kind::Continent => 3.5,
        Kind::Region => 3.0,
        Kind::City => 0.0,
    }
}

fn how_penalty(how: How) -> f32 {
    match how {
        How::Name => 0.0,
        How::Alternate => 1.0,
        How::Abbreviation => 1.0,
        How::Demonym => 0.3,
    }
}

/// Document evidence weights.
const NEXT_TO_CONTAINER: f32 = 4.0; // "Paris, Texas": Texas right after Paris
const CONTAINS_NAMED: f32 = 3.0; // "Georgia" with "Atlanta" elsewhere
const PARENT_NAMED: f32 = 1.5; // "Paris" with "Texas" elsewhere
const COUNTRY_NAMED: f32 = 2.0; // "Georgia" with "Tbilisi"; scaled by share
const DATELINE_CITY: f32 = 2.5; // "WASHINGTON 1996-08-29" at the start of a line
const CAPITAL: f32 = 0.8;
/// Towns below this population are linked only with support from the text
/// (their country or region named, written next to a container, or a
/// dateline): a bare "Republic" or "Mahala" is more often a word or a
/// namesake than the small town the gazetteer happens to know.
const SMALL_TOWN: u32 = 50_000; // "Washington": the capital before the namesake towns

struct Scored<'a> {
    rec: Record<'a>,
    how: How,
    prior: f32,
    dateline: bool,
    /// Matched only by alternate names of several words unrelated in
    /// spelling to the record's own name ([`related_spelling`]): a
    /// translation into English words (`White House` is an alternate name
    /// of Casablanca, Dar el Beida). Such a city, like a small town, is
    /// linked only with support from the text. One-word alternates are
    /// English or former names as often as not (`Calcutta` → Kolkata,
    /// `Saigon`, `Cologne`, `Leningrad`) and keep linking on their own.
    unrelated_name: bool,
}

/// Whether `alt` looks like a spelling of `name`: both folded by
/// [`super::normalize`] (spaces ignored), they start with the same letter
/// or share a run of three letters.
fn related_spelling(alt: &str, name: &str) -> bool {
    let fold = |s: &str| -> Vec<char> { super::normalize(s).chars().filter(|c| c.is_alphanumeric()).collect() };
    let (a, n) = (fold(alt), fold(name));
    a.first().is_some_and(|c| n.first() == Some(c)) || a.windows(3).any(|w| n.windows(3).any(|v| v == w))
}

/// Links the document's `LOC` (and nationality `MISC`) entities with the
/// embedded gazetteer. Does nothing if it cannot be loaded (a broken build;
/// [`super::embedded`] reports that error).
pub fn link(doc: &mut Document) {
    if let Ok(g) = super::embedded() {
        link_with(doc, g);
    }
}

/// Sets [`crate::Entity::place`] on each entity the gazetteer can resolve
/// (and clears it on the others). Never panics; runs in time linear in the
/// number of mentions times candidates per name.
pub fn link_with(doc: &mut Document, gaz: &Gazetteer) {
    let text = doc.text.as_str();
    // Candidates per entity, deduplicated by record (best match kept), and
    // whether a mention of it looks like a dateline.
    let mut cands: Vec<Vec<Scored>> = Vec::with_capacity(doc.entities.len());
    for e in &doc.entities {
        let mut found: Vec<Scored> = Vec::new();
        if matches!(e.label, Label::Loc | Label::Misc) {
            let mut dateline = false;
            for &mi in &e.mentions {
                let mut list = match doc.mentions.get(mi as usize) {
                    Some(m) => mention_candidates(gaz, text, m.span.start as usize, m.span.end as usize, e.label),
                    None => Vec::new(),
                };
                if e.label == Label::Misc {
                    list.retain(|c| c.how == How::Demonym);
                }
                if let Some(m) = doc.mentions.get(mi as usize) {
                    dateline |= is_dateline(text, m.span.start as usize, m.span.end as usize);
                }
                let surface = doc.mentions.get(mi as usize).map_or("", |m| m.span.slice(text));
                for Candidate { record, how } in list {
                    let Some(rec) = gaz.record(record) else { continue };
                    let unrelated = how == How::Alternate
                        && surface.split_whitespace().nth(1).is_some()
                        && !related_spelling(surface, rec.name);
                    match found.iter_mut().find(|f| f.rec.index == record) {
                        Some(f) => {
                            f.how = f.how.min(how);
                            f.unrelated_name &= unrelated;
                        }
                        None => found.push(Scored { rec, how, prior: 0.0, dateline: false, unrelated_name: unrelated }),
                    }
                }
            }
            for f in &mut found {
                f.dateline = dateline;
                f.prior = kind_bonus(f.rec.kind) + 0.6 * (1.0 + f.rec.population as f32).log10() - how_penalty(f.how);
                if f.rec.capital {
                    f.prior += CAPITAL;
                }
                if dateline && f.rec.kind == Kind::City {
                    f.prior += DATELINE_CITY;
                }
            }
        }
        cands.push(found);
    }

    // Evidence from the rest of the document. Regions that some other
    // entity's candidate lies in, and records named right after a mention.
    let mut contains_named: HashMap<u32, Vec<usize>> = HashMap::default();
    for (ei, list) in cands.iter().enumerate() {
        for f in list {
            if let Some(p) = f.rec.parent {
                let v = contains_named.entry(p).or_default();
                if v.last() != Some(&ei) {
                    v.push(ei);
                }
            }
        }
    }
    // Any record of another entity (region or country) by index, for "Paris" + "Texas" anywhere.
    let mut named_records: HashMap<u32, Vec<usize>> = HashMap::default();
    for (ei, list) in cands.iter().enumerate() {
        for f in list {
            if matches!(f.rec.kind, Kind::Region | Kind::Country) {
                named_records.entry(f.rec.index).or_default().push(ei);
            }
        }
    }
    // For each entity, the entities whose mention follows one of its mentions after a comma.
    let next_to = adjacent_after(doc);

    // Pass 1: best by prior alone gives the countries the text is about.
    let mut chosen: Vec<Option<usize>> = cands.iter().map(|l| argmax(l.iter().map(|f| f.prior))).collect();
    for round in 0..2 {
        let mut country_weight: HashMap<&str, f32> = HashMap::default();
        let mut total = 0.0f32;
        let mut own: Vec<Option<(&str, f32)>> = vec![None; cands.len()];
        for (ei, c) in chosen.iter().enumerate() {
            if let Some(ci) = *c {
                // Nationality adjectives say who, not where: they are no evidence of the setting.
                if doc.entities[ei].label != Label::Loc {
                    continue;
                }
                let rec = &cands[ei][ci].rec;
                if rec.country.is_empty() {
                    continue;
                }
                let w = 1.0f32;
                *country_weight.entry(rec.country).or_default() += w;
                total += w;
                own[ei] = Some((rec.country, w));
            }
        }
        let mut next: Vec<Option<usize>> = Vec::with_capacity(cands.len());
        for (ei, list) in cands.iter().enumerate() {
            let mut support = vec![false; list.len()];
            let scores = list.iter().zip(support.iter_mut()).map(|(f, supported)| {
                let mut s = f.prior;
                let before = s;
                let others = |v: Option<&Vec<usize>>| v.is_some_and(|v| v.iter().any(|&o| o != ei));
                if f.rec.kind == Kind::Region && others(contains_named.get(&f.rec.index)) {
                    s += CONTAINS_NAMED;
                }
                let adjacent = next_to.get(&ei).map(Vec::as_slice).unwrap_or(&[]);
                let mut beside = false;
                for &(o, _) in adjacent {
                    beside |= cands[o].iter().any(|g| {
                        Some(g.rec.index) == f.rec.parent
                            || (g.rec.kind == Kind::Country
                                && g.rec.country == f.rec.country
                                && f.rec.kind != Kind::Country)
                    });
                }
                // "Troy, Tennessee" when no Troy the gazetteer knows is in
                // Tennessee: the text names another town; never link a namesake.
                let contained_elsewhere = f.rec.kind == Kind::City
                    && !beside
                    && adjacent.iter().any(|&(o, alone)| {
                        alone
                            && !cands[o].is_empty()
                            && cands[o].iter().all(|g| matches!(g.rec.kind, Kind::Region | Kind::Country))
                    });
                if contained_elsewhere {
                    return f32::NEG_INFINITY;
                }
                if beside {
                    s += NEXT_TO_CONTAINER;
                } else if f.rec.parent.is_some_and(|p| others(named_records.get(&p))) {
                    s += PARENT_NAMED;
                }
                if !f.rec.country.is_empty() && total > 0.0 {
                    let mine = own[ei].filter(|(c, _)| *c == f.rec.country).map_or(0.0, |(_, w)| w);
                    let rest_total = total - own[ei].map_or(0.0, |(_, w)| w);
                    let w = country_weight.get(f.rec.country).copied().unwrap_or(0.0) - mine;
                    if rest_total > 0.0 && w > 0.0 {
                        s += COUNTRY_NAMED * (w / rest_total).sqrt();
                    }
                }
                *supported = s > before || f.dateline;
                s
            });
            let scores: Vec<f32> = scores.collect();
            next.push(argmax(usable_scores(list, &scores, &support).into_iter()));
            if round == 1 {
                set_place(&mut doc.entities[ei].place, list, &scores, &support);
            }
        }
        chosen = next;
    }
}

/// `scores` with the cities known only by an unrelated alternate name and
/// without support from the text set to minus infinity.
fn usable_scores(list: &[Scored], scores: &[f32], support: &[bool]) -> Vec<f32> {
    (0..scores.len())
        .map(|i| {
            let f = &list[i];
            if f.rec.kind == Kind::City && f.unrelated_name && !support[i] {
                f32::NEG_INFINITY
            } else {
                scores[i]
            }
        })
        .collect()
}

fn set_place(place: &mut Option<Place>, list: &[Scored], scores: &[f32], support: &[bool]) {
    *place = None;
    // A city known here only by an unrelated several-word alternate name is
    // not a candidate without support (another reading of the name may
    // still win).
    let scores = usable_scores(list, scores, support);
    let Some(best) = argmax(scores.iter().copied()) else { return };
    if scores[best] == f32::NEG_INFINITY {
        return;
    }
    let f = &list[best];
    if f.rec.kind == Kind::City && f.rec.population < SMALL_TOWN && !support[best] {
        return;
    }
    let top = scores[best];
    let z: f32 = scores.iter().map(|s| (s - top).exp()).sum();
    let f = &list[best];
    let score = if z.is_finite() && z > 0.0 { 1.0 / z } else { 0.0 };
    *place = Some(Place {
        name: f.rec.name.to_owned(),
        kind: f.rec.kind.as_str().to_owned(),
        country: f.rec.country.to_owned(),
        lat: f.rec.lat,
        lon: f.rec.lon,
        geonames_id: f.rec.geonames_id,
        population: u64::from(f.rec.population),
        score: (score * 100.0).round() / 100.0,
    });
}

/// Candidates for the mention at `start..end`. Repairs two common tagger
/// boundary slips first: a capitalized word right before the mention that
/// belongs to the name ("Czech [Republic]", "South [African]"), and a
/// one-mention "Paris, Texas" (the head names the place). Short dotted or
/// all-capital forms ("U.N.", "UN") only match abbreviations, never a town
/// that happens to be spelled that way.
fn mention_candidates(gaz: &Gazetteer, text: &str, start: usize, end: usize, label: Label) -> Vec<Candidate> {
    let Some(s) = text.get(start..end) else { return Vec::new() };
    if let Some(prev) = previous_word(text, start) {
        let joined = gaz.lookup(&format!("{prev} {s}"));
        if !joined.is_empty() {
            return joined;
        }
    }
    let mut list = gaz.lookup(s);
    if list.is_empty() && label == Label::Loc {
        if let Some((head, _)) = s.split_once(',') {
            list = gaz.lookup(head);
        }
    }
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    if letters <= 3 && (s.contains('.') || !s.chars().any(char::is_lowercase)) {
        list.retain(|c| c.how == How::Abbreviation);
    }
    list
}

/// The capitalized word separated from `start` by exactly one space.
fn previous_word(text: &str, start: usize) -> Option<&str> {
    let before = text.get(..start)?.strip_suffix(' ')?;
    let word_start = before
        .rfind(|c: char| !c.is_alphanumeric())
        .map_or(0, |i| i + before[i..].chars().next().map_or(1, char::len_utf8));
    let word = &before[word_start..];
    word.starts_with(|c: char| c.is_uppercase()).then_some(word)
}

fn argmax(it: impl Iterator<Item = f32>) -> Option<usize> {
    let mut best: Option<(usize, f32)> = None;
    for (i, s) in it.enumerate() {
        if best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    best.map(|(i, _)| i)
}

/// For each entity, the entities with a mention right after one of its
/// mentions, separated by a comma ("Paris, Texas", "Paris , France"), each
/// flagged `true` when the pair stands alone and `false` when it is part of a
/// longer list ("Paris, London, Berlin, Georgia"), where a comma separates
/// items instead of naming a container.
fn adjacent_after(doc: &Document) -> HashMap<usize, Vec<(usize, bool)>> {
    let gap = |i: usize| -> Option<&str> {
        let (a, b) = (doc.mentions.get(i)?, doc.mentions.get(i + 1)?);
        doc.text.get(a.span.end as usize..b.span.start as usize).map(str::trim)
    };
    let listy = |g: Option<&str>| matches!(g, Some("," | "and" | ", and" | "or" | ", or"));
    let mut out: HashMap<usize, Vec<(usize, bool)>> = HashMap::default();
    for i in 0..doc.mentions.len().saturating_sub(1) {
        let (a, b) = (&doc.mentions[i], &doc.mentions[i + 1]);
        let (ae, be) = (a.entity as usize, b.entity as usize);
        if ae == be || ae >= doc.entities.len() || be >= doc.entities.len() || gap(i) != Some(",") {
            continue;
        }
        let alone = (i == 0 || !listy(gap(i - 1))) && !listy(gap(i + 1));
        out.entry(ae).or_default().push((be, alone));
    }
    out
}

/// A mention that opens its line and is followed by a date, a bracket or a
/// dash, or is all capitals: a news dateline, which names a city.
fn is_dateline(text: &str, start: usize, end: usize) -> bool {
    let Some(before) = text.get(..start) else { return false };
    // Only white space back to the line start; scanning just that run keeps
    // many mentions on one huge line linear.
    let rest = before.trim_end_matches(|c: char| c.is_whitespace() && c != '\n');
    if !(rest.is_empty() || rest.ends_with('\n')) {
        return false;
    }
    let Some(name) = text.get(start..end) else { return false };
    let after = text.get(end..).unwrap_or("").trim_start_matches([' ', '\t']);
    let caps = name.chars().any(char::is_alphabetic) && !name.chars().any(char::is_lowercase);
    caps || after.starts_with(['(', '-', '–', '—']) || after.starts_with(|c: char| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::is_dateline;

    #[test]
    fn a_dateline_opens_its_line() {
        let at = |text: &str, name: &str| {
            let s = text.find(name).unwrap();
            is_dateline(text, s, s + name.len())
        };
        assert!(at("MOSCOW 1996-08-30\nTalks resumed.", "MOSCOW"));
        assert!(at("Intro.\n \t\u{a0}Paris (Reuters) - Talks resumed.", "Paris"));
        assert!(!at("Intro. Paris (Reuters) - Talks resumed.", "Paris"));
        assert!(!at("Talks in\nParis resumed.", "Paris"));
    }
}
