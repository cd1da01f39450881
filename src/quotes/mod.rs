//! Quotes: direct, partial and indirect (reported) speech, with speakers.
//!
//! Stages, each linear in the number of tokens:
//! 1. [`marks::pair`] pairs quotation marks into quoted stretches
//!    (paragraph-bounded, see its rules);
//! 2. each stretch is a **direct** quote when it stands as a clause (opens a
//!    sentence or follows `:`/`,`/a cue verb, and ends with punctuation inside
//!    the marks or is long), else a **partial** quote inside a sentence;
//! 3. the speaker of a direct quote comes from its frame: the words after it
//!    in its sentence (`“…,” he said`, `“…,” said X`, `“…,” X, a spokesman,
//!    told reporters`), else the words before it (`X said: “…”`, `according to
//!    X, “…”`), else another quote of the same paragraph, else the speaker of
//!    the paragraph before when the quote opens its paragraph (quote-only
//!    paragraphs, `X continued:` introductions);
//! 4. **indirect** speech: sentences with a cue verb and a subject (`X said
//!    (that) …`, `…, X said.`, `…, said X.`, `according to X, …`), the content
//!    clause being the span;
//! 5. speakers resolve to entities: a speaker phrase that contains or
//!    overlaps a mention takes its entity; pronouns and descriptions go
//!    through [`crate::entities::resolve_speaker`], which leaves them
//!    unresolved when the text does not single out one entity.
//!
//! **Split quotes** (`“We will win,” he said, “and soon.”`) are two [`Quote`]s
//! with the same speaker, cue and entity; so are the paragraphs of a quote
//! that runs over several paragraphs. Every quote span includes its quotation
//! marks (direct and partial) or is the bare content clause (indirect).
//!
//! Speaker phrases are found without a parser: a noun phrase is a run of
//! words up to a function word or punctuation, with an apposition between
//! commas skipped (`X, a spokesman for Y, said` → `X`). NER mentions, when
//! present, extend a phrase to the whole name and give the entity.

pub mod cues;
pub mod learned;
pub mod marks;

use crate::document::{Document, Label, Mention, Quote, QuoteKind};
use crate::span::ByteSpan;
use crate::text::words::{is_month, is_weekday, opens_noun_phrase};
use crate::text::{Gap, Token, TokenKind};
use cues::CueClass;

/// Longest speaker phrase, in tokens.
const MAX_NP: usize = 10;
/// How far a cue may be from its quote inside the frame, in tokens.
const MAX_FRAME: usize = 24;
/// Longest apposition skipped between a speaker and its cue, in tokens
/// (`Leonard E. Burman, director of … and a professor at …, said`).
const MAX_APPOSITION: usize = 32;
/// Most reported-speech attributions found in one sentence.
const MAX_REPORTS_PER_SENTENCE: usize = 4;

/// An attribution found for a quote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Attribution {
    /// Token range of the speaker phrase.
    speaker: (usize, usize),
    /// Token range of the cue (`said`, `according to`).
    cue: Option<(usize, usize)>,
}

/// Finds all quotes of `doc` (which must be tokenized and segmented; mentions
/// and entities are used when present) and stores them in `doc.quotes`,
/// sorted by start.
pub fn annotate(doc: &mut Document) {
    let quotes = find(doc);
    doc.quotes = quotes;
}

/// Finds all quotes of `doc`, sorted by start offset.
pub fn find(doc: &Document) -> Vec<Quote> {
    find_with(doc, None)
}

/// [`find`], with the direct-or-partial decision taken by a
/// [`learned::QuoteModel`] instead of the rules when one is given. The
/// pipeline uses the rules (the trained model does not beat them on PolNeAR
/// dev: see `model/QUOTES_MODEL.md`); `eval-quotes --model FILE` scores a model.
pub fn find_with(doc: &Document, model: Option<&learned::QuoteModel>) -> Vec<Quote> {
    let (ctx, stretches) = Ctx::with_stretches(doc);
    let words_in = if model.is_some() { learned::stretch_word_prefix(&ctx) } else { Vec::new() };

    // Direct and partial quotes with their own frames.
    let mut found: Vec<(usize, QuoteKind, Option<Attribution>)> = Vec::new();
    for (k, s) in stretches.iter().enumerate() {
        if ctx.is_title(s) || ctx.is_quoted_name(s) {
            // A title is nobody's words (dropped below, as partial with no frame).
            found.push((k, QuoteKind::Partial, None));
            continue;
        }
        let rule = s.continued || ctx.is_direct(s);
        let direct = match model {
            Some(m) => m.score(&learned::features(&ctx, &stretches, k, rule, &words_in)) > 0.0,
            None => rule,
        };
        let att = if direct { ctx.direct_frame(s) } else { ctx.partial_frame(s) };
        found.push((k, if direct { QuoteKind::Direct } else { QuoteKind::Partial }, att));
    }
    // Direct quotes without a frame borrow from their neighbours.
    let mut last_para_speaker: Option<(usize, Attribution)> = None; // (paragraph, attribution)
    let mut para_att: Vec<Option<Attribution>> = vec![None; doc.paragraphs.len()];
    // Attributions of indirect speech also count as "the speaker of the paragraph".
    let indirect = ctx.indirect(&stretches);
    for (att, _, _) in &indirect {
        let p = ctx.para_of[att.speaker.0];
        para_att[p] = Some(*att);
    }
    // The next direct quote's own attribution, within the paragraph (one
    // backward pass, so the whole step stays linear).
    let mut next_direct: Vec<Option<Attribution>> = vec![None; found.len()];
    for k in (0..found.len().saturating_sub(1)).rev() {
        let (p, q) = (ctx.para_of[stretches[k].open], ctx.para_of[stretches[k + 1].open]);
        if p == q {
            next_direct[k] = if found[k + 1].1 == QuoteKind::Direct { found[k + 1].2 } else { next_direct[k + 1] };
        }
    }
    let mut has_stretch = vec![false; doc.paragraphs.len()];
    for s in &stretches {
        has_stretch[ctx.para_of[s.open]] = true;
    }
    let mut prev_in_para: Option<(usize, Attribution)> = None;
    // Reported speech before each quote, in text order (`Schiff said. “…”`).
    let mut next_ind = 0;
    let mut last_ind: Option<(usize, usize, Attribution)> = None; // (paragraph, position, attribution)
    for k in 0..found.len() {
        let s = stretches[k];
        let p = ctx.para_of[s.open];
        while next_ind < indirect.len() && indirect[next_ind].2 .1 <= s.open {
            let (att, _, cue) = indirect[next_ind];
            last_ind = Some((ctx.para_of[cue.0], cue.0, att));
            next_ind += 1;
        }
        if found[k].1 == QuoteKind::Direct && found[k].2.is_none() && !ctx.is_heading(&s) {
            // Another quote of the same paragraph: the previous attributed
            // one or reported speech, whichever is nearer, else the next
            // direct one when attributed in its own frame.
            let prev_quote = prev_in_para.filter(|&(pp, _)| pp == p).map(|(_, a)| a);
            let prev_report = last_ind.filter(|&(ip, _, _)| ip == p);
            let prev = match (prev_quote, prev_report) {
                (Some(q), Some((_, pos, r))) => Some(if q.speaker.0 < pos { r } else { q }),
                (q, r) => q.or(r.map(|(_, _, a)| a)),
            };
            let opens_para = s.open == doc.paragraphs[p].tokens.start as usize;
            let carried = if opens_para && p > 0 {
                // Up to two captions between (a photo's line in a web page).
                let mut q = p - 1;
                for _ in 0..2 {
                    if q > 0 && !has_stretch[q] && ctx.is_caption(q) {
                        q -= 1;
                    }
                }
                last_para_speaker
                    .filter(|&(lp, _)| lp == q || (lp + 1 == q && has_stretch[q] && ctx.quote_only_para(q)))
                    .map(|(_, a)| a)
                    .or_else(|| ctx.introduced_before(q))
            } else {
                None
            };
            found[k].2 = prev.or(next_direct[k]).or(carried);
        }
        if let Some(a) = found[k].2 {
            last_para_speaker = Some((p, a));
            para_att[p] = Some(a);
            prev_in_para = Some((p, a));
        } else if let Some(a) = para_att[p] {
            last_para_speaker = Some((p, a));
        }
    }

    let mut quotes: Vec<Quote> = Vec::new();
    // The paragraph, speaker entity and end of the last attributed direct
    // quote, for `he added`.
    let mut last_direct: Option<(usize, Option<u32>, u32)> = None;
    for (k, kind, att) in found {
        let s = stretches[k];
        if kind == QuoteKind::Partial && att.is_none() {
            // Scare quotes and titles: no one is said to have said them.
            continue;
        }
        if kind == QuoteKind::Direct && att.is_none() {
            // A short quoted line standing alone with no source anywhere near
            // is a heading or a stage direction (`‘All Bets Are Off.’`, `"(CROSSTALK.)`).
            if ctx.is_heading(&s) {
                continue;
            }
        }
        // A transcript line's words start after its speaker label.
        let first = match ctx.transcript_label(&s) {
            Some((_, label_end)) if kind == QuoteKind::Direct => label_end + 1,
            _ => s.open,
        };
        let span = ByteSpan::new(doc.tokens[first].span.start as usize, doc.tokens[s.end - 1].span.end as usize);
        let mut q = ctx.make_quote(span, kind, att);
        if kind == QuoteKind::Direct {
            let p = ctx.para_of[s.open];
            if let (Some(a), Some((lp, prev, prev_end))) = (att, last_direct) {
                // Nobody named in between (`Bob Jones disagreed.`).
                let at = doc.mentions.partition_point(|m| m.span.start < prev_end);
                let named_between =
                    doc.mentions[at..].iter().take_while(|m| m.span.start < span.start).any(|m| m.label == Label::Per);
                if !named_between && ctx.continues_speaker(a, prev, p.saturating_sub(lp)) {
                    q.entity = prev;
                }
            }
            if let Some(a) = att {
                // Names in the sentence of its speaker (`Trump tweeted,
                // quoting Comey's statement.`) do not stop `he added`.
                let sent_end = ctx.sentence(a.speaker.0).1.min(doc.tokens.len());
                let end = doc.tokens.get(sent_end.wrapping_sub(1)).map_or(0, |t| t.span.end);
                last_direct = Some((p, q.entity, span.end.max(end)));
            }
        }
        quotes.push(q);
    }
    // A report whose content is exactly a quoted stretch (`he said “every
    // leader has strengths”`) repeats the quote already listed.
    let quoted: std::collections::HashSet<(u32, u32)> = quotes.iter().map(|q| (q.span.start, q.span.end)).collect();
    for (att, content, _cue) in indirect {
        let span =
            ByteSpan::new(doc.tokens[content.0].span.start as usize, doc.tokens[content.1 - 1].span.end as usize);
        if !quoted.contains(&(span.start, span.end)) {
            quotes.push(ctx.make_quote(span, QuoteKind::Indirect, Some(att)));
        }
    }
    quotes.sort_by_key(|q| (q.span.start, q.span.end));
    quotes
}

/// The lower-cased text of every word token (others empty), in one buffer:
/// `lowered[i]` is token `i`'s. Per character (`char::to_lowercase`), so a
/// word-final Greek capital sigma becomes `σ`, not `ς` as `str::to_lowercase`
/// would give: the stage only compares with English words.
struct Lowered {
    buf: String,
    /// End of each token's text in `buf` (its start is the previous end).
    ends: Vec<u32>,
}

impl Lowered {
    fn new(text: &str, tokens: &[Token]) -> Self {
        let mut buf = String::with_capacity(text.len());
        let mut ends = Vec::with_capacity(tokens.len());
        for t in tokens {
            if t.kind == TokenKind::Word {
                let w = t.text(text);
                if w.is_ascii() {
                    buf.extend(w.bytes().map(|b| b.to_ascii_lowercase() as char));
                } else {
                    buf.extend(w.chars().flat_map(char::to_lowercase));
                }
            }
            ends.push(buf.len() as u32);
        }
        Self { buf, ends }
    }
}

impl std::ops::Index<usize> for Lowered {
    type Output = str;

    fn index(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.buf[start..self.ends[i] as usize]
    }
}

