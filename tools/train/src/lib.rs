//! Shared code of the trainer, the scorer and the speed bench: reading the
//! JSONL data sets, projecting gold spans onto the crate's tokens, building the
//! embedded lexicon from the shared resources, and exact-span scoring.

use article_annotator::ner::features::{lex_key, normalize};
use article_annotator::ner::lexicon::{MAX_PHRASE, PHRASE_ENTRY, PHRASE_INNER, PHRASE_START};
use article_annotator::places;
use article_annotator::text::{self, Sentence, Token};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

pub mod prior;

pub type AnyResult<T> = Result<T, Box<dyn std::error::Error>>;

#[derive(Deserialize, Clone, Debug)]
pub struct GoldSpan {
    pub start: usize,
    pub end: usize,
    pub label: String,
}

#[derive(Deserialize, Clone, Debug)]
pub struct GoldDoc {
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub spans: Vec<GoldSpan>,
}

pub fn read_jsonl(path: &Path) -> AnyResult<Vec<GoldDoc>> {
    let f = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = Vec::new();
    for line in BufReader::new(f).lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        out.push(serde_json::from_str(&line)?);
    }
    Ok(out)
}

/// Byte offset of every code point index (plus the end) of `text`.
pub fn cp_to_byte(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    v.push(text.len());
    v
}

/// Maps a source label to the model's label index (PER 0, ORG 1, LOC 2, MISC 3), or `None` to drop it.
/// `foreign`: the label comes from GMB or WNUT-17 (their names differ, so one mapping serves both).
pub fn map_label(label: &str, foreign: bool) -> Option<usize> {
    if foreign {
        // GMB: per → PER, org → ORG, geo (geographic) and gpe (countries, cities as
        // polities) → LOC; tim/art/eve/nat have no CoNLL counterpart we can trust.
        // WNUT-17 (its labels differ from GMB's): person → PER, corporation and
        // group (bands, teams, parties) → ORG, location → LOC; product and
        // creative-work have no CoNLL counterpart.
        return match label {
            "per" | "person" => Some(0),
            "org" | "corporation" | "group" => Some(1),
            "geo" | "gpe" | "location" => Some(2),
            _ => None,
        };
    }
    match label {
        "PER" => Some(0),
        "ORG" => Some(1),
        "LOC" => Some(2),
        "MISC" => Some(3),
        _ => None,
    }
}

/// Courtesy titles that GMB includes in its `per` spans (`Mr. Abbas`) and
/// CoNLL leaves outside them, as the tagger does: the name is the span.
const TITLES: [&str; 5] = ["Mr. ", "Mrs. ", "Ms. ", "Dr. ", "Miss "];

/// The start (code points) of a foreign-scheme (GMB, WNUT-17) person span once
/// a leading courtesy title is left out, so that `Mr. Abbas` scores as `Abbas`;
/// other spans, and a title with nothing after it, keep their start. `cp` maps
/// code points to byte offsets ([`cp_to_byte`]).
pub fn foreign_start(text: &str, cp: &[usize], (start, end): (usize, usize), label: usize) -> usize {
    let (Some(&bs), Some(&be)) = (cp.get(start), cp.get(end)) else { return start };
    let span = text.get(bs..be).unwrap_or_default(); // empty for a reversed span
    match TITLES.iter().find(|t| label == 0 && span.starts_with(**t)) {
        Some(t) if bs + t.len() < be => start + t.len(), // titles are ASCII: bytes = code points
        _ => start,
    }
}

/// A tokenized training/evaluation document with gold entity spans in token indices.
pub struct Doc {
    pub text: String,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    /// `(first token, end token, label index)`.
    pub gold: Vec<(usize, usize, usize)>,
    /// Gold spans in byte offsets with label index (for exact-span scoring).
    pub gold_bytes: Vec<(usize, usize, usize)>,
}

pub fn load_docs(path: &Path, foreign: bool) -> AnyResult<Vec<Doc>> {
    let mut out = Vec::new();
    for g in read_jsonl(path)? {
        out.push(project(&g, foreign));
    }
    Ok(out)
}

