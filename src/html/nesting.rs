//! How deep will the tree builder nest this HTML? [`nesting_estimate`]
//! answers before parsing, in linear time, so that [`super::extract`] can
//! refuse input whose depth would make html5ever slow (its scope checks walk
//! the stack of open elements: quadratic time in the depth).
//!
//! The scan replays the parts of the WHATWG tree-construction rules (as
//! html5ever implements them) that decide depth, on its own stack of open
//! elements, and keeps an element open where it is unsure. That is not
//! safe by construction (an element kept open can make a later start tag
//! close more than html5ever does), so `html5ever_depth_never_outgrows_the_estimate`
//! checks it against html5ever: repeating random misnested markup never
//! grows the real tree faster than the estimate.

use rustc_hash::FxHashMap;

/// What an open element does to the end tags and start tags after it.
/// Ordered: each class also has the effects of the classes before it.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Class {
    /// `span`, `label`, custom-free phrasing: an end tag of an element below
    /// closes it.
    Ordinary,
    /// `address`, `div`, `p`: "special", so an ordinary end tag below it is
    /// ignored; but a new `li` / `dd` / `dt` looks past it for an open one.
    Exempt,
    /// Every other element ("special" in the standard, and unknown names,
    /// counted as special to be safe).
    Special,
    /// Scope boundaries (`table`, `object`, `template`, SVG and
    /// MathML roots and integration points, …): end tags of elements below
    /// are ignored.
    Bound,
}

const NONE: u32 = u32::MAX;
const HTML_NS: u8 = 0;
const SVG_NS: u8 = 1;
const MATH_NS: u8 = 2;

#[derive(Clone, Copy)]
struct Open<'a> {
    name: &'a str,
    /// Stack position of the next open element of the same name.
    below: u32,
    /// Depth in the tree of this element (tables count their implied
    /// `tbody`, `tr` and `td`).
    depth: u32,
    weight: u32,
    class: Class,
    /// Namespace: `HTML_NS`, `SVG_NS` or `MATH_NS`.
    ns: u8,
    /// Order of opening (of the first opening, for a reopened element).
    seq: u32,
    /// For formatting elements: the tag's name and attributes as written
    /// (what makes two entries "identical" for the Noah's Ark clause).
    key: &'a str,
}

#[derive(Default)]
struct Tree<'a> {
    stack: Vec<Open<'a>>,
    /// Innermost stack position of each name (`NONE` once none is open).
    open: FxHashMap<&'a str, u32>,
    /// Stack positions of elements of class above `Ordinary`, `Exempt`,
    /// `Special`: `marks[k]` holds those whose class is greater than `k`.
    marks: [Vec<u32>; 3],
    /// Stack positions of HTML elements.
    htmls: Vec<u32>,
    /// Formatting elements closed by another element's end tag (name,
    /// `seq`, open markers below it): the tree builder reopens them at the
    /// next text or inline start tag (reconstructs the active formatting
    /// elements), unless a marker below them closes first.
    pending: Vec<(&'a str, u32, u32, &'a str)>,
    /// The list of active formatting elements, by key: the `seq` of each
    /// entry, in order (open or pending). An entry not in it is not reopened.
    listed: Vec<Vec<u32>>,
    /// Index in `listed` of each key.
    keys: FxHashMap<&'a str, u32>,
    /// How many of each name are pending.
    pending_names: FxHashMap<&'a str, u32>,
    /// Stack positions of markers: cells, captions, `template`, `object`, …
    markers: Vec<u32>,
    /// Elements pushed so far.
    seq: u32,
}

impl<'a> Tree<'a> {
    fn depth(&self) -> u32 {
        self.stack.last().map_or(0, |e| e.depth)
    }

    fn at(&self, name: &str) -> Option<usize> {
        self.open.get(name).copied().filter(|&p| p != NONE).map(|p| p as usize)
    }

    /// Whether an element of class above `k` is open above position `at`.
    fn blocked(&self, k: usize, at: usize) -> bool {
        self.marks[k].last().is_some_and(|&p| p as usize > at)
    }

    /// Whether a token goes by the rules for SVG / MathML content: end
    /// tags when an SVG / MathML element is the current node, start tags
    /// and text unless it is an integration point (`foreignObject`, `mi`, …).
    fn foreign_rules(&self, end: bool, name: &str) -> bool {
        let Some(top) = self.stack.last() else { return false };
        if top.ns == HTML_NS {
            return false;
        }
        end || !(integration(top.ns, top.name) || (top.name == "annotation-xml" && name == "svg"))
    }

    fn push(&mut self, name: &'a str, class: Class, weight: u32, ns: u8) {
        let pos = self.stack.len() as u32;
        for k in 0..3 {
            if class as usize > k {
                self.marks[k].push(pos);
            }
        }
        let below = self.open.insert(name, pos).unwrap_or(NONE);
        let depth = self.depth() + weight;
        if is_marker(name) && ns == HTML_NS {
            self.markers.push(pos);
        }
        if ns == HTML_NS {
            self.htmls.push(pos);
        }
        self.seq += 1;
        self.stack.push(Open { name, below, depth, weight, class, ns, seq: self.seq, key: "" });
    }

