//! Mentions with an unbalanced bracket.
//!
//! The tagger knows nothing of brackets, so a mention can open or close one
//! that is not its own: `Bill [Clinton` in a quotation with an editor's
//! brackets, `( Tom ) Seaver`'s nickname cut as `Tom ) Seaver`, `Hizbollah (
//! Party of God` run into its gloss, `( Olympic champion Lindsay )
//! Davenport`'s aside run into the surname. [`balance`] repairs each such
//! mention:
//!
//! - when the bracket's partner stands right outside the mention, the
//!   mention takes it in (`Bill [Clinton]`, `[Bob] Corker`, `( Tom ) Seaver`),
//!   round brackets only around one word (`Maricopa County (Ariz.)`);
//! - otherwise the mention is cut at the bracket, and each side with a word
//!   left becomes a mention of the same label (`Hizbollah` and `Party of
//!   God`; `Lindsay` and `Davenport`).

use crate::document::Mention;
use crate::span::{ByteSpan, TokenSpan};
use crate::text::Token;

/// Repairs mentions with an unbalanced bracket (see the module docs).
/// Mentions stay sorted and non-overlapping.
pub fn balance(text: &str, tokens: &[Token], mentions: &mut Vec<Mention>) {
    let word = |i: usize| tokens.get(i).map_or("", |t| t.text(text));
    if !mentions.iter().any(|m| unbalanced(text, tokens, m).is_some()) {
        return;
    }
    let mut out: Vec<Mention> = Vec::with_capacity(mentions.len() + 2);
    for (k, m) in mentions.iter().enumerate() {
        let Some(at) = unbalanced(text, tokens, m) else {
            out.push(m.clone());
            continue;
        };
        let (s, e) = (m.tokens.start as usize, m.tokens.end as usize);
        let prev_end = out.last().map_or(0, |p: &Mention| p.tokens.end as usize);
        let next_start = mentions.get(k + 1).map_or(tokens.len(), |n| n.tokens.start as usize);
        let b = word(at);
        // Round brackets hold one word (`( Tom )`, `(Ariz.)`); more is a gloss
        // or an aside (`Hizbollah ( Party of God )`): cut there.
        let short = |inside: usize| matches!(b, "[" | "]") || inside == 1;
        let (s2, e2) = if is_closing(b) && s > prev_end && word(s - 1) == partner(b) && short(at - s) {
            (s - 1, e)
        } else if !is_closing(b) && e < next_start && word(e) == partner(b) && short(e - at - 1) {
            (s, e + 1)
        } else {
            // Cut at the bracket: the sides with a word in them.
            for (a, z) in [(s, at), (at + 1, e)] {
                if (a..z).any(|i| word(i).chars().any(char::is_alphabetic)) {
                    out.push(part(m, tokens, a, z));
                }
            }
            continue;
        };
        out.push(part(m, tokens, s2, e2));
    }
    *mentions = out;
}

/// `m` over tokens `a..z`.
fn part(m: &Mention, tokens: &[Token], a: usize, z: usize) -> Mention {
    Mention {
        span: ByteSpan::new(tokens[a].span.start as usize, tokens[z - 1].span.end as usize),
        tokens: TokenSpan::new(a, z),
        ..m.clone()
    }
}

/// The token index of the one bracket in `m` without its partner inside
/// `m`, if there is exactly one such bracket.
fn unbalanced(text: &str, tokens: &[Token], m: &Mention) -> Option<usize> {
    let (s, e) = (m.tokens.start as usize, (m.tokens.end as usize).min(tokens.len()));
    let mut open: Vec<usize> = Vec::new();
    let mut lone: Vec<usize> = Vec::new();
    for i in s..e {
        let w = tokens[i].text(text);
        if matches!(w, "(" | "[") {
            open.push(i);
        } else if is_closing(w) {
            match open.last() {
                Some(&o) if tokens[o].text(text) == partner(w) => {
                    open.pop();
                }
                _ => lone.push(i),
            }
        }
    }
    lone.extend(open);
    match lone[..] {
        [one] => Some(one),
        _ => None,
    }
}

fn is_closing(w: &str) -> bool {
    matches!(w, ")" | "]")
}

fn partner(w: &str) -> &'static str {
    match w {
        "(" => ")",
        ")" => "(",
        "[" => "]",
        "]" => "[",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Label;
    use crate::entities::test_support::{document, owned, surfaces};

    fn balanced(text: &str, given: &[(&str, Label)]) -> Vec<(String, Label)> {
        let mut d = document(text, given);
        balance(&d.text, &d.tokens, &mut d.mentions);
        surfaces(&d)
    }

    #[test]
    fn the_partner_right_outside_is_taken_in() {
        assert_eq!(
            balanced("“Bill [Clinton] was right,” she said.", &[("Bill [Clinton", Label::Per)]),
            owned(&[("Bill [Clinton]", Label::Per)])
        );
        assert_eq!(
            balanced("“[Bob] Corker agreed.”", &[("Bob] Corker", Label::Per)]),
            owned(&[("[Bob] Corker", Label::Per)])
        );
        assert_eq!(
            balanced("he saw ( Tom ) Seaver pitch", &[("Tom ) Seaver", Label::Per)]),
            owned(&[("( Tom ) Seaver", Label::Per)])
        );
    }

    #[test]
    fn otherwise_the_mention_is_cut_at_the_bracket() {
        assert_eq!(
            balanced("Hizbollah ( Party of God ) gunmen", &[("Hizbollah ( Party of God", Label::Org)]),
            owned(&[("Hizbollah", Label::Org), ("Party of God", Label::Org)])
        );
        assert_eq!(
            balanced("( Olympic champion Lindsay ) Davenport and", &[("Lindsay ) Davenport", Label::Per)]),
            owned(&[("Lindsay", Label::Per), ("Davenport", Label::Per)])
        );
    }

    #[test]
    fn balanced_mentions_are_left_alone() {
        let given = [("Maricopa County (Ariz.)", Label::Loc), ("Smith", Label::Per)];
        assert_eq!(balanced("In Maricopa County (Ariz.) Smith won.", &given), owned(&given));
    }
}