/// Tokenizes with the crate's tokenizer and projects gold spans onto tokens:
/// every token overlapping a gold span belongs to it.
pub fn project(g: &GoldDoc, foreign: bool) -> Doc {
    let text = g.text.clone();
    let tokens = text::tokenize(&text);
    let (sentences, _) = text::segment(&text, &tokens);
    let cp = cp_to_byte(&text);
    let mut gold = Vec::new();
    let mut gold_bytes = Vec::new();
    for s in &g.spans {
        let Some(l) = map_label(&s.label, foreign) else { continue };
        let start = if foreign { foreign_start(&text, &cp, (s.start, s.end), l) } else { s.start };
        let (Some(&bs), Some(&be)) = (cp.get(start), cp.get(s.end)) else { continue };
        gold_bytes.push((bs, be, l));
        let first = tokens.partition_point(|t| (t.span.end as usize) <= bs);
        let mut last = first;
        while last < tokens.len() && (tokens[last].span.start as usize) < be {
            last += 1;
        }
        if last > first {
            gold.push((first, last, l));
        }
    }
    gold.sort();
    gold.dedup_by(|b, a| b.0 < a.1); // drop overlaps (never in CoNLL; defensive)
    Doc { text, tokens, sentences, gold, gold_bytes }
}

/// Paths of the shared resources below `data`.
pub struct LexiconSources<'a> {
    pub data: &'a Path,
    pub min_cluster_count: u64,
    pub max_last_names: usize,
    /// Minimum wordfreq Zipf frequency of a word that gets a BLLIP cluster
    /// projected through the Twitter clusters (`None`: no projection).
    pub project_zipf: Option<f64>,
    /// Entity-type prior from word vectors ([`prior`]; `None`: none).
    pub prior: Option<prior::Coverage>,
}

/// The lexicon as the model stores it: sorted keys, values, cluster paths.
pub struct BuiltLexicon {
    pub keys: Vec<u32>,
    pub vals: Vec<u32>,
    pub paths: Vec<String>,
}

fn gz_reader(path: &Path) -> AnyResult<Box<dyn BufRead>> {
    let f = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let r: Box<dyn Read> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(flate2::read::GzDecoder::new(f))
    } else {
        Box::new(f)
    };
    Ok(Box::new(BufReader::new(r)))
}

