//! Mentions that stop inside a hyphenated word.
//!
//! The tokenizer splits hyphenated words so that each part can be tagged
//! (`Russia-U.S.` → `Russia` `-` `U.S.`). The tagger then sometimes stops
//! inside a name whose later part is written in lower case, as romanized
//! East Asian given names are (`Moon Jae-in`, `Ban Ki-moon`, `Kim In-so`,
//! `Lee Teng-hui`): the 1996 training text has few of them, and `in`, `so`
//! or `moon` read as English words. It even ended a mention on the hyphen
//! itself (`Moon Jae-`). [`complete`] repairs both, before mentions are
//! merged into entities:
//!
//! - a person mention continues through `-syllable` when its first word (the
//!   surname) and the word before the hyphen are capitalised syllables too
//!   (`Ban Ki` + `-moon`), and through `Syllable-syllable` right after a
//!   one-syllable surname (`Kim` + ` In-so`; not `Biden` + ` Re-run`);
//! - any other mention that ends on a hyphen attached to the next word loses
//!   that hyphen.
//!
//! [`join_linked`] then joins two mentions of one label that a linking word
//! between hyphens ties into one written word (`Lashkar-e-Taiba`,
//! `Hizb-ul-Mujahideen`, `Jaish-e-Mohammed`), and two organisations joined by
//! a bare hyphen (`UWP-Hachette`, `Hewlett-Packard`): the tagger may tag each
//! side alone, while the name is the whole word. Places and people joined by a
//! bare hyphen stay apart (`Russia-U.S. talks`, the `Clinton-Kaine` ticket).
//!
//! A "syllable" has the shape of one romanized Korean or Chinese syllable:
//! at most two consonants (the second `h`, `w` or `y`, or `ts`), one run of
//! vowels, at most one final `n`, `ng`, `k`, `l`, `m`, `p`, `r`, `t` or `h`
//! (`jae`, `young`, `hoon`, `yeol`, `myung`). English compound heads
//! rarely have it (`-era`, `-led`, `-like`, `-based`, `-born`), nor do
//! most Western surnames (`Obama-era`, `Trump-like` are left alone).

use crate::document::{Label, Mention};
use crate::span::{ByteSpan, TokenSpan};
use crate::text::{Gap, Token};

/// Completes or trims mentions that stop inside a hyphenated word (see the module docs).
pub fn complete(text: &str, tokens: &[Token], mentions: &mut [Mention]) {
    for i in 0..mentions.len() {
        let (label, old) = (mentions[i].label, mentions[i].tokens);
        let (s, mut e) = (old.start as usize, old.end as usize);
        if s >= e || e > tokens.len() {
            continue;
        }
        // The next mention's first token: a mention never grows into it.
        let limit = mentions.get(i + 1).map_or(tokens.len(), |n| n.tokens.start as usize);
        let word = |j: usize| tokens[j].text(text);
        let attached_hyphen = |j: usize| j < limit && is_hyphen(word(j)) && tokens[j].gap == Gap::None;
        let attached_syllable =
            |j: usize, capital: bool| j < limit && tokens[j].gap == Gap::None && is_syllable(word(j), capital);
        if e - s >= 2 && is_hyphen(word(e - 1)) && e < tokens.len() && tokens[e].gap == Gap::None {
            // Ends on the hyphen of `Jae-in`.
            if label == Label::Per && is_syllable(word(e - 2), true) && attached_syllable(e, false) {
                e += 1;
            } else {
                e -= 1;
            }
        } else if label == Label::Per && attached_hyphen(e) && attached_syllable(e + 1, false) {
            // `Ban Ki` + `-moon`: a one-syllable surname, then the given name.
            if e - s >= 2 && is_syllable(word(s), true) && is_syllable(word(e - 1), true) {
                e += 2;
            }
        } else if label == Label::Per
            && e < limit
            && tokens[e].gap == Gap::Space
            && is_syllable(word(e - 1), true)
            && is_syllable(word(e), true)
            && attached_hyphen(e + 1)
            && attached_syllable(e + 2, false)
        {
            // `Kim` + ` In-so`.
            e += 3;
        }
        if e != old.end as usize && e > s {
            let mm = &mut mentions[i];
            mm.tokens = TokenSpan::new(s, e);
            mm.span = ByteSpan::new(tokens[s].span.start as usize, tokens[e - 1].span.end as usize);
        }
    }
}

