//! Article mode: finds the main content of a whole page.
//!
//! A Readability-style scorer, written over the flat pre-order [`Dom`] so
//! that nothing recurses and the tree is never modified (anchors need the
//! original node paths): instead of deleting nodes, every pass sets
//! `removed[i]`, and extraction skips those subtrees.
//!
//! 1. **Grab**: walking the body in document order, drop invisible nodes,
//!    modal dialogs, the byline element (remembered for the metadata),
//!    headings that repeat the title, and *unlikely candidates* (class/id
//!    matching comment|footer|sidebar|share|related|… unless they also
//!    match article|content|main|…, and ARIA roles like navigation).
//! 2. **Score**: every paragraph-like element (`p`, `pre`, `td`, `section`,
//!    headings, and `div`s without block children) with 25+ characters
//!    scores 1 + commas + one per 100 characters (max 3); the score goes to
//!    its parent, half to the grandparent, and `1/(3·level)` further up.
//!    Candidates start with a tag score and ±25 for class/id hints, and end
//!    multiplied by `1 − link density`.
//! 3. **Choose** the best candidate, move up to a common ancestor when
//!    several near-best candidates share one, and add siblings that score
//!    well or are link-poor paragraphs.
//! 4. **Clean** inside the article: forms, tables, lists and divs that look
//!    like link lists, image galleries, share widgets or ads go; so do
//!    `footer`, `aside`, embedded objects and headings with negative hints.
//! 5. If the result has under 500 characters, retry with the class/id rules
//!    relaxed, and keep the longest result.

use super::dom::{Dom, NONE};
use super::extract::{flow, Flow};

pub(crate) struct Found {
    /// Subtrees to extract, in document order.
    pub roots: Vec<usize>,
    /// `removed[i]`: leave node `i` (and its subtree) out.
    pub removed: Vec<bool>,
    /// The element a byline was found in, if any.
    pub byline_node: Option<usize>,
}

const UNLIKELY: &[&str] = &[
    "-ad-",
    "ai2html",
    "banner",
    "breadcrumbs",
    "combx",
    "comment",
    "community",
    "cover-wrap",
    "disqus",
    "extra",
    "footer",
    "gdpr",
    "header",
    "legends",
    "menu",
    "related",
    "remark",
    "replies",
    "rss",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "social",
    "sponsor",
    "supplemental",
    "ad-break",
    "agegate",
    "pagination",
    "pager",
    "popup",
    "yom-remote",
    "cookie",
    "consent",
];
const MAYBE: &[&str] = &["and", "article", "body", "column", "content", "main", "mathjax", "shadow"];
const POSITIVE: &[&str] = &[
    "article",
    "body",
    "content",
    "entry",
    "hentry",
    "h-entry",
    "main",
    "page",
    "pagination",
    "post",
    "text",
    "blog",
    "story",
];
const NEGATIVE: &[&str] = &[
    "-ad-",
    "hidden",
    "banner",
    "combx",
    "comment",
    "com-",
    "contact",
    "footer",
    "gdpr",
    "masthead",
    "media",
    "meta",
    "outbrain",
    "promo",
    "related",
    "scroll",
    "share",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "sponsor",
    "shopping",
    "tags",
    "widget",
];
const UNLIKELY_ROLES: &[&str] = &["menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog"];
const BYLINE: &[&str] = &["byline", "author", "dateline", "writtenby", "p-author"];
const CHAR_THRESHOLD: usize = 500;

fn contains_any(haystack: &str, needles: &[&str]) -> bool {
    needles.iter().any(|n| haystack.contains(n))
}

/// `class + " " + id`, lower-cased.
fn match_string(dom: &Dom<'_>, i: usize) -> String {
    let mut s = String::new();
    if let Some(c) = dom.attr(i, "class") {
        s.push_str(c);
    }
    s.push(' ');
    if let Some(id) = dom.attr(i, "id") {
        s.push_str(id);
    }
    s.to_ascii_lowercase()
}

fn negative_hint(s: &str) -> bool {
    if contains_any(s, NEGATIVE) {
        return true;
    }
    // "hid" as a whole word.
    s.split(|c: char| c.is_ascii_whitespace()).any(|w| w == "hid")
}

