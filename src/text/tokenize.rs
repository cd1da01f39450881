//! Tokenizer for news prose.
//!
//! One left-to-right pass over the text, no backtracking beyond a few
//! characters, so it is linear in the input. Every token is a [`ByteSpan`] on
//! `char` boundaries; tokens are sorted and never overlap; white space is never
//! inside a token (except inside URLs, which cannot contain it either).
//!
//! Rules (each has a unit test below):
//! - words are runs of letters and digits; `.` joins letters in dotted
//!   acronyms and digits in numbers (`U.S.`, `3.5`), `,` `:` `/` `-` join digits
//!   (`1,000`, `10:30`, `1996-08-30`), `&` joins capitals (`AT&T`);
//! - hyphens between words split (`Russia-U.S.-Ukraine` → `Russia` `-` `U.S.` `-`
//!   `Ukraine`) so each part can be tagged; the hyphen is its own token;
//! - abbreviations keep their period (see [`super::abbrev`]);
//! - possessives and contractions split Penn-Treebank style (`Trump's` → `Trump`
//!   `'s`, `don't` → `do` `n't`, `students'` → `students` `'`); other inner
//!   apostrophes stay (`O'Brien`), as does a decade (`'90s`);
//! - URLs and e-mail addresses are single tokens, trailing punctuation excluded;
//! - every quotation mark, bracket and other punctuation character is its own
//!   token, except runs of `!`/`?`, ellipses (`...`, `…`) and double hyphens;
//! - an emoji with its modifiers, joiners and flags is one token; a soft
//!   hyphen (U+00AD) extends its word like a combining mark (`Vladi­mir`);
//! - CJK and Thai characters are one token each (no spaces to split on).

use super::abbrev;
use super::chars::*;
use crate::span::ByteSpan;

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters (possibly with digits, inner apostrophes, a final abbreviation period).
    Word,
    /// Digits with separators (`1,000.5`, `10:30`, `1996-08-30`, `'90s`).
    Number,
    /// A quotation mark or apostrophe standing alone (`"`, `“`, `’`, `«`).
    Quote,
    /// Em/en dashes and `--`.
    Dash,
    /// Sentence-final punctuation (`.`, `!?`, `…`).
    Terminal,
    /// Any other punctuation character.
    Punct,
    /// Emoji and other pictographs.
    Symbol,
    Url,
    Email,
}

/// The white space before a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Gap {
    /// Directly attached to the previous token (or the first token with nothing before it).
    None,
    /// Spaces or tabs, no line break.
    Space,
    /// Exactly one line break.
    Line,
    /// A blank line (two or more line breaks): a paragraph break.
    Paragraph,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: ByteSpan,
    pub kind: TokenKind,
    /// White space between the previous token and this one.
    pub gap: Gap,
}

impl Token {
    #[inline]
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        self.span.slice(text)
    }
}

/// Splits `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    let mut lexer = Lexer::new(text);
    while let Some(tok) = lexer.next_token() {
        push_split(text, tok, &mut out);
    }
    out
}

struct Lexer<'t> {
    text: &'t str,
    pos: usize,
    gap: Gap,
    run: Run,
    /// The first `@` at or after the last word [`Lexer::url_or_email`]
    /// looked at (`text.len()`: none). Most news has none, and then no word
    /// needs its run of non-space characters worked out.
    next_at: usize,
}

/// What [`Lexer::url_or_email`] knows of the run of non-space characters it
/// is in: every word of a run (`a,b,c,…`, `x+y@z.org`) asks about the same
/// run, so each answer is worked out once and the lexer stays linear on text
/// without spaces.
#[derive(Clone, Copy, Debug, Default)]
struct Run {
    /// End of the run (its first space, quotation mark other than `'`, `<`
    /// or `>`); the fields below are stale once `pos` reaches it.
    end: usize,
    /// The first `@` in the run at or after the word that last looked for
    /// one, if any.
    at: Option<usize>,
    /// With `at`: the first position from which the text up to `at` is a
    /// valid local part (`local_from..at` all alphanumeric or `._%+-`), and
    /// the length of the valid domain after it, if it is one.
    local_from: usize,
    domain: Option<usize>,
}

