//! Bytes → HTML string: which character encoding a page is in.
//!
//! [`decode`] follows the browser's order (WHATWG HTML, "determining the
//! character encoding"), minus the transport layer, which a file or a byte
//! buffer does not have:
//!
//! 1. a byte order mark (UTF-8, UTF-16LE, UTF-16BE);
//! 2. the **prescan** ([`prescan`]) of the first 1024 bytes for
//!    `<meta charset="…">` or `<meta http-equiv="Content-Type"
//!    content="…; charset=…">`, exactly as the standard's byte-level
//!    algorithm reads markup (comments and other tags' attributes are
//!    skipped, the first usable declaration wins, a `content` charset
//!    needs the `http-equiv` pragma, `utf-16*` means UTF-8,
//!    `x-user-defined` means windows-1252);
//! 3. UTF-8 when the bytes are valid UTF-8;
//! 4. otherwise windows-1252 (what browsers assume for legacy Western pages).
//!
//! Labels are resolved by `encoding_rs` (the Encoding Standard's label
//! table). One deviation: a label of the *replacement* encoding (e.g.
//! `iso-2022-kr`), which makes a browser show one U+FFFD for the whole page,
//! counts as a bogus label here and falls through to steps 3–4, so the text
//! stays readable. Malformed sequences decode to U+FFFD; nothing panics.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use std::borrow::Cow;

/// How far [`prescan`] looks, as the standard says.
pub const PRESCAN_BYTES: usize = 1024;

/// Where [`decode`]'s encoding came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CharsetSource {
    /// A byte order mark (removed from the text).
    Bom,
    /// A `<meta>` declaration found by [`prescan`].
    Meta,
    /// No declaration; the bytes are valid UTF-8.
    Utf8,
    /// No declaration and not UTF-8: windows-1252.
    Fallback,
}

/// The result of [`decode`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded<'a> {
    /// The HTML as a string (borrowed when the input was UTF-8 already).
    pub html: Cow<'a, str>,
    /// The encoding's canonical name (`"UTF-8"`, `"windows-1252"`, `"Shift_JIS"`, `"UTF-16LE"`, …).
    pub encoding: &'static str,
    pub source: CharsetSource,
    /// Some byte sequences were malformed and became U+FFFD.
    pub had_errors: bool,
}

/// Decodes HTML bytes as a browser would (see the module docs).
pub fn decode(bytes: &[u8]) -> Decoded<'_> {
    let (encoding, source, body) = if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        (enc, CharsetSource::Bom, &bytes[bom_len..])
    } else if let Some(enc) = prescan(bytes) {
        (enc, CharsetSource::Meta, bytes)
    } else if std::str::from_utf8(bytes).is_ok() {
        (UTF_8, CharsetSource::Utf8, bytes)
    } else {
        (WINDOWS_1252, CharsetSource::Fallback, bytes)
    };
    let (html, had_errors) = encoding.decode_without_bom_handling(body);
    Decoded { html, encoding: encoding.name(), source, had_errors }
}

/// The encoding a page's first [`PRESCAN_BYTES`] bytes declare in a
/// `<meta>` element, per the WHATWG "prescan a byte stream to determine its
/// encoding" algorithm; `None` when there is no usable declaration (none,
/// bogus labels only, a `content` charset without `http-equiv`, or a
/// declaration cut by the 1024-byte window).
pub fn prescan(bytes: &[u8]) -> Option<&'static Encoding> {
    let b = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let mut i = 0;
    while i < b.len() {
        let rest = &b[i..];
        if rest.starts_with(b"<!--") {
            // To the '>' of the first "-->" after "<!" (so "<!-->" closes).
            i = find(b, i + 2, b"-->")? + 2;
        } else if rest.len() > 5 && rest[..5].eq_ignore_ascii_case(b"<meta") && (is_space(rest[5]) || rest[5] == b'/') {
            i += 6;
            if let Some(enc) = meta(b, &mut i)? {
                return Some(enc);
            }
        } else if rest.len() > 2
            && rest[0] == b'<'
            && (rest[1].is_ascii_alphabetic() || (rest[1] == b'/' && rest[2].is_ascii_alphabetic()))
        {
            // Any other tag: skip its name and attributes (a quoted value may hold '>').
            i += 2;
            while !(is_space(*b.get(i)?) || b[i] == b'>') {
                i += 1;
            }
            while attribute(b, &mut i)?.is_some() {}
        } else if rest.len() > 1 && rest[0] == b'<' && matches!(rest[1], b'!' | b'/' | b'?') {
            i = find(b, i + 1, b">")?;
        }
        i += 1;
    }
    None
}

