//! Names in quotation marks: titles of works, shows, campaigns and slogans.
//!
//! News puts the title of a film, book, song or programme in quotation marks
//! (`his 1992 film " The Crying Game "`, `MSNBC's “Morning Joe”`, `the
//! national " Strike Hard " campaign`). The words inside are often common
//! words, so the tagger misses them or cuts them into pieces (`Ice Cold in
//! Alex` came out as ORG `Ice Cold` and PER `Alex`). The quotation marks
//! and the capitals say where the name is; [`mark`] makes the whole quoted
//! stretch one MISC mention when:
//!
//! - it holds two to six words (numbers count), the first capitalised and
//!   every other one capitalised or a short function word (`On the
//!   Waterfront`, `Anne of a Thousand Days`), some in lower-case letters
//!   (not `"MUST NOT"`), with no punctuation but `-`, `&`, `:` or a final
//!   comma or full stop (`" The Knot , "`); a final `!` or `?` is someone's
//!   words;
//! - it does not open with `I` or a personal title (`“President Bernie
//!   Sanders”` keeps its person), nor open a sentence with a comma inside
//!   the marks (`“Ginger Nut,” said I`, `"As President," she said`);
//! - the sentence around it has a lower-case word outside the marks, other
//!   than a title's small words: in a title-case headline every quoted
//!   phrase is capitalised (`Benghazi Victim Mother ‘Absolutely Wrong’ to
//!   Call Me a Liar`);
//! - it is not a nickname inside a name (`Roberto " Hands of Stone "
//!   Duran`: a capitalised word on both sides); when a person mention ends
//!   at the opening mark and another starts right after the closing one,
//!   the nickname (one to five words, the first capitalised, not `I`) joins
//!   them into one person (`Robert C. "Bobby" Scott`, `John “Tig” Tiegen`);
//! - no mention of the tagger crosses a quotation mark, and the tagger has not
//!   already tagged exactly the quoted words (then its label stands: `“The
//!   Wall Street Journal”` stays ORG).
//!
//! Mentions inside the stretch give way to the new one. One-word titles are
//! left to the tagger (`“Nonsense”` is more often an answer than a title).
//! Quotes are paired as the quotes stage pairs them ([`crate::quotes::marks`]),
//! outermost stretches only.

use super::is_personal_title;
use crate::document::{Label, Mention};
use crate::quotes::marks;
use crate::span::{ByteSpan, TokenSpan};
use crate::text::{Paragraph, Sentence, Token, TokenKind};

/// The score of a mention made by this rule. On CoNLL-2003 dev its 12 new
/// mentions are all right; in US political news (PolNeAR) most are shows,
/// slogans and nicknames, and a few are not names (a fact-check rating,
/// `“Mostly True”`), hence less than certain.
pub const SCORE: f32 = 0.8;

/// Makes quoted names MISC mentions (see the module docs). Mentions stay
/// sorted and non-overlapping. Linear in tokens and mentions (plus a sort
/// when a name is added): the quoted stretches come in text order, prefix
/// counts answer the per-sentence questions, and a cursor walks the mentions.
pub fn mark(
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    paragraphs: &[Paragraph],
    mentions: &mut Vec<Mention>,
) {
    let stretches = marks::pair(text, tokens, paragraphs);
    if stretches.is_empty() {
        return;
    }
    // Prefix counts over tokens: words, and lower-case words other than a
    // title's small words ("prose").
    let (mut words, mut prose) = (vec![0u32; tokens.len() + 1], vec![0u32; tokens.len() + 1]);
    for (i, t) in tokens.iter().enumerate() {
        let w = t.text(text);
        let word = t.kind == TokenKind::Word;
        words[i + 1] = words[i] + word as u32;
        prose[i + 1] = prose[i] + (word && w.starts_with(char::is_lowercase) && !is_small_word(w)) as u32;
    }
    let between = |v: &[u32], a: usize, b: usize| if a < b { v[b] - v[a] } else { 0 };
    let mut drop = vec![false; mentions.len()];
    let mut added: Vec<Mention> = Vec::new();
    let mut cursor = 0;
    for s in stretches {
        if s.close.is_none() {
            continue;
        }
        while cursor < mentions.len() && (mentions[cursor].tokens.end as usize) <= s.open {
            cursor += 1;
        }
        // A mention already joined by a previous nickname is not joined again
        // (`John "Big" Smith "Red" Jones`: the second would overlap the first).
        if let Some((left, right)) = nickname(text, tokens, mentions, cursor, &s).filter(|&(l, _)| !drop[l]) {
            // `Roberto " Hands of Stone " Duran`: one person.
            drop[left..=right].iter_mut().for_each(|d| *d = true);
            let (l, r) = (&mentions[left], &mentions[right]);
            added.push(Mention {
                span: ByteSpan::new(l.span.start as usize, r.span.end as usize),
                tokens: TokenSpan::new(l.tokens.start as usize, r.tokens.end as usize),
                label: Label::Per,
                entity: 0,
                score: l.score.min(r.score),
            });
            cursor = right + 1;
            continue;
        }
        let Some((a, b)) = name_tokens(text, tokens, s.content) else { continue };
        let at = sentences.partition_point(|x| (x.tokens.end as usize) <= s.open);
        let Some(sentence) = sentences.get(at).filter(|x| (x.tokens.start as usize) <= s.open) else { continue };
        let (first, last) = (sentence.tokens.start as usize, (sentence.tokens.end as usize).min(tokens.len()));
        // `“Ginger Nut,” said I`, `"As President," she said, "I will …"`.
        let opens_sentence = between(&words, first, s.open) == 0;
        let speech = opens_sentence && b < s.content.1 && tokens[b].text(text) == ",";
        // A lower-case word other than a title's small words outside the marks.
        let prose_around = between(&prose, first, s.open) + between(&prose, s.end, last) > 0;
        let nickname = capitalised_word(text, tokens, s.open.wrapping_sub(1)) && capitalised_word(text, tokens, s.end);
        if speech || !prose_around || nickname {
            continue;
        }
        // Mentions touching the stretch, marks included: `cursor..until`.
        let mut until = cursor;
        while until < mentions.len() && (mentions[until].tokens.start as usize) < s.end {
            until += 1;
        }
        let inside = &mentions[cursor..until];
        let crosses = inside.iter().any(|m| (m.tokens.start as usize) < a || (m.tokens.end as usize) > b);
        let exact = inside.iter().any(|m| m.tokens == TokenSpan::new(a, b));
        if crosses || exact {
            continue;
        }
        drop[cursor..until].iter_mut().for_each(|d| *d = true);
        added.push(Mention {
            span: ByteSpan::new(tokens[a].span.start as usize, tokens[b - 1].span.end as usize),
            tokens: TokenSpan::new(a, b),
            label: Label::Misc,
            entity: 0,
            score: SCORE,
        });
    }
    if added.is_empty() {
        return;
    }
    let mut keep = drop.iter().map(|d| !d);
    mentions.retain(|_| keep.next().unwrap_or(true));
    mentions.extend(added);
    mentions.sort_by_key(|m| m.tokens.start);
}

