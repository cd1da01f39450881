//! Stores the embedded model files deflate-compressed (`OUT_DIR/*.deflate`):
//! the wasm is ~1.2 MB smaller, and `src/embedded.rs` inflates each file once
//! when it is first loaded. `model/*.bin` stay the canonical, checksummed files.

fn main() {
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    println!("cargo:rerun-if-changed=build.rs");
    for name in ["ner.bin", "gazetteer.bin"] {
        let src = std::path::Path::new("model").join(name);
        println!("cargo:rerun-if-changed={}", src.display());
        let bytes = std::fs::read(&src).unwrap_or_else(|e| panic!("reading {}: {e}", src.display()));
        // The inflated length first (u32 LE), so the loader allocates once.
        let mut packed = (bytes.len() as u32).to_le_bytes().to_vec();
        packed.extend(miniz_oxide::deflate::compress_to_vec(&bytes, 9));
        std::fs::write(out.join(format!("{name}.deflate")), packed).expect("writing to OUT_DIR");
    }
}
