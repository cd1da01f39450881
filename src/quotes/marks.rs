//! Pairing quotation marks into quoted stretches.
//!
//! One pass over each paragraph's tokens with a small stack of open marks, so
//! the cost is linear in the number of tokens (the stack is capped at
//! [`MAX_DEPTH`] and a closing mark searches at most that many entries).
//!
//! Rules:
//! - three families pair with themselves only: double (`“ ” „ "` and `''`,
//!   curly and straight mixed freely, so `“…"` is a pair), single (`‘ ’ '`) and
//!   guillemets (`« »`, `‹ ›`);
//! - a straight `"` or `'` opens when it is loose on the left and tight on the
//!   right, closes when tight on the left and loose on the right, and
//!   otherwise closes an open mark of its family if there is one;
//! - `’` and `'` tight after a word close only when a single quote is open:
//!   otherwise they are apostrophes (`students’`); a mark right after a
//!   number is feet/inches (`6'3"`) unless its family is open; `'90s` is
//!   already one token;
//! - a closing mark closes the nearest open mark of its family and discards
//!   the unclosed marks above it; a closing mark with nothing to close is ignored;
//! - quotes never cross a paragraph break: a mark left open at the end of a
//!   paragraph makes a quote up to the paragraph end only when it opened the
//!   paragraph or the next paragraph opens with the same mark (the news
//!   convention for quotes running over several paragraphs: `“…` then `“…”`;
//!   a paragraph opening with another mark, `"…` then `“…”`, starts a new
//!   quotation); any other unclosed mark is dropped and the pairs inside it
//!   surface. So an unbalanced mark can never swallow more than its own
//!   paragraph;
//! - a run of such paragraphs that ends without any closing mark, and where a
//!   paragraph holds a complete quote of the same family in another mark, is
//!   a block quotation, not a quote: its paragraphs each open with `"`, and
//!   the quotes inside (`“medical problem,”`) are what its people said. An
//!   unclosed run without such pairs stays a quote (a closing mark left out).
//!
//! Only outermost stretches are returned; quotes inside quotes are part of
//! the outer quote's text.

use crate::text::{Paragraph, Token, TokenKind};

/// Deepest nesting tracked; deeper opening marks are ignored.
pub const MAX_DEPTH: usize = 16;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    Double,
    Single,
    Guillemet,
    SingleGuillemet,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Open(Family),
    Close(Family),
    /// Straight mark whose side is decided by what is open: closes an open
    /// mark of its family, else opens (doubles) or is ignored (singles).
    Either(Family),
    /// Closes an open mark of its family, else is not a quote mark (inches, apostrophes).
    CloseOnly(Family),
    Ignore,
}

/// One quoted stretch, as token indices into the document's tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stretch {
    /// Token index of the opening mark.
    pub open: usize,
    /// Token index of the closing mark; `None` when the quote runs to the end
    /// of its paragraph without one.
    pub close: Option<usize>,
    /// One past the last token of the stretch (the closing mark included).
    pub end: usize,
    /// Whether this stretch continues an unclosed one from the previous paragraph.
    pub continued: bool,
    /// Token range of the content between the marks.
    pub content: (usize, usize),
}

struct Open {
    family: Family,
    tok: usize,
    /// Tokens in the opening mark (2 for `''`).
    len: usize,
    /// Pairs closed directly inside this mark, surfaced if it never closes.
    children: Vec<Stretch>,
}

