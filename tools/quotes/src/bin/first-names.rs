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
    // Two sorted lists, men's then women's names, one name per line, each
    // under its header line (`# male`, `# female`): the file is embedded in
    // the wasm, where a gender letter on every line cost 10 KB.
    let (mut men, mut women) = (String::new(), String::new());
    for n in names {
        let (m, f) = (male.get(n).copied().unwrap_or(0.0), female.get(n).copied().unwrap_or(0.0));
        let list = if m > 0.0 && m >= 4.0 * f {
            &mut men
        } else if f > 0.0 && f >= 4.0 * m {
            &mut women
        } else {
            continue;
        };
        list.push_str(n);
        list.push('\n');
    }
    let text = format!("# male\n{men}# female\n{women}");
    fs::write(out, &text).unwrap_or_else(|e| panic!("writing {out}: {e}"));
    eprintln!("wrote {out}: {} names", text.lines().count() - 2);
}
