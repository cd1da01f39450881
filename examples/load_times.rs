//! Where model loading goes: inflating the embedded NER model, parsing it,
//! building its lookup tables, and inflating the gazetteer (native, ms).
//! `cargo run --release --example load_times`. A profiling aid, not a test.

use std::time::Instant;
fn main() {
    for _ in 0..3 {
        let a = Instant::now();
        let bytes = article_annotator::ner::embedded_model().unwrap();
        let b = Instant::now();
        let parts = article_annotator::ner::ModelParts::from_bytes(&bytes).unwrap();
        let c = Instant::now();
        let t = article_annotator::ner::Tagger::from_parts(parts);
        let d = Instant::now();
        let g = article_annotator::embedded::gazetteer().unwrap();
        let e = Instant::now();
        println!(
            "inflate {:.1} ms, parse {:.1} ms, tables {:.1} ms, gaz inflate {:.1} ms {}",
            (b - a).as_secs_f64() * 1e3,
            (c - b).as_secs_f64() * 1e3,
            (d - c).as_secs_f64() * 1e3,
            (e - d).as_secs_f64() * 1e3,
            t.n_features() + g.len()
        );
    }
}
