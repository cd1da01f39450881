//! Surnames: a story names a person in full once, then by surname.
//!
//! [`relabel`] gives the person label to a one-word mention that is the
//! surname of a full person name elsewhere in the document (`Barack Obama` …
//! `Mr Obama` tagged ORG). [`complete`] adds the mentions the tagger left out
//! altogether: a surname that is also a common word (`Billie Jean King` …
//! `" I told Monica we need her , " King said`, `Peter Such` … `off-spinner
//! Such had scuttled their hopes`), written exactly as in the full name, where
//! nothing around it says it is the word rather than the name:
//!
//! - not the first word of a sentence (`Young people …` beside `Neil
//!   Young`), opening quotation marks aside, unless a speech verb of the
//!   hand lists follows it (`Forte said that …` beside `Tom Forte`);
//! - no capitalised word right before or after it, which would make it part
//!   of another name or a title (`King Hussein`, `Martin Luther King`);
//! - not after a determiner or a possessive (`the King said`, `our Christmas
//!   present`, `New Year's Eve`),
//!   not beside a number (`Twitter 2 years ago`, `125,000 Twitter accounts`, `the 335th
//!   Twitter account`), not joined
//!   to a hyphen (`paint-Trump-as-a-plutocrat`), and not a month or a day of
//!   the week (`in May` beside `Theresa May`);
//! - not a place written as one (`flew to Washington` beside `Denzel
//!   Washington`, as for [`relabel`]).
//!
//! For [`complete`] the full name must open with a first name that the name
//! table ([`super::names`]) knows, titles aside: the tagger's own mistakes
//! (`Musket Wars`, `Christmas Eve` tagged as people) give no surnames to
//! spread. In both, a full name whose first word is a person alone elsewhere
//! is two names run together (a headline's `Lebed Chechnya`) and gives no
//! surname, unless that word is a first name the table knows and nobody's
//! surname in the document (`Donald Trump` … `Donald`: in 2016 news the
//! tagger, which never saw `Trump` in its 1996 training text, called him an
//! organisation in whole articles; `Hillary Clinton` … `Clinton Benghazi`
//! still gives nothing).

use super::{is_personal_title, particle_stripped, written_as_place};
use crate::document::{Label, Mention};
use crate::span::{ByteSpan, TokenSpan};
use crate::text::words::{is_month, is_weekday, opens_noun_phrase};
use crate::text::{Gap, Sentence, Token, TokenKind};

/// The surnames of the document's full person names (last words, and the
/// same without an Arabic particle: `al-Bashir` → `Bashir`), sorted, each
/// with the highest score of a mention it ends. With `given_name`, only
/// names that open with a first name the name table knows (titles aside).
fn surnames<'t>(text: &'t str, mentions: &[Mention], given_name: bool) -> Vec<(&'t str, f32)> {
    // One-word person mentions: a "full name" whose first word is one of
    // them is two names run together (a headline's `Lebed Chechnya`).
    let mut alone: Vec<&str> = mentions
        .iter()
        .filter(|m| m.label == Label::Per)
        .map(|m| m.span.slice(text))
        .filter(|s| !s.contains(char::is_whitespace))
        .collect();
    alone.sort_unstable();
    // Last words of multi-word person mentions.
    let mut lasts: Vec<&str> = mentions
        .iter()
        .filter(|m| m.label == Label::Per)
        .filter_map(|m| {
            let s = m.span.slice(text);
            s.contains(char::is_whitespace).then(|| s.split_whitespace().next_back()).flatten()
        })
        .collect();
    lasts.sort_unstable();
    let mut surnames: Vec<(&str, f32)> = Vec::new();
    for m in mentions.iter().filter(|m| m.label == Label::Per) {
        let mut words = m.span.slice(text).split_whitespace();
        if let (Some(first), Some(last)) = (words.next(), words.next_back()) {
            // `Donald` alone is a first name, not a second person (`Donald
            // Trump` … `Donald`), unless it is someone's surname too
            // (`Hillary Clinton` … a headline's `Clinton Benghazi`).
            let given = super::names::gender(first).is_some() && lasts.binary_search(&first).is_err();
            if alone.binary_search(&first).is_ok() && !given {
                continue;
            }
            if given_name {
                let mut words = m.span.slice(text).split_whitespace();
                let given = words.find(|w| !is_personal_title(&w.to_lowercase()));
                if given.is_none_or(|g| super::names::gender(g).is_none()) || words.next().is_none() {
                    continue;
                }
            }
            surnames.push((last, m.score));
            surnames.extend(particle_stripped(last).map(|s| (s, m.score)));
        }
    }
    // Highest score first within a name, then keep the first of each name.
    surnames.sort_unstable_by(|a, b| a.0.cmp(b.0).then(b.1.total_cmp(&a.1)));
    surnames.dedup_by(|b, a| a.0 == b.0);
    surnames
}