fn class_weight(dom: &Dom<'_>, i: usize) -> f64 {
    let mut w = 0.0;
    for attr in ["class", "id"] {
        if let Some(v) = dom.attr(i, attr) {
            let v = v.to_ascii_lowercase();
            if v.is_empty() {
                continue;
            }
            if negative_hint(&format!(" {v} ")) {
                w -= 25.0;
            }
            if contains_any(&v, POSITIVE) {
                w += 25.0;
            }
        }
    }
    w
}

fn is_heading(tag: &str) -> bool {
    matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

fn is_block_for_div(tag: &str) -> bool {
    matches!(tag, "blockquote" | "dl" | "div" | "img" | "ol" | "p" | "pre" | "table" | "ul" | "section" | "article")
}

fn is_textish(tag: &str) -> bool {
    matches!(tag, "span" | "li" | "td" | "blockquote" | "dl" | "div" | "img" | "ol" | "p" | "pre" | "table" | "ul")
}

/// Characters of whitespace-collapsed text, and commas, in one text node.
fn measure(text: &str) -> (u32, u32) {
    let mut chars = 0u32;
    let mut commas = 0u32;
    let mut in_space = true;
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !in_space {
                pending_space = true;
            }
            in_space = true;
            continue;
        }
        if pending_space {
            chars += 1;
            pending_space = false;
        }
        in_space = false;
        chars += 1;
        if matches!(c, ',' | '，' | '、' | '،' | '﹐' | '︐' | '﹑' | '⹀' | '⸴') {
            commas += 1;
        }
    }
    if pending_space || (text.starts_with(char::is_whitespace) && chars > 0) {
        chars += 1; // one separating space, as between words in different nodes
    }
    (chars, commas)
}

/// Per-element sums over a subtree, not counting removed or invisible parts.
#[derive(Clone, Copy, Default)]
struct Agg {
    chars: u32,
    link_chars: f64,
    commas: u32,
    p: u32,
    img: u32,
    li: u32,
    input: u32,
    embed: u32,
    /// Text in descendant headings / "textish" elements / lists (descendants only).
    heading_chars: u32,
    textish_chars: u32,
    list_chars: u32,
    data_table: bool,
    /// Has a block child (for div → paragraph).
    block_child: bool,
}

struct Pass<'d, 'a> {
    dom: &'d Dom<'a>,
    removed: Vec<bool>,
    /// Per text node: (chars, commas).
    text_measure: Vec<(u32, u32)>,
    data_table: Vec<bool>,
}

impl<'d, 'a> Pass<'d, 'a> {
    fn aggregate(&self, i: usize, agg: &[Agg]) -> Agg {
        let dom = self.dom;
        let mut a = Agg::default();
        if let Some(_t) = dom.text(i) {
            let (chars, commas) = self.text_measure[i];
            a.chars = chars;
            a.commas = commas;
            return a;
        }
        for c in dom.children(i) {
            if self.removed[c] {
                continue;
            }
            let ca = &agg[c];
            let tag = dom.tag(c);
            a.chars += ca.chars;
            a.commas += ca.commas;
            a.p += ca.p + (tag == "p") as u32;
            a.img += ca.img + (tag == "img") as u32;
            a.li += ca.li + (tag == "li") as u32;
            a.input += ca.input + (tag == "input") as u32;
            a.embed += ca.embed + matches!(tag, "object" | "embed" | "iframe") as u32;
            a.heading_chars += ca.heading_chars + if is_heading(tag) { ca.chars } else { 0 };
            a.textish_chars += ca.textish_chars + if is_textish(tag) { ca.chars } else { 0 };
            a.list_chars += ca.list_chars + if matches!(tag, "ul" | "ol") { ca.chars } else { 0 };
            a.data_table |= ca.data_table || (tag == "table" && self.data_table[c]);
            a.block_child |= is_block_for_div(tag);
            if tag == "a" {
                let href = dom.attr(c, "href").unwrap_or("");
                let coefficient = if href.starts_with('#') && href.len() > 1 { 0.3 } else { 1.0 };
                a.link_chars += ca.chars as f64 * coefficient;
            } else {
                a.link_chars += ca.link_chars;
            }
        }
        a
    }