    /// Lists a formatting element just pushed, under `key`; with three
    /// identical entries after the last marker already, the earliest of
    /// them leaves the list (the Noah's Ark clause).
    fn list(&mut self, key: &'a str) {
        let marker_seq = self.markers.last().map_or(0, |&p| self.stack[p as usize].seq);
        let Some(e) = self.stack.last_mut() else { return };
        e.key = key;
        let seq = e.seq;
        let k = match self.keys.get(key) {
            Some(&k) => k as usize,
            None => {
                self.keys.insert(key, self.listed.len() as u32);
                self.listed.push(Vec::new());
                self.listed.len() - 1
            }
        };
        let entries = &mut self.listed[k];
        let after_marker = entries.iter().rev().take_while(|&&s| s > marker_seq).count();
        if after_marker >= 3 {
            entries.remove(entries.len() - after_marker);
        }
        entries.push(seq);
    }

    fn is_listed(&self, key: &str, seq: u32) -> bool {
        self.entries(key).is_some_and(|v| v.binary_search(&seq).is_ok())
    }

    fn entries(&self, key: &str) -> Option<&Vec<u32>> {
        self.keys.get(key).map(|&k| &self.listed[k as usize])
    }

    fn unlist(&mut self, key: &str, seq: u32) {
        if let Some(v) = self.keys.get(key).map(|&k| &mut self.listed[k as usize]) {
            if let Some(k) = v.iter().rposition(|&s| s == seq) {
                v.remove(k);
            }
        }
    }

    /// Reopens the pending formatting elements, in their order of opening.
    fn reconstruct(&mut self) {
        let mut pending = std::mem::take(&mut self.pending);
        // In order of opening (insertion sort: short, and mostly sorted).
        for k in 1..pending.len() {
            let mut j = k;
            while j > 0 && pending[j - 1].1 > pending[j].1 {
                pending.swap(j - 1, j);
                j -= 1;
            }
        }
        for &(name, seq, _, key) in &pending {
            self.unpend(name);
            if !self.is_listed(key, seq) {
                continue;
            }
            self.push(name, Class::Ordinary, 1, HTML_NS);
            if let Some(e) = self.stack.last_mut() {
                (e.seq, e.key) = (seq, key);
            }
        }
        pending.clear();
        self.pending = pending;
    }

    /// Pops the element at `at` and all above it; formatting elements among
    /// those above are pending reopening.
    fn pop_to(&mut self, at: usize) {
        let mut start = self.pending.len();
        while self.stack.len() > at {
            let Some((e, marker)) = self.pop_raw() else { break };
            let pos = self.stack.len() as u32;
            if marker {
                // Those closed inside it were added after the others.
                let m = self.markers.len() as u32;
                while let Some(&(name, seq, _, key)) = self.pending.last().filter(|p| p.2 > m) {
                    self.pending.pop();
                    self.unpend(name);
                    self.unlist(key, seq);
                }
                start = start.min(self.pending.len());
            } else if !e.key.is_empty() && self.is_listed(e.key, e.seq) {
                if pos as usize == at {
                    self.unlist(e.key, e.seq); // closed by its own end tag
                } else {
                    self.pending.push((e.name, e.seq, self.markers.len() as u32, e.key));
                    let n = self.pending_names.get(e.name).copied().unwrap_or(0);
                    self.pending_names.insert(e.name, n + 1);
                }
            }
        }
        // Popped innermost first: in order of opening.
        self.pending[start..].reverse();
    }

    /// Pops the current node, keeping the bookkeeping; returns it and
    /// whether it was a marker.
    fn pop_raw(&mut self) -> Option<(Open<'a>, bool)> {
        let e = self.stack.pop()?;
        let pos = self.stack.len() as u32;
        self.open.insert(e.name, e.below);
        for marks in &mut self.marks {
            if marks.last() == Some(&pos) {
                marks.pop();
            }
        }
        if self.htmls.last() == Some(&pos) {
            self.htmls.pop();
        }
        let marker = self.markers.last() == Some(&pos);
        if marker {
            self.markers.pop();
        }
        Some((e, marker))
    }

    /// Pushes an element taken off the stack back, as it was.
    fn push_again(&mut self, e: &Open<'a>) {
        self.push(e.name, e.class, e.weight, e.ns);
        if let Some(top) = self.stack.last_mut() {
            (top.seq, top.key) = (e.seq, e.key);
        }
    }

    /// The adoption agency algorithm, for the end tag of the listed
    /// formatting element open at `at`: with no special element opened
    /// after it, it closes; else the first such element (the furthest
    /// block) moves up to its place, with a copy of the formatting element
    /// inside it holding its children, and the formatting elements between
    /// them copied above it (three at most; the rest of what was between
    /// leaves the stack). Repeated up to eight times, as in the standard.
    /// With more than 64 elements above it, the end tag is left out
    /// (counted deeper), to stay linear.
    fn adopt(&mut self, mut at: usize) {
        for _ in 0..8 {
            if self.blocked(2, at) {
                return;
            }
            let k = self.marks[0].partition_point(|&p| p as usize <= at);
            let Some(fb) = self.marks[0].get(k).map(|&p| p as usize) else {
                self.pop_to(at);
                return;
            };
            if self.stack.len() - at > 64 {
                return;
            }
            let mut seg = Vec::new();
            while self.stack.len() > at {
                let Some((e, _)) = self.pop_raw() else { break };
                seg.push(e);
            }
            seg.reverse();
            let (f, between, rest) = (seg[0], &seg[1..fb - at], &seg[fb - at..]);
            let mut kept = Vec::new();
            for (i, e) in between.iter().rev().enumerate() {
                if !e.key.is_empty() && self.is_listed(e.key, e.seq) {
                    if i < 3 {
                        kept.push(*e);
                    } else {
                        self.unlist(e.key, e.seq);
                    }
                }
            }
            for e in kept.iter().rev() {
                self.push_again(e);
            }
            for (i, e) in rest.iter().enumerate() {
                self.push_again(e);
                if i == 0 {
                    self.push_again(&f);
                }
            }
            at += kept.len() + 1;
            if self.stack.get(at).is_none_or(|e| e.seq != f.seq) {
                return;
            }
        }
    }

