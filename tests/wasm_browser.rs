//! wasm-bindgen tests of the façade in headless Chromium:
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test wasm_browser`
//! (browser flags in webdriver.json).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::wasm_bindgen_test_configure;

wasm_bindgen_test_configure!(run_in_browser);

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
