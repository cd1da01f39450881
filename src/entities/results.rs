//! Sports results tables: `Sale 31 Wasps 33`.
//!
//! Sports pages print results one match per line, two sides and their
//! scores. The tagger reads each side from a few words around it, so a
//! club named with a common word (`Sale`, `Wasps`) or a small town
//! (`Hawick`) can come out untagged or as a person while the lines around
//! it are tagged as clubs. Standings tables are alike, one club a line with
//! its figures (`Rad ( B ) 4 1 1 2 2 3 4`). [`label`] finds runs of three or
//! more such lines
//! and, when the tagger tagged at least half of their sides, two thirds of
//! those as organisations, makes every side an organisation (a side of capitalised words only, hyphens
//! allowed: `Jed-Forest`, `Notts County`).

use crate::document::{Label, Mention};
use crate::span::{ByteSpan, TokenSpan};
use crate::text::{Gap, Token, TokenKind};

/// The score a side made an organisation by this rule gets.
pub const SCORE: f32 = 0.7;

/// Labels the sides of results lines (see the module docs). Mentions stay
/// sorted and non-overlapping. Linear in tokens, plus binary searches over
/// the mentions per side.
pub fn label(text: &str, tokens: &[Token], mentions: &mut Vec<Mention>) {
    // Table lines, as their sides' token ranges, and runs of them.
    let mut sides: Vec<(usize, usize)> = Vec::new();
    let mut runs: Vec<(usize, usize)> = Vec::new(); // ranges into `sides`
    let (mut run_start, mut run_lines) = (0, 0);
    let mut i = 0;
    while i < tokens.len() {
        let mut end = i + 1;
        while end < tokens.len() && tokens[end].gap < Gap::Line {
            end += 1;
        }
        match line_sides(text, &tokens[i..end]) {
            Some(found) => {
                sides.extend(found.into_iter().flatten().map(|(a, b)| (i + a, i + b)));
                run_lines += 1;
            }
            None => {
                if run_lines >= 3 {
                    runs.push((run_start, sides.len()));
                } else {
                    sides.truncate(run_start);
                }
                run_start = sides.len();
                run_lines = 0;
            }
        }
        i = end;
    }
    if run_lines >= 3 {
        runs.push((run_start, sides.len()));
    }
    if runs.is_empty() {
        return;
    }
    // Mentions are sorted and do not overlap, so their ends are sorted too:
    // the mentions touching a side are one range, found by binary search.
    let touching = |mentions: &[Mention], &(s, e): &(usize, usize)| {
        let first = mentions.partition_point(|m| (m.tokens.end as usize) <= s);
        first..first + mentions[first..].partition_point(|m| (m.tokens.start as usize) < e)
    };
    let exact = |side: &(usize, usize)| {
        let r = touching(mentions, side);
        (r.len() == 1 && mentions[r.start].tokens == TokenSpan::new(side.0, side.1)).then_some(r.start)
    };
    let mut added = Vec::new();
    let mut drop = vec![false; mentions.len()];
    let mut relabel = Vec::new();
    for (a, b) in runs {
        let sides = &sides[a..b];
        let tagged = sides.iter().filter(|s| exact(s).is_some()).count();
        let orgs = sides.iter().filter(|s| exact(s).is_some_and(|k| mentions[k].label == Label::Org)).count();
        if 2 * tagged < sides.len() || 3 * orgs < 2 * tagged {
            continue;
        }
        for side in sides {
            if let Some(k) = exact(side) {
                relabel.push(k);
                continue;
            }
            // Mentions touching the side: none, or only inside it (`Rad` of `Rad ( B )`).
            let inside = touching(mentions, side);
            if mentions[inside.clone()]
                .iter()
                .any(|m| (m.tokens.start as usize) < side.0 || (m.tokens.end as usize) > side.1)
            {
                continue;
            }
            drop[inside].iter_mut().for_each(|d| *d = true);
            added.push(Mention {
                span: ByteSpan::new(tokens[side.0].span.start as usize, tokens[side.1 - 1].span.end as usize),
                tokens: TokenSpan::new(side.0, side.1),
                label: Label::Org,
                entity: 0,
                score: SCORE,
            });
        }
    }
    for k in relabel {
        mentions[k].label = Label::Org;
    }
    if !added.is_empty() {
        let mut keep = drop.iter().map(|d| !d);
        mentions.retain(|_| keep.next().unwrap_or(true));
        mentions.extend(added);
        mentions.sort_by_key(|m| m.tokens.start);
    }
}

/// The sides of a table line (token ranges relative to `line`): a results
/// line `Side N Side N`, two sides each followed by a score of one to three
/// digits, or a standings line `Side N N N …`, one side followed by three or
/// more numbers. A side is one to four capitalised words, hyphens inside a
/// word, a possessive and a bracketed capital allowed (`Jed-Forest`, `Heriot
/// 's F.P.`, `Rad ( B )`).
fn line_sides(text: &str, line: &[Token]) -> Option<[Option<(usize, usize)>; 2]> {
    let side = |from: usize| -> Option<usize> {
        let mut at = from;
        let mut open = false;
        while at < line.len() && line[at].kind != TokenKind::Number {
            let t = &line[at];
            let w = t.text(text);
            let word = t.kind == TokenKind::Word && w.starts_with(char::is_uppercase);
            let hyphen = w == "-" && t.gap == Gap::None && at > from;
            let possessive = matches!(w, "'s" | "’s" | "'" | "’") && at > from;
            let bracket = (w == "(" && at > from && !open) || (w == ")" && open);
            if !(word || hyphen || possessive || bracket) {
                return None;
            }
            if bracket {
                open = w == "(";
            }
            at += 1;
        }
        let words = line[from..at].iter().filter(|t| t.kind == TokenKind::Word).count();
        ((1..=4).contains(&words) && !open && at < line.len()).then_some(at)
    };
    let score = |t: &Token| {
        let w = t.text(text);
        t.kind == TokenKind::Number && w.len() <= 3 && w.bytes().all(|b| b.is_ascii_digit())
    };
    let end = side(0)?;
    let numbers = line[end..].iter().take_while(|t| score(t)).count();
    if numbers >= 3 && end + numbers == line.len() {
        return Some([Some((0, end)), None]);
    }
    if numbers != 1 {
        return None;
    }
    let end2 = side(end + 1)?;
    (end2 + 1 == line.len() && score(&line[end2])).then_some([Some((0, end)), Some((end + 1, end2))])
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
        for (line, table) in [
            ("Sale 31 Wasps 33 on Sunday", false),
            ("Sale rose 31 percent 33", false),
            ("Sale 31 Wasps 33", true),
            ("Rad ( B ) 4 1 1 2 2 3 4", true),
            ("Rad ( B 4 1 1 2 2 3 4", false),
            ("Sales 1995 1994", false),
        ] {
            assert_eq!(line_sides(line, &crate::text::tokenize(line)).is_some(), table, "{line}");
        }
    }
}