/// Finds the outermost quoted stretches of every paragraph, in text order.
pub fn pair(text: &str, tokens: &[Token], paragraphs: &[Paragraph]) -> Vec<Stretch> {
    let mut out = Vec::new();
    let mut prev_open_ended = false;
    let mut prev_glyph = "";
    // The open-ended stretches of the current run of paragraphs (index in
    // `out`, the pairs inside it), until a paragraph closes the run.
    let mut run: Vec<(usize, Vec<Stretch>, bool)> = Vec::new();
    let mut unclosed: Vec<(usize, Vec<Stretch>)> = Vec::new();
    for (pi, para) in paragraphs.iter().enumerate() {
        let (start, end) = (para.tokens.start as usize, para.tokens.end as usize);
        let mut stack: Vec<Open> = Vec::new();
        let mut found: Vec<Stretch> = Vec::new();
        let mut skip_next = false;
        for i in start..end {
            let tok = &tokens[i];
            if tok.kind != TokenKind::Quote || std::mem::take(&mut skip_next) {
                continue;
            }
            let doubled = is_doubled_single(text, tokens, i, end);
            skip_next = doubled;
            let role =
                if doubled { role_of(text, tokens, i, 2, "\"", start, end) } else { role(text, tokens, i, start, end) };
            let role = match role {
                Role::Either(f) | Role::CloseOnly(f) => {
                    if stack.iter().any(|o| o.family == f) {
                        Role::Close(f)
                    } else if role == Role::Either(Family::Double) {
                        Role::Open(f)
                    } else {
                        Role::Ignore
                    }
                }
                r => r,
            };
            match role {
                Role::Open(family) => {
                    if stack.len() < MAX_DEPTH {
                        stack.push(Open { family, tok: i, len: 1 + doubled as usize, children: Vec::new() });
                    }
                }
                Role::Close(family) => {
                    let Some(at) = stack.iter().rposition(|o| o.family == family) else { continue };
                    stack.truncate(at + 1);
                    let Some(o) = stack.pop() else { continue };
                    let s = Stretch {
                        open: o.tok,
                        close: Some(i),
                        end: i + 1 + doubled as usize,
                        continued: false,
                        content: (o.tok + o.len, i),
                    };
                    match stack.last_mut() {
                        Some(parent) => parent.children.push(s),
                        None => found.push(s),
                    }
                }
                Role::Either(_) | Role::CloseOnly(_) | Role::Ignore => {}
            }
        }
        // Marks left open at the paragraph end.
        let next_para = paragraphs.get(pi + 1).map(|p| (p.tokens.start as usize, p.tokens.end as usize));
        let mut open_ended = false;
        let mut inner = Vec::new();
        let mut block = false;
        let mut glyph = "";
        while let Some(o) = stack.pop() {
            let opens_para = o.tok == start || (o.tok == start + 1 && tokens[start].kind != TokenKind::Word);
            let next_same = next_para.is_some_and(|(n, n_end)| {
                n < n_end
                    && tokens[n].kind == TokenKind::Quote
                    && mark_of(text, tokens, n, 1 + is_doubled_single(text, tokens, n, n_end) as usize)
                        == mark_of(text, tokens, o.tok, o.len)
                    && matches!(role(text, tokens, n, n, n_end), Role::Open(f) | Role::Either(f) if f == o.family)
            });
            if stack.is_empty() && (opens_para || next_same) && o.tok + o.len < end {
                found.push(Stretch { open: o.tok, close: None, end, continued: false, content: (o.tok + o.len, end) });
                open_ended = true;
                glyph = mark_of(text, tokens, o.tok, o.len);
                block = o.children.iter().any(|c| {
                    family(text, tokens, c) == Some(o.family)
                        && mark_of(text, tokens, c.open, c.content.0 - c.open) != glyph
                });
                inner = o.children;
            } else {
                match stack.last_mut() {
                    Some(parent) => parent.children.extend(o.children),
                    None => found.extend(o.children),
                }
            }
        }
        found.sort_by_key(|s| s.open);
        let mut continues = false;
        if prev_open_ended {
            if let Some(first) = found.first_mut() {
                if first.open == start && mark_of(text, tokens, start, first.content.0 - start) == prev_glyph {
                    first.continued = true;
                    continues = true;
                }
            }
        }
        // A run whose last paragraph closes its mark is one quote; a run
        // that stops without any closing mark is unclosed.
        if !continues {
            drop_unclosed(&mut run, &mut unclosed);
        } else if found.first().is_some_and(|s| s.close.is_some()) {
            run.clear();
        }
        prev_open_ended = open_ended;
        prev_glyph = glyph;
        if open_ended {
            let at = found.iter().position(|s| s.close.is_none()).map_or(out.len(), |k| out.len() + k);
            run.push((at, inner, block));
        }
        out.extend(found);
    }
    drop_unclosed(&mut run, &mut unclosed);
    if unclosed.is_empty() {
        return out;
    }
    // A quote that never closes in any paragraph of its run is no quote
    // (a block quotation whose paragraphs each open with a mark, or a stray
    // mark): the pairs inside it are the quotes.
    let mut next = unclosed.into_iter().peekable();
    let mut kept = Vec::with_capacity(out.len());
    for (i, s) in out.into_iter().enumerate() {
        match next.peek() {
            Some((at, _)) if *at == i => {
                let (_, inner) = next.next().unwrap_or_default();
                kept.extend(inner);
            }
            _ => kept.push(s),
        }
    }
    kept.sort_by_key(|s| s.open);
    kept
}

/// Ends a run of open-ended stretches that never closed, marking it for
/// dropping when it is a block quotation: one of its paragraphs holds
/// complete quotes of the same family (`"The first time … a box labeled
/// “medical problem,” …`, every paragraph opening with `"` and none closing).
fn drop_unclosed(run: &mut Vec<(usize, Vec<Stretch>, bool)>, unclosed: &mut Vec<(usize, Vec<Stretch>)>) {
    if run.iter().any(|r| r.2) {
        unclosed.extend(run.drain(..).map(|(at, inner, _)| (at, inner)));
    }
    run.clear();
}

/// The opening mark of `len` tokens at `open` as written (`''` for two
/// apostrophes standing for a double mark).
fn mark_of<'t>(text: &'t str, tokens: &[Token], open: usize, len: usize) -> &'t str {
    if len == 2 {
        "''"
    } else {
        tokens[open].text(text)
    }
}