struct Ctx<'d> {
    doc: &'d Document,
    text: &'d str,
    tokens: &'d [Token],
    /// Sentence index of every token.
    sent_of: Vec<usize>,
    /// Paragraph index of every token.
    para_of: Vec<usize>,
    /// Mention index covering every token, if any.
    mention_of: Vec<Option<u32>>,
    /// Whether a token lies inside a quoted stretch (marks included).
    in_stretch: Vec<bool>,
    /// Lower-cased text of every word token (others empty).
    lower: Lowered,
    /// `words_before[i]`: word tokens before token `i` (length `tokens + 1`).
    words_before: Vec<u32>,
    /// [`Ctx::cue`] of every token, worked out once (after `in_stretch`).
    cues: Vec<Option<CueClass>>,
}

impl<'d> Ctx<'d> {
    /// The context of `doc` with its quoted stretches paired and marked.
    fn with_stretches(doc: &'d Document) -> (Self, Vec<marks::Stretch>) {
        let ctx = Ctx::new(doc);
        let stretches = marks::pair(&doc.text, &doc.tokens, &doc.paragraphs);
        let mut in_stretch = vec![false; doc.tokens.len()];
        for s in &stretches {
            for f in &mut in_stretch[s.open..s.end] {
                *f = true;
            }
        }
        let mut ctx = Ctx { in_stretch, ..ctx };
        ctx.cues = (0..doc.tokens.len()).map(|i| ctx.find_cue(i)).collect();
        (ctx, stretches)
    }

    fn new(doc: &'d Document) -> Self {
        let n = doc.tokens.len();
        let mut sent_of = vec![0; n];
        for (i, s) in doc.sentences.iter().enumerate() {
            for v in &mut sent_of[s.tokens.range()] {
                *v = i;
            }
        }
        let mut para_of = vec![0; n];
        for (i, p) in doc.paragraphs.iter().enumerate() {
            for v in &mut para_of[p.tokens.range()] {
                *v = i;
            }
        }
        let mut mention_of = vec![None; n];
        for (i, m) in doc.mentions.iter().enumerate() {
            if m.tokens.end as usize <= n {
                for v in &mut mention_of[m.tokens.range()] {
                    *v = Some(i as u32);
                }
            }
        }
        let lower = Lowered::new(&doc.text, &doc.tokens);
        let mut words_before = Vec::with_capacity(n + 1);
        words_before.push(0u32);
        for t in &doc.tokens {
            words_before.push(words_before.last().copied().unwrap_or(0) + (t.kind == TokenKind::Word) as u32);
        }
        Ctx {
            words_before,
            doc,
            text: &doc.text,
            tokens: &doc.tokens,
            sent_of,
            para_of,
            mention_of,
            in_stretch: vec![false; n],
            lower,
            cues: Vec::new(),
        }
    }

    fn t(&self, i: usize) -> &str {
        self.tokens[i].text(self.text)
    }

    fn sentence(&self, i: usize) -> (usize, usize) {
        let s = &self.doc.sentences[self.sent_of[i]];
        (s.tokens.start as usize, s.tokens.end as usize)
    }

    /// Whether a phrase found for reported speech looks like a source: a
    /// pronoun, a phrase with a capitalised word (not a month or weekday), or
    /// a determiner or plural noun phrase (`the ministry`, `officials`) —
    /// not an adverb, a number or a clitic left over from a verb phrase.
    fn plausible_speaker(&self, (a, mut b): (usize, usize)) -> bool {
        if b == a + 1 && self.is_pronoun(a) {
            return true;
        }
        // `Barkley, who said …`: the relative pronoun stands for the phrase before.
        if b == a + 1 && &self.lower[a] == "who" && a > 1 && self.t(a - 1) == "," {
            return true;
        }
        // Poll answers: `46 percent said …`, `about 46 percent said`, `43
        // said …` (not `inflation rose 3 percent`, a clause).
        let number_at = |i: usize| self.tokens[i].kind == TokenKind::Number;
        let share = &self.lower[b - 1] == "percent"
            && ((b == a + 2 && number_at(a)) || (b == a + 3 && is_approximation(&self.lower[a]) && number_at(a + 1)));
        if share || (b == a + 1 && self.tokens[a].kind == TokenKind::Number) {
            return true;
        }
        // `Sen. David Perdue (R-Ga.)`: judge the phrase before its parenthesis.
        if b > a + 2 && self.t(b - 1) == ")" {
            match (a..b).rev().find(|&k| self.t(k) == "(") {
                Some(k) if k > a => b = k,
                _ => return false,
            }
        }
        // `His lawyer`: a possessive determiner just before the phrase.
        let possessed = a > 0 && matches!(&self.lower[a - 1], "his" | "her" | "their" | "its" | "our");
        let last = &self.lower[b - 1];
        if self.tokens[b - 1].kind != TokenKind::Word
            || last.ends_with("ly")
            || last.starts_with(['\'', '’'])
            || last.ends_with("n't")
            || is_time_word(last)
            || is_month(last)
        {
            return false;
        }
        let capitalised =
            (a..b).any(|i| self.starts_upper(i) && !is_month(&self.lower[i]) && !is_time_word(&self.lower[i]));
        let first = &self.lower[a];
        let determiner = matches!(
            first,
            "the"
                | "a"
                | "an"
                | "this"
                | "that"
                | "his"
                | "her"
                | "their"
                | "its"
                | "our"
                | "some"
                | "many"
                | "several"
                | "two"
                | "three"
                | "other"
                | "another"
                | "both"
                | "most"
                | "few"
                | "one"
        );
        // A plural head: `officials`; longer (`state officials`) only in
        // subject position and not starting with a verb form (`including ones`).
        let plural = last.ends_with('s') && !last.ends_with("ss") && !last.ends_with("'s") && !last.ends_with("’s");
        let subject_position = a == 0
            || self.tokens[a - 1].kind == TokenKind::Terminal
            || self.tokens[a].gap >= Gap::Line
            || matches!(&self.lower[a - 1], "and" | "but" | "that" | "while" | "because" | "as" | "when")
            || self.t(a - 1) == ",";
        let first_verbal = first.ends_with("ing") || first.ends_with("ed");
        capitalised || determiner || possessed || (plural && (b == a + 1 || (subject_position && !first_verbal)))
    }

    /// For a cue known only from the learned table (`named`, `designed`,
    /// `shared`): the phrase names someone (a capital beyond a sentence-initial
    /// determiner), is a pronoun, or ends in a noun that headed speakers in the
    /// training news (`the spokesman`, `state officials`), looked up without a
    /// plural `s` and before `of`/`for` (`the spokeswoman for the ministry`).
    /// So `an extension named …` or `a set of libraries designed to …` has no
    /// speaker, while hand-listed speech verbs (`the minister said`) keep any.
    fn speaks_through(&self, (a, b): (usize, usize)) -> bool {
        if b == a + 1 && self.is_pronoun(a) {
            return true;
        }
        let named = (a..b).any(|i| {
            let w = &self.lower[i];
            let initial_determiner = i == a && opens_noun_phrase(w);
            self.starts_upper(i) && !initial_determiner && !is_month(w) && !is_time_word(w)
        });
        let head_end = (a + 1..b).find(|&i| matches!(&self.lower[i], "of" | "for")).unwrap_or(b);
        let head = &self.lower[head_end - 1];
        named || cues::heads_speakers(head)
    }

    /// A short quoted paragraph in title case or in brackets: a heading or a
    /// stage direction, not speech (`‘All Bets Are Off.’`, `"(CROSSTALK.)`).
    fn is_heading(&self, s: &marks::Stretch) -> bool {
        let para = &self.doc.paragraphs[self.para_of[s.open]];
        let whole_para = s.open == para.tokens.start as usize && s.end + 1 >= para.tokens.end as usize;
        let (a, b) = s.content;
        let words = (self.words_before[b] - self.words_before[a]) as usize;
        let title_case = (a..b).filter(|&i| self.tokens[i].kind == TokenKind::Word).all(|i| {
            // Clitics are part of the word before (`Isn't`).
            self.lower[i].starts_with(['\'', '’'])
                || &self.lower[i] == "n't"
                || self.starts_upper(i)
                || matches!(&self.lower[i], "of" | "the" | "a" | "an" | "in" | "on" | "to" | "and")
        });
        let bracketed = a < b && self.t(a) == "(";
        whole_para && words <= 6 && (title_case || bracketed)
    }

    /// A cue in `-ing` form after a comma: `…, saying …`.
    fn is_participle(&self, c: usize) -> bool {
        c > 0 && self.t(c - 1) == "," && self.lower[c].ends_with("ing")
    }

    /// The noun phrase opening the sentence `start..` before token `before`,
    /// when it is a name, a pronoun or a determiner phrase (`The senator`).
    fn sentence_subject(&self, start: usize, before: usize) -> Option<(usize, usize)> {
        // Skip an introductory phrase: `At the forum, Trump …`, `Instead,
        // the senator …` (one word before a comma that names nobody).
        let after_comma = || {
            let comma = (start..before.min(start + 12)).find(|&i| self.t(i) == ",")?;
            self.np_after(comma + 1, before)
        };
        let np = match self.np_after(start, before) {
            Some(np)
                if np.1 == np.0 + 1
                    && np.1 < before
                    && self.t(np.1) == ","
                    && self.mention_of[np.0].is_none()
                    && !self.is_pronoun(np.0) =>
            {
                after_comma()?
            }
            Some(np) => np,
            None => after_comma()?,
        };
        // The phrase ends before its verb: `Cruz walked to …` → `Cruz`,
        // `Mrs. Clinton shook her head` → `Mrs. Clinton` (not at an adjective
        // after the determiner: `The retired neurosurgeon`), an auxiliary
        // (`The retired neurosurgeon has provided`) or an adverb (`Hillary
        // Clinton sternly reprimanded`).
        let verb = (np.0 + 1..np.1).find(|&i| {
            let w = &self.lower[i];
            self.starts_lower(i)
                && !(i == np.0 + 1 && opens_noun_phrase(&self.lower[np.0]))
                && (w.ends_with("ed") || is_auxiliary(w) || self.is_adverb_after_subject(i, np.0, before))
        });
        let np = match verb {
            Some(v) => (np.0, v),
            None => np,
        };
        // A person or organisation and then lower-case words, the first
        // heading no speaker phrase: the verb (`Sanders hit back`), not
        // `Clinton campaign spokesman …` nor `Pfizer chief executive Ian Read`.
        let name_end = self.mention_of[np.0]
            .map(|m| &self.doc.mentions[m as usize])
            .filter(|m| m.tokens.start as usize == np.0 && matches!(m.label, Label::Per | Label::Org))
            .map(|m| m.tokens.end as usize);
        let np = match name_end {
            Some(e)
                if e < np.1
                    && (e..np.1).all(|i| !self.starts_upper(i))
                    && self.starts_lower(e)
                    && !cues::heads_speakers(&self.lower[e]) =>
            {
                (np.0, e)
            }
            _ => np,
        };
        let verb_before_object = np.1 > np.0 + 1
            && np.1 < before
            && self.starts_lower(np.1 - 1)
            && self.starts_upper(np.1 - 2)
            && matches!(
                &self.lower[np.1],
                "her" | "his" | "their" | "its" | "the" | "a" | "an" | "him" | "them" | "it" | "to" | "up" | "out"
            );
        let np = if verb_before_object { (np.0, np.1 - 1) } else { np };
        let first = self.t(np.0);
        (self.is_pronoun(np.0) || first.chars().next().is_some_and(char::is_uppercase)).then_some(np)
    }

    /// Whether a phrase ending at `i` ends its clause (`…, said Smith.`,
    /// `said Smith, a spokesman`, `said Smith on Monday`).
    fn ends_clause(&self, i: usize, end: usize) -> bool {
        i >= end
            || matches!(self.tokens[i].kind, TokenKind::Terminal | TokenKind::Dash | TokenKind::Quote)
            || self.spaced_hyphen(i)
            || matches!(self.t(i), "," | ";" | ":" | "(")
            || is_time_word(&self.lower[i])
            || matches!(&self.lower[i], "in" | "at" | "during" | "after" | "before" | "when" | "who" | "while")
    }

    /// A capitalised word inside a title-case headline (`Trump Says Clinton …`):
    /// its neighbours are capitalised too, and it is not the `States` of
    /// `United States`.
    fn title_case_verb(&self, i: usize) -> bool {
        // Or closing the headline: `…, Former White House Doctor Says.`
        let next_ok = i + 1 < self.tokens.len()
            && ((self.starts_upper(i + 1) && self.tokens[i + 1].gap == Gap::Space)
                || (self.tokens[i + 1].kind == TokenKind::Terminal
                    && (i + 2 >= self.tokens.len() || self.tokens[i + 2].gap >= Gap::Line)));
        i > 0
            && next_ok
            && self.starts_upper(i - 1)
            && !matches!(&self.lower[i], "states" | "reports" | "shows" | "finds" | "notes")
    }

