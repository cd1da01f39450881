//! Character classes the tokenizer needs beyond `char`'s own predicates.

/// Characters that never start a token but extend the one before them:
/// combining marks, zero-width joiner, variation selectors, emoji skin-tone
/// modifiers and tag characters.
#[inline]
pub fn is_extender(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'      // combining diacritical marks
        | '\u{0483}'..='\u{0489}'
        | '\u{0591}'..='\u{05BD}'    // Hebrew points
        | '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'    // Arabic harakat
        | '\u{0670}'
        | '\u{06D6}'..='\u{06ED}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{00AD}'                 // soft hyphen (`Vladi­mir` is one word)
        | '\u{200C}'..='\u{200D}'    // ZWNJ, ZWJ
        | '\u{20D0}'..='\u{20FF}'    // combining marks for symbols (keycap)
        | '\u{FE00}'..='\u{FE0F}'    // variation selectors
        | '\u{FE20}'..='\u{FE2F}'
        | '\u{1F3FB}'..='\u{1F3FF}'  // skin tones
        | '\u{E0020}'..='\u{E007F}'  // tags (subdivision flags)
        | '\u{E0100}'..='\u{E01EF}')
}

/// Letters and digits that form words, including marks that Unicode counts
/// as alphabetic (Indic vowel signs).
#[inline]
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        (c.is_alphanumeric() || is_extender(c)) && !is_cjk(c) && !is_space(c)
    }
}

/// Scripts written without spaces between words: every character is its own token.
#[inline]
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'      // Hiragana, Katakana
        | '\u{3400}'..='\u{4DBF}'    // CJK extension A
        | '\u{4E00}'..='\u{9FFF}'    // CJK unified ideographs
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF66}'..='\u{FF9F}'    // half-width Katakana
        | '\u{0E00}'..='\u{0E7F}'    // Thai
        | '\u{20000}'..='\u{3134F}')
}

/// White space, including no-break and zero-width spaces that text pasted
/// from web pages is full of.
#[inline]
pub fn is_space(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Line separators. `\r\n` is handled by the caller as one break.
#[inline]
pub fn is_newline(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{000B}' | '\u{000C}' | '\u{0085}' | '\u{2028}' | '\u{2029}')
}

/// Apostrophes: ASCII, right single quotation mark (the usual curly apostrophe)
/// and the modifier letter apostrophe.
#[inline]
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

/// Quotation marks of any style (the quotes stage decides which open and close).
#[inline]
pub fn is_quote_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '\u{201C}'
            | '\u{201D}'
            | '\u{201E}'
            | '\u{201F}'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{201A}'
            | '\u{201B}'
            | '\u{00AB}'
            | '\u{00BB}'
            | '\u{2039}'
            | '\u{203A}'
            | '\u{300C}'
            | '\u{300D}'
            | '\u{300E}'
            | '\u{300F}'
            | '\u{FF02}'
    )
}

/// Dashes that separate clauses (em, en, horizontal bar, figure dash).
#[inline]
pub fn is_dash(c: char) -> bool {
    matches!(c, '\u{2012}'..='\u{2015}' | '\u{2E3A}' | '\u{2E3B}')
}

/// Hyphens inside compounds.
#[inline]
pub fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{00AD}')
}

/// Sentence-final punctuation, including full-width and Arabic forms.
#[inline]
pub fn is_terminal(c: char) -> bool {
    matches!(
        c,
        '.' | '!'
            | '?'
            | '\u{2026}'
            | '\u{3002}'
            | '\u{FF01}'
            | '\u{FF1F}'
            | '\u{061F}'
            | '\u{06D4}'
            | '\u{203C}'
            | '\u{2047}'..='\u{2049}'
    )
}

/// Pictographic symbols (emoji and friends): kept as one token per grapheme.
#[inline]
pub fn is_pictographic(c: char) -> bool {
    matches!(c,
        '\u{00A9}' | '\u{00AE}' | '\u{203C}' | '\u{2049}' | '\u{2122}' | '\u{2139}'
        | '\u{2194}'..='\u{21AA}'
        | '\u{231A}'..='\u{23FF}'
        | '\u{24C2}'
        | '\u{25A0}'..='\u{27BF}'
        | '\u{2934}'..='\u{2935}'
        | '\u{2B05}'..='\u{2B55}'
        | '\u{3030}' | '\u{303D}' | '\u{3297}' | '\u{3299}'
        | '\u{1F000}'..='\u{1FAFF}')
}

/// Regional indicator letters: two of them make a flag.
#[inline]
pub fn is_regional_indicator(c: char) -> bool {
    matches!(c, '\u{1F1E6}'..='\u{1F1FF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert!(is_space('\u{00A0}'), "no-break space is space");
        assert!(is_space('\t'));
        assert!(is_word_char('é') && is_word_char('ß') && is_word_char('ع'));
        assert!(!is_word_char('中') && is_cjk('中') && is_cjk('カ'));
        assert!(is_apostrophe('’') && !is_apostrophe('‘'));
        assert!(is_dash('—') && is_dash('–') && !is_dash('-'));
        assert!(is_pictographic('😀') && is_extender('\u{200D}'));
        assert!(is_terminal('…') && is_terminal('。'));
    }
}