    /// Bottom-up sums for the whole tree (reverse pre-order visits children
    /// before parents).
    fn aggregates(&self) -> Vec<Agg> {
        let n = self.dom.len();
        let mut agg = vec![Agg::default(); n];
        for i in (0..n).rev() {
            if self.skipped(i) {
                continue;
            }
            agg[i] = self.aggregate(i, &agg);
        }
        agg
    }

    fn skipped(&self, i: usize) -> bool {
        self.dom.element(i).is_some() && self.dom.tag(i) != "img" && flow(self.dom, i) == Flow::Skip
    }
}

fn link_density(a: &Agg) -> f64 {
    if a.chars == 0 {
        0.0
    } else {
        a.link_chars / a.chars as f64
    }
}

fn has_ancestor(dom: &Dom<'_>, i: usize, tag: &str, max_depth: usize) -> bool {
    let mut at = dom.nodes[i].parent;
    let mut depth = 0;
    while at != NONE && depth < max_depth {
        if dom.tag(at as usize) == tag {
            return true;
        }
        at = dom.nodes[at as usize].parent;
        depth += 1;
    }
    false
}

/// Text of element `i`, whitespace-collapsed and trimmed (all text nodes,
/// like `textContent`, but leaving out script/style and removed nodes),
/// taking text nodes until `limit` bytes of raw text are read (the last one
/// whole).
pub(crate) fn inner_text(dom: &Dom<'_>, i: usize, removed: &[bool], limit: usize) -> String {
    inner_text_capped(dom, i, removed, limit, usize::MAX)
}

/// [`inner_text`], stopping once the whitespace-collapsed text reaches `cap`
/// bytes (its start is then the same): where a caller's decision is settled
/// by that much text, nested elements over one huge text node cost no more
/// than `cap` each instead of a copy of the whole node.
pub(crate) fn inner_text_capped(dom: &Dom<'_>, i: usize, removed: &[bool], limit: usize, cap: usize) -> String {
    let mut out = String::new();
    let (mut raw, mut space) = (0usize, false);
    let end = dom.nodes[i].end as usize;
    let mut j = i;
    while j < end && raw < limit && out.len() < cap {
        if removed.get(j).copied().unwrap_or(false)
            || matches!(dom.tag(j), "script" | "style" | "noscript" | "template")
        {
            j = dom.nodes[j].end as usize;
            continue;
        }
        if let Some(t) = dom.text(j) {
            raw += t.len();
            for c in t.chars() {
                if c.is_whitespace() {
                    space = true;
                    continue;
                }
                if out.len() >= cap {
                    break;
                }
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.push(c);
            }
        }
        j += 1;
    }
    out
}

/// Readability's text similarity: share of `b`'s (lower-cased word) text not
/// found among `a`'s words, subtracted from 1.
pub(crate) fn text_similarity(a: &str, b: &str) -> f64 {
    similarity_to(&SimilarityWords::new(a), b)
}

/// The words of `a` for [`text_similarity`], split once for comparing with
/// many texts (the page title with every heading: a 100 KB title used to be
/// split again, and searched word by word, for each).
pub(crate) struct SimilarityWords(Vec<String>);

impl SimilarityWords {
    pub(crate) fn new(a: &str) -> Self {
        let mut words = similarity_words(a);
        words.sort_unstable();
        words.dedup();
        Self(words)
    }
}

