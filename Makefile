# The two commands for a newcomer: `make serve` and `make test`.
.PHONY: setup web serve test test-native test-js bench dist clean

PORT ?= 8080

setup:
	@scripts/setup.sh

web: setup
	@scripts/build-web.sh

serve: web
	@echo "medcheck: http://127.0.0.1:$(PORT)/www/"
	python3 -m http.server $(PORT) --bind 127.0.0.1

test-native: setup
	cargo test --locked
	cargo test --locked --no-default-features --features es --test spanish

test-js: web
	node --test --test-concurrency=1 tests/js/

# Native tests first; the browser and wasm tests speak last.
test: test-native test-js

bench:
	cargo bench --bench check

# A versioned folder for a pharmacy's static host: the element, pkg/, the iframe page and
# integrity.json. HOSTS="https://pharmacy.example" fills the iframe page's allowlist.
dist: web
	node scripts/dist.mjs

clean:
	rm -rf target pkg node_modules