    /// A formatting element's end tag when the last one opened is pending
    /// reopening: it is forgotten instead. Returns whether it was.
    fn forget_pending(&mut self, name: &str) -> bool {
        if self.pending_names.get(name).is_none_or(|&n| n == 0) {
            return false;
        }
        let Some(k) = self.pending.iter().rposition(|p| p.0 == name) else { return false };
        if self.at(name).is_some_and(|at| self.stack[at].seq > self.pending[k].1) {
            return false;
        }
        let (_, seq, _, key) = self.pending.remove(k);
        self.unpend(name);
        self.unlist(key, seq);
        true
    }

    fn unpend(&mut self, name: &str) {
        if let Some(n) = self.pending_names.get_mut(name) {
            *n = n.saturating_sub(1);
        }
    }

    /// An end tag whose element is open at `at`.
    fn end_tag(&mut self, at: usize) {
        let e = &self.stack[at];
        let ignored = match e.class {
            // HTML end tags do not close SVG / MathML elements.
            _ if e.ns != HTML_NS => true,
            _ if !e.key.is_empty() && self.is_listed(e.key, e.seq) => {
                self.adopt(at);
                return;
            }
            // `</form>` takes the form off the stack but not its children.
            _ if e.name == "form" => at + 1 != self.stack.len(),
            // Out of button scope, list-item scope.
            // Out of table scope (a cell or caption in it closes first).
            _ if e.name == "table" => self.at("template").is_some_and(|t| t > at),
            _ if e.name == "p" => self.blocked(2, at) || self.at("button").is_some_and(|b| b > at),
            _ if e.name == "li" => self.blocked(2, at) || self.at("ul").max(self.at("ol")).is_some_and(|p| p > at),
            // Out of scope.
            _ if scoped_end(e.name) => self.blocked(2, at),
            // Other end tags stop at a special element; formatting ones
            // there run the adoption agency, which nests a copy deeper.
            _ => self.blocked(0, at),
        };
        if !ignored {
            self.pop_to(at);
        }
    }

    /// Pops what "generate implied end tags" pops (but `except`).
    fn implied_end_tags(&mut self, except: &str) {
        while self.stack.last().is_some_and(|e| implied_end(e.name) && e.name != except) {
            self.pop_to(self.stack.len() - 1);
        }
    }

    /// The open `name` when nothing above it is a scope boundary.
    fn in_scope(&self, name: &str) -> Option<usize> {
        self.at(name).filter(|&at| !self.blocked(2, at))
    }

    /// What a start tag closes before it opens its element (HTML content).
    /// Returns whether the start tag is then ignored.
    fn close_for_start(&mut self, name: &str) -> bool {
        // An open `a` / `nobr` closes when nothing is open in it (with
        // elements in it, the adoption agency may reopen it higher up); a
        // table directly in a table closes it; an option closes an option.
        let closes_top = self.stack.last().is_some_and(|e| match name {
            "a" | "nobr" | "table" => e.name == name && e.ns == HTML_NS,
            "option" | "optgroup" => e.name == "option",
            _ => false,
        });
        if closes_top {
            self.pop_to(self.stack.len() - 1);
        }
        match name {
            "li" | "dd" | "dt" => {
                let at = if name == "li" { self.at("li") } else { self.at("dd").max(self.at("dt")) };
                if let Some(at) = at.filter(|&at| !self.blocked(1, at)) {
                    self.pop_to(at);
                }
            }
            "rb" | "rtc" | "rp" | "rt" if self.in_scope("ruby").is_some() => {
                self.implied_end_tags(if matches!(name, "rp" | "rt") { "rtc" } else { "" });
            }
            // A select in scope closes and the tag is ignored (html5ever
            // parses a select's content as the body's).
            "select" => {
                if let Some(at) = self.in_scope("select") {
                    self.pop_to(at);
                    return true;
                }
            }
            "input" | "keygen" | "textarea" => {
                if let Some(at) = self.in_scope("select") {
                    self.pop_to(at);
                }
            }
            "button" => {
                if let Some(at) = self.in_scope("button") {
                    self.pop_to(at);
                }
            }
            _ => {}
        }
        if closes_p(name) {
            // In button scope: a `button` is a boundary too.
            if let Some(at) = self.in_scope("p").filter(|&at| self.at("button").is_none_or(|b| b < at)) {
                self.pop_to(at);
            }
        }
        if name == "h1" && self.stack.last().is_some_and(|e| e.name == "h1") {
            self.pop_to(self.stack.len() - 1);
        }
        false
    }