impl<'t> Lexer<'t> {
    fn new(text: &'t str) -> Self {
        let next_at = text.find('@').unwrap_or(text.len());
        Lexer { text, pos: 0, gap: Gap::None, run: Run::default(), next_at }
    }

    #[inline]
    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    #[inline]
    fn char_at(&self, at: usize) -> Option<char> {
        self.text.get(at..).and_then(|s| s.chars().next())
    }

    /// Consumes white space and records the gap it makes.
    fn skip_space(&mut self) {
        let mut breaks = 0u32;
        let mut saw_space = false;
        let bytes = self.text.as_bytes();
        while self.pos < bytes.len() {
            let b = bytes[self.pos];
            if b == b' ' || b == b'\t' {
                saw_space = true;
                self.pos += 1;
                continue;
            }
            if b == b'\r' {
                breaks += 1;
                self.pos += if bytes.get(self.pos + 1) == Some(&b'\n') { 2 } else { 1 };
                continue;
            }
            if b == b'\n' {
                breaks += 1;
                self.pos += 1;
                continue;
            }
            if b < 0x80 {
                if b == 0x0B || b == 0x0C {
                    breaks += 1;
                    self.pos += 1;
                    continue;
                }
                if b.is_ascii_control() {
                    // Other control characters render as nothing: treat as space.
                    saw_space = true;
                    self.pos += 1;
                    continue;
                }
                break;
            }
            let c = self.peek().unwrap_or(' ');
            if c == '\u{2029}' {
                breaks += 2;
            } else if is_newline(c) {
                breaks += 1;
            } else if is_space(c) || c.is_control() {
                saw_space = true;
            } else {
                break;
            }
            self.pos += c.len_utf8();
        }
        let gap = match breaks {
            0 if saw_space => Gap::Space,
            0 => Gap::None,
            1 => Gap::Line,
            _ => Gap::Paragraph,
        };
        self.gap = self.gap.max(gap);
    }

    fn next_token(&mut self) -> Option<Token> {
        self.skip_space();
        let start = self.pos;
        let c = self.peek()?;
        let (end, kind) = if is_word_char(c) && !is_extender(c) {
            self.url_or_email(start).unwrap_or_else(|| self.word(start))
        } else {
            self.other(start, c)
        };
        debug_assert!(end > start);
        self.pos = end;
        let gap = std::mem::replace(&mut self.gap, Gap::None);
        Some(Token { span: ByteSpan::new(start, end), kind, gap })
    }

