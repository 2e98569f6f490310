# Two entry points: `make reports` (the suite on the seed article) and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell sha1sum requirements.txt | cut -c1-12)
SEED := seeds/000_d9e28a5d5fb01913.txt

.PHONY: reports test bench tables docs clean

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

reports: $(STAMP)
	$(PY) -m analysis report $(SEED) --out reports

test: $(STAMP)
	$(PY) -m pytest

tables: $(STAMP)
	$(PY) -m analysis tables $(SEED) --out build/tables

docs: $(STAMP)
	$(PY) -m analysis docs

bench: $(STAMP)
	$(PY) benchmarks/run.py

clean:
	rm -rf $(VENV) build .pytest_cache .hypothesis