    /// Table parts (`<td>`, `<tr>`, `</td>`, …) close what is open in the
    /// innermost table's cell or caption, when no other boundary is inside
    /// it; a new cell or caption is a scope boundary (and formatting marker)
    /// that adds no depth (the table counts it). End tags that do not match
    /// the open cell or caption are ignored (`</tbody>`, `</thead>`,
    /// `</tfoot>` and `</colgroup>` always are: the scan does not know
    /// which exist).
    fn table_part(&mut self, name: &'a str, closing: bool) {
        let Some(at) = self.at("table") else { return };
        let cell = self
            .stack
            .get(at + 1)
            .filter(|e| e.ns == HTML_NS && e.depth == self.stack[at].depth && matches!(e.name, "td" | "th" | "caption"))
            .map(|e| e.name);
        let closes = match name {
            _ if !closing => true,
            "td" | "th" | "caption" => cell == Some(name),
            "tr" => cell != Some("caption"),
            _ => false,
        };
        let cell_only = |p: &u32| *p as usize == at + 1 && cell.is_some();
        if !closes || !self.marks[2].iter().rev().take_while(|&&p| p as usize > at).all(cell_only) {
            return;
        }
        self.pop_to(at + 1);
        if !closing && matches!(name, "td" | "th" | "caption") {
            self.push(name, Class::Bound, 0, HTML_NS);
        }
    }
}

/// An estimate of the depth of the element tree html5ever builds from
/// `html` (see the module documentation): on repeated markup it never grows
/// slower than the real depth, and on real pages it is within a level of it.
/// Void elements do not count; a table counts four levels (its implied
/// `tbody`, `tr`, `td`). Linear time. Returns the depth reached when it
/// exceeds `limit`, else `None`.
pub fn nesting_estimate(html: &str, limit: usize) -> Option<usize> {
    let b = html.as_bytes();
    // Tag names are ASCII-case-insensitive: slices of a lower-cased copy.
    let lower = html.to_ascii_lowercase();
    let mut tree = Tree::default();
    // In a frameset (and after it) only framesets nest; one is accepted
    // while nothing but a few head and block tags came before it.
    let (mut frameset, mut frameset_ok) = (false, true);
    // The form element pointer (the last form opened, by `seq`, until a
    // `</form>`): another `<form>` is ignored meanwhile.
    let mut form: Option<u32> = None;
    let (mut i, mut text_from) = (0usize, 0usize);
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        i += off + 1;
        if i - 1 > text_from && !frameset {
            if !tree.foreign_rules(false, "") {
                tree.reconstruct(); // text reopens formatting elements
            }
            frameset_ok = frameset_ok && b[text_from..i - 1].iter().all(u8::is_ascii_whitespace);
        }
        text_from = i - 1;
        if b[i..].starts_with(b"!--") {
            i = comment_end(b, i + 3);
            text_from = i;
            continue;
        }
        let alpha_at = |k: usize| b.get(k).is_some_and(u8::is_ascii_alphabetic);
        if matches!(b.get(i), Some(b'!' | b'?')) || (b.get(i) == Some(&b'/') && !alpha_at(i + 1)) {
            // A doctype or bogus comment, up to the next `>`.
            i = b[i..].iter().position(|&c| c == b'>').map_or(b.len(), |e| i + e + 1);
            text_from = i;
            continue;
        }
        let mut closing = b.get(i) == Some(&b'/');
        let name_start = i + closing as usize;
        if !b.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let mut name_end = name_start;
        while name_end < b.len() && !matches!(b[name_end], b' ' | b'\t' | b'\n' | b'\r' | b'\x0C' | b'/' | b'>') {
            name_end += 1;
        }
        let mut name = &lower[name_start..name_end];
        let tag_end = b[name_end..].iter().position(|&c| c == b'>').map_or(b.len(), |e| name_end + e);
        i = tag_end;
        text_from = tag_end + 1;
        if frameset {
            match (closing, name) {
                (false, "frameset") => tree.push(name, Class::Special, 1, HTML_NS),
                (true, "frameset") => {
                    if let Some(at) = tree.at(name) {
                        tree.pop_to(at);
                    }
                }
                (false, "noframes") => {
                    i = find_ascii_ci(b, i, b"</noframes").unwrap_or(b.len());
                    text_from = i;
                }
                _ => {}
            }
            if tree.depth() as usize > limit {
                return Some(tree.depth() as usize);
            }
            continue;
        }
        let mut foreign = tree.foreign_rules(closing, name);
        let leaves = if closing { matches!(name, "p" | "br") } else { breaks_out(name) };
        if foreign && leaves {
            // HTML elements end SVG / MathML content (up to an integration point).
            while tree.stack.last().is_some_and(|e| e.ns != HTML_NS && !integration(e.ns, e.name)) {
                tree.pop_to(tree.stack.len() - 1);
            }
            foreign = false;
        } else if foreign && closing {
            // An end tag closes the SVG / MathML element of its name open
            // above every HTML element; else the HTML rules apply.
            if let Some(at) = tree.at(name).filter(|&at| tree.htmls.last().is_none_or(|&h| (h as usize) < at)) {
                tree.pop_to(at);
                continue;
            }
            foreign = false;
        }
        if !foreign && name == "br" {
            closing = false; // `</br>` is `<br>`
        }
        if matches!(name, "h2" | "h3" | "h4" | "h5" | "h6") {
            name = "h1"; // any heading's end tag closes the innermost heading
        }
        if !foreign && is_table_part(name) {
            tree.table_part(name, closing);
            continue;
        }
        if closing && !foreign && is_formatting(name) && tree.forget_pending(name) {
            continue;
        }
        if closing {
            // `</form>` closes the form of the pointer, if open (in a template: any).
            let template = tree.at("template").is_some();
            let pointer = if name == "form" && !template { form.take() } else { None };
            let closes = |at: usize| name != "form" || template || pointer == Some(tree.stack[at].seq);
            if let Some(at) = tree.at(name).filter(|&at| closes(at)) {
                tree.end_tag(at);
            }
            continue;
        }
        // In SVG / MathML every element nests, whatever its name, unless self-closed.
        if !foreign {
            if name == "frameset" {
                if frameset_ok && tree.at("template").is_none() {
                    tree.pop_to(0);
                    tree.push(name, Class::Special, 1, HTML_NS);
                    frameset = true;
                }
                continue;
            }
            frameset_ok &= !kills_frameset(name);
            if name == "form" && form.is_some() && tree.at("template").is_none() {
                continue;
            }
            if tree.close_for_start(name) {
                continue;
            }
            if reconstructs(name) {
                tree.reconstruct();
            }
            if never_nests(name) {
                continue;
            }
            if has(name, RAW) {
                let mut end_tag = b"</".to_vec();
                end_tag.extend_from_slice(name.as_bytes());
                i = find_ascii_ci(b, i, &end_tag).unwrap_or(b.len());
                text_from = i;
                continue;
            }
            if name == "plaintext" {
                break;
            }
        }
        let ns = match name {
            _ if foreign => tree.stack.last().map_or(HTML_NS, |e| e.ns),
            "svg" => SVG_NS,
            "math" => MATH_NS,
            _ => HTML_NS,
        };
        if ns != HTML_NS && tag_end > 0 && b.get(tag_end - 1) == Some(&b'/') {
            continue; // <x/>: closed in SVG / MathML
        }
        let class = match () {
            _ if integration(ns, name) => Class::Bound,
            _ if ns != HTML_NS => Class::Ordinary,
            _ => class(name),
        };
        let weight = if name == "table" { 4 } else { 1 };
        tree.push(name, class, weight, ns);
        if ns == HTML_NS && is_formatting(name) {
            tree.list(&html[name_start..tag_end]);
        }
        if name == "form" && !foreign && tree.at("template").is_none() {
            form = Some(tree.seq);
        }
        if tree.depth() as usize > limit {
            return Some(tree.depth() as usize);
        }
    }
    None
}

