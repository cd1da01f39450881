//! Two names the tagger ran together across `and`, `or` or a comma.
//!
//! The tagger reads a few tokens either side of a word, so a list of names
//! can come out as one mention: `Mercantile and Commerce`, `Braves and
//! Cubs`, `Irwin , McAteer`. Names that hold a conjunction are real too
//! (`Organisation for Security and Cooperation in Europe`, `Trinidad and
//! Tobago`, `Bureau of Alcohol, Tobacco and Firearms`), and the words alone
//! cannot tell them apart. The document can: [`split`] cuts a mention at its
//! one `and`, `or` or comma when the text on each side is, exactly, another
//! mention of the same document (`Mercantile` and `Commerce` are each named
//! alone elsewhere in the story; `Tobago` is not). Each part takes the label
//! of its other mention, and the mention's score. A part may also be the
//! first word of a longer organisation mention, a company's short name
//! (`Commerce` beside `Commerce Bancshares Inc.`), when both parts are then
//! organisations: `Growth and Opportunity Project` stays whole beside a
//! `Growth Fund` and a place `Opportunity Project`. A person mention is cut
//! at its one comma whatever the rest of the document says: a person's name
//! holds none (`Irwin , McAteer` in a team list).

use crate::document::{Label, Mention};
use crate::span::{ByteSpan, TokenSpan};
use crate::text::Token;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Splits coordinated mentions (see the module docs). Mentions stay sorted
/// and non-overlapping.
pub fn split(text: &str, tokens: &[Token], mentions: &mut Vec<Mention>) {
    let coordinated = |m: &Mention| {
        let (s, e) = (m.tokens.start as usize, m.tokens.end as usize);
        if e > tokens.len() || e < s + 3 {
            return None;
        }
        let mut at = (s + 1..e - 1).filter(|&k| is_coordinator(tokens[k].text(text)));
        match (at.next(), at.next()) {
            (Some(k), None) => Some(k),
            _ => None,
        }
    };
    if !mentions.iter().any(|m| coordinated(m).is_some()) {
        return;
    }
    // Each part is shorter than the mention it comes from, so it can only
    // match another mention. The first mention of a surface gives the label.
    let mut labels: HashMap<&str, Label> = HashMap::default();
    for m in mentions.iter() {
        labels.entry(m.span.slice(text)).or_insert(m.label);
    }
    // A company's short name is the first word of its full name (`Commerce`
    // of `Commerce Bancshares Inc.`): it counts as a part when the other part
    // is an organisation too (`Mercantile and Commerce`).
    let mut heads: HashSet<&str> = HashSet::default();
    for m in mentions.iter().filter(|m| m.label == Label::Org && m.tokens.len() >= 2 && coordinated(m).is_none()) {
        let head = tokens.get(m.tokens.start as usize).map_or("", |t| t.text(text));
        if head.starts_with(char::is_uppercase) && head.chars().any(char::is_lowercase) {
            heads.insert(head);
        }
    }
    // (label, whether it comes from a short name)
    let label_of = |part: &str| {
        labels.get(part).map(|&l| (l, false)).or_else(|| heads.contains(part).then_some((Label::Org, true)))
    };
    let mut out: Vec<Mention> = Vec::with_capacity(mentions.len() + 2);
    for m in mentions.iter() {
        let (s, e) = (m.tokens.start as usize, m.tokens.end as usize);
        let parts = coordinated(m).and_then(|k| {
            let left = ByteSpan::new(tokens[s].span.start as usize, tokens[k - 1].span.end as usize);
            let right = ByteSpan::new(tokens[k + 1].span.start as usize, tokens[e - 1].span.end as usize);
            // A person's name never holds a comma (none in CoNLL-2003 train or
            // dev): `Irwin , McAteer` in a team list is two people.
            // Not a generational suffix: `Martin Luther King, Jr.` is one man.
            let suffix = matches!(right.slice(text).trim_end_matches('.'), "Jr" | "Sr" | "II" | "III" | "IV");
            if m.label == Label::Per && tokens[k].text(text) == "," && !suffix {
                return Some([(left, TokenSpan::new(s, k), Label::Per), (right, TokenSpan::new(k + 1, e), Label::Per)]);
            }
            let (l, l_head) = label_of(left.slice(text))?;
            let (r, r_head) = label_of(right.slice(text))?;
            // A short name stands beside another one-word name only
            // (`Mercantile and Commerce`; not `Ministry for Culture and
            // Heritage` beside a `Heritage New Zealand`).
            if (l_head || r_head) && ((l, r) != (Label::Org, Label::Org) || k != s + 1 || e != k + 2) {
                return None;
            }
            Some([(left, TokenSpan::new(s, k), l), (right, TokenSpan::new(k + 1, e), r)])
        });
        match parts {
            Some(parts) => {
                for (span, tokens, label) in parts {
                    out.push(Mention { span, tokens, label, ..m.clone() });
                }
            }
            None => out.push(m.clone()),
        }
    }
    *mentions = out;
}