/// A nickname in quotation marks between a person's given name and surname
/// (`Roberto " Hands of Stone " Duran`, `Joaquín “El Chapo” Guzmán`): one to
/// five words between a person mention that ends at the opening mark and one
/// that starts right after the closing mark. Returns the two mentions'
/// indices (`cursor` is the first mention ending after the opening mark).
fn nickname(
    text: &str,
    tokens: &[Token],
    mentions: &[Mention],
    cursor: usize,
    s: &marks::Stretch,
) -> Option<(usize, usize)> {
    let left = cursor.checked_sub(1)?;
    let l = &mentions[left];
    if l.label != Label::Per || l.tokens.end as usize != s.open {
        return None;
    }
    let words = s.content.1.checked_sub(s.content.0)?;
    if !(1..=5).contains(&words)
        || !tokens[s.content.0..s.content.1].iter().all(|t| t.kind == TokenKind::Word && t.text(text) != "I")
        || !tokens[s.content.0].text(text).starts_with(char::is_uppercase)
    {
        return None;
    }
    let right = (cursor..mentions.len()).find(|&k| mentions[k].tokens.start as usize >= s.end)?;
    let r = &mentions[right];
    (r.label == Label::Per && r.tokens.start as usize == s.end).then_some((left, right))
}

/// The quoted words as a name, `(first, end)` token indices: a final comma
/// or full stop inside the marks left out.
fn name_tokens(text: &str, tokens: &[Token], (a, mut b): (usize, usize)) -> Option<(usize, usize)> {
    while b > a && matches!(tokens[b - 1].text(text), "," | ".") {
        b -= 1;
    }
    let mut words = 0;
    let mut lower_case_letters = false;
    for (i, t) in tokens.iter().enumerate().take(b).skip(a) {
        let w = t.text(text);
        match t.kind {
            TokenKind::Word => {
                let first = i == a;
                if !(w.starts_with(char::is_uppercase) || (!first && is_small_word(w)))
                    || (first && (w == "I" || is_personal_title(&w.to_lowercase())))
                {
                    return None;
                }
                lower_case_letters |= w.chars().any(char::is_lowercase);
                words += 1;
            }
            TokenKind::Number if i > a => words += 1,
            TokenKind::Punct if i > a && matches!(w, "-" | "&" | ":") => {}
            _ => return None,
        }
    }
    ((2..=6).contains(&words) && lower_case_letters).then_some((a, b))
}

/// Short words that stay lower case in titles (`Gone with the Wind`).
fn is_small_word(w: &str) -> bool {
    matches!(
        w,
        "a" | "an"
            | "the"
            | "and"
            | "or"
            | "of"
            | "in"
            | "on"
            | "at"
            | "to"
            | "for"
            | "by"
            | "with"
            | "from"
            | "de"
            | "la"
            | "le"
            | "del"
            | "von"
            | "van"
    )
}