/// The family of a stretch's opening mark.
fn family(text: &str, tokens: &[Token], s: &Stretch) -> Option<Family> {
    if s.content.0 - s.open == 2 {
        return Some(Family::Double);
    }
    match tokens[s.open].text(text) {
        "\u{201C}" | "\u{201D}" | "\u{201E}" | "\"" | "\u{201F}" | "\u{2033}" => Some(Family::Double),
        "\u{2018}" | "\u{2019}" | "\u{201B}" | "'" | "\u{02BC}" => Some(Family::Single),
        "\u{00AB}" | "\u{00BB}" => Some(Family::Guillemet),
        "\u{2039}" | "\u{203A}" => Some(Family::SingleGuillemet),
        _ => None,
    }
}

/// What the quote token at `i` can do, from the mark and its neighbours in
/// the paragraph `start..end`.
fn role(text: &str, tokens: &[Token], i: usize, start: usize, end: usize) -> Role {
    if is_doubled_single(text, tokens, i, end) {
        return role_of(text, tokens, i, 2, "\"", start, end);
    }
    role_of(text, tokens, i, 1, tokens[i].text(text), start, end)
}

/// `''` (two apostrophes, as some archives write a double quote).
fn is_doubled_single(text: &str, tokens: &[Token], i: usize, end: usize) -> bool {
    i + 1 < end
        && tokens[i + 1].gap == crate::text::Gap::None
        && tokens[i].text(text) == "'"
        && tokens[i + 1].text(text) == "'"
        && tokens[i + 1].kind == TokenKind::Quote
}

/// Role of the mark `mark` made of the `len` tokens from `i`.
fn role_of(text: &str, tokens: &[Token], i: usize, len: usize, mark: &str, start: usize, end: usize) -> Role {
    let tok = &tokens[i];
    let prev = (i > start).then(|| &tokens[i - 1]);
    let next = (i + len < end).then(|| &tokens[i + len]);
    let prev_text = prev.map(|p| p.text(text)).unwrap_or("");
    // Tight on the left: attached to a word, number or closing punctuation.
    let left_tight = tok.gap == crate::text::Gap::None
        && prev.is_some_and(|p| {
            matches!(p.kind, TokenKind::Word | TokenKind::Number | TokenKind::Terminal | TokenKind::Symbol)
                || (p.kind == TokenKind::Punct && !matches!(prev_text, "(" | "[" | "{"))
                || p.kind == TokenKind::Quote
        });
    let next_tight = next.is_some_and(|n| n.gap == crate::text::Gap::None);
    let right_tight = next_tight
        && next.is_some_and(|n| {
            matches!(n.kind, TokenKind::Word | TokenKind::Number | TokenKind::Quote | TokenKind::Symbol)
                || (n.kind == TokenKind::Punct && matches!(n.text(text), "(" | "[" | "$" | "#" | "@"))
                || n.kind == TokenKind::Terminal && n.text(text).starts_with(['…', '.'])
                || n.kind == TokenKind::Dash
        });
    let after_number = tok.gap == crate::text::Gap::None && prev.is_some_and(|p| p.kind == TokenKind::Number);
    match mark {
        "\u{201C}" | "\u{201E}" => Role::Open(Family::Double),
        "\u{201D}" => {
            // Some texts use ” for both sides.
            if !left_tight && right_tight {
                Role::Either(Family::Double)
            } else {
                Role::Close(Family::Double)
            }
        }
        "\u{00AB}" => Role::Open(Family::Guillemet),
        "\u{00BB}" => Role::Close(Family::Guillemet),
        "\u{2039}" => Role::Open(Family::SingleGuillemet),
        "\u{203A}" => Role::Close(Family::SingleGuillemet),
        "\u{2018}" | "\u{201B}" => {
            if right_tight && !left_tight {
                Role::Open(Family::Single)
            } else {
                Role::CloseOnly(Family::Single)
            }
        }
        "\"" | "\u{201F}" | "\u{2033}" => {
            if after_number {
                // 6'3": a close if a double quote is open, else inches.
                return Role::CloseOnly(Family::Double);
            }
            match (left_tight, right_tight) {
                (false, true) => Role::Open(Family::Double),
                (true, false) => Role::Close(Family::Double),
                _ => Role::Either(Family::Double),
            }
        }
        "'" | "\u{2019}" | "\u{02BC}" => {
            if after_number {
                return Role::CloseOnly(Family::Single);
            }
            match (left_tight, right_tight) {
                // ’ never opens: at a word start it is an elision (’em, ’til).
                (false, true) if mark == "'" && !is_elision(next.map(|n| n.text(text)).unwrap_or("")) => {
                    Role::Open(Family::Single)
                }
                (true, false) | (true, true) => Role::CloseOnly(Family::Single),
                _ => Role::Ignore,
            }
        }
        _ => Role::Ignore,
    }
}

fn is_elision(next: &str) -> bool {
    matches!(next.to_ascii_lowercase().as_str(), "em" | "til" | "cause" | "n" | "bout" | "tis" | "twas" | "round")
}
