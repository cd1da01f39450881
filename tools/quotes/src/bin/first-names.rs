//! Writes `src/entities/first_names.txt`: first names whose gender is clear in
//! the US Census 1990 lists (one gender at least 4× as frequent as the other).
//!
//! `cargo run -p quotes-tools --bin first-names -- [CENSUS_DIR] [OUT]`
//! (defaults: `../shared/data/gazetteers/census_names`, `src/entities/first_names.txt`).
//! Deterministic: the output is sorted.

use std::collections::BTreeMap;
use std::fs;

fn read(path: &str) -> BTreeMap<String, f64> {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
    text.lines()
        .filter_map(|l| {
            let mut it = l.split_whitespace();
            Some((it.next()?.to_lowercase(), it.next()?.parse().ok()?))
        })
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = args.get(1).map_or("../shared/data/gazetteers/census_names", String::as_str);
    let out = args.get(2).map_or("src/entities/first_names.txt", String::as_str);
    let male = read(&format!("{dir}/dist.male.first"));
    let female = read(&format!("{dir}/dist.female.first"));
    let mut names: Vec<&String> = male.keys().chain(female.keys()).collect();
    names.sort();
    names.dedup();
    let mut text = String::new();
    for n in names {
        let (m, f) = (male.get(n).copied().unwrap_or(0.0), female.get(n).copied().unwrap_or(0.0));
        let g = if m > 0.0 && m >= 4.0 * f {
            "m"
        } else if f > 0.0 && f >= 4.0 * m {
            "f"
        } else {
            continue;
        };
        text.push_str(n);
        text.push(' ');
        text.push_str(g);
        text.push('\n');
    }
    fs::write(out, &text).unwrap_or_else(|e| panic!("writing {out}: {e}"));
    eprintln!("wrote {out}: {} names", text.lines().count());
}
