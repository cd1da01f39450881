//! The model files built into this crate (`model/ner.bin`, `model/gazetteer.bin`),
//! stored deflate-compressed by `build.rs` and inflated here on load. The
//! inflated bytes are exactly the committed files (tests check their sha256).

use crate::error::{Error, Result};

static NER: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/ner.bin.deflate"));
static GAZETTEER: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/gazetteer.bin.deflate"));

/// Largest inflated size accepted (a guard, far above both files).
const MAX_INFLATED: usize = 64 << 20;

/// The named-entity model file (`model/ner.bin`), inflated.
pub fn ner_model() -> Result<Vec<u8>> {
    inflate(NER, "named-entity model")
}

/// The place gazetteer file (`model/gazetteer.bin`), inflated.
pub fn gazetteer() -> Result<Vec<u8>> {
    inflate(GAZETTEER, "gazetteer")
}

fn inflate(packed: &[u8], what: &str) -> Result<Vec<u8>> {
    let broken = |why: String| Error::Model(format!("the embedded {what} does not inflate ({why}): a broken build"));
    let (len, data) = packed.split_first_chunk::<4>().ok_or_else(|| broken("no length".into()))?;
    let len = u32::from_le_bytes(*len) as usize;
    if len > MAX_INFLATED {
        return Err(broken(format!("{len} bytes")));
    }
    // One allocation of the recorded size; the stream must fill it exactly.
    let mut out = vec![0u8; len];
    let n = miniz_oxide::inflate::decompress_slice_iter_to_slice(&mut out, std::iter::once(data), false, true)
        .map_err(|status| broken(format!("{status:?}")))?;
    if n != len {
        return Err(broken(format!("{n} of {len} bytes")));
    }
    Ok(out)
}