    /// Whether token `i` is a word starting with a lower-case letter.
    fn starts_lower(&self, i: usize) -> bool {
        i < self.tokens.len()
            && self.tokens[i].kind == TokenKind::Word
            && self.t(i).chars().next().is_some_and(char::is_lowercase)
    }

    /// Whether token `i` is a word starting with a capital letter (or `I`).
    fn starts_upper(&self, i: usize) -> bool {
        i < self.tokens.len()
            && self.tokens[i].kind == TokenKind::Word
            && self.t(i).chars().next().is_some_and(char::is_uppercase)
    }

    fn cue(&self, i: usize) -> Option<CueClass> {
        self.cues[i]
    }

    /// The cue class of token `i`, if it is a cue verb here.
    fn find_cue(&self, i: usize) -> Option<CueClass> {
        // Cues are verbs, written in lower case (`States`, `Reports` in names are not).
        if self.tokens[i].kind != TokenKind::Word || self.in_stretch[i] {
            return None;
        }
        // `As Professor Foner put it: …`
        if &self.lower[i] == "put" && i + 1 < self.tokens.len() && &self.lower[i + 1] == "it" {
            return Some(CueClass::Speech);
        }
        // Most words are no cue at all: the table first, the context after.
        let class = cues::classify(&self.lower[i])?;
        // `Said Ellis: “…”`: an inverted cue may open its sentence.
        let opens_inverted = self.sentence(i).0 == i && cues::inverts(&self.lower[i]);
        if !self.starts_lower(i) && !self.title_case_verb(i) && !opens_inverted {
            return None;
        }
        // After a determiner the word is a noun: `one of the states suing`,
        // `his remarks`, `a report`.
        if i > 0 && matches!(&self.lower[i - 1], "the" | "a" | "an" | "his" | "its" | "their" | "our" | "my" | "your") {
            return None;
        }
        // After a preposition only a gerund is a verb (`accused him of
        // saying`): `articles from noted scholars`.
        if i > 0
            && matches!(&self.lower[i - 1], "from" | "of" | "with" | "among" | "by")
            && !self.lower[i].ends_with("ing")
        {
            return None;
        }
        Some(class)
    }

    /// `according to` starting at `i`.
    fn according(&self, i: usize) -> bool {
        i + 1 < self.tokens.len() && &self.lower[i] == "according" && &self.lower[i + 1] == "to"
    }

    // ---- direct or partial -------------------------------------------------

    fn is_direct(&self, s: &marks::Stretch) -> bool {
        let (sent_start, _) = self.sentence(s.open);
        let para_start = self.doc.paragraphs[self.para_of[s.open]].tokens.start as usize;
        // `… said that, “…”`: the quote is the object of `that`.
        let after_that = s.open > para_start
            && (&self.lower[s.open - 1] == "that"
                || (s.open > para_start + 1 && self.t(s.open - 1) == "," && &self.lower[s.open - 2] == "that"));
        if after_that {
            return false;
        }
        // Words starting in lower case complete a sentence begun outside the
        // marks (`… of Americans -- “the president but also the slave …”`),
        // unless a cue introduces them (`Mr. Barrett said, “we were
        // floored.”`) or they continue a quote split by its frame (`“A,” he
        // said, “and b.”`).
        let after_cue =
            s.open > para_start + 1 && matches!(self.t(s.open - 1), "," | ":") && self.cue(s.open - 2).is_some();
        let ends_punct = self.ends_with_punct(s);
        // `“…,” the president said` (also `“Hopefully,” he said, “…”`).
        let framed = || ends_punct && self.post_frame(s.end - 1, true).is_some_and(|a| a.cue.is_some());
        let head = self.content_head(s);
        if self.starts_lower(head) && !after_cue && !self.continues_split_quote(s) {
            return false;
        }
        // `“…” for criminal behavior, she said.`: the sentence goes on after
        // the closing mark, so the quote is part of it.
        if self.sentence_goes_on(s) {
            return false;
        }
        let clause_start = s.open == sent_start || s.open == para_start || self.continues_split_quote(s) || {
            let p = s.open - 1;
            let pt = self.t(p);
            matches!(pt, ":" | "(" | ";")
                || self.tokens[p].kind == TokenKind::Dash
                || self.spaced_hyphen(p)
                || (self.cue(p).is_some() && !self.starts_lower(head))
                || (pt == ","
                    && p > 0
                    && (self.cue(p - 1).is_some()
                        || self.tokens[p - 1].kind == TokenKind::Quote
                        || self.starts_upper(head)
                        || framed()))
                || (self.tokens[p].kind == TokenKind::Quote && self.para_of[p] == self.para_of[s.open])
        };
        if !clause_start {
            return false;
        }
        if s.close.is_none() {
            return true;
        }
        let (first, close) = s.content;
        let words = (first..close).filter(|&i| self.tokens[i].kind == TokenKind::Word).count();
        // `«Nous allons gagner», said X` (punctuation outside the marks).
        let after = s.end;
        let frame_follows = after + 1 < self.tokens.len()
            && self.t(after) == ","
            && (self.cue(after + 1).is_some() || (after + 2 < self.tokens.len() && self.cue(after + 2).is_some()));
        if frame_follows && words >= 2 {
            return true;
        }
        // One word after a cue (`she said, “No.”`) or before a frame.
        (ends_punct && words >= 2) || words >= 5 || (words == 1 && ends_punct && after_cue) || (words == 1 && framed())
    }

    /// Whether the quoted words of `s`, a final comma or full stop aside, are
    /// exactly one MISC mention: the entity stage made a quoted title a name
    /// (`MSNBC’s “Morning Joe”`, [`crate::entities::titles`]), and a name is
    /// nobody's words.
    fn is_quoted_name(&self, s: &marks::Stretch) -> bool {
        let (a, mut b) = s.content;
        while b > a && matches!(self.t(b - 1), "," | ".") {
            b -= 1;
        }
        let ms = &self.doc.mentions;
        let at = ms.partition_point(|m| (m.tokens.start as usize) < a);
        ms.get(at).is_some_and(|m| m.label == Label::Misc && m.tokens.start as usize == a && m.tokens.end as usize == b)
    }

    /// Whether `s` is the title of a work, not anyone's words: its words are
    /// in title case (every word but short function words capitalised:
    /// `Gone with the Wind`) and it follows `titled`/`entitled`/`headlined`
    /// (`a memo titled "The Facts on Where the Race Stands."`, `an ad titled
    /// “Scam.”`) or a work noun — then with a capital after its first word
    /// (`his 2002 book, ''Make Your Kid a Millionaire,''`), because short
    /// replies follow such nouns too: `Asked about the report, “Nonsense,”
    /// she said` and `the book, “It was a mistake,” he said` stay quotes.
    fn is_title(&self, s: &marks::Stretch) -> bool {
        let para_start = self.doc.paragraphs[self.para_of[s.open]].tokens.start as usize;
        let mut q = s.open;
        if q > para_start && self.t(q - 1) == "," {
            q -= 1;
        }
        if q <= para_start {
            return false;
        }
        let (verb, noun) = (is_title_verb(&self.lower[q - 1]), is_work_noun(&self.lower[q - 1]));
        if !verb && !noun {
            return false;
        }
        let (first, end) = s.content;
        let words: Vec<usize> = (first..end).filter(|&i| self.tokens[i].kind == TokenKind::Word).collect();
        !words.is_empty()
            && words.len() <= 12
            && self.starts_upper(words[0])
            && words.iter().all(|&i| self.starts_upper(i) || is_function_word(&self.lower[i]))
            && (verb || words[1..].iter().any(|&i| self.starts_upper(i) && self.t(i) != "I"))
    }

    /// The first token of the quoted words past an editor's opening bracket
    /// (`“[I]f it was left up to …`), whose case tells a quoted sentence from
    /// a fragment. A leading ellipsis is kept (`“… overall, I think …”` is
    /// a sentence whose start was left out, neither lower nor upper case).
    fn content_head(&self, s: &marks::Stretch) -> usize {
        let (mut i, end) = s.content;
        while i + 1 < end && matches!(self.t(i), "[" | "(") {
            i += 1;
        }
        i
    }

    /// Whether the quoted words end with punctuation inside the marks
    /// (`,”`, `.”`, `?”`, also before a nested quote's mark: `… decade,'”`,
    /// and an abbreviation's period: `Neither do I.”`).
    fn ends_with_punct(&self, s: &marks::Stretch) -> bool {
        let (first, close) = s.content;
        if close <= first {
            return false;
        }
        let mut last = close - 1;
        while last > first && self.tokens[last].kind == TokenKind::Quote {
            last -= 1;
        }
        matches!(self.tokens[last].kind, TokenKind::Terminal | TokenKind::Dash)
            || matches!(self.t(last), "," | ":" | ";")
            || (self.tokens[last].kind == TokenKind::Word && self.t(last).ends_with('.'))
    }

    /// The place mention covering token `i`, if any.
    fn place_at(&self, i: usize) -> Option<&Mention> {
        let m = &self.doc.mentions[self.mention_of.get(i).copied().flatten()? as usize];
        (m.label == Label::Loc).then_some(m)
    }

    /// Whether the comma at `k` separates two place mentions (`Des Moines,
    /// Iowa`, `Paris, France`).
    fn between_places(&self, k: usize) -> bool {
        k > 0
            && self.place_at(k - 1).is_some_and(|m| m.tokens.end as usize == k)
            && self.place_at(k + 1).is_some_and(|m| m.tokens.start as usize == k + 1)
    }

    /// Whether the comma at `k` follows the second place of a `City, State`
    /// pair (`in Des Moines, Iowa, on Tuesday`): it closes the pair, not an
    /// apposition.
    fn closes_place_pair(&self, k: usize) -> bool {
        k > 0
            && self.place_at(k - 1).is_some_and(|m| {
                let start = m.tokens.start as usize;
                m.tokens.end as usize == k && start > 0 && self.t(start - 1) == "," && self.between_places(start - 1)
            })
    }

    /// A lone `-` with white space on both sides, standing for a dash.
    fn spaced_hyphen(&self, i: usize) -> bool {
        self.t(i) == "-"
            && self.tokens[i].gap != Gap::None
            && self.tokens.get(i + 1).is_some_and(|t| t.gap != Gap::None)
    }

    /// Whether `s` continues a quote split by its frame (`“A,” he said,
    /// “b …”`): the token before it is `,` or `:`, and between it and an
    /// earlier quote of the paragraph there is only a frame with a cue and
    /// no sentence end (not `“a” and “b”`, not `“a,” he said, but “b”`).
    fn continues_split_quote(&self, s: &marks::Stretch) -> bool {
        let para_start = self.doc.paragraphs[self.para_of[s.open]].tokens.start as usize;
        if s.open < para_start + 3 || !matches!(self.t(s.open - 1), "," | ":") {
            return false;
        }
        let lo = para_start.max(s.open.saturating_sub(MAX_FRAME));
        let mut c = s.open - 1;
        let mut cue = false;
        while c > lo {
            c -= 1;
            if self.in_stretch[c] {
                // The earlier quote ends its part: `,”` or `”,`.
                // (`,''` is two quote tokens.)
                let mut m = c;
                while m > 0 && self.tokens[m - 1].kind == TokenKind::Quote {
                    m -= 1;
                }
                let part_end = self.t(c + 1) == "," || (m > 0 && matches!(self.t(m - 1), "," | "?" | "!" | "—" | "--"));
                return cue && part_end;
            }
            cue |= self.cue(c).is_some();
            if self.tokens[c].kind == TokenKind::Terminal || &self.lower[c] == "that" {
                return false;
            }
        }
        false
    }

    /// Whether the sentence holding `s` goes on after its closing mark with
    /// words that are not a speaker frame: a lower-case word that is neither
    /// a cue, a pronoun nor `according`.
    fn sentence_goes_on(&self, s: &marks::Stretch) -> bool {
        if s.close.is_none() {
            return false;
        }
        // The token right after the closing mark (`''` is two tokens).
        let next = s.end;
        // Punctuation inside the marks ends the quoted sentence (`“…,” the mayor said`).
        if self.ends_with_punct(s) {
            return false;
        }
        if next >= self.tokens.len() || self.para_of[next] != self.para_of[s.end - 1] {
            return false;
        }
        self.starts_lower(next)
            && self.cue(next).is_none()
            && !self.is_pronoun(next)
            && &self.lower[next] != "according"
            && !is_verb_modifier(&self.lower[next])
    }