fn similarity_words(s: &str) -> Vec<String> {
    s.to_lowercase()
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// [`text_similarity`] of the text whose words are `ta` and `b`.
pub(crate) fn similarity_to(ta: &SimilarityWords, b: &str) -> f64 {
    let ta = &ta.0;
    let tb = similarity_words(b);
    if ta.is_empty() || tb.is_empty() {
        return 0.0;
    }
    let uniq_b: Vec<&String> = tb.iter().filter(|w| ta.binary_search(w).is_err()).collect();
    let uniq_len = uniq_b.iter().map(|w| w.chars().count()).sum::<usize>() + uniq_b.len().saturating_sub(1);
    let all_len = tb.iter().map(|w| w.chars().count()).sum::<usize>() + tb.len() - 1;
    1.0 - uniq_len as f64 / all_len as f64
}

fn is_data_table(dom: &Dom<'_>, t: usize) -> bool {
    if dom.attr(t, "role") == Some("presentation") || dom.attr(t, "datatable") == Some("0") {
        return false;
    }
    if dom.attr(t, "summary").is_some_and(|s| !s.is_empty()) {
        return true;
    }
    let end = dom.nodes[t].end as usize;
    let mut rows = 0usize;
    let mut cols = 0usize;
    let mut row_cells = 0usize;
    for j in t + 1..end {
        match dom.tag(j) {
            "caption" => return true,
            "col" | "colgroup" | "tfoot" | "thead" | "th" => return true,
            "table" => return false,
            "tr" => {
                rows += 1;
                cols = cols.max(row_cells);
                row_cells = 0;
            }
            "td" => {
                row_cells += dom.attr(j, "colspan").and_then(|c| c.trim().parse::<usize>().ok()).unwrap_or(1).min(1000)
            }
            _ => {}
        }
    }
    cols = cols.max(row_cells);
    rows >= 10 || cols > 4 || rows * cols > 10
}

struct Flags {
    strip_unlikely: bool,
    weight_classes: bool,
    clean_conditionally: bool,
}

pub(crate) fn find(dom: &Dom<'_>, title: Option<&str>) -> Found {
    let body = dom.children(0).find(|&c| dom.tag(c) == "body").unwrap_or(0);
    let n = dom.len();
    let text_measure: Vec<(u32, u32)> = (0..n).map(|i| dom.text(i).map_or((0, 0), measure)).collect();
    let data_table: Vec<bool> = (0..n).map(|i| dom.tag(i) == "table" && is_data_table(dom, i)).collect();
    let mut best: Option<(usize, Found)> = None;
    for flags in [
        Flags { strip_unlikely: true, weight_classes: true, clean_conditionally: true },
        Flags { strip_unlikely: false, weight_classes: true, clean_conditionally: true },
        Flags { strip_unlikely: false, weight_classes: false, clean_conditionally: true },
        Flags { strip_unlikely: false, weight_classes: false, clean_conditionally: false },
    ] {
        let mut pass =
            Pass { dom, removed: vec![false; n], text_measure: text_measure.clone(), data_table: data_table.clone() };
        let found = attempt(&mut pass, body, title, &flags);
        pass.removed.clone_from(&found.removed);
        let agg = pass.aggregates();
        let len: usize = found.roots.iter().map(|&r| agg[r].chars as usize).sum();
        if len >= CHAR_THRESHOLD {
            return found;
        }
        if best.as_ref().is_none_or(|(l, _)| len > *l) {
            best = Some((len, found));
        }
    }
    best.map(|(_, f)| f).unwrap_or(Found { roots: vec![body], removed: vec![false; n], byline_node: None })
}

fn attempt(pass: &mut Pass<'_, '_>, body: usize, title: Option<&str>, flags: &Flags) -> Found {
    let dom = pass.dom;
    let weight = |i: usize| if flags.weight_classes { class_weight(dom, i) } else { 0.0 };
    // 1. Grab.
    let mut byline_node = None;
    let mut to_score: Vec<usize> = Vec::new();
    let title_words = title.map(SimilarityWords::new);
    let end = dom.nodes[body].end as usize;
    let mut i = body + 1;
    while i < end {
        let Some(_) = dom.element(i) else {
            i += 1;
            continue;
        };
        let tag = dom.tag(i);
        let skip_subtree = |pass: &mut Pass<'_, '_>, i: usize| {
            pass.removed[i] = true;
            dom.nodes[i].end as usize
        };
        if flow(dom, i) == Flow::Skip && tag != "img" {
            i = skip_subtree(pass, i);
            continue;
        }
        if dom.attr(i, "aria-modal") == Some("true") && dom.attr(i, "role") == Some("dialog") {
            i = skip_subtree(pass, i);
            continue;
        }
        let ms = match_string(dom, i);
        if byline_node.is_none() {
            let rel = dom.attr(i, "rel");
            let itemprop = dom.attr(i, "itemprop").unwrap_or("");
            if rel == Some("author") || itemprop.contains("author") || contains_any(&ms, BYLINE) {
                // 400 bytes are at least 100 characters: the cap settles nothing.
                let text = inner_text_capped(dom, i, &[], 4096, 400);
                if !text.is_empty() && text.chars().count() < 100 {
                    byline_node = Some(i);
                    i = skip_subtree(pass, i);
                    continue;
                }
            }
        }
        if let Some(title) = &title_words {
            if matches!(tag, "h1" | "h2") && similarity_to(title, &inner_text_capped(dom, i, &[], 2000, 8192)) > 0.75 {
                i = skip_subtree(pass, i);
                continue;
            }
        }
        if flags.strip_unlikely {
            let unlikely = contains_any(&ms, UNLIKELY)
                && !contains_any(&ms, MAYBE)
                && !has_ancestor(dom, i, "table", usize::MAX)
                && !has_ancestor(dom, i, "code", usize::MAX)
                && tag != "a";
            let role = dom.attr(i, "role").unwrap_or("");
            if unlikely || UNLIKELY_ROLES.contains(&role) {
                i = skip_subtree(pass, i);
                continue;
            }
        }
        if matches!(tag, "section" | "h2" | "h3" | "h4" | "h5" | "h6" | "p" | "td" | "pre" | "div") {
            to_score.push(i);
        }
        i += 1;
    }

    // 2. Score.
    let agg = pass.aggregates();
    // dead[i]: i or an ancestor was removed (pre-order: parents first).
    let mut dead = pass.removed.clone();
    for i in body + 1..end {
        let p = dom.nodes[i].parent;
        if p != NONE && dead[p as usize] {
            dead[i] = true;
        }
    }
    let mut score: Vec<f64> = vec![f64::NAN; dom.len()];
    let mut candidates: Vec<usize> = Vec::new();
    let init = |i: usize, score: &mut Vec<f64>, candidates: &mut Vec<usize>| {
        if score[i].is_nan() {
            let base = match dom.tag(i) {
                "div" => 5.0,
                "pre" | "td" | "blockquote" => 3.0,
                "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
                _ => 0.0,
            };
            score[i] = base + weight(i);
            candidates.push(i);
        }
    };
    for &e in &to_score {
        if dead[e] {
            continue;
        }
        let a = &agg[e];
        // A div with block children is scored for its own loose text only.
        let (chars, commas) = if dom.tag(e) == "div" && a.block_child {
            let (c, m) = dom
                .children(e)
                .filter(|&c| dom.text(c).is_some() || (dom.element(c).is_some() && !is_block_for_div(dom.tag(c))))
                .filter(|&c| !pass.removed[c])
                .fold((0, 0), |(c0, m0), c| (c0 + agg[c].chars, m0 + agg[c].commas));
            (c, m)
        } else {
            (a.chars, a.commas)
        };
        if chars < 25 {
            continue;
        }
        // The div scoring its loose text acts as the paragraph's parent.
        let loose = dom.tag(e) == "div" && a.block_child;
        let content = 1.0 + commas as f64 + (chars as f64 / 100.0).floor().min(3.0);
        let mut at = if loose { e as u32 } else { dom.nodes[e].parent };
        let mut level = 0usize;
        while at != NONE && level < 5 {
            let anc = at as usize;
            if dom.nodes[anc].parent == NONE {
                break;
            }
            init(anc, &mut score, &mut candidates);
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f64 * 3.0,
            };
            score[anc] += content / divider;
            at = dom.nodes[anc].parent;
            level += 1;
        }
    }
    for &c in &candidates {
        score[c] *= 1.0 - link_density(&agg[c]);
    }
    candidates.sort_by(|&a, &b| score[b].partial_cmp(&score[a]).unwrap_or(std::cmp::Ordering::Equal).then(a.cmp(&b)));

    // 3. Choose.
    let mut top = match candidates.first() {
        Some(&t) if t != body => t,
        _ => {
            clean(pass, &[body], flags, title);
            return Found { roots: vec![body], removed: std::mem::take(&mut pass.removed), byline_node };
        }
    };
    let ancestors = |i: usize| -> Vec<usize> {
        let mut v = Vec::new();
        let mut at = dom.nodes[i].parent;
        while at != NONE {
            v.push(at as usize);
            at = dom.nodes[at as usize].parent;
        }
        v
    };
    let alternatives: Vec<Vec<usize>> =
        candidates.iter().skip(1).take(4).filter(|&&c| score[c] / score[top] >= 0.75).map(|&c| ancestors(c)).collect();
    if alternatives.len() >= 3 {
        let mut p = dom.nodes[top].parent;
        while p != NONE && p as usize != body {
            let hits = alternatives.iter().filter(|a| a.contains(&(p as usize))).count();
            if hits >= 3 {
                top = p as usize;
                break;
            }
            p = dom.nodes[p as usize].parent;
        }
    }
    if score[top].is_nan() {
        init(top, &mut score, &mut candidates);
    }
    // Climb while the parent scores better.
    {
        let mut p = dom.nodes[top].parent;
        let mut last = score[top];
        let threshold = last / 3.0;
        while p != NONE && p as usize != body {
            let ps = score[p as usize];
            if ps.is_nan() {
                p = dom.nodes[p as usize].parent;
                continue;
            }
            if ps < threshold {
                break;
            }
            if ps > last {
                top = p as usize;
                break;
            }
            last = ps;
            p = dom.nodes[p as usize].parent;
        }
    }
    // An only child stands for its parent.
    loop {
        let p = dom.nodes[top].parent;
        if p == NONE || p as usize == body {
            break;
        }
        let elements = dom.children(p as usize).filter(|&c| dom.element(c).is_some()).count();
        if elements != 1 {
            break;
        }
        top = p as usize;
    }
    if score[top].is_nan() {
        init(top, &mut score, &mut candidates);
    }

    // Siblings.
    let mut roots = Vec::new();
    let parent = dom.nodes[top].parent;
    if parent == NONE {
        roots.push(top);
    } else {
        let threshold = (score[top] * 0.2).max(10.0);
        let top_class = dom.attr(top, "class").unwrap_or("");
        for s in dom.children(parent as usize) {
            if dom.element(s).is_none() || pass.removed[s] {
                continue;
            }
            let append = if s == top {
                true
            } else {
                let bonus = if !top_class.is_empty() && dom.attr(s, "class") == Some(top_class) {
                    score[top] * 0.2
                } else {
                    0.0
                };
                if !score[s].is_nan() && score[s] + bonus >= threshold {
                    true
                } else if dom.tag(s) == "p" || (dom.tag(s) == "div" && !agg[s].block_child) {
                    let ld = link_density(&agg[s]);
                    let len = agg[s].chars;
                    let text = inner_text(dom, s, &pass.removed, 10_000);
                    (len > 80 && ld < 0.25)
                        || (len < 80 && len > 0 && ld == 0.0 && (text.contains(". ") || text.ends_with('.')))
                } else {
                    false
                }
            };
            if append {
                roots.push(s);
            }
        }
    }
    clean(pass, &roots, flags, title);
    Found { roots, removed: std::mem::take(&mut pass.removed), byline_node }
}