/// Builds the word table from the BLLIP Brown clusters and the gazetteers.
pub fn build_lexicon(src: &LexiconSources) -> AnyResult<BuiltLexicon> {
    let d = src.data;
    let mut vals: BTreeMap<u32, u32> = BTreeMap::new();
    // Brown clusters: path ids in sorted path order.
    let mut rows: Vec<(String, String, u64)> = Vec::new();
    for line in gz_reader(&d.join("lexical/brown_bllip_wsj_epic/bllip-clusters.tsv.gz"))?.lines() {
        let line = line?;
        let mut it = line.split('\t');
        let (Some(p), Some(w), Some(c)) = (it.next(), it.next(), it.next()) else { continue };
        rows.push((p.to_owned(), w.to_owned(), c.trim().parse().unwrap_or(0)));
    }
    let paths: Vec<String> = rows.iter().map(|r| r.0.clone()).collect::<BTreeSet<_>>().into_iter().collect();
    let path_id: BTreeMap<&str, usize> = paths.iter().enumerate().map(|(i, p)| (p.as_str(), i)).collect();
    // Capitalisation and frequency of each lower-cased form.
    let mut lower_stats: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for (p, w, c) in &rows {
        let st = lower_stats.entry(normalize(w)).or_insert((0, 0));
        st.0 += c;
        if w.chars().next().is_some_and(char::is_uppercase) {
            st.1 += c;
        }
        if *c >= src.min_cluster_count {
            let v = vals.entry(lex_key(w)).or_insert(0);
            if *v & 0x7FF == 0 {
                *v |= (path_id[p.as_str()] + 1) as u32;
            }
        }
    }
    if let Some(min_zipf) = src.project_zipf {
        project_clusters(d, &rows, &path_id, src.min_cluster_count, min_zipf, &mut vals)?;
    }
    for (w, (total, cap)) in &lower_stats {
        if *total < src.min_cluster_count {
            continue;
        }
        let r = *cap as f64 / *total as f64;
        let capb: u32 = if r < 0.05 {
            1
        } else if r < 0.3 {
            2
        } else if r < 0.7 {
            3
        } else if r < 0.95 {
            4
        } else {
            5
        };
        let freqb: u32 = match total {
            0..100 => 0,
            100..1000 => 1,
            1000..10000 => 2,
            _ => 3,
        };
        *vals.entry(lex_key(w)).or_insert(0) |= (capb << 11) | (freqb << 14);
    }
    // Gazetteers.
    let add = |name: &str, bit: u32, vals: &mut BTreeMap<u32, u32>| {
        let toks = text::tokenize(name);
        if toks.is_empty() || toks.len() > MAX_PHRASE {
            return;
        }
        let norms: Vec<String> = toks.iter().map(|t| normalize(t.text(name))).collect();
        let key = norms.join(" ");
        let flag = 1u32 << (16 + bit);
        if toks.len() == 1 {
            *vals.entry(lex_key(&key)).or_insert(0) |= flag;
        } else {
            *vals.entry(lex_key(&key)).or_insert(0) |= flag | PHRASE_ENTRY;
            *vals.entry(lex_key(&norms[0])).or_insert(0) |= PHRASE_START;
            for n in &norms[1..] {
                *vals.entry(lex_key(n)).or_insert(0) |= PHRASE_INNER;
            }
        }
    };
    // Place bits — 0 country, 1 city, 2 region, 5 continent —
    // from the places gazetteer embedded in the crate (`model/gazetteer.bin`,
    // the file the linker uses): one source of truth for place names. Every
    // stored name (main, alternate, ISO, alias; already normalized) and every
    // record's display name as the tokenizer splits it ("São Paulo").
    let gaz = places::embedded()?;
    let place_bit = |c: &places::Candidate| -> u32 {
        match gaz.record(c.record).map(|r| r.kind) {
            Some(places::Kind::Country) => 0,
            Some(places::Kind::Region) => 2,
            Some(places::Kind::Continent) => 5,
            _ => 1,
        }
    };
    let mut names: Vec<(String, u32)> = Vec::new();
    gaz.for_each_name(|name, cands| {
        for c in cands {
            match c.how {
                // Demonyms ("Russian") are left out: with them dev F1 was 91.94
                // against 92.18 without (nationalities are MISC, learnt from the words).
                places::How::Demonym => {}
                // Stored without their full stops ("U.S." → "us", which is also a
                // pronoun): flag the written forms instead, "u.s." and "fla.".
                places::How::Abbreviation => {
                    let letters: Vec<String> = name.chars().map(String::from).collect();
                    names.push((format!("{}.", letters.join(".")), place_bit(c)));
                    names.push((format!("{name}."), place_bit(c)));
                }
                _ => names.push((name.to_owned(), place_bit(c))),
            }
        }
    });
    for i in 0..gaz.len() as u32 {
        if let Some(r) = gaz.record(i) {
            names.push((r.name.to_owned(), place_bit(&places::Candidate { record: i, how: places::How::Name })));
        }
    }
    for (name, bit) in &names {
        add(name, *bit, &mut vals);
    }
    // bits 3, 4: US census first names and the most frequent surnames
    for (f, bit, max) in [
        ("census_names/dist.male.first", 3, usize::MAX),
        ("census_names/dist.female.first", 3, usize::MAX),
        ("census_names/dist.all.last", 4, src.max_last_names),
    ] {
        let s = std::fs::read_to_string(d.join("gazetteers").join(f))?;
        for line in s.lines().take(max) {
            if let Some(n) = line.split_whitespace().next() {
                add(n, bit, &mut vals);
            }
        }
    }
    if let Some(coverage) = src.prior {
        let (added, new_keys) = prior::add_prior(d, coverage, &mut vals)?;
        eprintln!("entity-type prior from word vectors for {added} words ({new_keys} new keys)");
    }
    let (keys, vals): (Vec<u32>, Vec<u32>) = vals.into_iter().filter(|(_, v)| *v != 0).unzip();
    Ok(BuiltLexicon { keys, vals, paths })
}