/// Joins mentions of one label written as one word through `-link-`, a
/// lower-case linking word of one to three letters between two attached
/// hyphens (`Lashkar` + `-e-` + `Taiba`), and two ORG mentions joined by one
/// attached hyphen (`UWP` + `-` + `Hachette`; see the module docs). The joined
/// mention keeps the lower score of the two.
pub fn join_linked(text: &str, tokens: &[Token], mentions: &mut Vec<Mention>) {
    let attached = |j: usize| j < tokens.len() && tokens[j].gap == Gap::None;
    let linker = |j: usize| {
        let w = tokens[j].text(text);
        (1..=3).contains(&w.len())
            && w.bytes().all(|b| b.is_ascii_lowercase())
            // English connectives join two names (`Boston-to-Washington`, `Smith-vs-Jones`).
            && !matches!(w, "to" | "and" | "or" | "nor" | "vs" | "v" | "via" | "per" | "for" | "the" | "in" | "on" | "at" | "by" | "of" | "n")
    };
    let mut out: Vec<Mention> = Vec::with_capacity(mentions.len());
    for m in mentions.drain(..) {
        if let Some(prev) = out.last_mut() {
            let e = prev.tokens.end as usize;
            let linked = m.tokens.start as usize == e + 3
                && (e..e + 4).all(attached)
                && is_hyphen(tokens[e].text(text))
                && linker(e + 1)
                && is_hyphen(tokens[e + 2].text(text));
            let joined_orgs = m.label == Label::Org
                && m.tokens.start as usize == e + 1
                && (e..e + 2).all(attached)
                && is_hyphen(tokens[e].text(text));
            if prev.label == m.label && (linked || joined_orgs) {
                prev.tokens = TokenSpan::new(prev.tokens.start as usize, m.tokens.end as usize);
                prev.span = ByteSpan::new(prev.span.start as usize, m.span.end as usize);
                prev.score = prev.score.min(m.score);
                continue;
            }
        }
        out.push(m);
    }
    *mentions = out;
}

fn is_hyphen(w: &str) -> bool {
    let mut c = w.chars();
    matches!((c.next(), c.next()), (Some(h), None) if crate::text::chars::is_hyphen(h))
}

