# HợpTác — the two commands of the README, and a few helpers.
PORT ?= 8080
DATABASE ?= data/hoptac.sqlite
SCALE ?= province

.PHONY: demo test test-sqlite build serve clean screenshots

## Build, migrate, load one province of demo data and serve it at http://127.0.0.1:$(PORT)
demo: build
	HOPTAC_DATABASE_URL=$(DATABASE) .build/release/hoptac demo --scale $(SCALE) --replace
	HOPTAC_DATABASE_URL=$(DATABASE) .build/release/hoptac serve --port $(PORT)

## Every test, on SQLite and on a throw-away PostgreSQL that the script installs and starts
test:
	scripts/test.sh

## Only the SQLite half, for a quick check
test-sqlite:
	scripts/test.sh --sqlite-only

## Refresh docs/screenshots from a fresh demo (headless Chromium)
screenshots:
	scripts/browser-check.sh docs/screenshots

build:
	scripts/check-toolchain.sh
	swift build -c release --product hoptac

serve: build
	HOPTAC_DATABASE_URL=$(DATABASE) .build/release/hoptac serve --port $(PORT)

clean:
	rm -rf .build data