    /// A word or number starting at `start` (a word character).
    fn word(&self, start: usize) -> (usize, TokenKind) {
        let text = self.text;
        // Most words are ASCII letters or digits followed by a character
        // that cannot join them (a space, most punctuation): no need for the
        // general loop below, which would end at the same place.
        let bytes = text.as_bytes();
        let run = bytes[start..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        let after = bytes.get(start + run).copied();
        if run > 0 && after.is_none_or(|b| b.is_ascii() && !b".,:/-&_'".contains(&b)) {
            let digits = bytes[start..start + run].iter().all(u8::is_ascii_digit);
            return (start + run, if digits { TokenKind::Number } else { TokenKind::Word });
        }
        let mut end = start;
        let mut prev: Option<char> = None;
        let mut all_digits = true;
        let mut it = text[start..].char_indices().peekable();
        while let Some(&(off, c)) = it.peek() {
            let at = start + off;
            if is_word_char(c) {
                if !c.is_ascii_digit() {
                    all_digits = false;
                }
                prev = Some(c);
                end = at + c.len_utf8();
                it.next();
                continue;
            }
            // A connector stays inside the word only between two word characters.
            let next = self.char_at(at + c.len_utf8());
            let (Some(p), Some(n)) = (prev, next) else { break };
            if !is_word_char(n) || is_extender(n) {
                break;
            }
            let joins = match c {
                '.' => {
                    p.is_alphanumeric()
                        && n.is_alphanumeric()
                        && (p.is_ascii_digit() == n.is_ascii_digit() || !all_digits)
                }
                ',' | ':' | '/' => p.is_ascii_digit() && n.is_ascii_digit(),
                '-' => p.is_ascii_digit() && n.is_ascii_digit() && all_digits,
                '&' => p.is_uppercase() && n.is_uppercase(),
                '_' => true,
                c if is_apostrophe(c) => p.is_alphabetic() && n.is_alphabetic(),
                _ => false,
            };
            if !joins {
                break;
            }
            prev = Some(c);
            end = at + c.len_utf8();
            it.next();
        }
        // Dotted words keep a final period when they are abbreviations.
        let word = &text[start..end];
        if text.as_bytes().get(end) == Some(&b'.') && !all_digits {
            let after = self.char_at(end + 1);
            let dot_is_final = after.is_none_or(|a| !is_word_char(a));
            let ellipsis = text.as_bytes().get(end + 1) == Some(&b'.');
            let next = text[end + 1..].chars().find(|&c| !is_space(c));
            if dot_is_final && !ellipsis && abbrev::classify(word, next).is_some() {
                return (end + 1, TokenKind::Word);
            }
        }
        let number = word.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b',' | b':' | b'/' | b'-'));
        (end, if number { TokenKind::Number } else { TokenKind::Word })
    }

    /// URL (`http://…`, `https://…`, `www.…`) or e-mail address at `start`.
    fn url_or_email(&mut self, start: usize) -> Option<(usize, TokenKind)> {
        let rest = &self.text[start..];
        let lower_prefix =
            |p: &str| rest.len() >= p.len() && rest.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes());
        let is_url = lower_prefix("http://") || lower_prefix("https://") || (lower_prefix("www.") && rest.len() > 5);
        if self.next_at < start {
            self.next_at = rest.find('@').map_or(self.text.len(), |i| start + i);
        }
        if !is_url && self.next_at == self.text.len() {
            return None;
        }
        if start >= self.run.end {
            // Candidate: the run of non-space characters.
            let len = rest
                .find(|c: char| is_space(c) || is_quote_mark(c) && c != '\'' || c == '<' || c == '>')
                .unwrap_or(rest.len());
            self.run = Run { end: start + len, at: None, local_from: start, domain: None };
            self.find_at(start);
        }
        let run_end = self.run.end;
        if is_url {
            let len = trim_trailing(&self.text[start..run_end]);
            return (len > 4).then_some((start + len, TokenKind::Url));
        }
        if self.run.at.is_some_and(|at| at < start) {
            self.find_at(start);
        }
        let at = self.run.at?;
        let local_ok = at > start && start >= self.run.local_from;
        let domain_len = self.run.domain?;
        local_ok.then_some((at + 1 + domain_len, TokenKind::Email))
    }

    /// Fills `self.run`'s `@` fields for the part of the run from `from`.
    fn find_at(&mut self, from: usize) {
        let (text, end) = (self.text, self.run.end);
        let Some(at) = text[from..end].find('@').map(|i| from + i) else {
            self.run.at = None;
            return;
        };
        let local_char = |c: char| c.is_alphanumeric() || "._%+-".contains(c);
        let bad = text[from..at].char_indices().rev().find(|&(_, c)| !local_char(c));
        let local_from = bad.map_or(from, |(i, c)| from + i + c.len_utf8());
        // The domain: the valid characters after `@`, when all that follows
        // them in the run is trailing punctuation (what `trim_trailing`
        // drops; no `(` can be among it, so every `)` goes too), without
        // final periods. Scanning stops at the first other character, so a
        // run of many `@` costs no more than one.
        let domain_char = |c: char| c.is_alphanumeric() || c == '.' || c == '-';
        let after = &text[at + 1..end];
        let valid = after.find(|c: char| !domain_char(c)).unwrap_or(after.len());
        let trailing_only = after[valid..]
            .chars()
            .all(|c| ".,;:!?'\"]})".contains(c) || is_quote_mark(c) || is_dash(c) || is_terminal(c));
        let domain = after[..valid].trim_end_matches('.');
        let domain_ok = trailing_only
            && domain.contains('.')
            && !domain.starts_with('.')
            && domain
                .rsplit('.')
                .next()
                .is_some_and(|tld| tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic));
        self.run = Run { at: Some(at), local_from, domain: domain_ok.then_some(domain.len()), ..self.run };
    }

    /// Anything that does not start with a word character.
    fn other(&self, start: usize, c: char) -> (usize, TokenKind) {
        let text = self.text;
        let after = start + c.len_utf8();
        if is_cjk(c) {
            return (self.extend(after), TokenKind::Word);
        }
        if is_apostrophe(c) || c == '\u{2018}' {
            // '90s, ’90s; but not the second mark of a `''` double quote
            // (`''27 companies reported …''`).
            let digits = text[after..].bytes().take_while(u8::is_ascii_digit).count();
            if digits == 2 && !text[..start].ends_with('\'') {
                let mut end = after + 2;
                if text.as_bytes().get(end) == Some(&b's') {
                    end += 1;
                }
                if self.char_at(end).is_none_or(|n| !is_word_char(n)) {
                    return (end, TokenKind::Number);
                }
            }
            // A clitic written after a space, as in pre-tokenized text ("Germany 's").
            if is_apostrophe(c) {
                if let Some(len) = clitic_len(&text[after..]) {
                    if self.char_at(after + len).is_none_or(|n| !is_word_char(n)) {
                        return (after + len, TokenKind::Word);
                    }
                }
            }
            return (after, TokenKind::Quote);
        }
        if is_quote_mark(c) {
            return (after, TokenKind::Quote);
        }
        if is_extender(c) {
            // A stray combining mark or joiner: attach it to nothing, keep it whole.
            return (self.extend(after), TokenKind::Symbol);
        }
        match c {
            '.' => {
                let dots = text[start..].bytes().take_while(|&b| b == b'.').count();
                return (start + dots, TokenKind::Terminal);
            }
            '!' | '?' => {
                let n = text[start..].bytes().take_while(|&b| b == b'!' || b == b'?').count();
                return (start + n, TokenKind::Terminal);
            }
            '-' if text.as_bytes().get(after) == Some(&b'-') => {
                let n = text[start..].bytes().take_while(|&b| b == b'-').count();
                return (start + n, TokenKind::Dash);
            }
            _ => {}
        }
        if is_dash(c) {
            return (after, TokenKind::Dash);
        }
        if is_terminal(c) {
            return (after, TokenKind::Terminal);
        }
        if is_regional_indicator(c) {
            let end = match self.char_at(after) {
                Some(n) if is_regional_indicator(n) => after + n.len_utf8(),
                _ => after,
            };
            return (self.extend(end), TokenKind::Symbol);
        }
        if is_pictographic(c) || (c.is_ascii_digit() || c == '#' || c == '*') && self.char_at(after) == Some('\u{FE0F}')
        {
            // Emoji, keycaps and ZWJ sequences stay whole.
            let mut end = self.extend(after);
            while text[..end].ends_with('\u{200D}') {
                match self.char_at(end) {
                    Some(n) if is_pictographic(n) => end = self.extend(end + n.len_utf8()),
                    _ => break,
                }
            }
            return (end, TokenKind::Symbol);
        }
        let kind = if c.is_alphanumeric() { TokenKind::Word } else { TokenKind::Punct };
        (self.extend(after), kind)
    }

    /// Extends a token over following combining marks, joiners and modifiers.
    fn extend(&self, mut end: usize) -> usize {
        while let Some(n) = self.char_at(end) {
            if !is_extender(n) {
                break;
            }
            end += n.len_utf8();
            // A ZWJ joins the next pictograph into the same grapheme.
            if n == '\u{200D}' {
                if let Some(p) = self.char_at(end) {
                    if is_pictographic(p) {
                        end += p.len_utf8();
                    }
                }
            }
        }
        end
    }
}