    // ---- speaker phrases ---------------------------------------------------

    fn is_stop(&self, i: usize) -> bool {
        let w = &self.lower[i];
        is_function_word(w) || cues::classify(w).is_some() || w == "according"
    }

    fn is_pronoun(&self, i: usize) -> bool {
        self.tokens[i].kind == TokenKind::Word && is_speaker_pronoun(&self.lower[i])
    }

    /// Can token `i` be part of a noun phrase?
    fn np_word(&self, i: usize) -> bool {
        let tok = &self.tokens[i];
        if self.in_stretch[i] {
            return false;
        }
        match tok.kind {
            TokenKind::Word => !self.is_stop(i) || matches!(&self.lower[i], "of" | "for" | "the" | "a" | "an"),
            TokenKind::Number => true,
            TokenKind::Punct => matches!(self.t(i), "-" | "&" | "." | "(" | ")") && tok.gap == Gap::None,
            _ => false,
        }
    }

    /// The noun phrase ending just before `end`, not reaching before `lo`.
    /// Skips adverbs and auxiliaries next to the verb and an apposition
    /// between commas.
    fn np_before(&self, end: usize, lo: usize) -> Option<(usize, usize)> {
        let mut j = end;
        // Skip auxiliaries, adverbs and time words between subject and verb
        // (`Clinton on Tuesday said`).
        while j > lo
            && self.tokens[j - 1].kind == TokenKind::Word
            && (is_verb_modifier(&self.lower[j - 1])
                || is_time_word(&self.lower[j - 1])
                || self.is_adverb_after_subject(j - 1, lo, end))
        {
            j -= 1;
        }
        // A passive (`Oz has been called a charlatan`, `was told`): its
        // subject is not the speaker.
        let passive = !self.lower[end].ends_with("ing")
            && (j..end).any(|k| matches!(&self.lower[k], "is" | "are" | "was" | "were" | "be" | "been"));
        if passive {
            return None;
        }
        if j > lo + 2 && matches!(&self.lower[j - 1], "and" | "but") && self.tokens[j - 2].kind == TokenKind::Word {
            // `I laughed and said`: the subject of a one-word first verb;
            // `Trump has criticized the deals and called for tariffs`: the
            // subject opening the clause.
            let w = &self.lower[j - 2];
            if w.ends_with("ed") || cues::classify(w).is_some() {
                if let Some(np) = self.np_ending(j - 2, lo) {
                    return Some(np);
                }
            }
            return self.sentence_subject(lo, j - 1);
        }
        let dash = j > lo && (self.tokens[j - 1].kind == TokenKind::Dash || self.spaced_hyphen(j - 1));
        if j > lo && (self.t(j - 1) == "," || dash) {
            // `X, a spokesman for Y, said`: the head is before the first comma
            // (`X -- co-editor of Y -- said`: before the first dash).
            let close_comma = j - 1;
            let mut k = close_comma;
            let limit = close_comma.saturating_sub(MAX_APPOSITION).max(lo);
            let mut place_comma = None;
            while k > limit {
                k -= 1;
                let tk = &self.tokens[k];
                if tk.kind == TokenKind::Terminal || self.in_stretch[k] {
                    return None;
                }
                let opens = if dash {
                    (tk.kind == TokenKind::Dash || self.spaced_hyphen(k)) && self.t(k) == self.t(close_comma)
                } else {
                    // `X, speaking in Des Moines, Iowa, said`: the comma of
                    // a `City, State` pair opens nothing (unless no other
                    // comma does: `The mayor of Paris, France, said`).
                    let place = self.t(k) == "," && (self.between_places(k) || self.closes_place_pair(k));
                    if place {
                        place_comma = Some(k);
                    }
                    self.t(k) == "," && !place
                };
                if opens {
                    if k + 1 < close_comma {
                        if let Some(np) = self.np_ending(k, lo) {
                            // An age is one more apposition: `Brianne Stone,
                            // 29, of Huntsville, Ala., says`, `Schiff, 56, who
                            // has served …, told`.
                            let age = np.1 == np.0 + 1
                                && self.tokens[np.0].kind == TokenKind::Number
                                && np.0 > lo
                                && self.t(np.0 - 1) == ",";
                            if !age {
                                return Some(np);
                            }
                            continue;
                        }
                    }
                    return None;
                }
            }
            return place_comma.and_then(|k| self.np_ending(k, lo));
        }
        let np = self.np_ending(j, lo)?;
        // `The mother of a woman who took diet pills has described`: a
        // relative clause ends the subject, whose head is before `who` (only
        // with an auxiliary or adverb before the cue, which shows the verb:
        // in `who filed violence reports` the cue word is a noun).
        if j < end
            && np.1 - np.0 >= 2
            && np.0 > lo + 1
            && &self.lower[np.0 - 1] == "who"
            && self.starts_lower(np.0)
            && !self.is_pronoun(np.0)
        {
            return self.np_ending(np.0 - 1, lo);
        }
        Some(np)
    }

    /// A lower-case `-ly` word after a name, a pronoun or an auxiliary
    /// (`Sanders has consistently pushed`, `she angrily said`, `leaders
    /// are increasingly admitting`): an adverb before the verb at `verb`,
    /// not the subject (`the family said` keeps its noun). Not in a passive
    /// (`Clinton was officially declared`, `is widely expected`: `be` and a
    /// participle) nor after a possessive `’s` (`Britain’s emotionally
    /// charged uprising`).
    fn is_adverb_after_subject(&self, i: usize, lo: usize, verb: usize) -> bool {
        let w = &self.lower[i];
        if i <= lo
            || w.len() < 5
            || !w.ends_with("ly")
            || !self.starts_lower(i)
            || self.tokens[i - 1].kind != TokenKind::Word
            // Nouns and adjectives in -ly that end a speaker phrase (`the Johnson family said`).
            || matches!(
                w,
                "family" | "assembly" | "ally" | "rally" | "supply" | "monopoly" | "anomaly" | "elderly" | "weekly"
                    | "daily" | "monthly" | "quarterly" | "friendly" | "likely" | "early" | "only"
            )
        {
            return false;
        }
        let prev = &self.lower[i - 1];
        let be = matches!(prev, "is" | "are" | "was" | "were" | "be" | "been" | "being");
        let passive = be && !self.lower[verb].ends_with("ing");
        self.starts_upper(i - 1)
            || self.is_pronoun(i - 1)
            || (is_verb_modifier(prev) && !matches!(prev, "'s" | "’s") && !passive)
    }

    /// The noun phrase whose last token is `end - 1`.
    fn np_ending(&self, end: usize, lo: usize) -> Option<(usize, usize)> {
        if end <= lo {
            return None;
        }
        let last = end - 1;
        // `Barkley, who said`: the relative pronoun is the phrase.
        if self.is_pronoun(last) || (&self.lower[last] == "who" && last > lo + 1 && self.t(last - 1) == ",") {
            return Some((last, end));
        }
        if self.t(last) == ")" {
            // `Rep. Gwen Moore (D-Wis.) said`
            let open = (last.saturating_sub(8).max(lo)..last).rev().find(|&k| self.t(k) == "(")?;
            if open <= lo {
                return None;
            }
            let inner = self.np_ending(open, lo)?;
            return Some((inner.0, end));
        }
        if !self.np_word(last) || matches!(&self.lower[last], "of" | "for" | "the" | "a" | "an") {
            return None;
        }
        if !matches!(self.tokens[last].kind, TokenKind::Word | TokenKind::Number) {
            return None;
        }
        let mut start = last;
        while start > lo && end - start < MAX_NP {
            let p = start - 1;
            // `Rep. Gwen Moore (D-Wis.)`: a short parenthesis inside the phrase.
            if self.t(p) == ")" {
                match (p.saturating_sub(8).max(lo)..p).rev().find(|&k| self.t(k) == "(") {
                    Some(k) if k > lo && self.np_word(k - 1) => {
                        start = k;
                        continue;
                    }
                    _ => break,
                }
            }
            if self.tokens[start].gap >= Gap::Line {
                break;
            }
            // A mention is taken whole.
            if let (Some(a), Some(b)) = (self.mention_of[p], self.mention_of[start]) {
                if a == b {
                    start = p;
                    continue;
                }
            }
            // `His lawyer`, `Some protest leaders`: a possessive or a
            // quantifier opens the phrase.
            if matches!(
                &self.lower[p],
                "his"
                    | "her"
                    | "their"
                    | "its"
                    | "our"
                    | "some"
                    | "many"
                    | "most"
                    | "several"
                    | "other"
                    | "few"
                    | "both"
            ) {
                start = p;
                break;
            }
            if !self.np_word(p) {
                break;
            }
            let w = &self.lower[p];
            if matches!(w, "the" | "a" | "an") {
                start = p;
                // `Mr. Morgan of the Sierra Club`: go on past `of the`.
                if p > lo + 1 && matches!(&self.lower[p - 1], "of" | "for") && self.np_word(p - 2) {
                    let before = &self.lower[p - 2];
                    if !matches!(before, "of" | "for" | "the" | "a" | "an") {
                        start = p - 1;
                        continue;
                    }
                }
                break;
            }
            if matches!(w, "of" | "for") {
                // Only inside a phrase: `spokesman for the ministry`.
                if p > lo && self.np_word(p - 1) && !matches!(&self.lower[p - 1], "of" | "for" | "the" | "a" | "an") {
                    start = p;
                    continue;
                }
                break;
            }
            start = p;
        }
        // Trim leading brackets and hyphens.
        while start < last && matches!(self.t(start), "-" | "&" | "." | ")" | "(") {
            start += 1;
        }
        Some((start, end))
    }

    /// The noun phrase starting at `from` (after an inverted cue: `said X`).
    fn np_after(&self, from: usize, hi: usize) -> Option<(usize, usize)> {
        let mut i = from;
        // `said Tuesday`, `said on Monday`
        while i < hi && self.tokens[i].kind == TokenKind::Word && is_time_word(&self.lower[i]) {
            i += 1;
        }
        if i >= hi {
            return None;
        }
        if self.is_pronoun(i) {
            return Some((i, i + 1));
        }
        let start = i;
        let mut end = i;
        // `say some Democrats`: a quantifier opens the phrase.
        if i + 1 < hi && matches!(&self.lower[i], "some" | "many" | "most" | "several" | "other" | "few" | "both") {
            end += 1;
        }
        while end < hi && end - start < MAX_NP && self.np_word(end) {
            if end > start && self.tokens[end].gap >= Gap::Line {
                break;
            }
            let w = &self.lower[end];
            if end > start && matches!(w, "the" | "a" | "an") && !matches!(&self.lower[end - 1], "of" | "for") {
                break;
            }
            end += 1;
        }
        while end > start && matches!(&self.lower[end - 1], "of" | "for" | "the" | "a" | "an" | "") {
            end -= 1;
        }
        // A mention is taken whole.
        if end > start {
            if let Some(m) = self.mention_of[end - 1] {
                end = end.max(self.doc.mentions[m as usize].tokens.end as usize).min(hi.max(end));
            }
        }
        // `9/11 widow Terry Strada`: a number may open a longer phrase.
        let opens = self.tokens[start].kind == TokenKind::Word
            || (self.tokens[start].kind == TokenKind::Number && end > start + 1);
        (end > start && opens && !is_time_word(&self.lower[start])).then_some((start, end))
    }

    // ---- frames ------------------------------------------------------------

