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
//!   Duran`: a capitalised word on both sides);
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
/// sorted and non-overlapping.
pub fn mark(
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    paragraphs: &[Paragraph],
    mentions: &mut Vec<Mention>,
) {
    let mut changed = false;
    for s in marks::pair(text, tokens, paragraphs) {
        let Some(close) = s.close else { continue };
        let Some((a, b)) = name_tokens(text, tokens, s.content) else { continue };
        let Some(sentence) =
            sentences.iter().find(|x| x.tokens.start as usize <= s.open && s.open < x.tokens.end as usize)
        else {
            continue;
        };
        let (first, last) = (sentence.tokens.start as usize, (sentence.tokens.end as usize).min(tokens.len()));
        let word_at = |i: usize| tokens[i].kind == TokenKind::Word;
        // `“Ginger Nut,” said I`, `"As President," she said, "I will …"`.
        let opens_sentence = !(first..s.open).any(word_at);
        let speech = opens_sentence && b < s.content.1 && tokens[b].text(text) == ",";
        // A lower-case word other than a title's small words outside the marks.
        let prose = (first..last).filter(|&i| i < s.open || i >= s.end).any(|i| {
            word_at(i) && tokens[i].text(text).starts_with(char::is_lowercase) && !is_small_word(tokens[i].text(text))
        });
        let nickname = capitalised_word(text, tokens, s.open.wrapping_sub(1)) && capitalised_word(text, tokens, s.end);
        if speech || !prose || nickname {
            continue;
        }
        // Mentions touching the stretch, marks included.
        let inside: Vec<usize> = mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| (m.tokens.start as usize) < s.end && (m.tokens.end as usize) > s.open)
            .map(|(i, _)| i)
            .collect();
        let crosses = inside.iter().any(|&i| {
            let m = &mentions[i];
            (m.tokens.start as usize) < a || (m.tokens.end as usize) > b
        });
        let exact = inside.iter().any(|&i| mentions[i].tokens == TokenSpan::new(a, b));
        if crosses || exact || close < b {
            continue;
        }
        for &i in inside.iter().rev() {
            mentions.remove(i);
        }
        mentions.push(Mention {
            span: ByteSpan::new(tokens[a].span.start as usize, tokens[b - 1].span.end as usize),
            tokens: TokenSpan::new(a, b),
            label: Label::Misc,
            entity: 0,
            score: SCORE,
        });
        changed = true;
    }
    if changed {
        mentions.sort_by_key(|m| m.tokens.start);
    }
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

    /// Runs [`mark`] over `text` with the mentions given as (surface, label).
    fn marked(text: &str, given: &[(&str, Label)]) -> Vec<(String, Label)> {
        let tokens = crate::text::tokenize(text);
        let (sentences, paragraphs) = crate::text::segment(text, &tokens);
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
        mark(text, &tokens, &sentences, &paragraphs, &mut mentions);
        mentions.iter().map(|m| (m.span.slice(text).to_owned(), m.label)).collect()
    }

    fn owned(v: &[(&str, Label)]) -> Vec<(String, Label)> {
        v.iter().map(|&(s, l)| (s.to_owned(), l)).collect()
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
        // A nickname inside a name.
        none(
            "The legend Roberto \" Hands of Stone \" Duran fights again.",
            &[("Roberto", Label::Per), ("Duran", Label::Per)],
        );
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
    fn unbalanced_marks_change_nothing() {
        assert_eq!(marked("“The Knot and more words here", &[]), owned(&[]));
        assert_eq!(marked("An “Open “Open “Open and “Shut Case” here", &[]), owned(&[("Shut Case", Label::Misc)]));
    }
}