/// Gives words that BLLIP (WSJ 1987–89) lacks or saw too rarely — modern
/// names such as `Yahoo` and `Verizon` — a BLLIP cluster through the
/// Twitter Brown clusters (2013): each Twitter cluster maps to the BLLIP cluster
/// most of its members with a BLLIP cluster have (`yahoo` shares a Twitter
/// cluster with `microsoft`, `ibm`, `intel`, so it gets their BLLIP cluster).
/// Only alphabetic words with a wordfreq Zipf frequency ≥ `min_zipf`, stored
/// under the lower-cased key (the cluster lookup's last fallback).
fn project_clusters(
    d: &Path,
    rows: &[(String, String, u64)],
    path_id: &BTreeMap<&str, usize>,
    min_count: u64,
    min_zipf: f64,
    vals: &mut BTreeMap<u32, u32>,
) -> AnyResult<()> {
    // Count and cluster (path index + 1, as stored) of each lower-cased form's
    // most frequent spelling; a form is clustered already when that count
    // reaches `min_count`.
    let mut bllip: BTreeMap<String, (u64, u32)> = BTreeMap::new();
    for (p, w, c) in rows {
        let e = bllip.entry(w.to_lowercase()).or_insert((0, 0));
        if *c > e.0 {
            *e = (*c, path_id[p.as_str()] as u32 + 1);
        }
    }
    let clustered = |w: &str| bllip.get(w).is_some_and(|&(c, _)| c >= min_count);
    let mut zipf: BTreeMap<String, f64> = BTreeMap::new();
    for line in gz_reader(&d.join("lexical/wordfreq_en/wordfreq_large_en.tsv"))?.lines().skip(1) {
        let line = line?;
        let mut it = line.split('\t');
        if let (Some(w), Some(z)) = (it.next(), it.next()) {
            zipf.insert(w.to_owned(), z.parse().unwrap_or(0.0));
        }
    }
    let mut members: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in gz_reader(&d.join("lexical/twitter_brown_clusters_owoputi/paths_lowercase.tsv"))?.lines().skip(1) {
        let line = line?;
        if let Some((p, w)) = line.split_once('\t') {
            members.entry(p.to_owned()).or_default().push(w.to_owned());
        }
    }
    let mut added = 0usize;
    for words in members.values() {
        let mut votes: BTreeMap<u32, usize> = BTreeMap::new();
        for w in words.iter().filter(|w| clustered(w)) {
            *votes.entry(bllip[w].1).or_default() += 1;
        }
        let total: usize = votes.values().sum();
        let Some((&best, &n)) = votes.iter().max_by_key(|(id, n)| (**n, std::cmp::Reverse(**id))) else { continue };
        if total < 5 || n * 4 < total {
            continue; // no clear BLLIP counterpart
        }
        for w in words {
            if clustered(w)
                || !w.chars().all(|c| c.is_alphabetic())
                || w.chars().count() < 2
                || zipf.get(w).is_none_or(|&z| z < min_zipf)
            {
                continue;
            }
            let v = vals.entry(lex_key(&normalize(w))).or_insert(0);
            if *v & 0x7FF == 0 {
                *v |= best;
                added += 1;
            }
        }
    }
    eprintln!("projected BLLIP clusters onto {added} words through the Twitter clusters");
    Ok(())
}

/// Exact-span scores.
#[derive(Default, Clone, Debug)]
pub struct Counts {
    pub tp: [usize; 4],
    pub fp: [usize; 4],
    pub fn_: [usize; 4],
    /// `confusion[gold][pred]`, same span different label; index 4 = none.
    pub confusion: [[usize; 5]; 5],
    pub unseen_tp: usize,
    pub unseen_gold: usize,
    pub unseen_pred_tp: usize,
    pub unseen_pred: usize,
}

pub const LABELS: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];

