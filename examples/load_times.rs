//! Where model loading goes: parsing the embedded NER model (header,
//! checksum, tables read into vectors), building its lookup tables, and
//! parsing the gazetteer (native, ms).
//! `cargo run --release --example load_times`. A profiling aid, not a test.

use article_annotator::{ner, places};
use std::time::Instant;

fn main() {
    for _ in 0..3 {
        let a = Instant::now();
        let parts = ner::ModelParts::from_bytes(ner::EMBEDDED_MODEL).unwrap();
        let b = Instant::now();
        let t = ner::Tagger::from_parts(parts).unwrap();
        let c = Instant::now();
        let g = places::Gazetteer::from_bytes(places::EMBEDDED_GAZETTEER).unwrap();
        let d = Instant::now();
        let ms = |x: Instant, y: Instant| (y - x).as_secs_f64() * 1e3;
        println!(
            "model parse {:.1} ms, model tables {:.1} ms, gazetteer parse {:.1} ms ({} features, {} places)",
            ms(a, b),
            ms(b, c),
            ms(c, d),
            t.n_features(),
            g.len()
        );
    }
}