/// Length of trailing punctuation that does not belong to a URL or address.
fn trim_trailing(s: &str) -> usize {
    let mut end = s.len();
    let opens = s.matches('(').count();
    let mut closes = s.matches(')').count();
    while let Some(c) = s[..end].chars().next_back() {
        let drop = match c {
            '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '"' | ']' | '}' => true,
            ')' => {
                // Keep a closing bracket that pairs with one inside the URL.
                if closes > opens {
                    closes -= 1;
                    true
                } else {
                    false
                }
            }
            c => is_quote_mark(c) || is_dash(c) || is_terminal(c),
        };
        if !drop {
            break;
        }
        end -= c.len_utf8();
    }
    end
}

/// Length in bytes of a clitic after an apostrophe (`s`, `re`, `ve`, `ll`, `d`, `m`, `t`), if any.
fn clitic_len(after: &str) -> Option<usize> {
    for clitic in ["s", "re", "ve", "ll", "d", "m", "t"] {
        if after.len() >= clitic.len() && after.as_bytes()[..clitic.len()].eq_ignore_ascii_case(clitic.as_bytes()) {
            return Some(clitic.len());
        }
    }
    None
}

/// Pushes `tok`, splitting possessives, contractions and `s'` plurals.
fn push_split(text: &str, tok: Token, out: &mut Vec<Token>) {
    if tok.kind == TokenKind::Word {
        let s = tok.text(text);
        if let Some(split) = clitic_split(s) {
            if split > 0 && split < s.len() {
                let mid = tok.span.start as usize + split;
                out.push(Token { span: ByteSpan::new(tok.span.start as usize, mid), ..tok });
                out.push(Token {
                    span: ByteSpan::new(mid, tok.span.end as usize),
                    kind: TokenKind::Word,
                    gap: Gap::None,
                });
                return;
            }
        }
        // "students'" — a plural possessive: the word has no apostrophe inside;
        // the trailing one arrives as a separate Quote token and stays so.
    }
    out.push(tok);
}