/// Step 4: cleans the subtrees of the article roots.
fn clean(pass: &mut Pass<'_, '_>, roots: &[usize], flags: &Flags, title: Option<&str>) {
    let n = pass.dom.len();
    let agg = pass.aggregates();
    let mut scratch = vec![Agg::default(); n];
    let mut ancestors = vec![(false, false, false); n];
    for &root in roots {
        clean_one(pass, root, flags, title, &agg, &mut scratch, &mut ancestors);
    }
}

fn clean_one(
    pass: &mut Pass<'_, '_>,
    root: usize,
    flags: &Flags,
    title: Option<&str>,
    agg: &[Agg],
    scratch: &mut [Agg],
    ancestors: &mut [(bool, bool, bool)],
) {
    let dom = pass.dom;
    let end = dom.nodes[root].end as usize;
    // Unconditional removals, and share widgets / negative headings.
    for (i, a) in agg.iter().enumerate().take(end).skip(root + 1) {
        let tag = dom.tag(i);
        if tag.is_empty() {
            continue;
        }
        let ms = match_string(dom, i);
        let share = (ms.contains("share") || ms.contains("sharedaddy")) && a.chars < 500;
        let bad_heading = flags.weight_classes && matches!(tag, "h1" | "h2") && class_weight(dom, i) < 0.0;
        if matches!(
            tag,
            "footer" | "aside" | "object" | "embed" | "iframe" | "input" | "textarea" | "select" | "button" | "nav"
        ) || share
            || bad_heading
        {
            pass.removed[i] = true;
        }
    }
    // A lone h2 repeating the title.
    if let Some(title) = title {
        let h2: Vec<usize> = (root..end).filter(|&i| dom.tag(i) == "h2" && !pass.removed[i]).collect();
        if h2.len() == 1 {
            let t = inner_text(dom, h2[0], &pass.removed, 2000);
            let tl = title.chars().count().max(1) as f64;
            if ((t.chars().count() as f64 - tl) / tl).abs() < 0.5 && text_similarity(title, &t) > 0.75 {
                pass.removed[h2[0]] = true;
            }
        }
    }
    if !flags.clean_conditionally {
        return;
    }
    // Ancestor flags (inside a data table, code, figure), top-down; the
    // root's own ancestors count too.
    ancestors[root] = (
        has_ancestor(dom, root, "table", usize::MAX),
        has_ancestor(dom, root, "code", usize::MAX),
        has_ancestor(dom, root, "figure", usize::MAX),
    );
    for i in root + 1..end {
        let p = dom.nodes[i].parent as usize;
        let (t, c, f) = ancestors[p];
        let tag = dom.tag(p);
        ancestors[i] = (t || (tag == "table" && pass.data_table[p]), c || tag == "code", f || tag == "figure");
    }
    for pass_tag in ["form", "fieldset", "table", "ul", "div"] {
        // Bottom-up, deciding each element after its descendants.
        for i in (root..end).rev() {
            if pass.removed[i] || pass.skipped(i) {
                scratch[i] = Agg::default();
                continue;
            }
            scratch[i] = pass.aggregate(i, scratch);
            if i == root || dom.tag(i) != pass_tag {
                continue;
            }
            let (t, c, f) = ancestors[i];
            if should_remove(pass, i, &scratch[i], t, c, f, flags) {
                pass.removed[i] = true;
            }
        }
    }
}