/// What the tree builder does with each element name that the scan
/// treats apart, sorted by name (`flags`).
const ELEMENTS: &[(&str, u16)] = &[
    ("a", FORMATTING),
    ("address", CLOSES_P | SCOPED_END | EXEMPT),
    ("applet", SCOPED_END | KILLS_FRAMESET | MARKER | BOUND),
    ("area", NEVER_NESTS | KILLS_FRAMESET),
    ("article", CLOSES_P | SCOPED_END | SPECIAL),
    ("aside", CLOSES_P | SCOPED_END | SPECIAL),
    ("b", BREAKS_OUT | FORMATTING),
    ("base", NEVER_NESTS | NO_RECONSTRUCT),
    ("basefont", NEVER_NESTS | NO_RECONSTRUCT),
    ("bgsound", NEVER_NESTS | NO_RECONSTRUCT),
    ("big", BREAKS_OUT | FORMATTING),
    ("blockquote", CLOSES_P | BREAKS_OUT | SCOPED_END | SPECIAL),
    ("body", NEVER_NESTS | BREAKS_OUT | KILLS_FRAMESET | NO_RECONSTRUCT),
    ("br", NEVER_NESTS | BREAKS_OUT | KILLS_FRAMESET),
    ("button", SCOPED_END | KILLS_FRAMESET | SPECIAL),
    ("caption", MARKER | TABLE_PART),
    ("center", CLOSES_P | BREAKS_OUT | SCOPED_END | SPECIAL),
    ("code", BREAKS_OUT | FORMATTING),
    ("col", NEVER_NESTS),
    ("colgroup", TABLE_PART),
    ("dd", CLOSES_P | BREAKS_OUT | SCOPED_END | KILLS_FRAMESET | IMPLIED_END | SPECIAL),
    ("details", CLOSES_P | SCOPED_END | SPECIAL),
    ("dialog", CLOSES_P | SCOPED_END),
    ("dir", CLOSES_P | SCOPED_END | SPECIAL),
    ("div", CLOSES_P | BREAKS_OUT | SCOPED_END | EXEMPT),
    ("dl", CLOSES_P | BREAKS_OUT | SCOPED_END | SPECIAL),
    ("dt", CLOSES_P | BREAKS_OUT | SCOPED_END | KILLS_FRAMESET | IMPLIED_END | SPECIAL),
    ("em", BREAKS_OUT | FORMATTING),
    ("embed", NEVER_NESTS | BREAKS_OUT | KILLS_FRAMESET),
    ("fieldset", CLOSES_P | SCOPED_END | SPECIAL),
    ("figcaption", CLOSES_P | SCOPED_END | SPECIAL),
    ("figure", CLOSES_P | SCOPED_END | SPECIAL),
    ("font", FORMATTING),
    ("footer", CLOSES_P | SCOPED_END | SPECIAL),
    ("form", CLOSES_P | SPECIAL),
    ("frame", NEVER_NESTS | NO_RECONSTRUCT),
    ("frameset", NO_RECONSTRUCT | SPECIAL),
    ("h1", CLOSES_P | BREAKS_OUT | SCOPED_END | NO_RECONSTRUCT | SPECIAL),
    ("h2", BREAKS_OUT),
    ("h3", BREAKS_OUT),
    ("h4", BREAKS_OUT),
    ("h5", BREAKS_OUT),
    ("h6", BREAKS_OUT),
    ("head", NEVER_NESTS | BREAKS_OUT | NO_RECONSTRUCT),
    ("header", CLOSES_P | SCOPED_END | SPECIAL),
    ("hgroup", CLOSES_P | SCOPED_END | SPECIAL),
    ("hr", NEVER_NESTS | CLOSES_P | BREAKS_OUT | KILLS_FRAMESET),
    ("html", NEVER_NESTS | NO_RECONSTRUCT),
    ("i", BREAKS_OUT | FORMATTING),
    ("iframe", KILLS_FRAMESET | NO_RECONSTRUCT | RAW | SPECIAL),
    ("image", NEVER_NESTS | KILLS_FRAMESET),
    ("img", NEVER_NESTS | BREAKS_OUT | KILLS_FRAMESET),
    ("input", NEVER_NESTS | KILLS_FRAMESET),
    ("keygen", NEVER_NESTS | KILLS_FRAMESET),
    ("li", CLOSES_P | BREAKS_OUT | KILLS_FRAMESET | IMPLIED_END | SPECIAL),
    ("link", NEVER_NESTS | NO_RECONSTRUCT),
    ("listing", CLOSES_P | BREAKS_OUT | SCOPED_END | KILLS_FRAMESET | SPECIAL),
    ("main", CLOSES_P | SCOPED_END | SPECIAL),
    ("marquee", SCOPED_END | KILLS_FRAMESET | MARKER | BOUND),
    ("menu", CLOSES_P | BREAKS_OUT | SCOPED_END | SPECIAL),
    ("meta", NEVER_NESTS | BREAKS_OUT | NO_RECONSTRUCT),
    ("nav", CLOSES_P | SCOPED_END | SPECIAL),
    ("nobr", BREAKS_OUT | FORMATTING),
    ("noembed", NO_RECONSTRUCT | RAW | SPECIAL),
    ("noframes", NO_RECONSTRUCT | RAW | SPECIAL),
    ("noscript", SPECIAL),
    ("object", SCOPED_END | KILLS_FRAMESET | MARKER | BOUND),
    ("ol", CLOSES_P | BREAKS_OUT | SCOPED_END | SPECIAL),
    ("optgroup", IMPLIED_END),
    ("option", IMPLIED_END),
    ("p", CLOSES_P | BREAKS_OUT | SCOPED_END | IMPLIED_END | EXEMPT),
    ("param", NEVER_NESTS | NO_RECONSTRUCT),
    ("plaintext", CLOSES_P | SPECIAL),
    ("pre", CLOSES_P | BREAKS_OUT | SCOPED_END | KILLS_FRAMESET | SPECIAL),
    ("rb", NO_RECONSTRUCT | IMPLIED_END),
    ("rp", NO_RECONSTRUCT | IMPLIED_END),
    ("rt", NO_RECONSTRUCT | IMPLIED_END),
    ("rtc", NO_RECONSTRUCT | IMPLIED_END),
    ("ruby", BREAKS_OUT),
    ("s", BREAKS_OUT | FORMATTING),
    ("script", NO_RECONSTRUCT | RAW | SPECIAL),
    ("search", CLOSES_P | SCOPED_END),
    ("section", CLOSES_P | SCOPED_END | SPECIAL),
    ("select", SCOPED_END | KILLS_FRAMESET | BOUND),
    ("small", BREAKS_OUT | FORMATTING),
    ("source", NEVER_NESTS | NO_RECONSTRUCT),
    ("span", BREAKS_OUT),
    ("strike", BREAKS_OUT | FORMATTING),
    ("strong", BREAKS_OUT | FORMATTING),
    ("style", NO_RECONSTRUCT | RAW | SPECIAL),
    ("sub", BREAKS_OUT),
    ("summary", CLOSES_P | SCOPED_END | SPECIAL),
    ("sup", BREAKS_OUT),
    ("table", BREAKS_OUT | SCOPED_END | KILLS_FRAMESET | NO_RECONSTRUCT | BOUND),
    ("tbody", TABLE_PART),
    ("td", MARKER | TABLE_PART),
    ("template", SCOPED_END | KILLS_FRAMESET | NO_RECONSTRUCT | MARKER | BOUND),
    ("textarea", KILLS_FRAMESET | NO_RECONSTRUCT | RAW | SPECIAL),
    ("tfoot", TABLE_PART),
    ("th", MARKER | TABLE_PART),
    ("thead", TABLE_PART),
    ("title", NO_RECONSTRUCT | RAW | SPECIAL),
    ("tr", TABLE_PART),
    ("track", NEVER_NESTS | NO_RECONSTRUCT),
    ("tt", BREAKS_OUT | FORMATTING),
    ("u", BREAKS_OUT | FORMATTING),
    ("ul", CLOSES_P | BREAKS_OUT | SCOPED_END | SPECIAL),
    ("var", BREAKS_OUT),
    ("wbr", NEVER_NESTS | KILLS_FRAMESET),
    ("xmp", CLOSES_P | KILLS_FRAMESET | RAW | SPECIAL),
];