fn capitalised_word(text: &str, tokens: &[Token], i: usize) -> bool {
    tokens.get(i).is_some_and(|t| t.kind == TokenKind::Word && t.text(text).starts_with(char::is_uppercase))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::test_support::{document, owned, surfaces};

    fn marked(text: &str, given: &[(&str, Label)]) -> Vec<(String, Label)> {
        let mut d = document(text, given);
        mark(&d.text, &d.tokens, &d.sentences, &d.paragraphs, &mut d.mentions);
        surfaces(&d)
    }

    #[test]
    fn a_quoted_title_is_one_misc_mention() {
        // Reuters, 1996 (CoNLL-2003 dev): the tagger had `Ice Cold` ORG, `Alex` PER.
        let text = "Best known for appearances in \" Ice Cold in Alex \" and \" On the Waterfront \" .";
        assert_eq!(
            marked(text, &[("Ice Cold", Label::Org), ("Alex", Label::Per)]),
            owned(&[("Ice Cold in Alex", Label::Misc), ("On the Waterfront", Label::Misc)])
        );
        // Curly quotes, a final comma inside the marks, numbers.
        let text = "He starred in “The Knot,” then “Bertillon 166” and “Soul Alone”.";
        assert_eq!(
            marked(text, &[]),
            owned(&[("The Knot", Label::Misc), ("Bertillon 166", Label::Misc), ("Soul Alone", Label::Misc)])
        );
    }

    #[test]
    fn what_is_not_a_quoted_name() {
        let none = |text: &str, given: &[(&str, Label)]| assert_eq!(marked(text, given), owned(given), "{text}");
        // Someone's words: lower case inside, or a final ! or ?.
        none("She said \"We will win\" and left.", &[]);
        none("She said “We Will Win!” and left.", &[]);
        // One word, or more than six.
        none("He answered “Nonsense” and left.", &[]);
        none("They sang “One Two Three Four Five Six Seven” loudly.", &[]);
        // A title-case headline.
        none("Hillary Clinton Speaks ‘Directly To White People’ After Police Shooting", &[]);
        // A nickname inside a name that is not a person's both sides.
        none("The legend Roberto \" Hands of Stone \" Duran fights again.", &[("Duran", Label::Per)]);
        // The tagger's own mention of exactly these words keeps its label.
        none("As “The Wall Street Journal” wrote, it shows.", &[("The Wall Street Journal", Label::Org)]);
        // Speech opening a sentence, a title before a name, capitals only.
        none("“Ginger Nut,” said I, “come here.”", &[]);
        none("They cheered for “President Bernie Sanders” all night.", &[("Bernie Sanders", Label::Per)]);
        none("The key words “MUST NOT” are to be read as described.", &[]);
        // A title-case headline with small words in lower case.
        none("Benghazi Victim Mother ‘Absolutely Wrong’ to Call Me a Liar", &[]);
        // A mention that crosses a mark.
        none("Viewers of “Fox News” Sunday shows.", &[("News” Sunday", Label::Org)]);
    }

    #[test]
    fn a_nickname_between_given_name_and_surname_makes_one_person() {
        // Reuters, 1996 (CoNLL-2003 dev): the tagger had `Roberto` PER, `Stone` LOC, `Duran` PER.
        let text = "Panamanian boxing legend Roberto \" Hands of Stone \" Duran climbs into the ring .";
        assert_eq!(
            marked(text, &[("Roberto", Label::Per), ("Stone", Label::Loc), ("Duran", Label::Per)]),
            owned(&[("Roberto \" Hands of Stone \" Duran", Label::Per)])
        );
        // Politico, 2016 (PolNeAR): initials and a one-word nickname; curly marks.
        let text = "Rep. Robert C. \"Bobby\" Scott threw open his farm, as did John “Tig” Tiegen.";
        assert_eq!(
            marked(
                text,
                &[
                    ("Robert C.", Label::Per),
                    ("Bobby", Label::Per),
                    ("Scott", Label::Per),
                    ("John", Label::Per),
                    ("Tiegen", Label::Per)
                ]
            ),
            owned(&[("Robert C. \"Bobby\" Scott", Label::Per), ("John “Tig” Tiegen", Label::Per)])
        );
        // Two nicknames in a row: the first joins, the second finds its left
        // name taken and leaves its mentions alone.
        let text = "John \"Big\" Smith \"Red\" Jones went home.";
        assert_eq!(
            marked(text, &[("John", Label::Per), ("Smith", Label::Per), ("Jones", Label::Per)]),
            owned(&[("John \"Big\" Smith", Label::Per), ("Jones", Label::Per)])
        );
        // Not someone's words between two people.
        let text = "Smith “I will win” Jones said nothing.";
        assert_eq!(
            marked(text, &[("Smith", Label::Per), ("Jones", Label::Per)]),
            owned(&[("Smith", Label::Per), ("Jones", Label::Per)])
        );
    }

    #[test]
    fn unbalanced_marks_change_nothing() {
        assert_eq!(marked("“The Knot and more words here", &[]), owned(&[]));
        assert_eq!(marked("An “Open “Open “Open and “Shut Case” here", &[]), owned(&[("Shut Case", Label::Misc)]));
    }
}