/// The attributes of one `<meta` (position just after its name). Outer
/// `None`: ran off the window; inner `None`: no usable declaration here.
fn meta(b: &[u8], i: &mut usize) -> Option<Option<&'static Encoding>> {
    let mut seen: Vec<Vec<u8>> = Vec::new();
    let (mut got_pragma, mut need_pragma) = (false, None);
    // None: no charset yet; Some(None): a bogus `charset` label.
    let mut charset: Option<Option<&'static Encoding>> = None;
    while let Some((name, value)) = attribute(b, i)? {
        if seen.contains(&name) {
            continue;
        }
        match name.as_slice() {
            b"http-equiv" => got_pragma |= value == b"content-type",
            b"content" => {
                if let (None, Some(enc)) = (charset, charset_from_content(&value)) {
                    charset = Some(Some(enc));
                    need_pragma = Some(true);
                }
            }
            b"charset" => {
                charset = Some(label(&value));
                need_pragma = Some(false);
            }
            _ => {}
        }
        seen.push(name);
    }
    let usable = match need_pragma {
        None => false,
        Some(need) => !need || got_pragma,
    };
    let enc = charset.flatten().filter(|_| usable).map(|enc| {
        if enc == encoding_rs::UTF_16BE || enc == encoding_rs::UTF_16LE {
            UTF_8
        } else if enc == encoding_rs::X_USER_DEFINED {
            WINDOWS_1252
        } else {
            enc
        }
    });
    Some(enc)
}

/// An encoding label → encoding, the replacement encoding counting as bogus.
fn label(value: &[u8]) -> Option<&'static Encoding> {
    Encoding::for_label_no_replacement(value)
}

/// The standard's "get an attribute" on bytes: names and unquoted/quoted
/// values ASCII-lowercased. Outer `None`: ran off the window; inner
/// `None`: no more attributes (position at the `>`).
#[allow(clippy::type_complexity)]
fn attribute(b: &[u8], i: &mut usize) -> Option<Option<(Vec<u8>, Vec<u8>)>> {
    while is_space(*b.get(*i)?) || b[*i] == b'/' {
        *i += 1;
    }
    if b[*i] == b'>' {
        return Some(None);
    }
    let mut name = Vec::new();
    let mut value = Vec::new();
    // Name.
    loop {
        let c = *b.get(*i)?;
        if c == b'=' && !name.is_empty() {
            *i += 1;
            break;
        }
        if is_space(c) {
            while is_space(*b.get(*i)?) {
                *i += 1;
            }
            if b[*i] != b'=' {
                return Some(Some((name, value)));
            }
            *i += 1;
            break;
        }
        if c == b'/' || c == b'>' {
            return Some(Some((name, value)));
        }
        name.push(c.to_ascii_lowercase());
        *i += 1;
    }
    // Value.
    while is_space(*b.get(*i)?) {
        *i += 1;
    }
    let c = b[*i];
    if c == b'"' || c == b'\'' {
        *i += 1;
        loop {
            let d = *b.get(*i)?;
            *i += 1;
            if d == c {
                return Some(Some((name, value)));
            }
            value.push(d.to_ascii_lowercase());
        }
    }
    if c == b'>' {
        return Some(Some((name, value)));
    }
    value.push(c.to_ascii_lowercase());
    *i += 1;
    loop {
        let d = *b.get(*i)?;
        if is_space(d) || d == b'>' {
            return Some(Some((name, value)));
        }
        value.push(d.to_ascii_lowercase());
        *i += 1;
    }
}

/// The standard's "extracting a character encoding from a meta element":
/// the label after `charset=` in a `content` value (`text/html; charset=x`).
fn charset_from_content(s: &[u8]) -> Option<&'static Encoding> {
    let mut pos = 0;
    loop {
        let at = find_ci(s, pos, b"charset")?;
        let mut j = at + 7;
        while s.get(j).is_some_and(|&c| is_space(c)) {
            j += 1;
        }
        if s.get(j) != Some(&b'=') {
            pos = j;
            continue;
        }
        j += 1;
        while s.get(j).is_some_and(|&c| is_space(c)) {
            j += 1;
        }
        let c = *s.get(j)?;
        if c == b'"' || c == b'\'' {
            let end = s[j + 1..].iter().position(|&d| d == c)?;
            return label(&s[j + 1..j + 1 + end]);
        }
        let end = s[j..].iter().position(|&d| is_space(d) || d == b';').map_or(s.len(), |e| j + e);
        return label(&s[j..end]);
    }
}