const NEVER_NESTS: u16 = 1 << 0;
const CLOSES_P: u16 = 1 << 1;
const BREAKS_OUT: u16 = 1 << 2;
const SCOPED_END: u16 = 1 << 3;
const KILLS_FRAMESET: u16 = 1 << 4;
const NO_RECONSTRUCT: u16 = 1 << 5;
const FORMATTING: u16 = 1 << 6;
const MARKER: u16 = 1 << 7;
const RAW: u16 = 1 << 8;
const IMPLIED_END: u16 = 1 << 9;
const TABLE_PART: u16 = 1 << 10;
const EXEMPT: u16 = 1 << 11;
const SPECIAL: u16 = 1 << 12;
const BOUND: u16 = 1 << 13;

fn flags(name: &str) -> u16 {
    ELEMENTS.binary_search_by(|(n, _)| n.cmp(&name)).map_or(0, |k| ELEMENTS[k].1)
}

fn has(name: &str, flag: u16) -> bool {
    flags(name) & flag != 0
}

fn class(name: &str) -> Class {
    let f = flags(name);
    match () {
        _ if f & BOUND != 0 => Class::Bound,
        _ if f & SPECIAL != 0 => Class::Special,
        _ if f & EXEMPT != 0 => Class::Exempt,
        _ => Class::Ordinary,
    }
}