/// Byte offset where a trailing clitic starts (`n't`, `'s`, `'re`, `'ve`, `'ll`, `'d`, `'m`).
fn clitic_split(s: &str) -> Option<usize> {
    if !s.bytes().any(|b| b == b'\'' || b >= 0xC0) {
        return None;
    }
    for nt in ["n't", "n\u{2019}t"] {
        let at = s.len().wrapping_sub(nt.len());
        if s.len() > nt.len() && s.is_char_boundary(at) && s[at..].eq_ignore_ascii_case(nt) {
            let stem = &s[..s.len() - nt.len()];
            // "can't" → "ca" "n't" like the Penn Treebank; "won't" → "wo" "n't".
            if stem.chars().all(char::is_alphabetic) {
                return Some(s.len() - nt.len());
            }
        }
    }
    let (idx, apos) = s.char_indices().rev().find(|&(_, c)| is_apostrophe(c))?;
    let tail = &s[idx + apos.len_utf8()..];
    let ok = ["s", "re", "ve", "ll", "d", "m"].iter().any(|c| tail.eq_ignore_ascii_case(c));
    ok.then_some(idx)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn abbreviations_keep_their_period() {
        assert_eq!(
            toks("Dr. Smith met U.S. officials at 9 a.m. on Jan. 5."),
            ["Dr.", "Smith", "met", "U.S.", "officials", "at", "9", "a.m.", "on", "Jan.", "5", "."]
        );
        assert_eq!(toks("J. Edgar Hoover"), ["J.", "Edgar", "Hoover"]);
        assert_eq!(toks("Acme Inc. said"), ["Acme", "Inc.", "said"]);
        assert_eq!(toks("He left."), ["He", "left", "."]);
        assert_eq!(toks("the NBA."), ["the", "NBA", "."]);
    }

    #[test]
    fn possessives_and_contractions() {
        assert_eq!(toks("Trump's plan"), ["Trump", "'s", "plan"]);
        assert_eq!(toks("Trump’s plan"), ["Trump", "’s", "plan"]);
        assert_eq!(toks("don't won’t"), ["do", "n't", "wo", "n’t"]);
        assert_eq!(toks("they're we've I'd"), ["they", "'re", "we", "'ve", "I", "'d"]);
        assert_eq!(toks("the students' union"), ["the", "students", "'", "union"]);
        assert_eq!(toks("O'Brien and D’Alema"), ["O'Brien", "and", "D’Alema"]);
        assert_eq!(toks("Germany 's team do n't"), ["Germany", "'s", "team", "do", "n't"]);
    }

    #[test]
    fn hyphenated_compounds_split_so_each_name_can_be_tagged() {
        assert_eq!(toks("Russia-U.S.-Ukraine talks"), ["Russia", "-", "U.S.", "-", "Ukraine", "talks"]);
        assert_eq!(toks("a short-lived truce"), ["a", "short", "-", "lived", "truce"]);
    }

    #[test]
    fn numbers_and_dates() {
        assert_eq!(
            toks("1,000.50 at 10:30 on 1996-08-30, 3/4 and 5.6%"),
            ["1,000.50", "at", "10:30", "on", "1996-08-30", ",", "3/4", "and", "5.6", "%"]
        );
        assert_eq!(toks("the '90s and ’80s"), ["the", "'90s", "and", "’80s"]);
        // Two apostrophes are a double quote mark, not a mark and a decade.
        assert_eq!(toks("finding: ''27 companies''"), ["finding", ":", "'", "'", "27", "companies", "'", "'"]);
        assert_eq!(toks("a 37-run lead"), ["a", "37", "-", "run", "lead"]);
        assert_eq!(tokenize("1,000")[0].kind, TokenKind::Number);
    }

    #[test]
    fn urls_and_emails() {
        assert_eq!(
            toks("See https://example.com/a_(b)?q=1. Or www.voanews.com, or mail press@state.gov."),
            [
                "See",
                "https://example.com/a_(b)?q=1",
                ".",
                "Or",
                "www.voanews.com",
                ",",
                "or",
                "mail",
                "press@state.gov",
                "."
            ]
        );
        assert_eq!(tokenize("x@y.org")[0].kind, TokenKind::Email);
        assert_eq!(toks("(see http://a.bc/d)"), ["(", "see", "http://a.bc/d", ")"]);
        assert_eq!(toks("user@localhost"), ["user", "@", "localhost"]);
    }

    /// `url_or_email` as it was before its answers were kept per run: the
    /// run, the first `@` and both halves of an address worked out anew for
    /// every word (quadratic on `a,b,c,…`), as the reference for the test below.
    fn url_or_email_reference(text: &str, start: usize) -> Option<(usize, TokenKind)> {
        let rest = &text[start..];
        let lower_prefix =
            |p: &str| rest.len() >= p.len() && rest.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes());
        let is_url = lower_prefix("http://") || lower_prefix("https://") || (lower_prefix("www.") && rest.len() > 5);
        let run_len = rest
            .find(|c: char| is_space(c) || is_quote_mark(c) && c != '\'' || c == '<' || c == '>')
            .unwrap_or(rest.len());
        let run = &rest[..run_len];
        if is_url {
            let len = trim_trailing(run);
            return (len > 4).then_some((start + len, TokenKind::Url));
        }
        let at = run.find('@')?;
        let (local, domain) = (&run[..at], &run[at + 1..]);
        let domain = &domain[..trim_trailing(domain)];
        let local_ok = !local.is_empty() && local.chars().all(|c| c.is_alphanumeric() || "._%+-".contains(c));
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && domain.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '-')
            && domain
                .rsplit('.')
                .next()
                .is_some_and(|tld| tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic));
        (local_ok && domain_ok).then_some((start + at + 1 + domain.len(), TokenKind::Email))
    }

    /// The lexer's answer at every word it starts, compared with the reference.
    fn check_url_or_email(text: &str) {
        let mut lexer = Lexer::new(text);
        loop {
            lexer.skip_space();
            let start = lexer.pos;
            let Some(c) = lexer.peek() else { break };
            if is_word_char(c) && !is_extender(c) {
                assert_eq!(lexer.url_or_email(start), url_or_email_reference(text, start), "{text:?} at {start}");
            }
            if lexer.next_token().is_none() {
                break;
            }
        }
    }

    #[test]
    fn urls_and_emails_as_before_on_runs_without_spaces() {
        for text in [
            "a,b,c,d@e.org,f@g.h.io.",
            "x+y@z.org x@y@z.org a.b@c.d) (a@b.co) mail@host.c0m a@b.cd...!",
            "a@b.org'x http://a.b/c@d.org www.x.y@z.org Ab@Cd.Org”",
            "é@ü.de ü.ü@b.de a@b-.c- a@.b.cd a@b..cd 1@2.3 a@b.cd(e) a@b.cd))",
            "a@b.cd… a@b.cd— a@b.cd– a@b.cd。 a@b.cd！ a@b.cd？ a@b.cd؟ a@b.cd»",
        ] {
            check_url_or_email(text);
        }
        use proptest::prelude::*;
        let config = ProptestConfig { cases: 4000, ..ProptestConfig::default() };
        let mut runner = proptest::test_runner::TestRunner::new_with_rng(
            config,
            proptest::test_runner::TestRng::deterministic_rng(proptest::test_runner::RngAlgorithm::ChaCha),
        );
        let texts = "[ab1é…—。€.@+%_,;:!?()\\[\\]'\"” <>-]{0,40}";
        runner
            .run(&texts, |t| {
                check_url_or_email(&t);
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn quotes_dashes_ellipses() {
        assert_eq!(
            toks("“We will win,” he said — and… then...\"No!?\""),
            ["“", "We", "will", "win", ",", "”", "he", "said", "—", "and", "…", "then", "...", "\"", "No", "!?", "\""]
        );
        assert_eq!(toks("wait--what"), ["wait", "--", "what"]);
        assert_eq!(toks("«Oui» ‘yes’"), ["«", "Oui", "»", "‘", "yes", "’"]);
    }

    #[test]
    fn gaps_record_line_and_paragraph_breaks() {
        let text = "Headline here\nFirst line.\r\n\r\nNew para\u{00A0}x\tz";
        let t = tokenize(text);
        let gaps: Vec<_> = t.iter().map(|t| (t.text(text), t.gap)).collect();
        assert_eq!(
            gaps,
            [
                ("Headline", Gap::None),
                ("here", Gap::Space),
                ("First", Gap::Line),
                ("line", Gap::Space),
                (".", Gap::None),
                ("New", Gap::Paragraph),
                ("para", Gap::Space),
                ("x", Gap::Space),
                ("z", Gap::Space),
            ]
        );
    }

    #[test]
    fn emoji_cjk_rtl() {
        assert_eq!(toks("Hi 👍🏽 👨‍👩‍👧 🇺🇦 done"), ["Hi", "👍🏽", "👨‍👩‍👧", "🇺🇦", "done"]);
        assert_eq!(toks("東京で会議"), ["東", "京", "で", "会", "議"]);
        assert_eq!(toks("قال الرئيس"), ["قال", "الرئيس"]);
        assert_eq!(toks("café naïve"), ["café", "naïve"]);
        assert_eq!(toks("e\u{0301}te\u{0301}"), ["e\u{0301}te\u{0301}"]);
    }

    #[test]
    fn soft_hyphen_stays_inside_its_word() {
        assert_eq!(toks("Vladi\u{ad}mir Putin"), ["Vladi\u{ad}mir", "Putin"]);
        assert_eq!(toks("Netan\u{ad}yahu\u{2019}s"), ["Netan\u{ad}yahu", "\u{2019}s"]);
    }

    #[test]
    fn joined_capitals_and_odd_input() {
        assert_eq!(toks("AT&T and S&P"), ["AT&T", "and", "S&P"]);
        assert_eq!(toks("rock & roll"), ["rock", "&", "roll"]);
        assert!(tokenize("").is_empty());
        assert!(tokenize(" \n\t\u{00A0} ").is_empty());
        assert_eq!(toks("\u{0000}a\u{0007}b"), ["a", "b"]);
        assert_eq!(toks("\u{0301}x"), ["\u{0301}", "x"]);
    }
}
