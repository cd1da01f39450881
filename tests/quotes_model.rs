//! The experimental learned direct-quote classifier (`src/quotes/learned.rs`,
//! `model/quotes.bin`): the committed weight file loads and matches its
//! recorded checksum, the loader rejects damaged files naming the problem,
//! and the model plugs into quote finding. The pipeline itself keeps the
//! rules (`model/QUOTES_MODEL.md`). Texts are constructed for the test.

use article_annotator::quotes::{self, learned, learned::QuoteModel};
use article_annotator::{Annotator, Document, QuoteKind};
use sha2::Digest;

const MODEL: &[u8] = include_bytes!("../model/quotes.bin");

const TEXT: &str = "\u{201c}We will win this fight,\u{201d} the mayor said on Monday.\n\n\
    The senator called the plan \u{201c}a disgrace\u{201d} and left.\n\n\
    She told reporters: \u{201c}Nobody expected this. We are ready.\u{201d}\n\n\
    The film \u{201c}Red Sky\u{201d} opens next week.";

fn doc() -> Document {
    Annotator::new().unwrap().annotate(TEXT).unwrap()
}

fn kinds(quotes: &[article_annotator::Quote], text: &str) -> Vec<(QuoteKind, String)> {
    quotes.iter().map(|q| (q.kind, q.span.slice(text).to_owned())).collect()
}

/// Rewrites the header field at `offset` and fixes the checksum, so only
/// that field is wrong.
fn patched(offset: usize, value: u32) -> Vec<u8> {
    let mut b = MODEL.to_vec();
    b[offset..offset + 4].copy_from_slice(&value.to_le_bytes());
    let n = b.len();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &x in &b[..n - 8] {
        h ^= x as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    b[n - 8..].copy_from_slice(&h.to_le_bytes());
    b
}

#[test]
fn committed_model_loads_and_matches_recorded_checksum() {
    let recorded = include_str!("../model/quotes.bin.sha256");
    let want = recorded.split_whitespace().next().unwrap();
    let got: String = sha2::Sha256::digest(MODEL).iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(got, want, "model/quotes.bin does not match model/quotes.bin.sha256: run `make quote-model`");
    let model = QuoteModel::from_bytes(MODEL).unwrap();
    assert_eq!(model.weights.len(), learned::feature_count());
    assert_eq!(QuoteModel::from_bytes(&model.to_bytes()).unwrap(), model, "round trip");
}

#[test]
fn loader_names_the_problem_with_damaged_files() {
    let err = |b: &[u8]| QuoteModel::from_bytes(b).unwrap_err();
    assert!(err(&MODEL[..10]).contains("truncated"));
    assert!(err(&MODEL[..MODEL.len() - 1]).contains("truncated"));
    assert!(err(b"not a model at all, not a model at all").contains("magic"));
    let mut corrupt = MODEL.to_vec();
    corrupt[30] ^= 0x40;
    assert!(err(&corrupt).contains("checksum"));
    assert!(err(&patched(8, learned::FORMAT_VERSION + 1)).contains("version"));
    assert!(err(&patched(12, learned::feature_count() as u32 + 1)).contains("features"));
}

#[test]
fn one_candidate_per_quoted_stretch_with_its_features() {
    let doc = doc();
    let cands = learned::candidates(&doc);
    let spans: Vec<&str> = cands.iter().map(|c| c.span.slice(&doc.text)).collect();
    assert_eq!(
        spans,
        [
            "\u{201c}We will win this fight,\u{201d}",
            "\u{201c}a disgrace\u{201d}",
            "\u{201c}Nobody expected this. We are ready.\u{201d}",
            "\u{201c}Red Sky\u{201d}"
        ]
    );
    for c in &cands {
        assert_eq!(c.features.len(), learned::feature_count());
        assert_eq!(c.features[0], 1.0, "bias");
        assert!(c.features.iter().all(|&x| x == 0.0 || x == 1.0));
    }
    // The rule decision is a feature: the two sentences standing as clauses.
    let rule: Vec<bool> = cands.iter().map(|c| c.rule_direct).collect();
    assert_eq!(rule, [true, false, true, false]);
    assert_eq!(learned::candidates(&doc)[2].features, cands[2].features, "deterministic");
}

#[test]
fn a_model_decides_direct_or_partial_in_quote_finding() {
    let doc = doc();
    // No model: the rules, as the pipeline.
    assert_eq!(kinds(&quotes::find_with(&doc, None), &doc.text), kinds(&doc.quotes, &doc.text));
    // A model that copies the rule decision gives the same quotes.
    let mut weights = vec![0.0; learned::feature_count()];
    weights[0] = -1.0;
    weights[1] = 2.0;
    let copy = QuoteModel { weights };
    assert_eq!(kinds(&quotes::find_with(&doc, Some(&copy)), &doc.text), kinds(&doc.quotes, &doc.text));
    // A model that never says direct: attributed stretches become partial quotes.
    let never = QuoteModel { weights: vec![-1.0; learned::feature_count()] };
    let found = quotes::find_with(&doc, Some(&never));
    assert!(found.iter().all(|q| q.kind != QuoteKind::Direct));
    assert!(found.iter().any(|q| q.kind == QuoteKind::Partial && q.span.slice(&doc.text).contains("We will win")));
    // The committed model runs on the same text.
    let model = QuoteModel::from_bytes(MODEL).unwrap();
    let found = quotes::find_with(&doc, Some(&model));
    assert!(found.iter().any(|q| q.kind == QuoteKind::Direct && q.span.slice(&doc.text).contains("Nobody expected")));
}
