//! Errors returned by the core. None of them is ever a panic.

/// Everything that can go wrong when annotating or loading a model.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum Error {
    /// The input is larger than the documented limit.
    #[error("input is {size} bytes of UTF-8, over the limit of {limit} bytes ({limit_mb} MB); split the document")]
    InputTooLarge { size: usize, limit: usize, limit_mb: usize },
    /// HTML nests elements deeper than the parser can handle in reasonable time.
    #[error("HTML nests elements at least {depth} levels deep, over the limit of {limit}; flatten the markup")]
    TooDeep { depth: usize, limit: usize },
    /// A model file could not be used: truncated, corrupted or of another version.
    #[error("model file rejected: {0}")]
    Model(String),
    /// An option had a value this version does not know.
    #[error("invalid option: {0}")]
    InvalidOption(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