fn is_space(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|p| from + p)
}

fn find_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?.windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle)).map(|p| from + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(bytes: &[u8]) -> Option<&'static str> {
        prescan(bytes).map(Encoding::name)
    }

    #[test]
    fn meta_charset_forms() {
        assert_eq!(name(b"<meta charset=\"shift_jis\">"), Some("Shift_JIS"));
        assert_eq!(name(b"<META CHARSET=GBK>"), Some("GBK"));
        assert_eq!(name(b"<meta charset = ' latin1 ' >"), Some("windows-1252"));
        assert_eq!(name(b"<meta/charset=\"koi8-r\"/>"), Some("KOI8-R"));
        // Unquoted values run to a space or '>', so a trailing '/' is part of the label.
        assert_eq!(name(b"<meta charset=koi8-r/>"), None);
        assert_eq!(name(b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=EUC-KR\">"), Some("EUC-KR"));
        assert_eq!(name(b"<meta content='text/html;charset = \"big5\"' http-equiv=content-type>"), Some("Big5"));
        assert_eq!(name(b"<meta charset=utf-16le>"), Some("UTF-8"));
        assert_eq!(name(b"<meta charset=x-user-defined>"), Some("windows-1252"));
    }

    #[test]
    fn what_the_prescan_ignores() {
        // content= without the pragma; bogus and replacement labels.
        assert_eq!(name(b"<meta content=\"text/html; charset=gbk\">"), None);
        assert_eq!(name(b"<meta charset=\"no-such-charset\">"), None);
        assert_eq!(name(b"<meta charset=iso-2022-kr>"), None);
        // Inside comments, other tags' attribute values, and past 1024 bytes.
        assert_eq!(name(b"<!-- <meta charset=gbk> --><p>"), None);
        assert_eq!(name(b"<div title='<meta charset=gbk>'>"), None);
        let late = [vec![b' '; PRESCAN_BYTES], b"<meta charset=gbk>".to_vec()].concat();
        assert_eq!(name(&late), None);
        // Cut by the window: nothing.
        assert_eq!(name(b"<meta charset=\"gbk"), None);
        assert_eq!(name(b"<!-->"), None);
        assert_eq!(name(b"<!--><meta charset=gbk>"), Some("GBK"));
    }

    #[test]
    fn first_usable_declaration_wins() {
        let two = b"<meta charset=\"bogus\"><meta charset=\"windows-1251\"><meta charset=utf-8>";
        assert_eq!(name(two), Some("windows-1251"));
        let pragma_then_charset =
            b"<meta http-equiv=content-type content='text/html; charset=koi8-u'><meta charset=gbk>";
        assert_eq!(name(pragma_then_charset), Some("KOI8-U"));
        // In one element, the charset attribute overrides content's charset; duplicate names are ignored.
        assert_eq!(name(b"<meta http-equiv=content-type content='charset=koi8-u' charset=gbk>"), Some("GBK"));
        assert_eq!(name(b"<meta charset=gbk charset=big5>"), Some("GBK"));
    }

    #[test]
    fn decode_order() {
        let d = decode(b"\xEF\xBB\xBF<meta charset=gbk>caf\xC3\xA9");
        assert_eq!((d.encoding, d.source, &*d.html), ("UTF-8", CharsetSource::Bom, "<meta charset=gbk>café"));
        let d = decode(b"<meta charset=windows-1252>caf\xC3\xA9");
        assert_eq!((d.source, &*d.html), (CharsetSource::Meta, "<meta charset=windows-1252>cafÃ©"));
        let d = decode("<p>café".as_bytes());
        assert!(matches!(d.html, Cow::Borrowed(_)));
        assert_eq!(d.source, CharsetSource::Utf8);
        let d = decode(b"<p>caf\xE9 \x93q\x94");
        assert_eq!((d.encoding, d.source, &*d.html), ("windows-1252", CharsetSource::Fallback, "<p>café “q”"));
        let d = decode(b"\xFF\xFE<\0p\0>\0=\xD8\0\xDE");
        assert_eq!((d.encoding, &*d.html), ("UTF-16LE", "<p>😀"));
        let d = decode(b"<meta charset=utf-8>caf\xE9");
        assert!(d.had_errors);
        assert_eq!(&*d.html, "<meta charset=utf-8>caf\u{FFFD}");
    }
}