fn is_coordinator(w: &str) -> bool {
    matches!(w, "and" | "or" | ",")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(text: &str, tokens: &[Token], surface: &str, from: usize, label: Label) -> Mention {
        let start = from + text[from..].find(surface).unwrap();
        let end = start + surface.len();
        let s = tokens.iter().position(|t| t.span.start as usize == start).unwrap();
        let e = tokens.iter().position(|t| t.span.end as usize == end).unwrap() + 1;
        Mention { span: ByteSpan::new(start, end), tokens: TokenSpan::new(s, e), label, entity: 0, score: 0.9 }
    }

    fn surfaces(text: &str, mentions: &[Mention]) -> Vec<(String, Label)> {
        mentions.iter().map(|m| (m.span.slice(text).to_owned(), m.label)).collect()
    }

    /// `split` leaves the mentions `(surface, search from, label)` of `text` as they are.
    fn assert_unsplit(text: &str, given: &[(&str, usize, Label)]) {
        let tokens = crate::text::tokenize(text);
        let before: Vec<Mention> = given.iter().map(|&(s, from, l)| mention(text, &tokens, s, from, l)).collect();
        let mut after = before.clone();
        split(text, &tokens, &mut after);
        assert_eq!(after, before, "{text}");
    }

    #[test]
    fn names_also_named_alone_are_split() {
        let text = "Mercantile and Commerce did not reply. Mercantile rose. Commerce fell.";
        let tokens = crate::text::tokenize(text);
        let mut ms = vec![
            mention(text, &tokens, "Mercantile and Commerce", 0, Label::Org),
            mention(text, &tokens, "Mercantile", 30, Label::Org),
            mention(text, &tokens, "Commerce", 50, Label::Org),
        ];
        split(text, &tokens, &mut ms);
        assert_eq!(
            surfaces(text, &ms),
            [
                ("Mercantile", Label::Org),
                ("Commerce", Label::Org),
                ("Mercantile", Label::Org),
                ("Commerce", Label::Org)
            ]
            .map(|(s, l)| (s.to_owned(), l))
        );
        assert_eq!(ms[1].tokens, TokenSpan::new(2, 3));
    }

    #[test]
    fn a_company_named_by_the_first_word_of_its_full_name_is_a_part() {
        // Reuters, CoNLL-2003 dev: `Commerce` is named alone only inside a list.
        let text = "Mercantile and Commerce did not reply. Mercantile rose. Mo.-based Commerce Bancshares Inc. fell.";
        let tokens = crate::text::tokenize(text);
        let mut ms = vec![
            mention(text, &tokens, "Mercantile and Commerce", 0, Label::Org),
            mention(text, &tokens, "Mercantile", 30, Label::Org),
            mention(text, &tokens, "Commerce Bancshares Inc.", 0, Label::Org),
        ];
        split(text, &tokens, &mut ms);
        assert_eq!(
            &surfaces(text, &ms)[..2],
            [("Mercantile", Label::Org), ("Commerce", Label::Org)].map(|(s, l)| (s.to_owned(), l))
        );
        // Not when the other part is no organisation.
        let text = "They ignored the Growth and Opportunity Project report. Growth Fund Inc. said the Opportunity Project was wrong.";
        assert_unsplit(
            text,
            &[
                ("Growth and Opportunity Project", 0, Label::Org),
                ("Growth Fund Inc.", 0, Label::Org),
                ("Opportunity Project", 70, Label::Loc),
            ],
        );
        // Nor when a side has several words (Wikipedia, a Readability test page).
        let text = "Ministry for Culture and Heritage. Heritage New Zealand said. The Ministry for Culture spoke.";
        assert_unsplit(
            text,
            &[
                ("Ministry for Culture and Heritage", 0, Label::Org),
                ("Heritage New Zealand", 0, Label::Org),
                ("Ministry for Culture", 60, Label::Org),
            ],
        );
    }

    #[test]
    fn a_person_mention_with_a_comma_is_two_people() {
        // Reuters, 1996 (CoNLL-2003 dev), a team list.
        let text = "The team is as follows : Given , Breen , Staunton , Irwin , McAteer , Harte .";
        let tokens = crate::text::tokenize(text);
        let mut ms = vec![mention(text, &tokens, "Irwin , McAteer", 0, Label::Per)];
        split(text, &tokens, &mut ms);
        assert_eq!(
            surfaces(text, &ms),
            [("Irwin", Label::Per), ("McAteer", Label::Per)].map(|(s, l)| (s.to_owned(), l))
        );
        // A generational suffix after the comma stays with the name.
        for name in ["Martin Luther King, Jr.", "Sammy Davis, Jr", "John Smith, III"] {
            let text = format!("{name} spoke.");
            let tokens = crate::text::tokenize(&text);
            let mut ms = vec![mention(&text, &tokens, name, 0, Label::Per)];
            split(&text, &tokens, &mut ms);
            assert_eq!(surfaces(&text, &ms), [(name.to_owned(), Label::Per)]);
        }
    }

    #[test]
    fn each_part_takes_the_label_of_its_other_mention() {
        let text = "Michigan National Bank, Detroit. The bank is in Detroit, says Michigan National Bank.";
        let tokens = crate::text::tokenize(text);
        let mut ms = vec![
            mention(text, &tokens, "Michigan National Bank, Detroit", 0, Label::Org),
            mention(text, &tokens, "Detroit", 40, Label::Loc),
            mention(text, &tokens, "Michigan National Bank", 40, Label::Org),
        ];
        split(text, &tokens, &mut ms);
        assert_eq!(
            surfaces(text, &ms)[..2],
            [("Michigan National Bank".to_owned(), Label::Org), ("Detroit".to_owned(), Label::Loc)]
        );
    }

    #[test]
    fn a_name_with_a_conjunction_stays_whole() {
        // `Tobago` is never named alone; two conjunctions are a longer name.
        let text = "Trinidad and Tobago won. Trinidad is hot. The Bureau of Alcohol, Tobacco and Firearms spoke.";
        assert_unsplit(
            text,
            &[
                ("Trinidad and Tobago", 0, Label::Loc),
                ("Trinidad", 20, Label::Loc),
                ("Bureau of Alcohol, Tobacco and Firearms", 0, Label::Org),
            ],
        );
    }
}
