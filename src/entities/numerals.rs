//! Regnal numbers: `Charles III`, `Benedict XVI`, `Elizabeth II`.
//!
//! A Roman numeral after a monarch's or pope's name is part of the name, as
//! CoNLL-2003 writes it (`Alexander III`, `Napoleon III`). The tagger, which
//! reads a few words around each token, sometimes stops before it (`Belgian
//! King Baudouin I born`), calls the name something else after a royal title
//! (`Queen Elizabeth II` as ORG), or runs a surname into the pronoun `I`
//! (`I told Smith I would go` gave ORG `Smith I`). [`repair`]:
//!
//! - a person mention followed by a numeral takes it in (`Baudouin` +
//!   ` I`): `II` to `XXX` always, `I`, `V` and `X` only after a royal or papal
//!   title (`King`, `Queen`, `Pope`, …), because they are also a pronoun and
//!   letters;
//! - a mention of a capitalised name and a numeral (`II` or more, or any
//!   after a royal title) right after such a title, or starting with one,
//!   is a person, the title left out (`Queen Elizabeth II` → PER `Elizabeth
//!   II`; `World War II` and `World XI` have no title and stay as they are);
//! - a mention ending in `I` with a lower-case word after it and no royal
//!   title loses the `I`: it is the pronoun (`Smith I would` → `Smith`,
//!   `Ann & I say` → `Ann`).

use crate::document::{Label, Mention};
use crate::span::{ByteSpan, TokenSpan};
use crate::text::{Gap, Token, TokenKind};

/// Repairs mentions around regnal numbers (see the module docs). Mentions
/// stay sorted and non-overlapping.
pub fn repair(text: &str, tokens: &[Token], mentions: &mut [Mention]) {
    let word = |i: usize| tokens.get(i).map_or("", |t| t.text(text));
    for k in 0..mentions.len() {
        let (mut s, mut e) = (mentions[k].tokens.start as usize, mentions[k].tokens.end as usize);
        if s >= e || e > tokens.len() {
            continue;
        }
        let limit = mentions.get(k + 1).map_or(tokens.len(), |n| n.tokens.start as usize);
        let titled_inside = is_royal_title(word(s)) && e - s >= 2;
        let titled = titled_inside || (s > 0 && is_royal_title(word(s - 1)));
        let mut label = mentions[k].label;
        // `Baudouin` + ` I`.
        if label == Label::Per && e < limit && tokens[e].gap == Gap::Space && numeral(word(e), titled) {
            e += 1;
        }
        let last = word(e - 1);
        if e - s >= 2 && numeral(last, titled) && titled && capitalised(word(e - 2)) {
            // `Queen Elizabeth II`: a person, the title left out.
            label = Label::Per;
            if titled_inside && e - s >= 3 {
                s += 1;
            }
        } else if e - s >= 2
            && last == "I"
            && !titled
            && tokens.get(e).is_some_and(|n| n.kind == TokenKind::Word && starts_lower(n.text(text)))
        {
            // `Smith I would`: the pronoun, and what joined it (`Ann & I say`).
            e -= 1;
            while e - s >= 2 && tokens[e - 1].kind == TokenKind::Punct {
                e -= 1;
            }
        }
        let m = &mut mentions[k];
        if (s, e, label) != (m.tokens.start as usize, m.tokens.end as usize, m.label) {
            m.tokens = TokenSpan::new(s, e);
            m.span = ByteSpan::new(tokens[s].span.start as usize, tokens[e - 1].span.end as usize);
            m.label = label;
        }
    }
}

/// A Roman numeral from `II` to `XXXIX`; `I`, `V` and `X` too after a royal title.
fn numeral(w: &str, titled: bool) -> bool {
    if matches!(w, "I" | "V" | "X") {
        return titled;
    }
    let rest = w.trim_start_matches('X');
    let tens = w.len() - rest.len();
    tens <= 3
        && !w.is_empty()
        && matches!(rest, "" | "I" | "II" | "III" | "IV" | "V" | "VI" | "VII" | "VIII" | "IX")
        && !(tens == 0 && rest == "I")
}

