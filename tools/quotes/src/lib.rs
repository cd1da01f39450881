//! PolNeAR data and gold definitions shared by `eval-quotes` and
//! `train-quotes` (see `eval-quotes` for the definitions).

use serde::Deserialize;

#[derive(Deserialize)]
pub struct Article {
    pub id: String,
    pub text: String,
    pub quotes: Vec<Gold>,
}

/// The articles of a PolNeAR JSON Lines file, read one line at a time (blank
/// lines skipped). These are development tools: an unreadable file or a bad
/// line stops them with a message.
pub fn articles(path: &str) -> impl Iterator<Item = Article> {
    use std::io::BufRead;
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{path}: {e} (see ../shared/data/polnear)"));
    std::io::BufReader::new(file).lines().filter_map(|line| {
        let line = line.expect("readable file");
        (!line.trim().is_empty()).then(|| serde_json::from_str(&line).expect("PolNeAR JSON line"))
    })
}

#[derive(Deserialize, Clone)]
pub struct Gold {
    pub start: usize,
    pub end: usize,
    pub fragments: Vec<Piece>,
    pub speaker_spans: Vec<Piece>,
    #[serde(default)]
    pub cue_spans: Vec<Piece>,
    pub kind: String,
}

#[derive(Deserialize, Clone, Copy)]
pub struct Piece {
    pub start: usize,
    pub end: usize,
}

#[derive(Default)]
pub struct Count {
    pub tp_p: usize,
    pub n_ours: usize,
    pub tp_r: usize,
    pub n_gold: usize,
}

impl Count {
    pub fn prf(&self) -> (f64, f64, f64) {
        let p = pct(self.tp_p, self.n_ours);
        let r = pct(self.tp_r, self.n_gold);
        let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        (p, r, f)
    }
}

pub fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

pub fn is_quote_char(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’' | '«' | '»' | '„' | '‹' | '›')
}

pub fn trim(chars: &[char], (mut s, mut e): (usize, usize)) -> (usize, usize) {
    let strip = |c: char| c.is_whitespace() || is_quote_char(c) || ".,;:!?…—–-".contains(c);
    while s < e && strip(chars[s]) {
        s += 1;
    }
    while e > s && strip(chars[e - 1]) {
        e -= 1;
    }
    (s, e)
}

pub fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Whether a quotation mark sits at either side of the gap `re..fs`.
pub fn ends_or_starts_quote(chars: &[char], re: usize, fs: usize) -> bool {
    let before = chars[..re].iter().rev().find(|c| !c.is_whitespace() && !".,;:!?".contains(**c));
    let after = chars[fs..].iter().find(|c| !c.is_whitespace());
    before.is_some_and(|&c| is_quote_char(c)) || after.is_some_and(|&c| is_quote_char(c))
}

/// Content runs of one attribution: fragments are joined when they are one
/// quotation (annotators sometimes cut one at sentence ends: only white space
/// between, no quotation mark at the junction), other fragments are separate
/// runs (a quote split by its attribution — our representation too).
pub fn runs(chars: &[char], g: &Gold) -> Vec<(usize, usize)> {
    let mut frags: Vec<Piece> = g.fragments.clone();
    frags.sort_by_key(|p| p.start);
    let mut out = Vec::new();
    let mut run: Option<(usize, usize)> = None;
    for f in frags {
        let (fs, fe) = (f.start.min(chars.len()), f.end.min(chars.len()));
        run = match run {
            Some((rs, re))
                if fs >= re
                    && chars[re..fs].iter().all(|c| c.is_whitespace())
                    && !ends_or_starts_quote(chars, re, fs) =>
            {
                Some((rs, fe.max(re)))
            }
            Some(r) => {
                out.push(r);
                Some((fs, fe))
            }
            None => Some((fs, fe)),
        };
    }
    out.extend(run);
    out
}

pub fn is_double(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„')
}

/// Whether the trimmed run `(s, e)` of attribution `g` is exactly the text of
/// one pair of quotation marks, the marks inside or outside the annotated
/// span: an opening mark before it (only white space, an ellipsis or the
/// attribution's own Source and Cue between: `"PENCE: …`), a closing mark
/// after it (only punctuation between) or the paragraph end when the next
/// paragraph reopens the quote, and no closing double mark inside (`“a” and
/// “b”` is two quotations).
pub fn is_quoted_segment(chars: &[char], g: &Gold, (s, e): (usize, usize)) -> bool {
    if s >= e {
        return false;
    }
    let mut i = s;
    loop {
        while i > 0 && (chars[i - 1].is_whitespace() || matches!(chars[i - 1], '…' | '.')) {
            i -= 1;
        }
        match g.speaker_spans.iter().chain(&g.cue_spans).find(|p| p.end == i && p.start < i) {
            Some(p) => i = p.start,
            None => break,
        }
    }
    let opens = i > 0 && {
        let m = chars[i - 1];
        let before = if i > 1 { chars[i - 2] } else { ' ' };
        is_quote_char(m) && !chars[i].is_whitespace() && !before.is_alphanumeric()
    };
    let mut j = e;
    while j < chars.len() && (chars[j] == ' ' || ".,;:!?…—–-".contains(chars[j])) {
        j += 1;
    }
    let closes = if j < chars.len() && is_quote_char(chars[j]) {
        !chars[j - 1].is_whitespace()
    } else {
        // A quote running on into the next paragraph, which reopens it.
        (j == chars.len() || chars[j] == '\n')
            && chars[j..].iter().find(|c| !c.is_whitespace()).is_some_and(|&c| is_quote_char(c))
    };
    // The first double mark inside must open a nested quotation, not close this one.
    let inner_closes = (s..e).find(|&k| is_double(chars[k])).is_some_and(|k| {
        let loose_left = k == 0 || chars[k - 1].is_whitespace();
        let tight_right = k + 1 < chars.len() && !chars[k + 1].is_whitespace();
        chars[k] == '”' && !(loose_left && tight_right) || chars[k] == '"' && !loose_left
    });
    opens && closes && !inner_closes
}

/// Gold direct quotes of one article: (trimmed span, attribution index).
/// `by_kind`: runs of attributions whose `kind` field is `direct` (the data
/// README's heuristic over the whole first-to-last Content); otherwise every
/// run that is one quoted segment ([`is_quoted_segment`]), whatever the kind.
pub fn gold_direct(chars: &[char], gold: &[Gold], by_kind: bool) -> Vec<((usize, usize), usize)> {
    let mut out = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        if by_kind && g.kind != "direct" {
            continue;
        }
        for r in runs(chars, g) {
            let t = trim(chars, r);
            if by_kind || is_quoted_segment(chars, g, t) {
                out.push((t, gi));
            }
        }
    }
    out.sort();
    out
}
