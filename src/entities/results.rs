//! Sports results tables: `Sale 31 Wasps 33`.
//!
//! Sports pages print results one match per line, two sides and their
//! scores. The tagger reads each side from a few words around it, so a
//! club named with a common word (`Sale`, `Wasps`) or a small town
//! (`Hawick`) can come out untagged or as a person while the lines around
//! it are tagged as clubs. [`label`] finds runs of three or more such lines
//! and, when the tagger tagged at least half of their sides, two thirds of
//! those as organisations, makes every side an organisation (a side of capitalised words only, hyphens
//! allowed: `Jed-Forest`, `Notts County`).

use crate::document::{Label, Mention};
use crate::span::{ByteSpan, TokenSpan};
use crate::text::{Gap, Token, TokenKind};

/// The score a side made an organisation by this rule gets.
pub const SCORE: f32 = 0.7;

/// Labels the sides of results lines (see the module docs). Mentions stay
/// sorted and non-overlapping. Linear in tokens and mentions.
pub fn label(text: &str, tokens: &[Token], mentions: &mut Vec<Mention>) {
    // Results lines: (the two sides as token ranges).
    let mut lines: Vec<[(usize, usize); 2]> = Vec::new();
    let mut runs: Vec<(usize, usize)> = Vec::new(); // ranges into `lines`
    let mut run_start = 0;
    let mut i = 0;
    while i < tokens.len() {
        let mut end = i + 1;
        while end < tokens.len() && tokens[end].gap < Gap::Line {
            end += 1;
        }
        match sides(text, &tokens[i..end]) {
            Some([a, b]) => lines.push([(i + a.0, i + a.1), (i + b.0, i + b.1)]),
            None => {
                if lines.len() - run_start >= 3 {
                    runs.push((run_start, lines.len()));
                }
                run_start = lines.len();
            }
        }
        i = end;
    }
    if lines.len() - run_start >= 3 {
        runs.push((run_start, lines.len()));
    }
    if runs.is_empty() {
        return;
    }
    // Index mentions by start token, to find a side's mention exactly.
    let by_start: std::collections::HashMap<usize, usize> =
        mentions.iter().enumerate().map(|(k, m)| (m.tokens.start as usize, k)).collect();
    let mut added = Vec::new();
    let mut relabel = Vec::new();
    for (a, b) in runs {
        let sides: Vec<(usize, usize)> = lines[a..b].iter().flatten().copied().collect();
        let exact =
            |&(s, e): &(usize, usize)| by_start.get(&s).copied().filter(|&k| mentions[k].tokens.end as usize == e);
        let tagged = sides.iter().filter(|s| exact(s).is_some()).count();
        let orgs = sides.iter().filter(|s| exact(s).is_some_and(|k| mentions[k].label == Label::Org)).count();
        if 2 * tagged < sides.len() || 3 * orgs < 2 * tagged {
            continue;
        }
        for side in &sides {
            match exact(side) {
                Some(k) => relabel.push(k),
                // Untagged, not cut across by another mention.
                None if mentions
                    .iter()
                    .all(|m| m.tokens.end as usize <= side.0 || m.tokens.start as usize >= side.1) =>
                {
                    added.push(Mention {
                        span: ByteSpan::new(tokens[side.0].span.start as usize, tokens[side.1 - 1].span.end as usize),
                        tokens: TokenSpan::new(side.0, side.1),
                        label: Label::Org,
                        entity: 0,
                        score: SCORE,
                    });
                }
                None => {}
            }
        }
    }
    for k in relabel {
        mentions[k].label = Label::Org;
    }
    if !added.is_empty() {
        mentions.extend(added);
        mentions.sort_by_key(|m| m.tokens.start);
    }
}

/// The two sides of a results line `Side N Side N` (token ranges relative
/// to `line`): one to four capitalised words each (hyphens inside a word
/// allowed), each followed by a score of one to three digits.
fn sides(text: &str, line: &[Token]) -> Option<[(usize, usize); 2]> {
    let mut out = [(0, 0); 2];
    let mut at = 0;
    for side in &mut out {
        let start = at;
        while at < line.len() && line[at].kind != TokenKind::Number {
            let t = &line[at];
            let w = t.text(text);
            let word = t.kind == TokenKind::Word && w.starts_with(char::is_uppercase);
            let hyphen = w == "-" && t.gap == Gap::None && at > start;
            let possessive = matches!(w, "'s" | "’s" | "'" | "’") && at > start;
            if !(word || hyphen || possessive) {
                return None;
            }
            at += 1;
        }
        let words = line[start..at].iter().filter(|t| t.kind == TokenKind::Word).count();
        if !(1..=4).contains(&words) || at >= line.len() {
            return None;
        }
        let score = line[at].text(text);
        if score.len() > 3 || !score.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        *side = (start, at);
        at += 1;
    }
    (at == line.len()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::test_support::{document, owned, surfaces};

    fn labelled(text: &str, given: &[(&str, Label)]) -> Vec<(String, Label)> {
        let mut d = document(text, given);
        label(&d.text, &d.tokens, &mut d.mentions);
        surfaces(&d)
    }

    #[test]
    fn every_side_of_a_table_of_clubs_is_a_club() {
        // Reuters, 1996 (CoNLL-2003 dev): English rugby union results.
        let text = "Results :\nOrrell 13 Bath 56\nSale 31 Wasps 33\nSaracens 25 Leicester 23\nJed-Forest 17 Watsonians 54\nEnd .";
        let given = [
            ("Orrell", Label::Org),
            ("Bath", Label::Org),
            ("Saracens", Label::Org),
            ("Leicester", Label::Org),
            ("Jed-Forest", Label::Per),
            ("Watsonians", Label::Org),
        ];
        assert_eq!(
            labelled(text, &given),
            owned(&[
                ("Orrell", Label::Org),
                ("Bath", Label::Org),
                ("Sale", Label::Org),
                ("Wasps", Label::Org),
                ("Saracens", Label::Org),
                ("Leicester", Label::Org),
                ("Jed-Forest", Label::Org),
                ("Watsonians", Label::Org),
            ])
        );
    }

    #[test]
    fn national_teams_two_lines_and_prose_are_left_alone() {
        // Countries: the sides are places, not three quarters clubs.
        let text = "Italy 2 France 1\nSpain 0 Germany 0\nBrazil 3 Chile 1\n";
        let given = [
            ("Italy", Label::Loc),
            ("France", Label::Loc),
            ("Spain", Label::Loc),
            ("Germany", Label::Loc),
            ("Brazil", Label::Loc),
            ("Chile", Label::Loc),
        ];
        assert_eq!(labelled(text, &given), owned(&given));
        // Two lines are no table.
        let text = "Orrell 13 Bath 56\nSale 31 Wasps 33\n";
        let given = [("Orrell", Label::Org), ("Bath", Label::Org)];
        assert_eq!(labelled(text, &given), owned(&given));
        // Not a results line: words after the score, lower-case words.
        for line in ["Sale 31 Wasps 33 on Sunday", "Sale rose 31 percent 33", "Sale 31 Wasps 33"] {
            let found = sides(line, &crate::text::tokenize(line)).is_some();
            assert_eq!(found, line == "Sale 31 Wasps 33", "{line}");
        }
    }
}
