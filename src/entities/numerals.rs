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
//! - a mention of a capitalised name and a numeral right after such a title,
//!   or starting with one, is a person, the title left out (`Queen Elizabeth
//!   II` → PER `Elizabeth II`); `World War II` and `World XI` have no title
//!   and stay as they are, and neither does a ship (`the Queen Elizabeth II
//!   sailed`, `HMS King George V`: the title after `the`, `HMS`, `USS` or
//!   `RMS` does not count);
//! - a mention ending in `I` with no royal title loses the `I` when a verb
//!   that follows a first-person subject comes next: it is the pronoun
//!   (`Smith I would` → `Smith`, `Ann & I say` → `Ann`; `Elizabeth I ruled`,
//!   `Elizabeth I of England` and `the Apollo I fire` keep it).
//!
//! A highway's number is part of its name too: a mention ending in
//! `Interstate` takes the number after it and is a place (`Interstate 95`,
//! which the tagger had as ORG `Interstate`).

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
        let title_at = if is_royal_title(word(s)) && e - s >= 2 {
            Some(s)
        } else {
            (s > 0 && is_royal_title(word(s - 1))).then(|| s - 1)
        };
        // A ship bears the name: `the Queen Elizabeth II sailed`, `HMS King George V`.
        let ship = title_at.is_some_and(|t| t > 0 && matches!(word(t - 1), "the" | "The" | "HMS" | "USS" | "RMS"));
        let titled = title_at.is_some() && !ship;
        let titled_inside = titled && title_at == Some(s);
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
        } else if e - s >= 2 && last == "I" && title_at.is_none() && is_first_person_verb(word(e)) {
            // `Smith I would`: the pronoun, and what joined it (`Ann & I say`).
            e -= 1;
            while e - s >= 2 && tokens[e - 1].kind == TokenKind::Punct {
                e -= 1;
            }
        }
        // `Interstate 95`: a highway is its number.
        if matches!(word(e - 1), "Interstate" | "Interstates")
            && e < limit
            && tokens[e].gap == Gap::Space
            && tokens[e].kind == TokenKind::Number
            && (1..=3).contains(&word(e).len())
            && word(e).bytes().all(|b| b.is_ascii_digit())
        {
            e += 1;
            label = Label::Loc;
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

/// Words that follow the pronoun `I` as a subject (`I would`, `I'm`, `I
/// think`), and not a regnal or serial `I` (`Elizabeth I ruled`, `Elizabeth
/// I of England`, `the Apollo I fire`).
fn is_first_person_verb(w: &str) -> bool {
    matches!(
        w,
        "'m" | "’m"
            | "'ve"
            | "’ve"
            | "'ll"
            | "’ll"
            | "'d"
            | "’d"
            | "am"
            | "would"
            | "will"
            | "have"
            | "had"
            | "think"
            | "thought"
            | "believe"
            | "know"
            | "knew"
            | "want"
            | "wanted"
            | "can"
            | "could"
            | "should"
            | "must"
            | "do"
            | "did"
            | "say"
            | "said"
            | "told"
            | "feel"
            | "felt"
            | "hope"
            | "guess"
            | "mean"
            | "love"
            | "like"
            | "need"
            | "agree"
            | "remember"
            | "wish"
            | "just"
            | "also"
            | "never"
            | "really"
    )
}

fn capitalised(w: &str) -> bool {
    w.starts_with(char::is_uppercase) && w.chars().any(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::test_support::{document, owned, surfaces};

    fn repaired(text: &str, given: &[(&str, Label)]) -> Vec<(String, Label)> {
        let mut d = document(text, given);
        repair(&d.text, &d.tokens, &mut d.mentions);
        surfaces(&d)
    }

    #[test]
    fn a_highway_takes_its_number() {
        // Reuters, 1996 (CoNLL-2003 dev).
        let text = "including Interstate 95 on the East Coast , Interstates 80 and 90 in the Midwest .";
        assert_eq!(
            repaired(text, &[("Interstate", Label::Org), ("East Coast", Label::Loc), ("Interstates", Label::Org)]),
            owned(&[("Interstate 95", Label::Loc), ("East Coast", Label::Loc), ("Interstates 80", Label::Loc)])
        );
        // A year or a price is not the road's number (interstates have one to three digits).
        let text = "Interstate 1996 results , Interstate $ 5 .";
        let given = [("Interstate", Label::Org)];
        assert_eq!(repaired(text, &given), owned(&given));
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
    fn a_ship_is_not_a_monarch() {
        let given = [("Queen Elizabeth II", Label::Misc)];
        assert_eq!(repaired("Then the Queen Elizabeth II sailed.", &given), owned(&given));
    }

    #[test]
    fn a_serial_i_stays() {
        for text in
            ["Elizabeth I ruled England.", "Elizabeth I of England died.", "After the Apollo I fire, NASA waited."]
        {
            let name = if text.contains("Apollo") { "Apollo I" } else { "Elizabeth I" };
            assert_eq!(repaired(text, &[(name, Label::Org)]), owned(&[(name, Label::Org)]), "{text}");
        }
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