    /// Speaker from the words after a quote in its sentence.
    fn post_frame(&self, close: usize, stop_at_quote: bool) -> Option<Attribution> {
        let (_, mut sent_end) = self.sentence(close);
        // `“…?” Clinton said.`: the splitter ended the sentence at the mark;
        // the frame is the start of the next one. After a full stop
        // (`“It is strong.” Obama said on Monday.`) only a bare frame counts:
        // `“… and soon.” The aide said Paris was ready.` is a new sentence
        // with a report of its own (it took the quote from `Merkel said,`).
        let mut bare_frame_only = false;
        if sent_end == close + 1 && sent_end < self.tokens.len() && self.para_of[sent_end] == self.para_of[close] {
            bare_frame_only = close == 0 || !matches!(self.t(close - 1), "?" | "!" | "?!" | "!?" | "??" | "!!");
            sent_end = self.sentence(sent_end).1;
        }
        let mut from = close + 1;
        // `“…” ― Name` (a dash and a bare name closing the paragraph).
        if from < sent_end && self.tokens[from].kind == TokenKind::Dash {
            if let Some(np) = self.np_after(from + 1, sent_end) {
                let rest_empty =
                    sent_end <= np.1 + 2 && (np.1..sent_end).all(|i| self.tokens[i].kind != TokenKind::Word);
                let line_end = sent_end >= self.tokens.len() || self.tokens[sent_end].gap >= Gap::Line;
                if rest_empty && line_end && self.starts_upper(np.0) {
                    return Some(Attribution { speaker: np, cue: None });
                }
            }
        }
        // Skip a comma or dash between the mark and the frame.
        while from < sent_end && matches!(self.t(from), "," | "\u{2014}" | "\u{2013}" | "-" | "--") {
            from += 1;
        }
        // A long apposition only after a direct quote (`“…,” X, director of
        // … and a professor at …, said`); partial quotes keep the short frame.
        let hi = sent_end.min(from + if stop_at_quote { MAX_FRAME + MAX_APPOSITION } else { MAX_FRAME });
        if from >= hi {
            return None;
        }
        // `“…,” said X`
        if self.cue(from).is_some() && cues::inverts(&self.lower[from]) && !bare_frame_only {
            if let Some(np) = self.np_after(from + 1, hi) {
                return Some(Attribution { speaker: np, cue: Some((from, from + 1)) });
            }
        }
        // `“…,” X said` / `“…,” X, a spokesman, told reporters`
        for c in from..hi {
            let tk = &self.tokens[c];
            if tk.kind == TokenKind::Terminal || (stop_at_quote && self.in_stretch[c]) {
                break;
            }
            if self.according(c) {
                let np = self.np_after(c + 2, hi)?;
                return Some(Attribution { speaker: np, cue: Some((c, c + 2)) });
            }
            // `“…,” the editorial read.`: a document's `read(s)` closing the frame.
            let reads = matches!(&self.lower[c], "read" | "reads")
                && c + 1 < self.tokens.len()
                && self.tokens[c + 1].kind == TokenKind::Terminal;
            if reads || matches!(self.cue(c), Some(CueClass::Speech | CueClass::Tell)) {
                let np = self.np_before(c, from).filter(|np| np.0 <= from + 1);
                let np = np.or_else(|| self.head_of_appositions(from, c))?;
                if bare_frame_only && self.reports_after(c + 1, sent_end) {
                    return None;
                }
                return Some(Attribution { speaker: np, cue: Some((c, c + 1)) });
            }
        }
        None
    }

    /// `X, the attorney general of Oklahoma, one of the states suing, said`:
    /// the phrase at `from` that ends at the first comma (not `Of Carson,
    /// Levine, who …, said`),
    /// when commas set off everything from there to the cue at `cue`
    /// ([`Ctx::np_before`] takes one apposition only).
    fn head_of_appositions(&self, from: usize, cue: usize) -> Option<(usize, usize)> {
        if cue < from + 3 || self.t(cue - 1) != "," {
            return None;
        }
        let comma = (from + 1..cue - 1).find(|&k| self.t(k) == ",")?;
        // `Smith, Jones, and Brown, three senators, said`: a list, not appositions.
        if (comma..cue - 1).any(|k| self.t(k) == "," && matches!(&self.lower[k + 1], "and" | "or")) {
            return None;
        }
        let np = self.np_ending(comma, from)?;
        (np.0 == from && comma + 1 < cue - 1).then_some(np)
    }

    /// Whether words after a cue (from `k` to the sentence end `end`) carry
    /// content of their own (`said Paris was ready`) rather than closing a
    /// frame (`said.`, `said on Monday.`, `told reporters in Berlin.`).
    fn reports_after(&self, mut k: usize, end: usize) -> bool {
        if k < end && self.cue(k - 1) == Some(CueClass::Tell) && matches!(&self.lower[k], "reporters" | "journalists") {
            k += 1;
        }
        // `said later that he was happy`: a time adverb is no end (the
        // prepositions that open an adjunct, `on Monday`, are, below).
        while k < end
            && is_time_word(&self.lower[k])
            && !matches!(&self.lower[k], "on" | "in" | "at" | "during" | "after" | "before" | "from" | "to")
        {
            k += 1;
        }
        !(k >= end
            || matches!(self.tokens[k].kind, TokenKind::Terminal)
            || matches!(self.t(k), "," | ";" | ":")
            || matches!(&self.lower[k], "on" | "in" | "at" | "during" | "after" | "before" | "from" | "to"))
    }

    /// Speaker from the words before a quote in its sentence.
    fn pre_frame(&self, open: usize, classes: &[CueClass]) -> Option<Attribution> {
        let (sent_start, _) = self.sentence(open);
        let lo = sent_start.max(open.saturating_sub(MAX_FRAME));
        let mut c = open;
        while c > lo {
            c -= 1;
            if self.tokens[c].kind == TokenKind::Terminal {
                break;
            }
            if self.in_stretch[c] {
                // Earlier quote of the same sentence: `“A,” he said, “B.”`
                if self.tokens[c].kind == TokenKind::Quote {
                    break;
                }
                continue;
            }
            if c + 1 < open && self.according(c) {
                let np = self.np_after(c + 2, open)?;
                return Some(Attribution { speaker: np, cue: Some((c, c + 2)) });
            }
            if let Some(class) = self.cue(c) {
                if !classes.contains(&class) {
                    continue;
                }
                if self.is_participle(c) {
                    // `Trump said …, adding, “…”` / `footage of X asking, “…”`:
                    // an earlier cue of the sentence, else its subject.
                    if let Some(a) = self.pre_frame(c, classes) {
                        return Some(a);
                    }
                    if let Some(np) = self.np_before(c, sent_start) {
                        // `footage of X asking`: X is the speaker.
                        if let Some(of) = (np.0..np.1).rev().find(|&i| &self.lower[i] == "of") {
                            if of + 1 < np.1 {
                                return Some(Attribution { speaker: (of + 1, np.1), cue: Some((c, c + 1)) });
                            }
                        }
                    }
                    return self
                        .sentence_subject(sent_start, c)
                        .map(|np| Attribution { speaker: np, cue: Some((c, c + 1)) });
                }
                if let Some(np) = self.np_before(c, lo.min(sent_start)) {
                    return Some(Attribution { speaker: np, cue: Some((c, c + 1)) });
                }
                // `said X: “…”` (inverted) in a lead-in.
                if cues::inverts(&self.lower[c]) {
                    if let Some(np) = self.np_after(c + 1, open) {
                        return Some(Attribution { speaker: np, cue: Some((c, c + 1)) });
                    }
                }
                return None;
            }
        }
        None
    }

    /// A transcript line (`"WALLACE: Let's start …`): the speaker label's
    /// token range, the `:` being its cue.
    fn transcript_label(&self, s: &marks::Stretch) -> Option<(usize, usize)> {
        let (c0, c1) = s.content;
        if c0 + 2 < c1 && self.t(c0 + 1) == ":" && self.tokens[c0].kind == TokenKind::Word {
            let w = self.t(c0);
            if w.chars().count() >= 2 && w.chars().all(|c| c.is_uppercase() || c == '.') {
                return Some((c0, c0 + 1));
            }
        }
        None
    }

    fn direct_frame(&self, s: &marks::Stretch) -> Option<Attribution> {
        if let Some(label) = self.transcript_label(s) {
            return Some(Attribution { speaker: label, cue: Some((label.1, label.1 + 1)) });
        }
        // A headline `Cecile Richards: ‘I’m sick of …’`: a name alone
        // before the colon that opens the quote.
        let colon = s.open.wrapping_sub(1);
        if s.open > 1 && self.t(colon) == ":" {
            let (sent_start, _) = self.sentence(s.open);
            if let Some(np) = self.np_after(sent_start, colon) {
                // A name: an NER mention, or two to four capitalised words.
                let name =
                    self.mention_of[np.0].is_some() || (np.1 - np.0 >= 2 && (np.0..np.1).all(|i| self.starts_upper(i)));
                if np.1 == colon && self.starts_upper(np.0) && np.1 - np.0 <= 4 && name {
                    return Some(Attribution { speaker: np, cue: Some((colon, colon + 1)) });
                }
            }
        }
        if s.close.is_some() {
            if let Some(a) = self.post_frame(s.end - 1, true) {
                return Some(a);
            }
        }
        self.pre_frame(s.open, &[CueClass::Speech, CueClass::Tell])
    }

    fn partial_frame(&self, s: &marks::Stretch) -> Option<Attribution> {
        self.pre_frame(s.open, &[CueClass::Speech, CueClass::Tell, CueClass::Report])
            .or_else(|| {
                // `… called it “a disgrace”` with a subject before the verb.
                let (sent_start, _) = self.sentence(s.open);
                let mut c = s.open;
                while c > sent_start.max(s.open.saturating_sub(MAX_FRAME)) {
                    c -= 1;
                    if self.tokens[c].kind == TokenKind::Word && is_naming_verb(&self.lower[c]) {
                        let np = self.np_before(c, sent_start)?;
                        return Some(Attribution { speaker: np, cue: Some((c, c + 1)) });
                    }
                }
                None
            })
            .or_else(|| s.close.and_then(|_| self.post_frame(s.end - 1, false)))
            .or_else(|| {
                // `…, he said.` at the end of the sentence holding the quote.
                s.close?;
                let close = s.end - 1;
                let (_, sent_end) = self.sentence(close);
                (close + 1..sent_end.min(close + 1 + MAX_FRAME))
                    .find(|&c| self.tokens[c].kind == TokenKind::Punct && self.t(c) == ",")
                    .and_then(|comma| {
                        self.post_frame(comma, false)
                            .filter(|a| a.speaker.0 == comma + 1 || a.cue.is_some_and(|c| c.0 == comma + 1))
                    })
            })
    }

    /// Whether paragraph `p` reads as a photo caption, not prose: six to 30
    /// tokens with no sentence punctuation and no cue word (`Hori Parata at
    /// his Pātaua farm, the place where he was born and grew up`). Shorter
    /// lines are more often subheadings, which may open another voice.
    fn is_caption(&self, p: usize) -> bool {
        let para = &self.doc.paragraphs[p];
        let (start, end) = (para.tokens.start as usize, para.tokens.end as usize);
        let words = (start..end).filter(|&i| self.tokens[i].kind == TokenKind::Word).count();
        (6..=30).contains(&(end - start))
            && words >= 6
            && (start..end).all(|i| self.tokens[i].kind != TokenKind::Terminal && self.cue(i).is_none())
    }

    /// Whether paragraph `p` holds nothing but quoted stretches.
    fn quote_only_para(&self, p: usize) -> bool {
        let para = &self.doc.paragraphs[p];
        (para.tokens.start as usize..para.tokens.end as usize)
            .all(|i| self.in_stretch[i] || !matches!(self.tokens[i].kind, TokenKind::Word))
    }

    /// A speaker introduced at the end of paragraph `p` for the quote that
    /// follows (`Caddell continued:` / `The Post reports:`).
    fn introduced_before(&self, p: usize) -> Option<Attribution> {
        let para = &self.doc.paragraphs[p];
        let (start, end) = (para.tokens.start as usize, para.tokens.end as usize);
        if end == start || self.t(end - 1) != ":" {
            return None;
        }
        let (sent_start, _) = self.sentence(end - 1);
        let mut c = end - 1;
        while c > sent_start {
            c -= 1;
            if self.cue(c).is_some() {
                if let Some(np) = self.np_before(c, sent_start) {
                    return Some(Attribution { speaker: np, cue: Some((c, c + 1)) });
                }
                if let Some(np) = self.np_after(c + 1, end - 1) {
                    return Some(Attribution { speaker: np, cue: Some((c, c + 1)) });
                }
            }
        }
        None
    }

    // ---- indirect speech -----------------------------------------------------

