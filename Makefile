# Two entry points: `make reports` (the suite on the seed article) and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt pyproject.toml | sha1sum | cut -c1-12)
KERNEL := $(VENV)/share/jupyter/kernels/conflict-notebooks/kernel.json
SEED := seeds/000_d9e28a5d5fb01913.txt

.PHONY: reports test test-fast lint browser bench tables docs clean

# The pinned lock, the project itself (editable), and a Jupyter kernel named for the project
# inside the venv, which the notebooks name in their metadata.
$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m ipykernel install --sys-prefix --name conflict-notebooks --display-name conflict-notebooks >/dev/null
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

reports: $(STAMP)
	$(PY) -m analysis report $(SEED) --out reports

test: $(STAMP) browser lint
	$(PY) -m pytest

# The inner loop: everything but the tests that start kernels or execute notebooks.
test-fast: $(STAMP)
	$(PY) -m pytest -m "not slow"

lint: $(STAMP)
	$(VENV)/bin/ruff check analysis tests benchmarks

# The hostile-article tests open rendered reports in headless Chromium (Debian's package).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium is missing: the browser tests will be skipped (install Debian's chromium)"; fi; }

tables: $(STAMP)
	$(PY) -m analysis tables $(SEED) --out build/tables

docs: $(STAMP)
	$(PY) -m analysis docs

bench: $(STAMP)
	$(PY) benchmarks/ingest.py
	$(PY) benchmarks/annotator.py
	$(PY) benchmarks/long_articles.py
	$(PY) benchmarks/notebooks.py

clean:
	rm -rf $(VENV) build .pytest_cache .hypothesis
