//! Timing figures for the quotes stage on hostile and growing inputs
//! (`make bench-quotes`). Prints figures only; nothing here asserts a time.
//!
//! For each input family the text is doubled a few times: linear time shows
//! as a constant time per KB down each column.

use article_annotator::Annotator;
use std::time::Instant;

/// Makes an input of about the given number of KB.
type Make = Box<dyn Fn(usize) -> String>;

fn families() -> Vec<(&'static str, Make)> {
    vec![
        (
            "one long quotation",
            Box::new(|kb| format!("He said: “{}”", "we will win and soon. ".repeat(kb * 1024 / 22))),
        ),
        (
            "unclosed opening mark",
            Box::new(|kb| format!("He said: “{}", "we will win and soon. ".repeat(kb * 1024 / 22))),
        ),
        ("quote marks only", Box::new(|kb| "\" ".repeat(kb * 512))),
        ("curly marks, no spaces", Box::new(|kb| "“”‘’«»".repeat(kb * 1024 / 16))),
        ("nested quotes", Box::new(|kb| "“a ‘b “c ‘d ".repeat(kb * 1024 / 24))),
        ("mismatched curly/straight", Box::new(|kb| "“a\" b” 'c’ \"d“ ".repeat(kb * 1024 / 24))),
        // One line of many short quoted names: each becomes a mention of one
        // entity (the place linker once scanned back to the line start for
        // every mention, and the title rule every sentence: both quadratic).
        ("quoted names, one line", Box::new(|kb| "He saw \"Ab Cd\" there. ".repeat(kb * 1024 / 22))),
        // Thousands of people sharing a first name, each then named by it
        // alone (entity grouping once checked every earlier `John`: quadratic).
        (
            "people sharing a name",
            Box::new(|kb| (0..kb * 1024 / 30).map(|i| format!("John Q{i}x said. John said. ")).collect()),
        ),
        // Words without a space between them: the tokenizer once looked for
        // a URL or e-mail address over the rest of the run from every word
        // (quadratic: 100 KB of `a,` took 3 s).
        ("words and commas, no spaces", Box::new(|kb| "a,".repeat(kb * 512))),
        ("at signs, no spaces", Box::new(|kb| "a@b.".repeat(kb * 256))),
        (
            "news paragraphs",
            Box::new(|kb| {
                "“We will win,” Senator Jane Smith said on Monday. “And soon.”\n\n\
                 The senator told reporters that the talks had failed, according to a spokesman.\n\n"
                    .repeat(kb * 1024 / 160)
            }),
        ),
    ]
}

fn main() {
    let annotator = Annotator::new().expect("embedded models load");
    println!("{:<28} {:>8} {:>10} {:>8} {:>12}", "input", "KB", "quotes", "ms", "µs per KB");
    for (name, make) in families() {
        for kb in [25usize, 50, 100, 200] {
            let text = make(kb);
            let t = Instant::now();
            let doc = annotator.annotate(&text).expect("annotates");
            let total = t.elapsed();
            // Time the quotes stage alone on the already-tagged document.
            let t = Instant::now();
            let quotes = article_annotator::quotes::find(&doc);
            let stage = t.elapsed();
            let size_kb = text.len() as f64 / 1024.0;
            println!(
                "{name:<28} {size_kb:>8.0} {:>10} {:>8.1} {:>12.1}   (whole pipeline {:.1} ms)",
                quotes.len(),
                stage.as_secs_f64() * 1e3,
                stage.as_secs_f64() * 1e6 / size_kb,
                total.as_secs_f64() * 1e3,
            );
        }
    }
}
