# article-annotator — see README.md. Every target installs what it needs first
# (scripts/setup.sh is idempotent and quick once everything is there).

SHELL := bash
PORT ?= 8080
CRATE := article_annotator
WASM_OUT := $(or $(CARGO_TARGET_DIR),target)/wasm32-unknown-unknown/release/$(CRATE).wasm

.PHONY: setup wasm serve test bench eval model
.DEFAULT_GOAL := serve

setup:
	@scripts/setup.sh

# Release wasm build → pkg/ (ES module for browsers and Node), optimized with wasm-opt
# (-O3, then -Oz: 5 KB smaller, same speed in benches/node.mjs);
# then the page's world map (www/vendor/world.json, from npm world-atlas + d3-geo).
wasm: setup
	cargo build --release --target wasm32-unknown-unknown --lib
	wasm-bindgen --target web --out-dir pkg $(WASM_OUT)
	node_modules/.bin/wasm-opt -O3 pkg/$(CRATE)_bg.wasm -o pkg/$(CRATE)_bg.wasm
	node_modules/.bin/wasm-opt -Oz pkg/$(CRATE)_bg.wasm -o pkg/$(CRATE)_bg.wasm
	node scripts/vendor-map.mjs

# Builds everything and serves the page on http://127.0.0.1:$(PORT)/www/
serve: wasm
	@echo "serving http://127.0.0.1:$(PORT)/www/  (Ctrl-C to stop)"
	python3 -m http.server $(PORT) --bind 127.0.0.1

# Every test: fmt, clippy (native + wasm32), native tests, a 45 s fuzz run of the HTML
# path (fuzz/run.sh, stable Rust), wasm tests, browser end-to-end.
test: setup
	scripts/test.sh

# Figures, not pass/fail (benches/README.md): native and wasm-in-Node throughput,
# compromise on the same corpus and our ratio to it, wasm size, Chromium cold start.
bench: wasm
	cargo run --release --example bench_native
	node benches/node.mjs
	node benches/cold_start.mjs

# Quote and speaker scores on PolNeAR dev (figures, not pass/fail; needs
# ../shared/data, so not part of `make test`). Definitions: tools/quotes/src/bin/eval-quotes.rs.
POLNEAR ?= ../shared/data/polnear
.PHONY: eval-quotes bench-quotes
eval-quotes:
	cargo run --release -p quotes-tools --bin eval-quotes -- $(POLNEAR)/dev.jsonl

# Quotes stage time on hostile and growing inputs (figures only).
bench-quotes:
	cargo run --release -p quotes-tools --bin bench-quotes

# Experimental direct-quote classifier (not used by the pipeline: it does not beat
# the rules on dev; model/QUOTES_MODEL.md). Trains on $(POLNEAR)/train.jsonl,
# prints rules vs model on dev, writes model/quotes.bin byte-identically and its
# sha256; `eval-quotes -- … --model model/quotes.bin` scores it end to end.
.PHONY: quote-model
quote-model:
	cargo run --release -p quotes-tools --bin train-quotes -- --data $(POLNEAR) --out model/quotes.bin
	cd model && sha256sum quotes.bin > quotes.bin.sha256

# Named-entity model (tools/train; figures, not pass/fail; needs ../shared/data, so not
# part of `make test`). `make model` regenerates model/ner.bin byte-identically and
# records its sha256 (its place flags come from model/gazetteer.bin: after
# `make gazetteer`, run `make model` too — tests/ner.rs checks they agree); `make eval` scores the CLI's output on CoNLL-2003 dev, GMB dev and WNUT-17 dev.
DATA ?= ../shared/data
BIN := $${CARGO_TARGET_DIR:-target}/release
model:
	cargo run --release -p train --bin train -- --data $(DATA) --out model/ner.bin

eval:
	cargo build --release -p article-annotator -p train --bins
	@mkdir -p $${CARGO_TARGET_DIR:-target}/eval
	@echo "== CoNLL-2003 dev (exact spans; unseen = surface never an entity in train)"
	$(BIN)/annotate --jsonl --offsets codepoint < $(DATA)/conll2003/dev.jsonl > $(BIN)/../eval/conll-dev.jsonl
	$(BIN)/score $(DATA)/conll2003/dev.jsonl $(BIN)/../eval/conll-dev.jsonl --train $(DATA)/conll2003/train.jsonl
	@echo "== GMB dev (per→PER without a leading Mr./Mrs./Ms./Dr./Miss, org→ORG, geo/gpe→LOC; predicted MISC ignored: GMB has no such class)"
	$(BIN)/annotate --jsonl --offsets codepoint < $(DATA)/gmb/dev.jsonl > $(BIN)/../eval/gmb-dev.jsonl
	$(BIN)/score $(DATA)/gmb/dev.jsonl $(BIN)/../eval/gmb-dev.jsonl --gmb --ignore-pred MISC
	@echo "== WNUT-17 dev (social media 2017, modern names; person→PER without a leading title, corporation/group→ORG, location→LOC; predicted MISC ignored)"
	$(BIN)/annotate --jsonl --offsets codepoint < $(DATA)/wnut17/dev.jsonl > $(BIN)/../eval/wnut-dev.jsonl
	$(BIN)/score $(DATA)/wnut17/dev.jsonl $(BIN)/../eval/wnut-dev.jsonl --wnut --ignore-pred MISC

# Places (tools/gazetteer; needs ../shared/data, so not part of `make test`).
# `make gazetteer` regenerates model/gazetteer.bin byte-identically and records its
# sha256; `make eval-places` reports coverage on CoNLL-2003 dev gold LOC mentions and
# precision on the hand-checked sample tests/fixtures/places/checked.tsv.
PLACES_DATA ?= ../shared/data
.PHONY: gazetteer eval-places
gazetteer:
	cargo run --release -p gazetteer -- build --data $(PLACES_DATA)/gazetteers --out model/gazetteer.bin

eval-places:
	cargo run --release -p gazetteer -- eval --data $(PLACES_DATA) --checked tests/fixtures/places/checked.tsv

# HTML article extraction (tools/html-eval; needs ../shared/data/readability, so not part of
# `make test`): per-page and mean token P/R/F1 of article mode against Readability's expected
# text, title and byline exact match. `make bench-html` prints HTML characters/s of extraction,
# native and wasm in Node, and their ratio (benches/html.mjs; without the readability pages it
# times the committed fixtures).
READABILITY ?= ../shared/data/readability/test-pages
.PHONY: eval-html bench-html
eval-html:
	cargo run --release -p html-eval -- $(READABILITY)

bench-html: wasm
	node benches/html.mjs $(READABILITY)