    /// Indirect speech: (attribution, content token range, cue token range).
    #[allow(clippy::type_complexity)]
    fn indirect(&self, stretches: &[marks::Stretch]) -> Vec<(Attribution, (usize, usize), (usize, usize))> {
        let mut out = Vec::new();
        // A sentence that is mostly a direct quote is not reported speech.
        // `direct_tok[i]`: direct-quote tokens before token `i` (prefix count).
        let mut is_direct = vec![false; self.tokens.len()];
        for s in stretches {
            if s.continued || self.is_direct(s) {
                for f in &mut is_direct[s.open..s.end] {
                    *f = true;
                }
            }
        }
        let mut direct_tok = Vec::with_capacity(self.tokens.len() + 1);
        direct_tok.push(0u32);
        for &d in &is_direct {
            direct_tok.push(direct_tok.last().copied().unwrap_or(0) + d as u32);
        }
        for sent in &self.doc.sentences {
            let (start, end) = (sent.tokens.start as usize, sent.tokens.end as usize);
            if end - start < 4 {
                continue;
            }
            let mut content_end = end;
            while content_end > start
                && (matches!(self.tokens[content_end - 1].kind, TokenKind::Terminal)
                    || (self.tokens[content_end - 1].kind == TokenKind::Quote && !self.in_stretch[content_end - 1]))
            {
                content_end -= 1;
            }
            // Several reports in one sentence (`X said …, but she noted
            // that …`): after each one, look again from the next clause
            // break after its cue, cutting the earlier content there. A few
            // rounds at most, so a sentence is scanned a bounded number of times.
            let mut from = start;
            // The last one found and the clause break after its cue.
            let mut pending: Option<((Attribution, (usize, usize), (usize, usize)), Option<usize>)> = None;
            // The speaker of the last report when the next round starts at a
            // participle cue (`X denied the claims, telling the BBC that …`).
            let mut carried = None;
            for _ in 0..MAX_REPORTS_PER_SENTENCE {
                let found = if end - from < 4 {
                    None
                } else {
                    self.indirect_in((from, carried), end, content_end, &direct_tok, &is_direct)
                };
                let Some(found) = found else { break };
                if let Some((found, Some(k))) = pending.take() {
                    // A later report: the earlier content stops at the break.
                    out.push(self.cut_at(found, k, carried.is_some()));
                }
                let cue = found.2;
                // After a report verb with an object (`condemned the attack`),
                // `and` before a speech verb of the hand lists joins a second
                // verb of the same subject (`… and said the U.S. would
                // help`); after `said` or `that` it may belong to the content.
                // The same holds for a participle after a comma (`denied the
                // allegations, telling the BBC …`). Not after `according
                // to` (no verb), a speech verb or a verb of belief, nor
                // when the words before are a clause of their own (`Police
                // said the suspect fled, saying …`: the suspect may be the
                // one saying it).
                let verb = &self.lower[cue.0];
                let object = ((self.cue(cue.0) == Some(CueClass::Report) && !cues::mental(verb))
                    || cues::takes_object(verb))
                    && found.1 .0 > 0
                    && &self.lower[found.1 .0 - 1] != "that";
                // (`’s` after a name is a possessive, not `is`: `condemned
                // Wednesday’s attack, saying …`.)
                let clause =
                    |k: usize| self.finite_clause(found.1 .0, k) && !(found.1 .0..k).any(|i| self.is_possessive(i));
                let next_verb = |k: usize| {
                    object
                        && !clause(k)
                        && (self.participle_cue(k)
                            || (&self.lower[k] == "and"
                                && k + 1 < content_end
                                && self.cue(k + 1).is_some()
                                && !self.lower[k + 1].ends_with("ing")
                                && cues::hand_listed(&self.lower[k + 1])))
                };
                let split = (cue.1.max(found.1 .0)..content_end).find(|&k| self.clause_break(k) || next_verb(k));
                let speaker = found.0.speaker;
                pending = Some((found, split));
                match split {
                    // The participle or second verb is the next round's cue,
                    // and its speaker the one just found.
                    Some(k) if next_verb(k) => {
                        from = if self.participle_cue(k) { k } else { k + 1 };
                        carried = Some(speaker);
                    }
                    Some(k) if k + 1 < end => {
                        from = k + 1;
                        carried = None;
                    }
                    _ => {
                        carried = None;
                        break;
                    }
                }
            }
            // A participle or second verb ends the content even with no
            // report found after it (`condemned the attack, calling it
            // cowardly`): `carried` is still set then.
            out.extend(pending.map(|(found, split)| match split {
                Some(k) if carried.is_some() => self.cut_at(found, k, true),
                _ => found,
            }));
        }
        for (_, (a, b), _) in &mut out {
            *a = self.past_dateline(*a, *b);
        }
        out
    }

    /// The content start `a` moved past a dateline opening its paragraph
    /// (`LONDON —`, `WASHINGTON, D.C. --`): capitals, commas and periods up
    /// to a dash, leaving words before `b`.
    fn past_dateline(&self, a: usize, b: usize) -> usize {
        if !(a == 0 || self.tokens[a].gap >= Gap::Line) {
            return a;
        }
        let mut j = a;
        let mut capitals = false;
        while j < b.min(a + 8) {
            let t = self.t(j);
            let upper = self.tokens[j].kind == TokenKind::Word
                && t.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !t.chars().any(char::is_lowercase);
            if upper {
                capitals = true;
            } else if !matches!(t, "," | ".") {
                break;
            }
            j += 1;
        }
        let dash = j < b && (self.tokens[j].kind == TokenKind::Dash || self.spaced_hyphen(j));
        if capitals && dash && j + 2 < b {
            j + 1
        } else {
            a
        }
    }

    /// A report whose content stops at token `k`, when that leaves a few
    /// words (any, when `k` starts the same speaker's next verb: `condemned
    /// the attack and said …`).
    #[allow(clippy::type_complexity)]
    fn cut_at(
        &self,
        (att, (a, mut b), cue): (Attribution, (usize, usize), (usize, usize)),
        k: usize,
        next_verb: bool,
    ) -> (Attribution, (usize, usize), (usize, usize)) {
        if b > k && (k > a + 2 || (next_verb && k > a)) {
            b = k;
            while b > a + 1 && matches!(self.t(b - 1), "," | ";") {
                b -= 1;
            }
        }
        (att, (a, b), cue)
    }

    /// The token after the addressee of a tell verb, starting at `a`:
    /// `told reporters`, `told The Post`, `asked him how …` (an object
    /// pronoun before a word that opens a content clause; `urged them to
    /// reconsider` keeps it, as PolNeAR does, and `told her staff` is a
    /// phrase).
    fn past_addressee(&self, a: usize, end: usize) -> Option<usize> {
        let pronoun = a + 1 < end
            && matches!(&self.lower[a], "him" | "her" | "them" | "us" | "me")
            && matches!(
                &self.lower[a + 1],
                "that" | "whether" | "if" | "how" | "what" | "why" | "when" | "where" | "who"
            );
        if pronoun {
            Some(a + 1)
        } else {
            self.np_after(a, end).map(|obj| obj.1)
        }
    }

    /// The token after the `that` of an adjunct starting at `a`, right after
    /// a cue: `said in a statement that`, `says at a campaign stop in Toledo,
    /// Ohio, that`.
    fn past_that(&self, a: usize, end: usize) -> Option<usize> {
        let t = (a..end.min(a + 12)).find(|&i| &self.lower[i] == "that")?;
        let adjunct = (a..t).all(|i| self.cue(i).is_none() && self.tokens[i].kind != TokenKind::Terminal)
            && (a..t).all(|i| !matches!(self.t(i), ":" | ";"))
            && self.t(a) != ","
            // `say the demand that surprised them has …`: a noun phrase
            // right after the cue is the content's subject and `that`
            // a relative pronoun, not an adjunct before a complementizer.
            && !(t > a && opens_noun_phrase(&self.lower[a]));
        adjunct.then_some(t + 1)
    }

    /// The token after a time phrase at `a` (`said Tuesday that`, `said on
    /// Monday`, `said this week`, `said later`), which must end in a time
    /// noun or adverb: not `said this is …`, `wrote on Twitter`, nor
    /// `condemned Wednesday’s attack`.
    fn past_time(&self, a: usize, end: usize) -> usize {
        let (mut j, mut past) = (a, a);
        while j < end && is_time_word(&self.lower[j]) {
            j += 1;
            if !matches!(&self.lower[j - 1], "on" | "this" | "last" | "late" | "early") {
                past = j;
            }
        }
        if self.is_possessive(past) {
            a
        } else {
            past
        }
    }

    /// A cue participle after a comma (`…, telling the BBC that …`,
    /// `…, saying …`): a report of its own, by the clause's speaker.
    fn participle_cue(&self, k: usize) -> bool {
        self.is_participle(k) && self.cue(k).is_some()
    }

    /// A conjunction opening a new clause after a comma or semicolon (`…,
    /// but she noted …`, `…; though …`), or a semicolon.
    fn clause_break(&self, k: usize) -> bool {
        if self.in_stretch[k] {
            return false;
        }
        self.t(k) == ";"
            || (k > 0
                && matches!(self.t(k - 1), "," | ";")
                && matches!(&self.lower[k], "but" | "though" | "although" | "while" | "whereas" | "and"))
    }

    #[allow(clippy::type_complexity, clippy::needless_range_loop)]
    fn indirect_in(
        &self,
        (start, carried): (usize, Option<(usize, usize)>),
        end: usize,
        content_end: usize,
        direct: &[u32],
        is_direct: &[bool],
    ) -> Option<(Attribution, (usize, usize), (usize, usize))> {
        // Prefix counts keep every test below O(1) (a sentence can be huge).
        let words = |a: usize, b: usize| self.words_before[b] - self.words_before[a];
        let good = |a: usize, b: usize| b > a + 2 && words(a, b) >= 3 && direct[b] == direct[a];
        // Pass 0 looks for a frame closing the sentence only (`…, a spokesman
        // said Monday.`, `…, according to a campaign aide.`), which names the
        // source of the whole sentence even when an earlier verb looks like a
        // cue (`the campaign plans to …, a spokesman announced`); pass 1 takes
        // the first cue with a subject.
        for pass in 0..2 {
            let found =
                self.indirect_pass(pass == 0, (start, end, content_end, carried), &words, &good, direct, is_direct);
            if let Some(found) = found {
                return Some(found);
            }
        }
        self.document_source(start, end, content_end, &good)
    }

    /// No cue with a subject: a poll, study or statement named as the source
    /// (`In a CBS News poll released Monday, 50 percent chose …`, `Trump has
    /// a decisive lead in the polls.`), the `in` being the cue.
    #[allow(clippy::type_complexity)]
    fn document_source(
        &self,
        start: usize,
        end: usize,
        content_end: usize,
        good: &dyn Fn(usize, usize) -> bool,
    ) -> Option<(Attribution, (usize, usize), (usize, usize))> {
        let source_head = |np: (usize, usize)| is_document_noun(&self.lower[np.1 - 1]);
        let first = if self.tokens[start].kind == TokenKind::Word { start } else { start + 1 };
        if first + 2 < end && &self.lower[first] == "in" {
            let np = self.np_after(first + 1, end)?;
            // The phrase ends at its document noun and may go on to its comma
            // (`poll released Monday,`).
            let head = (np.0..np.1).rev().find(|&i| is_document_noun(&self.lower[i]))?;
            let np = (np.0, head + 1);
            let comma = (np.1..end.min(np.1 + 8)).find(|&i| self.t(i) == ",")?;
            // Not when a speaker follows (`In a wide-ranging interview,
            // President Obama also said:`).
            if source_head(np)
                && (np.1..comma).all(|i| self.tokens[i].kind == TokenKind::Word)
                && (comma + 1..content_end).all(|i| self.cue(i).is_none_or(|c| c == CueClass::Report))
                && good(comma + 1, content_end)
            {
                let cue = (first, first + 1);
                return Some((Attribution { speaker: np, cue: Some(cue) }, (comma + 1, content_end), cue));
            }
            return None;
        }
        // `… in the polls.` closing the sentence.
        let i = (start + 3..content_end).rev().take(6).find(|&i| &self.lower[i] == "in" && !self.in_stretch[i])?;
        let np = self.np_after(i + 1, content_end)?;
        if np.1 == content_end
            && matches!(&self.lower[np.1 - 1], "poll" | "polls" | "survey" | "surveys")
            && good(start, i)
        {
            let cue = (i, i + 1);
            return Some((Attribution { speaker: np, cue: Some(cue) }, (start, i), cue));
        }
        None
    }

