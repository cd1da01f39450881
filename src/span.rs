//! Spans over the annotated text.
//!
//! Inside the core every span is a [`ByteSpan`]: **UTF-8 byte offsets** into the
//! document text, end-exclusive, always on `char` boundaries. Conversion to
//! the unit a caller wants (UTF-16 code units for JavaScript, code points or
//! bytes for the CLI) happens exactly once, in [`crate::api`].

use std::ops::Range;

/// A half-open range `start..end` of UTF-8 byte offsets into a document's text.
///
/// Invariant (upheld by every producer in this crate): `start <= end <= text.len()`
/// and both ends lie on `char` boundaries. Offsets are `u32`: documents are
/// limited to [`crate::MAX_TEXT_BYTES`], far below `u32::MAX`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ByteSpan {
    pub start: u32,
    pub end: u32,
}

impl ByteSpan {
    #[inline]
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Self { start: start as u32, end: end as u32 }
    }

    #[inline]
    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    #[inline]
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    #[inline]
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The text this span covers. Panics only if the invariant above is broken.
    #[inline]
    pub fn slice(self, text: &str) -> &str {
        &text[self.range()]
    }

    /// The smallest span covering both.
    #[inline]
    pub fn cover(self, other: ByteSpan) -> ByteSpan {
        ByteSpan { start: self.start.min(other.start), end: self.end.max(other.end) }
    }

    #[inline]
    pub fn overlaps(self, other: ByteSpan) -> bool {
        self.start < other.end && other.start < self.end
    }

    #[inline]
    pub fn contains(self, other: ByteSpan) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// A half-open range of token indices `start..end` into [`crate::Document::tokens`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TokenSpan {
    pub start: u32,
    pub end: u32,
}

impl TokenSpan {
    #[inline]
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Self { start: start as u32, end: end as u32 }
    }

    #[inline]
    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    #[inline]
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    #[inline]
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cover_overlap_contains() {
        let a = ByteSpan::new(2, 5);
        let b = ByteSpan::new(4, 9);
        assert_eq!(a.cover(b), ByteSpan::new(2, 9));
        assert!(a.overlaps(b));
        assert!(!a.overlaps(ByteSpan::new(5, 6)), "end-exclusive spans that touch do not overlap");
        assert!(ByteSpan::new(0, 10).contains(a));
        assert_eq!(ByteSpan::new(1, 4).slice("héllo"), "él");
    }
}