fn is_royal_title(w: &str) -> bool {
    matches!(
        w,
        "King"
            | "Queen"
            | "Pope"
            | "Emperor"
            | "Empress"
            | "Tsar"
            | "Czar"
            | "Tsarina"
            | "Kaiser"
            | "Sultan"
            | "Shah"
            | "Pharaoh"
            | "Prince"
            | "Princess"
    )
}

fn capitalised(w: &str) -> bool {
    w.starts_with(char::is_uppercase) && w.chars().any(char::is_lowercase)
}

fn starts_lower(w: &str) -> bool {
    w.starts_with(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs [`repair`] over `text` with the mentions given as (surface, label).
    fn repaired(text: &str, given: &[(&str, Label)]) -> Vec<(String, Label)> {
        let tokens = crate::text::tokenize(text);
        let mut mentions: Vec<Mention> = given
            .iter()
            .map(|&(surface, label)| {
                let s = text.find(surface).unwrap();
                let e = s + surface.len();
                let a = tokens.iter().position(|t| t.span.start as usize == s).unwrap();
                let b = tokens.iter().position(|t| t.span.end as usize == e).unwrap() + 1;
                Mention { span: ByteSpan::new(s, e), tokens: TokenSpan::new(a, b), label, entity: 0, score: 0.9 }
            })
            .collect();
        mentions.sort_by_key(|m| m.tokens.start);
        repair(text, &tokens, &mut mentions);
        mentions.iter().map(|m| (m.span.slice(text).to_owned(), m.label)).collect()
    }

    fn owned(v: &[(&str, Label)]) -> Vec<(String, Label)> {
        v.iter().map(|&(s, l)| (s.to_owned(), l)).collect()
    }

    #[test]
    fn a_person_takes_in_the_numeral() {
        assert_eq!(
            repaired("Belgian King Baudouin I born.", &[("Baudouin", Label::Per)]),
            owned(&[("Baudouin I", Label::Per)])
        );
        assert_eq!(
            repaired("Then Henry VIII married.", &[("Henry", Label::Per)]),
            owned(&[("Henry VIII", Label::Per)])
        );
        // `I` without a royal title is the pronoun.
        assert_eq!(repaired("I told Smith I would go.", &[("Smith", Label::Per)]), owned(&[("Smith", Label::Per)]));
    }

    #[test]
    fn a_titled_name_with_a_numeral_is_a_person() {
        assert_eq!(
            repaired("Queen Elizabeth II opened it.", &[("Queen Elizabeth II", Label::Org)]),
            owned(&[("Elizabeth II", Label::Per)])
        );
        assert_eq!(
            repaired("Queen Elizabeth I born.", &[("Elizabeth I", Label::Org)]),
            owned(&[("Elizabeth I", Label::Per)])
        );
        // No title: other names with numerals stay as they are.
        let given = [("World War II", Label::Misc), ("World XI", Label::Org)];
        assert_eq!(repaired("After World War II the World XI played.", &given), owned(&given));
    }

    #[test]
    fn the_pronoun_is_left_out() {
        assert_eq!(repaired("I told Smith I would go.", &[("Smith I", Label::Org)]), owned(&[("Smith", Label::Org)]));
        assert_eq!(
            repaired("In Orlando, Ann & I say a prayer.", &[("Ann & I", Label::Org)]),
            owned(&[("Ann", Label::Org)])
        );
    }

    #[test]
    fn numerals() {
        for w in ["II", "III", "IV", "VI", "IX", "XI", "XVI", "XXX", "XXIV"] {
            assert!(numeral(w, false), "{w}");
        }
        for w in ["I", "V", "X", "IIII", "XXXX", "IC", "", "VX"] {
            assert!(!numeral(w, false), "{w}");
        }
        assert!(numeral("I", true));
    }
}