/// SVG and MathML elements in which start tags and text are HTML.
fn integration(ns: u8, name: &str) -> bool {
    match ns {
        SVG_NS => matches!(name, "foreignobject" | "desc" | "title"),
        MATH_NS => matches!(name, "mi" | "mo" | "mn" | "ms" | "mtext"),
        _ => false,
    }
}

/// Start tags after which a `frameset` is ignored.
fn kills_frameset(name: &str) -> bool {
    has(name, KILLS_FRAMESET)
}

/// Elements whose start pushes a marker on the list of active formatting elements.
fn is_marker(name: &str) -> bool {
    has(name, MARKER)
}

/// Start tags before which the tree builder reopens formatting elements.
fn reconstructs(name: &str) -> bool {
    !has(name, CLOSES_P | NO_RECONSTRUCT)
}

/// Elements that never hold others (void) or whose nesting is counted
/// otherwise (`html`, `head`, `body` are one level each at most).
fn never_nests(name: &str) -> bool {
    has(name, NEVER_NESTS)
}

/// `td`, `tr`, … whose start and end tags close the cell's content.
fn is_table_part(name: &str) -> bool {
    has(name, TABLE_PART)
}

/// Start tags that end SVG / MathML content (`font` only with some
/// attributes: left out, so it stays open longer).
fn breaks_out(name: &str) -> bool {
    has(name, BREAKS_OUT)
}

/// Elements that "generate implied end tags" closes.
fn implied_end(name: &str) -> bool {
    has(name, IMPLIED_END)
}

/// Special elements whose end tag closes them when in scope (other end
/// tags stop at any special element: the "any other end tag" rule).
fn scoped_end(name: &str) -> bool {
    has(name, SCOPED_END)
}

/// Start tags that close an open `p` (in button scope) first.
fn closes_p(name: &str) -> bool {
    has(name, CLOSES_P)
}

/// Formatting elements, whose misnested end tags the tree builder repairs
/// by reopening them (the adoption agency algorithm).
fn is_formatting(name: &str) -> bool {
    has(name, FORMATTING)
}

/// Where a comment that starts at `from` (after `<!--`) ends: after `-->` or
/// `--!>`, or at once for `<!-->` and `<!--->`.
fn comment_end(b: &[u8], from: usize) -> usize {
    if b[from..].starts_with(b">") {
        return from + 1;
    }
    if b[from..].starts_with(b"->") {
        return from + 2;
    }
    let mut k = from;
    while let Some(off) = b[k..].windows(2).position(|w| w == b"--") {
        let p = k + off + 2;
        if b[p..].starts_with(b">") {
            return p + 1;
        }
        if b[p..].starts_with(b"!>") {
            return p + 2;
        }
        k = p - 1;
    }
    b.len()
}