impl Counts {
    /// Adds one document: gold and predicted `(start, end, label)` spans in any
    /// consistent offset unit; `surface` gives a span's text for the unseen test.
    pub fn add(
        &mut self,
        gold: &[(usize, usize, usize)],
        pred: &[(usize, usize, usize)],
        seen: Option<&BTreeSet<String>>,
        surface: impl Fn(usize, usize) -> String,
    ) {
        let gset: BTreeSet<_> = gold.iter().copied().collect();
        let pset: BTreeSet<_> = pred.iter().copied().collect();
        for &g in &gset {
            let unseen = seen.is_some_and(|s| !s.contains(&surface(g.0, g.1)));
            if unseen {
                self.unseen_gold += 1;
            }
            if pset.contains(&g) {
                self.tp[g.2] += 1;
                if unseen {
                    self.unseen_tp += 1;
                }
            } else {
                self.fn_[g.2] += 1;
                let other = pset.iter().find(|p| p.0 == g.0 && p.1 == g.1).map_or(4, |p| p.2);
                self.confusion[g.2][other] += 1;
            }
        }
        for &p in &pset {
            let unseen = seen.is_some_and(|s| !s.contains(&surface(p.0, p.1)));
            if unseen {
                self.unseen_pred += 1;
                if gset.contains(&p) {
                    self.unseen_pred_tp += 1;
                }
            }
            if !gset.contains(&p) {
                self.fp[p.2] += 1;
                if !gset.iter().any(|g| g.0 == p.0 && g.1 == p.1) {
                    self.confusion[4][p.2] += 1;
                }
            }
        }
    }

    pub fn micro(&self) -> (f64, f64, f64) {
        let tp: usize = self.tp.iter().sum();
        prf(tp, self.fp.iter().sum(), self.fn_.iter().sum())
    }

    pub fn label(&self, l: usize) -> (f64, f64, f64) {
        prf(self.tp[l], self.fp[l], self.fn_[l])
    }

    /// F1 on gold entities whose surface never occurs as an entity in train
    /// (recall over those; precision over predictions whose surface is unseen).
    pub fn unseen(&self) -> (f64, f64, f64) {
        let p = ratio(self.unseen_pred_tp, self.unseen_pred);
        let r = ratio(self.unseen_tp, self.unseen_gold);
        (p, r, f1(p, r))
    }

    pub fn report(&self, labels_present: &[usize]) -> String {
        let mut s = String::new();
        let (p, r, f) = self.micro();
        let tp: usize = self.tp.iter().sum();
        let gold: usize = tp + self.fn_.iter().sum::<usize>();
        let pred: usize = tp + self.fp.iter().sum::<usize>();
        s += &format!("gold {gold}  predicted {pred}  correct {tp}\n");
        s += &format!("{:<8} precision {:6.2}  recall {:6.2}  F1 {:6.2}\n", "micro", p, r, f);
        for &l in labels_present {
            let (p, r, f) = self.label(l);
            s += &format!(
                "{:<8} precision {:6.2}  recall {:6.2}  F1 {:6.2}  (gold {}, predicted {})\n",
                LABELS[l],
                p,
                r,
                f,
                self.tp[l] + self.fn_[l],
                self.tp[l] + self.fp[l]
            );
        }
        if self.unseen_gold > 0 {
            let (p, r, f) = self.unseen();
            s += &format!(
                "{:<8} precision {:6.2}  recall {:6.2}  F1 {:6.2}  (gold entities whose surface never occurs in train: {})\n",
                "unseen", p, r, f, self.unseen_gold
            );
        }
        s += "confusion (rows gold, columns predicted, same span; '-' = no span with those offsets):\n";
        s += &format!("{:>6}", "");
        for name in LABELS.iter().chain(["-"].iter()) {
            s += &format!("{name:>7}");
        }
        s += "\n";
        for (g, row) in self.confusion.iter().enumerate() {
            s += &format!("{:>6}", if g < 4 { LABELS[g] } else { "-" });
            for c in row {
                s += &format!("{c:>7}");
            }
            s += "\n";
        }
        s
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

fn prf(tp: usize, fp: usize, fn_: usize) -> (f64, f64, f64) {
    let p = ratio(tp, tp + fp);
    let r = ratio(tp, tp + fn_);
    (p, r, f1(p, r))
}

/// Surface forms of every gold entity in a training file (text as written, whitespace collapsed).
pub fn train_surfaces(docs: &[GoldDoc]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for d in docs {
        let cp = cp_to_byte(&d.text);
        for s in &d.spans {
            if let (Some(&a), Some(&b)) = (cp.get(s.start), cp.get(s.end)) {
                out.insert(collapse(&d.text[a..b]));
            }
        }
    }
    out
}

/// Text with white-space runs replaced by one space and hyphen spacing removed,
/// so `Urdu-speaking` and `Urdu - speaking` compare equal.
pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