/// Gives the person label to one-word mentions written exactly as the last
/// word of a multi-word person mention anywhere in the document, with the
/// full name's score when that is higher.
/// A title before the name does not count (`Mr Obama` tagged ORG), and a
/// surname with a lower-case particle also stands without it (`al-Bashir`
/// → `Bashir`).
pub fn relabel(text: &str, mentions: &mut [Mention]) {
    let surnames = surnames(text, mentions, false);
    if surnames.is_empty() {
        return;
    }
    for m in mentions.iter_mut().filter(|m| m.label != Label::Per) {
        let surface = m.span.slice(text);
        let mut words = surface.split_whitespace().skip_while(|w| is_personal_title(&w.to_lowercase()));
        let Some(name) = words.next() else { continue };
        let Ok(at) = surnames.binary_search_by(|(s, _)| s.cmp(&name)) else { continue };
        if words.next().is_some() || written_as_place(text, m.span.start as usize, name) {
            continue;
        }
        m.label = Label::Per;
        // The tagger's score was its confidence in the other label; the
        // person label rests on the full name (`Trump` tagged ORG at 0.3 in a
        // story that names `Donald Trump` at 0.97 is not an unsure person).
        m.score = m.score.max(surnames[at].1);
    }
}

/// Adds a person mention for each untagged surname of a full person name
/// in the document (see the module docs). The new mention takes the score of
/// the full name. Mentions stay sorted and non-overlapping.
pub fn complete(text: &str, tokens: &[Token], sentences: &[Sentence], mentions: &mut Vec<Mention>) {
    let surnames = surnames(text, mentions, true);
    if surnames.is_empty() {
        return;
    }
    let mut tagged = vec![false; tokens.len()];
    for m in mentions.iter() {
        for t in tagged.iter_mut().take(m.tokens.end as usize).skip(m.tokens.start as usize) {
            *t = true;
        }
    }
    // The first word of each sentence, past opening quotation marks and
    // brackets (`'' Golf is a razor-thin industry`).
    let mut sentence_start = vec![false; tokens.len()];
    for s in sentences {
        let (a, b) = (s.tokens.start as usize, (s.tokens.end as usize).min(tokens.len()));
        if let Some(first) = (a..b).find(|&j| tokens[j].kind == TokenKind::Word) {
            sentence_start[first] = true;
        }
    }
    let word = |j: usize| tokens.get(j).map(|t| t.text(text));
    let capitalised = |j: usize| {
        tokens.get(j).is_some_and(|t| t.kind == TokenKind::Word && t.text(text).starts_with(char::is_uppercase))
    };
    // A speech verb right after it (a speech or tell verb of the hand
    // lists, not `shows` or `found`): a sentence-first word is the surname
    // too (`Forte said that …`, `Young told reporters`).
    let speaks_next = |j: usize| {
        use crate::quotes::cues::{classify, CueClass};
        word(j + 1).is_some_and(|w| {
            w.starts_with(char::is_lowercase) && matches!(classify(w), Some(CueClass::Speech | CueClass::Tell))
        })
    };
    let mut added = Vec::new();
    for (j, t) in tokens.iter().enumerate() {
        let w = t.text(text);
        if tagged[j] || (sentence_start[j] && !speaks_next(j)) || t.kind != TokenKind::Word || !is_title_case(w) {
            continue;
        }
        let Ok(at) = surnames.binary_search_by(|(s, _)| s.cmp(&w)) else { continue };
        let before = j.checked_sub(1);
        let hyphen = |k: usize| word(k).is_some_and(|w| w == "-");
        let lower = w.to_lowercase();
        if before.is_some_and(capitalised)
            || capitalised(j + 1)
            || before.is_some_and(|b| {
                tokens[b].kind == TokenKind::Number || tokens[b].text(text).starts_with(|c: char| c.is_ascii_digit())
            })
            || tokens.get(j + 1).is_some_and(|n| n.kind == TokenKind::Number)
            || before.is_some_and(|b| hyphen(b) && t.gap == Gap::None)
            || (hyphen(j + 1) && tokens[j + 1].gap == Gap::None)
            || before.and_then(word).is_some_and(|p| opens_noun_phrase(&p.to_lowercase()) || is_possessive(p))
            || is_month(&lower)
            || is_weekday(&lower)
            || written_as_place(text, t.span.start as usize, w)
        {
            continue;
        }
        added.push(Mention {
            span: ByteSpan::new(t.span.start as usize, t.span.end as usize),
            tokens: TokenSpan::new(j, j + 1),
            label: Label::Per,
            entity: 0,
            score: surnames[at].1,
        });
    }
    if !added.is_empty() {
        mentions.extend(added);
        mentions.sort_by_key(|m| m.tokens.start);
    }
}

