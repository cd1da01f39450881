//! Titles before a person's name are not part of the name.
//!
//! News writes `King Sihanouk`, `Cardinal Wolsey`, `Judge Ito`, and the name
//! is the person's: CoNLL-2003 leaves the title out (`President` 122 times
//! in train and dev, `King` 7 of 9, `Princess` 6 of 6), as the page should,
//! so that `Sihanouk` later and `King Sihanouk` are written alike. The
//! tagger, trained on that convention, mostly stops after the title; when a
//! person mention starts with one anyway (`King Sihanouk` in dev), [`strip`]
//! starts it after the title. Not `Prince` (CoNLL keeps it in 5 of 9:
//! `Prince Charles`), `Pope`, the courtesy titles (`Mr`, `Miss`, `Dr`: also
//! in the names of horses and brands), or a title in a ship's name (`the
//! Queen Mary`).

use super::is_personal_title;
use crate::document::{Label, Mention};
use crate::span::{ByteSpan, TokenSpan};
use crate::text::{Token, TokenKind};

/// Starts person mentions after a leading title (see the module docs).
/// Mentions stay sorted and non-overlapping.
pub fn strip(text: &str, tokens: &[Token], mentions: &mut [Mention]) {
    for m in mentions.iter_mut().filter(|m| m.label == Label::Per) {
        let (s, e) = (m.tokens.start as usize, m.tokens.end as usize);
        if e > tokens.len() || e < s + 2 {
            continue;
        }
        let title = tokens[s].text(text);
        if !title.starts_with(char::is_uppercase) || !is_title(&title.to_lowercase()) {
            continue;
        }
        let before = s.checked_sub(1).map_or("", |p| tokens[p].text(text));
        if matches!(before, "the" | "The" | "HMS" | "USS" | "RMS") {
            continue;
        }
        // `Mr .` in pre-tokenized text.
        let mut name = s + 1;
        if tokens[name].text(text) == "." && name + 1 < e {
            name += 1;
        }
        let first = &tokens[name];
        if first.kind != TokenKind::Word || !first.text(text).starts_with(char::is_uppercase) {
            continue;
        }
        m.tokens = TokenSpan::new(name, e);
        m.span = ByteSpan::new(first.span.start as usize, tokens[e - 1].span.end as usize);
    }
}

/// Offices and ranks; not the courtesy titles, which also open the names of
/// horses, brands and shows (`Miss Stamper` won at The Curragh, `Dr Pepper`,
/// `Mr. Robot`).
fn is_title(w: &str) -> bool {
    (is_personal_title(w) && !matches!(w.trim_end_matches('.'), "mr" | "mrs" | "ms" | "miss" | "dr"))
        || matches!(w, "king" | "queen" | "princess" | "cardinal" | "archbishop" | "bishop" | "emperor" | "empress")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::test_support::{document, owned, surfaces};

    fn stripped(text: &str, given: &[(&str, Label)]) -> Vec<(String, Label)> {
        let mut d = document(text, given);
        strip(&d.text, &d.tokens, &mut d.mentions);
        surfaces(&d)
    }

    #[test]
    fn the_title_is_left_out() {
        // Reuters, 1996 (CoNLL-2003 dev).
        let text = "intervention on his behalf by King Sihanouk . As Cardinal Wolsey , in a film .";
        assert_eq!(
            stripped(text, &[("King Sihanouk", Label::Per), ("Cardinal Wolsey", Label::Per)]),
            owned(&[("Sihanouk", Label::Per), ("Wolsey", Label::Per)])
        );
        let text = "Judge . Ito and Sen. Jeff Sessions met.";
        assert_eq!(
            stripped(text, &[("Judge . Ito", Label::Per), ("Sen. Jeff Sessions", Label::Per)]),
            owned(&[("Ito", Label::Per), ("Jeff Sessions", Label::Per)])
        );
    }

    #[test]
    fn princes_popes_ships_and_other_labels_keep_it() {
        for (text, given) in [
            ("Prince Charles arrived.", ("Prince Charles", Label::Per)),
            // Reuters, 1996 (CoNLL-2003 dev): a horse.
            ("1. Miss Stamper 3-1 joint-favourite", ("Miss Stamper", Label::Per)),
            ("Pope John Paul spoke.", ("Pope John Paul", Label::Per)),
            ("They sailed on the Queen Mary today.", ("Queen Mary", Label::Per)),
            ("King County voted.", ("King County", Label::Loc)),
        ] {
            assert_eq!(stripped(text, &[given]), owned(&[given]), "{text}");
        }
    }
}