pub(super) fn find_ascii_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    (from..=hay.len() - needle.len()).find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::nesting_estimate;
    use crate::html::{dom::Dom, parse};

    /// The deepest element below `body` in html5ever's tree (1: a child of `body`).
    fn real_depth(html: &str) -> usize {
        let parsed = parse(html);
        let dom = Dom::new(&parsed);
        (0..dom.len())
            .filter(|&i| dom.element(i).is_some())
            .map(|i| dom.path(i).len().saturating_sub(1))
            .max()
            .unwrap_or(0)
    }

    /// The depth the scan reaches (it only reports depths above a limit).
    fn estimate(html: &str) -> usize {
        let (mut lo, mut hi) = (0, 1 << 20);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if nesting_estimate(html, mid).is_some() {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    #[test]
    fn counts_what_nests() {
        assert_eq!(nesting_estimate(&"<div>".repeat(11), 10), Some(11));
        assert_eq!(nesting_estimate("<div", 0), Some(1));
        assert_eq!(nesting_estimate("<<</<!--<a/", 0), None);
        for html in [
            "<div></div>",
            "<p>a<li>b<br><img>",
            "<svg><path/></svg>",
            "<div><span>x</div>",
            "<ul><li>a<li><p>b<li>c</ul>",
            "<table><tr><td><p>x<td><span>y<tr><td><b>z</table>",
            "<p>a<div>b</div>",
            "<h2>a<h3>b</h3>",
            "<a href=x/><a href=y/>",
            "<nobr/>",
            "<image>",
            "<dl><dt>a<dd>b<dt>c</dl>",
            "<select><option>a<option>b</select>",
            "<ruby>a<rb>b<rt>c<rp>d</ruby>",
            "<form></form>",
            // Unclosed formatting in paragraphs: reopened, at most three alike.
            "<p><b>x</p>",
            "<p><font face=Arial>x</p>",
            "<font><p>text</font></p>",
            "<table><tr><td><b>x</td><td><i>y</table>",
        ] {
            let html = html.repeat(100);
            assert!(nesting_estimate(&html, 10).is_none(), "{}", &html[..html.len() / 100]);
        }
        assert!(nesting_estimate(&format!("<script>{}</script>", "<div>".repeat(100)), 10).is_none());
        assert!(nesting_estimate(&format!("<!--{}-->", "<div>".repeat(100)), 10).is_none());
    }

    /// What the tree builder nests, the scan counts. Each of these once went
    /// uncounted (1 MB of `<div></i>` then took 37 s to parse).
    #[test]
    fn is_not_fooled() {
        for (html, what) in [
            ("<div></i>", "stray end tags"),
            ("<div/>", "self-closing syntax on an HTML element"),
            ("<div/>x", "self-closing syntax with text"),
            ("<b><div></b>", "misnested formatting"),
            ("<span><div></span>", "an end tag behind a special element"),
            ("<span><div></span></div>", "an end tag behind a special element, then its own"),
            ("<form><div></form>", "</form> leaves its children open"),
            ("<h1><div><h2></h1>", "a heading's end tag closes the innermost heading"),
            ("<div><b></div>x", "formatting reopened after its parent closed"),
            ("<li><ul></li>", "</li> out of list scope"),
            ("<svg><source>", "void HTML names nest in SVG"),
            ("<svg><title><div>", "<title> is not raw text in SVG"),
            ("<svg><foreignObject><div/>", "HTML again in an integration point"),
            ("<!--><div>", "an empty comment"),
            ("<!-- a --!><div>", "a comment ended by --!>"),
        ] {
            let html = html.repeat(40);
            let real = real_depth(&html);
            assert!(real > 20, "{what}: real depth {real}");
            assert!(estimate(&html) >= real, "{what}: estimate {} < real depth {real}", estimate(&html));
        }
    }

    /// Random misnested markup, with and without a doctype (quirks mode):
    /// repeating it never makes html5ever's tree grow faster than the scan's
    /// count, and the count is at most a few levels short (a void element at
    /// the bottom, a `<math>` that `<img>` closed).
    #[test]
    fn html5ever_depth_never_outgrows_the_estimate() {
        use proptest::prelude::*;
        const TAGS: &[&str] = &[
            "<div>",
            "</div>",
            "<span>",
            "</span>",
            "<b>",
            "</b>",
            "<i>",
            "</i>",
            "<a>",
            "</a>",
            "<a/>",
            "<p>",
            "</p>",
            "<li>",
            "</li>",
            "<ul>",
            "</ul>",
            "<dd>",
            "<dt>",
            "</dd>",
            "<dl>",
            "<form>",
            "</form>",
            "<h1>",
            "</h1>",
            "<h2>",
            "</h2>",
            "<H3>",
            "</h3>",
            "<table>",
            "</table>",
            "<td>",
            "</td>",
            "<tr>",
            "</tr>",
            "<th>",
            "<tbody>",
            "<caption>",
            "</caption>",
            "<colgroup>",
            "<col>",
            "<svg>",
            "</svg>",
            "<math>",
            "</math>",
            "<mi>",
            "<mtext>",
            "<annotation-xml>",
            "<foreignObject>",
            "<desc>",
            "<path>",
            "</path>",
            "<title>",
            "</title>",
            "<div/>",
            "<p/>",
            "<font>",
            "</font>",
            "<button>",
            "</button>",
            "<object>",
            "</object>",
            "<applet>",
            "<select>",
            "</select>",
            "<option>",
            "</option>",
            "<optgroup>",
            "<ruby>",
            "<rb>",
            "<rt>",
            "<rtc>",
            "<rp>",
            "<template>",
            "</template>",
            "<nobr>",
            "</nobr>",
            "<section>",
            "</section>",
            "<source>",
            "<br>",
            "</br>",
            "x",
            "<em>",
            "<label>",
            "</label>",
            "<x-y>",
            "</x-y>",
            "<code>",
            "<marquee>",
            "<address>",
            "<center>",
            "<img>",
            "<image>",
            "<hr>",
            "<!-->",
            "<!--",
            "-->",
            "--!>",
            "<style>",
            "</style>",
            "<noscript>",
            "</noscript>",
            "<iframe>",
            "</iframe>",
            "</B >",
            "<DIV>",
            "<frameset>",
            "<input>",
            "<xmp>",
            "</xmp>",
        ];
        let config = ProptestConfig {
            cases: std::env::var("NEST_CASES").map_or(6000, |v| v.parse().unwrap()),
            ..ProptestConfig::default()
        };
        let mut runner = proptest::test_runner::TestRunner::new_with_rng(
            config,
            proptest::test_runner::TestRng::deterministic_rng(proptest::test_runner::RngAlgorithm::ChaCha),
        );
        let patterns = (proptest::collection::vec(0..TAGS.len(), 1..9), any::<bool>());
        runner
            .run(&patterns, |(p, doctype)| {
                let unit: String = p.iter().map(|&k| TAGS[k]).collect();
                let html = |n| format!("{}{}", if doctype { "<!DOCTYPE html>" } else { "" }, unit.repeat(n));
                let (real30, est30) = (real_depth(&html(30)), estimate(&html(30)));
                let (real60, est60) = (real_depth(&html(60)), estimate(&html(60)));
                prop_assert!(
                    est60 - est30 >= real60 - real30 && est30 + 4 >= real30,
                    "estimate {est30}, {est60} < real depth {real30}, {real60} ×30, ×60: {unit} (doctype: {doctype})"
                );
                Ok(())
            })
            .unwrap();
    }
}