/// A capital, then a lower-case letter or an apostrophe (`King`, `McAteer`,
/// `O'Neill`; not `IRA`, `PACs` or `I`).
fn is_title_case(w: &str) -> bool {
    let mut c = w.chars();
    c.next().is_some_and(char::is_uppercase) && c.next().is_some_and(|c| c.is_lowercase() || matches!(c, '\'' | '’'))
}

/// `'s` after a noun: `New Year's Eve`, `the band's Young fans`.
fn is_possessive(w: &str) -> bool {
    matches!(w, "'s" | "’s" | "'" | "’")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` with a person mention on each `[[…]]`, completed.
    fn completed(marked: &str) -> Vec<String> {
        let mut text = String::new();
        let mut spans = Vec::new();
        let mut rest = marked;
        while let Some(a) = rest.find("[[") {
            text.push_str(&rest[..a]);
            let b = rest[a..].find("]]").unwrap() + a;
            let start = text.len();
            text.push_str(&rest[a + 2..b]);
            spans.push((start, text.len()));
            rest = &rest[b + 2..];
        }
        text.push_str(rest);
        let tokens = crate::text::tokenize(&text);
        let (sentences, _) = crate::text::segment(&text, &tokens);
        let mut mentions: Vec<Mention> = spans
            .iter()
            .map(|&(s, e)| {
                let a = tokens.iter().position(|t| t.span.start as usize == s).unwrap();
                let b = tokens.iter().position(|t| t.span.end as usize == e).unwrap() + 1;
                Mention {
                    span: ByteSpan::new(s, e),
                    tokens: TokenSpan::new(a, b),
                    label: Label::Per,
                    entity: 0,
                    score: 0.8,
                }
            })
            .collect();
        complete(&text, &tokens, &sentences, &mut mentions);
        for w in mentions.windows(2) {
            assert!(w[0].tokens.end <= w[1].tokens.start, "unsorted or overlapping: {mentions:?}");
        }
        mentions.iter().map(|m| m.span.slice(&text).to_owned()).collect()
    }

    #[test]
    fn an_untagged_surname_becomes_a_person() {
        assert_eq!(
            completed("[[Billie Jean King]] picked the team. \" We need her , \" King said of Seles."),
            ["Billie Jean King", "King"]
        );
        assert_eq!(completed("[[Peter Such]] bowled. Then off-spinner Such took four for 24."), ["Peter Such", "Such"]);
        assert_eq!(completed("[[Martin O'Neill]] left, and O'Neill came back."), ["Martin O'Neill", "O'Neill"]);
        // First in its sentence before a speech verb (Seattle Times, 2019,
        // Readability test page `seattletimes-1`).
        assert_eq!(
            completed(
                "[[Tom Forte]] follows Amazon.\n\nForte said that even if it did have such clout, it would be risky."
            ),
            ["Tom Forte", "Forte"]
        );
        assert_eq!(completed("[[Neil Young]] sang. Young told reporters he was tired."), ["Neil Young", "Young"]);
    }

    #[test]
    fn the_word_itself_stays_a_word() {
        let none = |marked: &str| assert_eq!(completed(marked).len(), 1, "{marked}");
        // First word of a sentence, also after an opening quotation mark.
        none("[[Neil Young]] sang. Young people cheered.");
        // … and before a cue known only from the learned table.
        none("[[Neil Young]] sang. Young included a verse for students.");
        none("[[Tom Golf]] spoke. '' Golf is a razor-thin industry , '' he said.");
        // A capitalised word beside it: a title or another name.
        none("[[Martin Luther King]] spoke. We met King Hussein there.");
        none("[[Billie Jean King]] won. The prize went to Martin Luther King that year.");
        // A determiner or possessive before it.
        none("[[Larry King]] spoke. He met the King on Monday.");
        none("[[Tony Christmas]] spoke. It was our Christmas present.");
        none("[[Tony Eve]] spoke. They met on New Year's Eve in Rome.");
        // A number beside it, a hyphen joined to it, a month.
        none("[[Theresa May]] spoke. Talks resume on May 5 in Brussels.");
        none("[[Theresa May]] spoke. Talks resume in May in Brussels.");
        none("[[Jack Twitter]] spoke. It suspended 125,000 Twitter accounts.");
        none("[[Jack Twitter]] spoke. They bought Twitter 2 years ago.");
        none("[[Donald Trump]] spoke. They pushed the paint-Trump-as-a-plutocrat line.");
        // Not a capitalised word with lower case after the capital.
        none("[[Joe PACs]] spoke. Two super PACs raised money.");
    }

    #[test]
    fn only_a_full_name_with_a_known_first_name_gives_a_surname() {
        // The tagger's mistakes, `Musket Wars` as a person, do not spread.
        assert_eq!(completed("[[Musket Wars]] began. Years later , Wars ended ."), ["Musket Wars"]);
        assert_eq!(
            completed("[[President Joe Wars]] spoke. Years later , Wars ended ."),
            ["President Joe Wars", "Wars"]
        );
    }

    #[test]
    fn a_place_written_as_a_place_is_not_the_person() {
        // `Washington` is a US state in the embedded gazetteer (`Josh` is in
        // the first-name table, so the surname counts: the control below).
        assert_eq!(completed("[[Josh Washington]] spoke. He flew to Washington on Monday."), ["Josh Washington"]);
        assert_eq!(
            completed("[[Josh Washington]] spoke. He met Washington on Monday."),
            ["Josh Washington", "Washington"]
        );
    }

    #[test]
    fn two_names_run_together_give_no_surname() {
        // `Lebed` is a person alone, so `Lebed Chechnya` is two names.
        assert_eq!(
            completed("[[Lebed]] arrived. [[Lebed Chechnya]] talks. He spoke of Chechnya again."),
            ["Lebed", "Lebed Chechnya"]
        );
    }
}