    #[allow(clippy::type_complexity, clippy::needless_range_loop)]
    fn indirect_pass(
        &self,
        trailing_only: bool,
        (start, end, content_end, carried): (usize, usize, usize, Option<(usize, usize)>),
        words: &dyn Fn(usize, usize) -> u32,
        good: &dyn Fn(usize, usize) -> bool,
        direct: &[u32],
        is_direct: &[bool],
    ) -> Option<(Attribution, (usize, usize), (usize, usize))> {
        for c in start..end {
            if is_direct[c] || self.in_stretch[c] {
                continue;
            }
            // `According to X, …` / `…, according to X.`
            if self.according(c) {
                if trailing_only && !(c > start && self.t(c - 1) == ",") {
                    continue;
                }
                let np = self.np_after(c + 2, end)?;
                let cue = (c, c + 2);
                let att = Attribution { speaker: np, cue: Some(cue) };
                // Leading at a clause start: `And it hasn't gone unnoticed:
                // according to recent polls, …`.
                let leading = c == start
                    || (c == start + 1 && self.tokens[start].kind != TokenKind::Word)
                    || matches!(self.t(c - 1), ":" | ";")
                    || self.tokens[c - 1].kind == TokenKind::Dash
                    || self.spaced_hyphen(c - 1)
                    || matches!(&self.lower[c - 1], "and" | "but");
                if leading {
                    let mut a = np.1;
                    while a < end && self.t(a) != "," {
                        a += 1;
                    }
                    if good(a + 1, content_end) {
                        return Some((att, (a + 1, content_end), cue));
                    }
                } else if c > start && self.t(c - 1) == "," && good(start, c - 1) {
                    return Some((att, (start, c - 1), cue));
                }
                return None;
            }
            let Some(class) = self.cue(c) else { continue };
            // `X …, saying (that) …`: the participle's speaker is the sentence
            // subject, or the speaker of the report it follows (`X denied
            // the claims, telling the BBC that …`).
            if !trailing_only && self.is_participle(c) {
                let carried = carried.filter(|_| c == start);
                if let Some(np) = carried.or_else(|| self.sentence_subject(start, c)) {
                    let mut a = c + 1;
                    // Skip the addressee and an adjunct: `telling reporters
                    // that …`, `saying in a statement that …`.
                    if class == CueClass::Tell {
                        if let Some(e) = self.past_addressee(a, end).filter(|&e| e < end && &self.lower[e] == "that") {
                            a = e;
                        }
                    }
                    let that = self.past_that(a, end);
                    a = that.unwrap_or(a);
                    let that = that.is_some();
                    if a < content_end
                        && self.starts_clause(a)
                        && (that || !cues::weak(&self.lower[c]))
                        && good(a, content_end)
                    {
                        let cue = (c, c + 1);
                        return Some((Attribution { speaker: np, cue: Some(cue) }, (a, content_end), cue));
                    }
                }
                continue;
            }
            // `…, said X.` / `…, X said.` at the end of the sentence.
            if c > start + 2 {
                let inverted = self.t(c - 1) == "," && cues::inverts(&self.lower[c]);
                if inverted {
                    if let Some(np) = self
                        .np_after(c + 1, end)
                        .filter(|&np| self.ends_clause(np.1, end) && self.plausible_speaker(np))
                    {
                        if good(start, c - 1) {
                            let cue = (c, c + 1);
                            return Some((Attribution { speaker: np, cue: Some(cue) }, (start, c - 1), cue));
                        }
                    }
                }
                if class != CueClass::Report {
                    if let Some(np) = self.np_before(c, start).filter(|&np| self.plausible_speaker(np)) {
                        let cue = (c, c + 1);
                        let mut k = c + 1;
                        while k < end && is_time_word(&self.lower[k]) {
                            k += 1;
                        }
                        // A frame ending in a colon introduces what follows
                        // (`In a wide-ranging interview, President Obama also said:`).
                        let colon = k < end && self.t(k) == ":";
                        if np.0 > start + 2 && self.t(np.0 - 1) == "," && !colon && good(start, np.0 - 1) {
                            // Only when the cue ends the clause: `…, he said Monday.`,
                            // `…, top lawmakers said Friday afternoon, as they …`.
                            let rest = words((c + 6).min(end), end) == 0 || k >= end || self.t(k) == ",";
                            if rest {
                                // A frame inside the sentence whose clause goes on
                                // after it (`For days after a storm, Con Edison
                                // officials say, they often deal with …`): the
                                // content is the whole sentence around the frame.
                                let goes_on = k < end
                                    && self.t(k) == ","
                                    && k + 1 < content_end
                                    && self.starts_clause(k + 1)
                                    && !is_subordinator(&self.lower[k + 1])
                                    && !self.lower[k + 1].ends_with("ing")
                                    && !is_time_word(&self.lower[k + 1])
                                    && !matches!(&self.lower[k + 1], "a" | "an" | "even" | "just" | "only")
                                    && self.cue(k + 1).is_none()
                                    && good(k + 1, content_end);
                                let content = if goes_on { (start, content_end) } else { (start, np.0 - 1) };
                                return Some((Attribution { speaker: np, cue: Some(cue) }, content, cue));
                            }
                        } else if np.0 > start + 1
                            && self.t(np.0 - 1) == ","
                            && k < end
                            && self.t(k) == ","
                            && good(k + 1, content_end)
                        {
                            // A frame between commas after a short opening: `The
                            // goal, he said, is to forge a cease-fire.`
                            return Some((Attribution { speaker: np, cue: Some(cue) }, (k + 1, content_end), cue));
                        }
                    }
                }
            }
            if trailing_only {
                continue;
            }
            // `X said (that) …`, or the second verb of `X condemned … and
            // said …` (its speaker carried from the first).
            let learned_only = cues::learned_only(&self.lower[c]);
            let Some(np) = carried.filter(|_| c == start).or_else(|| {
                self.np_before(c, start)
                    .filter(|&np| self.plausible_speaker(np) && (!learned_only || self.speaks_through(np)))
            }) else {
                continue;
            };
            let mut a = c + 1;
            let mut cue = (c, c + 1);
            // `called for an inquiry`: the preposition belongs to the cue.
            if self.lower[c].starts_with("call") && a < end && matches!(&self.lower[a], "for" | "on") {
                a += 1;
                cue = (c, a);
            }
            if class == CueClass::Tell {
                // Skip the addressee: `told reporters`, `told The Post`.
                if let Some(e) = self.past_addressee(a, end) {
                    a = e;
                }
            }
            let after_that = self.past_that(a, end);
            a = after_that.unwrap_or(a);
            let after_that = after_that.is_some();
            a = self.past_time(a, end);
            if a < end && matches!(self.t(a), ":" | ",") {
                a += 1;
            }
            // `is promising to help …`, `urged Republicans to join …` (not `said
            // to be`, nor a quantity: `declined to around 40%`).
            let infinitive = a + 1 < content_end
                && &self.lower[a] == "to"
                && self.starts_lower(a + 1)
                && !matches!(&self.lower[c], "said" | "says" | "say" | "saying")
                && !opens_noun_phrase(&self.lower[a + 1])
                && !matches!(&self.lower[a + 1], "that" | "him" | "them" | "us" | "me" | "it" | "be")
                && !is_approximation(&self.lower[a + 1]);
            let weak = cues::weak(&self.lower[c]);
            // `The thaw … worried Tasos Georgelis, deputy commissioner …`: a
            // verb of belief or feeling whose object is a person described
            // in apposition reports nothing.
            let person_object = !after_that
                && a < content_end
                && cues::mental(&self.lower[c])
                && self.mention_of[a].is_some_and(|m| {
                    let m = &self.doc.mentions[m as usize];
                    let e = m.tokens.end as usize;
                    m.label == Label::Per && m.tokens.start as usize == a && e < content_end && self.t(e) == ","
                });
            if a >= content_end
                || person_object
                || !(after_that
                    || infinitive
                    || (self.starts_clause(a) && (!weak || self.finite_clause(a, content_end))))
            {
                continue;
            }
            // A short object is content too (`X praised the plan`), unless
            // it is cut by punctuation before the sentence ends.
            let short_ok = class != CueClass::Tell
                && !weak
                && words(a, content_end) >= 1
                && direct[content_end] == direct[a]
                && content_end <= a + 4
                && (a..content_end).all(|i| self.tokens[i].kind == TokenKind::Word);
            if good(a, content_end) || short_ok {
                return Some((Attribution { speaker: np, cue: Some(cue) }, (a, content_end), cue));
            }
        }
        None
    }

    /// A clause with a subject and an auxiliary or modal within its first
    /// words (`we hope the talks will resume`), not a bare object (`included
    /// an upper house, the Legislative Council, until this was abolished`).
    fn finite_clause(&self, a: usize, end: usize) -> bool {
        (a + 1..end.min(a + 6)).any(|i| {
            let w = &self.lower[i];
            is_auxiliary(w)
                || matches!(
                    w,
                    "shall"
                        | "must"
                        | "do"
                        | "won't"
                        | "wouldn't"
                        | "can't"
                        | "couldn't"
                        | "isn't"
                        | "wasn't"
                        | "'s"
                        | "’s"
                )
        })
    }

    /// Whether a content clause can start at token `i`.
    fn starts_clause(&self, i: usize) -> bool {
        let tk = &self.tokens[i];
        match tk.kind {
            TokenKind::Word => !matches!(
                &self.lower[i],
                "to" | "by"
                    | "in"
                    | "on"
                    | "at"
                    | "with"
                    | "for"
                    | "of"
                    | "and"
                    | "or"
                    | "but"
                    | "from"
                    | "about"
                    | "as"
                    | "into"
                    | "is"
                    | "was"
                    | "were"
                    | "are"
                    | "be"
                    | "been"
                    | "up"
                    | "down"
                    | "out"
                    | "off"
                    | "back"
                    | "away"
                    | "goodbye"
                    | "hello"
                    | "so"
                    | "thanks"
                    | "yes"
                    | "no"
            ),
            TokenKind::Quote | TokenKind::Number => true,
            _ => false,
        }
    }

    // ---- output ------------------------------------------------------------

    /// `“…,” she added.` right after an attributed quote (`her mother said`),
    /// in its paragraph or the one before, with nobody named in between
    /// (checked by the caller): the pronoun continues that speaker and takes
    /// its entity (none for a description) rather than the latest person of
    /// its gender, unless that entity's gender is known and differs.
    fn continues_speaker(&self, a: Attribution, prev: Option<u32>, paras_back: usize) -> bool {
        let pronoun = a.speaker.1 - a.speaker.0 == 1 && matches!(&self.lower[a.speaker.0], "he" | "she");
        let continuing =
            a.cue.is_some_and(|(c, _)| matches!(&self.lower[c], "added" | "adds" | "continued" | "continues" | "went"));
        if !pronoun || !continuing || paras_back > 1 {
            return false;
        }
        use crate::entities::names::Gender;
        let want = if &self.lower[a.speaker.0] == "he" { Gender::Male } else { Gender::Female };
        prev.and_then(|e| crate::entities::person_gender(self.doc, e)).is_none_or(|g| g == want)
    }

    fn make_quote(&self, span: ByteSpan, kind: QuoteKind, att: Option<Attribution>) -> Quote {
        let to_span = |(a, b): (usize, usize)| {
            ByteSpan::new(self.tokens[a].span.start as usize, self.tokens[b - 1].span.end as usize)
        };
        let speaker = att.map(|a| to_span(a.speaker));
        let entity = att.and_then(|a| self.entity_of(a.speaker));
        Quote { span, kind, speaker, entity, cue: att.and_then(|a| a.cue).map(to_span) }
    }

