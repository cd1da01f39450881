//! `annotate`: the native command-line front end. See `annotate --help`.

#[cfg(not(target_arch = "wasm32"))]
#[path = "annotate/cli.rs"]
mod cli;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
