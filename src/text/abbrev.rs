//! Abbreviations that keep their final period.
//!
//! These are general English news conventions (AP style titles, months, US
//! state abbreviations, company suffixes), not words taken from any sample.

/// How an abbreviation behaves at a possible sentence end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AbbrevKind {
    /// A title or other prefix that precedes a name or number ("Dr.", "Sen.",
    /// "Jan.", "No."): a sentence never ends after it.
    Prefix,
    /// Can end a sentence ("Inc.", "U.S.", "a.m.", "etc."): a sentence ends
    /// after it only when the next word clearly starts one.
    Terminal,
}

const PREFIXES: &[&str] = &[
    "adm", "amb", "apr", "aug", "brig", "capt", "cmdr", "col", "cpl", "dec", "det", "dr", "feb", "fr", "gen", "gens",
    "gov", "hon", "insp", "jan", "jul", "jun", "lieut", "lt", "maj", "mar", "messrs", "mme", "mlle", "mr", "mrs", "ms",
    "msgr", "mt", "nov", "oct", "pres", "prof", "pvt", "rep", "reps", "rev", "sen", "sens", "sep", "sept", "sgt", "sr",
    "st", "ste", "supt",
];

/// Prefixes of a number ("No. 5", "Art. 3", "pp. 10"): abbreviations only before digits.
const NUMBER_PREFIXES: &[&str] = &["art", "fig", "no", "nos", "op", "pp", "vol"];

/// Abbreviations written in lower case as well.
const LOWERCASE: &[&str] = &["approx", "cf", "est", "etc", "v", "vs"];

const TERMINALS: &[&str] = &[
    "ala", "approx", "ariz", "ark", "assn", "ave", "blvd", "bros", "calif", "cf", "co", "colo", "conn", "corp", "del",
    "dept", "est", "etc", "fla", "ga", "govt", "ill", "inc", "ind", "intl", "jr", "kan", "kans", "ky", "la", "llc",
    "ltd", "mass", "md", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa", "plc", "rd", "tenn",
    "tex", "univ", "v", "va", "vs", "vt", "wash", "wis", "wyo",
];

/// Classifies `word` (without its period), given the first non-space
/// character after the period. Dotted acronyms ("U.S", "a.m", "Ph.D") and
/// single capital letters (initials) are recognised by shape.
pub fn classify(word: &str, next: Option<char>) -> Option<AbbrevKind> {
    if word.is_empty() || word.len() > 12 {
        return None;
    }
    let mut chars = word.chars();
    let first = chars.next()?;
    if chars.next().is_none() {
        // A single capital letter is an initial ("J. Smith"); "v." is "versus".
        return (first.is_uppercase() || first == 'v').then_some(AbbrevKind::Prefix);
    }
    if word.contains('.') {
        let dotted = word.split('.').all(|part| {
            let n = part.chars().count();
            (1..=3).contains(&n) && part.chars().all(char::is_alphabetic)
        });
        return dotted.then_some(AbbrevKind::Terminal);
    }
    if !word.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let lower = word.to_ascii_lowercase();
    let lower = lower.as_str();
    // ALL-CAPS words of three or more letters are acronyms or shouted words, not
    // abbreviations ("the NBA." ends a sentence).
    if word.len() >= 3 && word.bytes().all(|b| b.is_ascii_uppercase()) && lower != "inc" && lower != "ltd" {
        return None;
    }
    if !first.is_uppercase() && !LOWERCASE.contains(&lower) && !NUMBER_PREFIXES.contains(&lower) {
        return None;
    }
    if NUMBER_PREFIXES.contains(&lower) {
        return next.filter(char::is_ascii_digit).map(|_| AbbrevKind::Prefix);
    }
    if PREFIXES.contains(&lower) {
        Some(AbbrevKind::Prefix)
    } else if TERMINALS.contains(&lower) {
        Some(AbbrevKind::Terminal)
    } else {
        None
    }
}

const STARTERS: &[&str] = &[
    "a",
    "according",
    "after",
    "also",
    "although",
    "an",
    "and",
    "as",
    "at",
    "because",
    "before",
    "but",
    "by",
    "for",
    "he",
    "her",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "it",
    "its",
    "last",
    "meanwhile",
    "mr",
    "mrs",
    "ms",
    "my",
    "no",
    "not",
    "on",
    "one",
    "our",
    "she",
    "since",
    "so",
    "some",
    "that",
    "the",
    "their",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "to",
    "under",
    "we",
    "what",
    "when",
    "where",
    "while",
    "who",
    "why",
    "with",
    "yet",
    "you",
];

/// Words that start sentences and are rarely part of a name: after a
/// [`AbbrevKind::Terminal`] abbreviation they signal a sentence break
/// ("… in the U.S. The talks …").
pub fn is_sentence_starter(word: &str) -> bool {
    if word.len() > 10 || !word.starts_with(|c: char| c.is_uppercase()) {
        return false;
    }
    STARTERS.binary_search(&word.to_ascii_lowercase().as_str()).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starters_sorted_for_binary_search() {
        assert!(STARTERS.windows(2).all(|w| w[0] < w[1]));
        assert!(is_sentence_starter("The") && is_sentence_starter("However"));
        assert!(!is_sentence_starter("the"), "lowercase words never start a sentence");
        assert!(!is_sentence_starter("Senate"));
    }

    #[test]
    fn classify_shapes() {
        let s = Some('S');
        assert_eq!(classify("Dr", s), Some(AbbrevKind::Prefix));
        assert_eq!(classify("Jan", Some('5')), Some(AbbrevKind::Prefix));
        assert_eq!(classify("U.S", s), Some(AbbrevKind::Terminal));
        assert_eq!(classify("a.m", s), Some(AbbrevKind::Terminal));
        assert_eq!(classify("Inc", s), Some(AbbrevKind::Terminal));
        assert_eq!(classify("J", s), Some(AbbrevKind::Prefix));
        assert_eq!(classify("etc", None), Some(AbbrevKind::Terminal));
        assert_eq!(classify("example.com", s), None);
        assert_eq!(classify("NBA", s), None);
        assert_eq!(classify("house", s), None);
        assert_eq!(classify("x", s), None);
        assert_eq!(classify("ill", s), None, "lower-case words are not state abbreviations");
        assert_eq!(classify("Ill", s), Some(AbbrevKind::Terminal));
        assert_eq!(classify("No", Some('5')), Some(AbbrevKind::Prefix));
        assert_eq!(classify("no", s), None, "'no.' ends a sentence unless a number follows");
    }

    #[test]
    fn lists_are_lower_case() {
        for list in [PREFIXES, NUMBER_PREFIXES, LOWERCASE, TERMINALS] {
            assert!(list.iter().all(|w| w.bytes().all(|b| b.is_ascii_lowercase())));
        }
    }
}