    /// The entity a speaker phrase names: the last PER/ORG mention inside it
    /// that heads the phrase, else any mention inside, else a pronoun or
    /// description resolved from the preceding text.
    ///
    /// A person who only modifies the head noun is not the speaker: in
    /// `Boris Johnson's critics`, `Putin's foreign minister` or `a lawyer for
    /// President Obama` someone else speaks, so the phrase names no entity,
    /// unless a name follows in apposition (`Clinton's lawyer, David Kendall,
    /// said`) or the head speaks for that person: a spokesperson, an office,
    /// campaign or government (`Trump's spokesman`, `a spokeswoman for Angela
    /// Merkel`, `Netanyahu's office`). An organisation or
    /// place in that position stays the speaker's entity, as metonymy
    /// (`Google's lawyers`, `the Kremlin's spokesman`, `Texas officials`).
    fn entity_of(&self, (a, b): (usize, usize)) -> Option<u32> {
        let mut mentions: Vec<u32> = (a..b).filter_map(|i| self.mention_of[i]).collect();
        mentions.dedup();
        let label = |m: u32| self.doc.mentions[m as usize].label;
        // A name as the possessor (`X's N`) or complement (`N for X`, `N of
        // X`) of another noun in the phrase.
        let dependent = |m: u32| {
            let r = self.doc.mentions[m as usize].tokens.range();
            // A title between the preposition and the name: `a lawyer for President Obama`.
            let mut k = r.start;
            while k > a && crate::entities::is_personal_title(&self.lower[k - 1]) {
                k -= 1;
            }
            (r.end + 1 < b && self.is_possessive(r.end)) || (k > a + 1 && matches!(&self.lower[k - 1], "for" | "of"))
        };
        let dependent_person = |m: u32| label(m) == Label::Per && dependent(m);
        // `The leader of Ennahda, Rachid Ghannouchi, said`: the person named
        // in apposition, not the organisation.
        if mentions.iter().any(|&m| dependent(m)) {
            if let Some(m) = self.apposition_after(b) {
                return Some(m);
            }
        }
        if mentions.iter().any(|&m| dependent_person(m)) {
            // Who speaks for the person: a spokesperson, or their office,
            // campaign or government (`Netanyahu's office said`).
            let speaks_for = (a..b).any(|i| {
                self.mention_of[i].is_none()
                    && (self.lower[i].starts_with("spokes")
                        || matches!(
                            &self.lower[i],
                            "office" | "campaign" | "administration" | "government" | "camp" | "team" | "staff"
                        ))
            });
            if !speaks_for {
                mentions.retain(|&m| !dependent_person(m));
                if !mentions.iter().any(|&m| matches!(label(m), Label::Per | Label::Org | Label::Loc)) {
                    return None;
                }
            }
        }
        // A person or organisation in the phrase; else the last other name,
        // but a nationality (MISC) only when it heads the phrase: in
        // `American officials` the officials speak, not `American` (a place
        // before the noun stays, as metonymy: `Texas officials` → Texas).
        // A person right before a post-modifier heads the phrase (`Bob
        // O'Neil of Acme Corp`; not `Former Reagan chief of staff Don
        // Regan`); else the last person or organisation (`Clinton campaign
        // spokesman Brian Fallon`, `a spokesman for the Navy`).
        let head_end = (a..b).find(|&i| matches!(&self.lower[i], "of" | "for" | "at" | "with")).unwrap_or(b);
        let person_or_org = |m: &&u32| matches!(label(**m), Label::Per | Label::Org);
        let head = mentions.iter().find(|&&m| {
            label(m) == Label::Per && head_end < b && self.doc.mentions[m as usize].tokens.end as usize == head_end
        });
        let pick = head.or_else(|| mentions.iter().rev().find(person_or_org)).or(mentions.last().filter(|&&m| {
            let m = &self.doc.mentions[m as usize];
            m.label != Label::Misc || m.tokens.end as usize >= b
        }));
        if let Some(&m) = pick {
            return Some(self.doc.mentions[m as usize].entity);
        }
        // `Barkley, who said`: the entity of the name before the comma.
        if b == a + 1 && &self.lower[a] == "who" && a > 1 && self.t(a - 1) == "," {
            if let Some(m) = self.mention_of[a - 2] {
                let m = &self.doc.mentions[m as usize];
                if matches!(m.label, Label::Per | Label::Org) {
                    return Some(m.entity);
                }
            }
            return None;
        }
        // `his aide, Tom Jones, said`: a description named in apposition.
        if !(b == a + 1 && self.is_pronoun(a)) {
            if let Some(e) = self.apposition_after(b) {
                return Some(e);
            }
        }
        let span = ByteSpan::new(self.tokens[a].span.start as usize, self.tokens[b - 1].span.end as usize);
        crate::entities::resolve_speaker(self.doc, span)
    }

    /// Whether token `i` is a possessive ending (`'s`, `’s`, or a lone
    /// apostrophe after a plural: `the students'`).
    fn is_possessive(&self, i: usize) -> bool {
        i < self.tokens.len()
            && self.tokens[i].gap == crate::text::Gap::None
            && matches!(crate::ner::features::ascii_punct(self.t(i)).as_ref(), "'s" | "'S" | "'")
    }

    /// The entity of a person named in apposition right after token `b`:
    /// `, David Kendall,` in `Clinton's lawyer, David Kendall, said`.
    fn apposition_after(&self, b: usize) -> Option<u32> {
        if b + 2 >= self.tokens.len() || self.t(b) != "," {
            return None;
        }
        let m = self.mention_of[b + 1]?;
        let mention = &self.doc.mentions[m as usize];
        let end = mention.tokens.end as usize;
        (mention.label == Label::Per
            && mention.tokens.start as usize == b + 1
            && end < self.tokens.len()
            && self.t(end) == ",")
            .then_some(mention.entity)
    }
}

/// Words that introduce a quantity (`fell to around 40%`, `rose to nearly
/// half`), never a verb after `to`.
fn is_approximation(w: &str) -> bool {
    matches!(
        w,
        "around"
            | "about"
            | "approximately"
            | "roughly"
            | "nearly"
            | "almost"
            | "just"
            | "only"
            | "under"
            | "over"
            | "below"
            | "above"
            | "less"
            | "more"
            | "fewer"
            | "between"
            | "within"
            | "zero"
            | "half"
    )
}

/// Words that end a speaker phrase (function words).
fn is_function_word(w: &str) -> bool {
    // Time words end it too (`Clinton on Tuesday said`), all but `late`
    // and `early`.
    (is_time_word(w) && !matches!(w, "late" | "early"))
        || matches!(
            w,
            "that"
                | "which"
                | "who"
                | "whom"
                | "whose"
                | "when"
                | "where"
                | "while"
                | "as"
                | "if"
                | "because"
                | "after"
                | "before"
                | "since"
                | "until"
                | "and"
                | "but"
                | "or"
                | "nor"
                | "so"
                | "than"
                | "then"
                | "to"
                | "in"
                | "at"
                | "by"
                | "with"
                | "from"
                | "into"
                | "about"
                | "over"
                | "under"
                | "is"
                | "are"
                | "was"
                | "were"
                | "be"
                | "been"
                | "being"
                | "has"
                | "have"
                | "had"
                | "do"
                | "does"
                | "did"
                | "not"
                | "will"
                | "would"
                | "could"
                | "should"
                | "can"
                | "may"
                | "might"
                | "must"
                | "these"
                | "those"
                | "there"
                | "here"
                | "what"
                | "how"
                | "why"
                | "also"
                | "just"
                | "even"
                | "still"
                | "now"
                | "again"
                | "once"
                | "however"
                | "meanwhile"
                | "yet"
                | "it"
                | "its"
                | "he"
                | "she"
                | "they"
                | "we"
                | "i"
                | "you"
                | "him"
                | "her"
                | "them"
                | "us"
                | "me"
                | "his"
                | "their"
                | "our"
                | "my"
                | "your"
                | "of"
                | "for"
                | "the"
                | "a"
                | "an"
                | "during"
                | "against"
                | "without"
                | "through"
                | "between"
                | "among"
                | "out"
                | "up"
                | "down"
                | "off"
                | "n't"
                | "not,"
                | "too"
                | "very"
                | "only"
                | "never"
                | "all"
                | "some"
                | "any"
                | "no"
                | "every"
                | "each"
                | "both"
                | "either"
                | "neither"
                | "such"
                | "like"
                | "unlike"
                | "per"
                | "via"
                | "amid"
                | "despite"
                | "toward"
                | "towards"
                | "upon"
                | "within"
                | "across"
                | "behind"
                | "beyond"
                | "previously"
                | "repeatedly"
                | "reportedly"
                | "had,"
                | "tomorrow"
                | "next"
                | "ago"
        )
}

/// Pronouns that can be a speaker.
fn is_speaker_pronoun(w: &str) -> bool {
    matches!(w, "he" | "she" | "they" | "it" | "we" | "i" | "you")
}

/// Words between a subject and its cue verb (`X also said`, `X has said`).
fn is_verb_modifier(w: &str) -> bool {
    matches!(
        w,
        "'s" | "’s"
            | "'re"
            | "’re"
            | "'ve"
            | "’ve"
            | "is"
            | "are"
            | "was"
            | "were"
            | "been"
            | "all"
            | "both"
            | "now"
            | "also"
            | "has"
            | "have"
            | "had"
            | "later"
            | "then"
            | "previously"
            | "once"
            | "repeatedly"
            | "reportedly"
            | "long"
            | "recently"
            | "again"
            | "further"
            | "would"
            | "will"
            | "had,"
            | "simply"
            | "flatly"
            | "never"
            | "often"
            | "frequently"
            | "first"
            | "finally"
            | "once,"
            | "publicly"
            | "privately"
            | "quickly"
            | "bluntly"
            | "immediately"
            | "subsequently"
            | "last"
            | "earlier"
            | "ultimately"
            | "even"
            | "actually"
            | "correctly"
            | "falsely"
            | "wrongly"
            | "angrily"
            | "openly"
            | "calmly"
            | "still"
            | "just"
            | "already"
            | "did"
            | "does"
            | "do"
            | "may"
            | "might"
            | "could"
            | "should"
            | "can"
            | "reportedly,"
            | "allegedly"
            | "apparently"
            | "explicitly"
            | "specifically"
            | "directly"
            | "proudly"
            | "famously"
            | "memorably"
            | "notably"
            | "loudly"
            | "quietly"
            | "jokingly"
    )
}

/// An auxiliary or modal verb.
fn is_auxiliary(w: &str) -> bool {
    matches!(
        w,
        "is" | "are"
            | "was"
            | "were"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "did"
            | "does"
            | "may"
            | "might"
            | "could"
            | "should"
            | "can"
    )
}

/// Time words after a cue (`said Monday`, `said on Tuesday`).
fn is_time_word(w: &str) -> bool {
    is_weekday(w)
        || matches!(
            w,
            "today"
                | "yesterday"
                | "tonight"
                | "recently"
                | "earlier"
                | "later"
                | "last"
                | "this"
                | "week"
                | "month"
                | "year"
                | "morning"
                | "afternoon"
                | "evening"
                | "night"
                | "on"
                | "late"
                | "early"
        )
}

/// Nouns for a poll, study or statement that can be the source of what
/// follows `In … ,`.
fn is_document_noun(w: &str) -> bool {
    matches!(
        w,
        "poll"
            | "polls"
            | "survey"
            | "surveys"
            | "study"
            | "report"
            | "analysis"
            | "interview"
            | "statement"
            | "letter"
            | "memo"
            | "filing"
            | "complaint"
            | "lawsuit"
            | "ruling"
            | "opinion"
            | "email"
            | "speech"
            | "tweet"
            | "post"
            | "op-ed"
            | "editorial"
            | "book"
    )
}

/// Words that open an adjunct clause rather than go on with the main one
/// (`…, officials said, as they …`, `…, he said, adding …`).
fn is_subordinator(w: &str) -> bool {
    matches!(
        w,
        "as" | "while"
            | "when"
            | "whenever"
            | "after"
            | "before"
            | "because"
            | "since"
            | "although"
            | "though"
            | "if"
            | "unless"
            | "until"
            | "whereas"
            | "which"
            | "who"
            | "whom"
            | "whose"
            | "where"
            | "according"
            | "adding"
            | "citing"
            | "noting"
            | "saying"
            | "including"
            | "despite"
    )
}

/// Nouns for works whose titles are quoted (`the book “…”`, `his show, ''…''`).
fn is_work_noun(w: &str) -> bool {
    matches!(
        w,
        "book"
            | "books"
            | "novel"
            | "memoir"
            | "film"
            | "films"
            | "movie"
            | "movies"
            | "documentary"
            | "song"
            | "songs"
            | "album"
            | "show"
            | "series"
            | "program"
            | "programme"
            | "episode"
            | "podcast"
            | "column"
            | "article"
            | "essay"
            | "op-ed"
            | "editorial"
            | "poem"
            | "play"
            | "musical"
            | "anthem"
            | "report"
            | "study"
            | "paper"
            | "speech"
            | "headline"
    )
}

/// Verbs that introduce a title: `a speech titled ''How to …''`.
fn is_title_verb(w: &str) -> bool {
    matches!(w, "titled" | "entitled" | "headlined" | "subtitled")
}

/// Verbs that name something with a quoted phrase: `called it “a disgrace”`.
fn is_naming_verb(w: &str) -> bool {
    matches!(
        w,
        "called"
            | "calls"
            | "calling"
            | "call"
            | "described"
            | "describes"
            | "describing"
            | "dubbed"
            | "labeled"
            | "labelled"
            | "branded"
            | "termed"
            | "deemed"
            | "characterized"
            | "likened"
    )
}
