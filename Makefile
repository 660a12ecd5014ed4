# khabar: two commands set everything up on a fresh machine.
#   make demo   create .venv, install khabar with pinned dependencies, read the bundled sample, show it
#   make test   the whole suite: ruff, mypy, pytest
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo serve assets test lint typecheck install lock schema bench eval fuzz clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements.lock
	$(BIN)/python -m pip install -q --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/khabar extract khabar/samples/founding-article.txt --published 2021-07-09 \
		--title "Afghanistan requests return of soldiers who fled to Iran" --format summary
	$(BIN)/khabar ingest khabar/samples/founding-article.txt --published 2021-07-09 --db khabar.db --quiet || test $$? -eq 3
	@echo
	@echo "The map, the timeline and the evidence: http://127.0.0.1:8000 (Ctrl-C stops the server)"
	@# At a terminal the demo ends on the page; run by a script it stops here instead of serving forever.
	@if [ -t 0 ] && [ -t 1 ]; then $(BIN)/khabar serve --db khabar.db; else echo "(not a terminal: run 'make serve' to start it)"; fi

# Store the bundled sample in khabar.db and serve the API and the page on 127.0.0.1:8000.
serve: $(STAMP)
	$(BIN)/khabar ingest khabar/samples/founding-article.txt --published 2021-07-09 --db khabar.db --quiet || test $$? -eq 3
	$(BIN)/khabar serve --db khabar.db

# Re-vendor the page's JavaScript libraries from the npm registry (only when upgrading them).
assets:
	cd khabar/api/assets && npm ci && node build.mjs

lint: $(STAMP)
	$(BIN)/ruff check khabar tests bench fuzz tools
	$(BIN)/ruff format --check khabar tests bench fuzz tools

typecheck: $(STAMP)
	$(BIN)/mypy

test: $(STAMP)
	$(BIN)/ruff check khabar tests bench fuzz tools
	$(BIN)/mypy
	$(BIN)/pytest -q

# Re-pin every dependency from the current environment (run after changing pyproject.toml).
lock:
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^-e ' | grep -v '^atheris==' > requirements.lock

schema: $(STAMP)
	$(BIN)/khabar schema > khabar/schema/report.schema.json

# Speed and memory: bare spaCy vs the full pipeline, workers, the gazetteer (results in bench/results/).
bench: $(STAMP)
	$(BIN)/python -m bench --articles 1000

# Fuzz the readers for 60 s with atheris; findings land in .fuzz/findings/ (see fuzz/README.md).
fuzz: $(STAMP)
	$(BIN)/python -m pip install -q atheris==3.0.0
	mkdir -p .fuzz/corpus .fuzz/findings
	$(BIN)/python fuzz/fuzz_readers.py -max_total_time=60 -timeout=20 -artifact_prefix=.fuzz/findings/ .fuzz/corpus fuzz/corpus

eval: $(STAMP)
	$(BIN)/khabar eval seed --json
	$(BIN)/khabar eval places --json
	$(BIN)/khabar eval time --json
	$(BIN)/khabar eval clusters --json
	$(BIN)/khabar eval clusters --gold tests/fixtures/stories/clusters_gold.jsonl --json

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .ruff_cache .pytest_cache