fn should_remove(
    pass: &Pass<'_, '_>,
    i: usize,
    a: &Agg,
    in_data_table: bool,
    in_code: bool,
    in_figure: bool,
    flags: &Flags,
) -> bool {
    let dom = pass.dom;
    let tag = dom.tag(i);
    let mut is_list = matches!(tag, "ul" | "ol");
    if !is_list && a.chars > 0 {
        is_list = a.list_chars as f64 / a.chars as f64 > 0.9;
    }
    if tag == "table" && pass.data_table[i] {
        return false;
    }
    if in_data_table || in_code || a.data_table {
        return false;
    }
    let weight = if flags.weight_classes { class_weight(dom, i) } else { 0.0 };
    if weight < 0.0 {
        return true;
    }
    if a.commas >= 10 {
        return false;
    }
    let p = a.p as f64;
    let img = a.img as f64;
    let li = a.li as f64 - 100.0;
    let input = a.input as f64;
    let chars = a.chars as f64;
    let heading_density = if chars > 0.0 { a.heading_chars as f64 / chars } else { 0.0 };
    let text_density = if chars > 0.0 { a.textish_chars as f64 / chars } else { 0.0 };
    let ld = link_density(a);
    if a.chars < 30 {
        let text = inner_text(dom, i, &pass.removed, 64).to_lowercase();
        if matches!(
            text.as_str(),
            "ad" | "advertising" | "advertisement" | "pub" | "publicité" | "werbung" | "广告" | "реклама" | "anuncio"
        ) || text.starts_with("loading")
        {
            return true;
        }
    }
    let mut remove = false;
    if !in_figure && img > 1.0 && p / img < 0.5 {
        remove = true;
    }
    if !is_list && li > p {
        remove = true;
    }
    if input > (p / 3.0).floor() {
        remove = true;
    }
    if !is_list && !in_figure && heading_density < 0.9 && chars < 25.0 && (img == 0.0 || img > 2.0) && ld > 0.0 {
        remove = true;
    }
    if !is_list && weight < 25.0 && ld > 0.2 {
        remove = true;
    }
    if weight >= 25.0 && ld > 0.5 {
        remove = true;
    }
    if (a.embed == 1 && chars < 75.0) || a.embed > 1 {
        remove = true;
    }
    if img == 0.0 && text_density == 0.0 {
        remove = true;
    }
    if is_list && remove {
        // Simple lists of images may stay.
        let complex = dom.children(i).any(|c| dom.children(c).filter(|&g| dom.element(g).is_some()).count() > 1);
        if !complex && a.img == a.li {
            return false;
        }
    }
    remove
}
