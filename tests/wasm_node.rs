//! wasm-bindgen tests of the façade in Node:
//! `cargo test --target wasm32-unknown-unknown --test wasm_node`.
#![cfg(target_arch = "wasm32")]

mod wasm_common;

wasm_cases!(
    utf16_offsets_slice_exactly,
    units_agree,
    over_limit_is_an_error_naming_the_limit,
    bad_offset_unit_is_an_error,
    odd_inputs_give_documents,
    version_names_the_schema,
    html_to_text_is_the_annotated_text,
);