/// Whether `w` has the shape of one romanized syllable (module docs), in
/// lower case, or with a capital first letter when `capital`.
fn is_syllable(w: &str, capital: bool) -> bool {
    let b = w.as_bytes();
    if b.is_empty() || b.len() > 6 || !b.iter().all(u8::is_ascii_alphabetic) {
        return false;
    }
    if b[0].is_ascii_uppercase() != capital || b[1..].iter().any(u8::is_ascii_uppercase) {
        return false;
    }
    let lower = w.to_ascii_lowercase();
    let b = lower.as_bytes();
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u');
    // Onset: up to two consonants, the second a glide or `h` (`ch`, `hy`, `gw`), or `ts`.
    let mut i = 0;
    while i < b.len() && !vowel(b[i]) && i < 2 {
        i += 1;
    }
    if i == 2 && !(matches!(b[1], b'h' | b'w' | b'y') || &b[..2] == b"ts") {
        return false;
    }
    // Nucleus: one run of vowels (`y` inside it too: `yeol`'s onset, `kyung`).
    let v = i;
    while i < b.len() && (vowel(b[i]) || (i > v && b[i] == b'y')) {
        i += 1;
    }
    if i == v || i - v > 3 {
        return false;
    }
    // Coda (`rk`: `Park`), and not an English word that often ends a
    // hyphenated compound (`Kim-run`, `day-long`, `week`, `year`, `team`).
    matches!(&b[i..], b"" | b"n" | b"ng" | b"k" | b"l" | b"m" | b"p" | b"r" | b"t" | b"h" | b"rk")
        && !matches!(b, b"run" | b"long" | b"day" | b"week" | b"year" | b"team" | b"man" | b"men" | b"up")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    /// The mentions (token ranges and labels) of `text` after [`complete`], as text.
    fn run_all(text: &str, mentions: &[(usize, usize, Label)]) -> Vec<String> {
        let toks = tokenize(text);
        let mut m: Vec<Mention> = mentions
            .iter()
            .map(|&(a, b, label)| Mention {
                span: ByteSpan::new(toks[a].span.start as usize, toks[b - 1].span.end as usize),
                tokens: TokenSpan::new(a, b),
                label,
                entity: 0,
                score: 1.0,
            })
            .collect();
        complete(text, &toks, &mut m);
        m.iter()
            .map(|m| {
                assert_eq!(m.span.start, toks[m.tokens.start as usize].span.start);
                assert_eq!(m.span.end, toks[m.tokens.end as usize - 1].span.end);
                m.span.slice(text).to_owned()
            })
            .collect()
    }

    fn run(text: &str, tokens: (usize, usize), label: Label) -> String {
        run_all(text, &[(tokens.0, tokens.1, label)]).remove(0)
    }

    #[test]
    fn completes_or_trims_at_a_hyphen() {
        // `Moon` `Jae` `-` `in` `met`
        assert_eq!(run("Moon Jae-in met", (0, 3), Label::Per), "Moon Jae-in");
        assert_eq!(run("Moon Jae-in met", (0, 3), Label::Org), "Moon Jae");
        assert_eq!(run("Moon Jae-in met", (0, 2), Label::Per), "Moon Jae-in");
        assert_eq!(run("Moon Jae-in met", (0, 2), Label::Loc), "Moon Jae");
        // One word before the hyphen: `Kim-led` is not a name.
        assert_eq!(run("Jae-in met", (0, 1), Label::Per), "Jae");
        assert_eq!(run("Kim In-so was", (0, 1), Label::Per), "Kim In-so");
        assert_eq!(run("Kim In-depth was", (0, 1), Label::Per), "Kim");
        assert_eq!(run("Barack Obama-era rules", (0, 2), Label::Per), "Barack Obama");
        assert_eq!(run("John Kim-run stores", (0, 2), Label::Per), "John Kim");
        assert_eq!(run("Biden Re-run talk", (0, 1), Label::Per), "Biden");
        assert_eq!(run("Park Geun-hye said", (0, 2), Label::Per), "Park Geun-hye");
        // Never past the text, never into the next mention.
        assert_eq!(run("Moon Jae-", (0, 3), Label::Per), "Moon Jae-");
        assert_eq!(run_all("Moon Jae-in met", &[(0, 2, Label::Per), (3, 4, Label::Org)]), ["Moon Jae", "in"]);
    }

    #[test]
    fn joins_names_linked_by_a_hyphenated_particle() {
        let text = "group called Lashkar-e-Taiba and Hizb-ul-Mujahideen, not Russia-U.S. or Iran-e-Iraq talks; \
                    UWP-Hachette bid, Clinton-Kaine ticket, a Boston-to-Washington flight";
        let toks = tokenize(text);
        let at = |w: &str| toks.iter().position(|t| t.text(text) == w).unwrap();
        let mention = |a: usize, b: usize, label: Label, score: f32| Mention {
            span: ByteSpan::new(toks[a].span.start as usize, toks[b - 1].span.end as usize),
            tokens: TokenSpan::new(a, b),
            label,
            entity: 0,
            score,
        };
        let mut m = vec![
            mention(at("Lashkar"), at("Lashkar") + 1, Label::Org, 0.9),
            mention(at("Taiba"), at("Taiba") + 1, Label::Org, 0.6),
            mention(at("Hizb"), at("Hizb") + 1, Label::Org, 0.8),
            mention(at("Mujahideen"), at("Mujahideen") + 1, Label::Org, 0.7),
            // `-` alone is no link; different labels are not joined.
            mention(at("Russia"), at("Russia") + 1, Label::Loc, 0.9),
            mention(at("U.S."), at("U.S.") + 1, Label::Loc, 0.9),
            mention(at("Iran"), at("Iran") + 1, Label::Loc, 0.9),
            mention(at("Iraq"), at("Iraq") + 1, Label::Org, 0.9),
            // Two organisations joined by a bare hyphen are one; two people are not.
            mention(at("UWP"), at("UWP") + 1, Label::Org, 0.8),
            mention(at("Hachette"), at("Hachette") + 1, Label::Org, 0.9),
            mention(at("Clinton"), at("Clinton") + 1, Label::Per, 0.9),
            mention(at("Kaine"), at("Kaine") + 1, Label::Per, 0.9),
            // An English connective links two places, not one name.
            mention(at("Boston"), at("Boston") + 1, Label::Loc, 0.9),
            mention(at("Washington"), at("Washington") + 1, Label::Loc, 0.9),
        ];
        join_linked(text, &toks, &mut m);
        let got: Vec<(&str, f32)> = m.iter().map(|m| (m.span.slice(text), m.score)).collect();
        assert_eq!(
            got,
            [
                ("Lashkar-e-Taiba", 0.6),
                ("Hizb-ul-Mujahideen", 0.7),
                ("Russia", 0.9),
                ("U.S.", 0.9),
                ("Iran", 0.9),
                ("Iraq", 0.9),
                ("UWP-Hachette", 0.8),
                ("Clinton", 0.9),
                ("Kaine", 0.9),
                ("Boston", 0.9),
                ("Washington", 0.9)
            ]
        );
        assert_eq!(m[0].tokens, TokenSpan::new(at("Lashkar"), at("Taiba") + 1));
    }

    #[test]
    fn syllable_shapes() {
        for w in ["jae", "in", "moon", "hoon", "yeol", "un", "hye", "bak", "hui", "yeh", "so", "wha", "myung"] {
            assert!(is_syllable(w, false), "{w}");
        }
        for w in ["Ki", "Young", "Jong", "Suk", "Teng", "Geun", "In", "Myung", "Kyung"] {
            assert!(is_syllable(w, true), "{w}");
        }
        for w in ["era", "led", "like", "type", "based", "born", "free", "less", "made", "old", "style", "backed"] {
            assert!(!is_syllable(w, false), "{w}");
        }
        for w in ["Obama", "Trump", "Putin", "Clinton", "Merkel", "Biden", "Moscow", "in", "IN"] {
            assert!(!is_syllable(w, true), "{w}");
        }
    }
}
