# The two commands a newcomer needs:  make run   and   make test
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed

.PHONY: run test test-fast venv model migrate lint typecheck lock clean messages domain

# A model trained on this repository's data alone is kept here for every checkout on the machine, so a second
# clone or a `make clean` starts without training (bot/rasa_adapter/model.py). MODEL_CACHE_DIR= turns it off.
export MODEL_CACHE_DIR ?= $(HOME)/.cache/vern/models

run: $(INSTALLED)  ## install, train if needed, migrate, start every process
	$(PY) -m bot.cli dev

# The suite runs on every core, up to four (pytest-xdist, a file at a time): each worker has its own Redis and
# PostgreSQL databases, var folder and stack (tests/conftest.py, docs/testing.md); a stack is about 1.5 GB of memory,
# and Redis has 15 databases for tests. TEST_JOBS=0 runs it in this one process.
CORES := $(shell nproc 2>/dev/null || echo 2)
TEST_JOBS ?= $(shell [ $(CORES) -gt 4 ] && echo 4 || echo $(CORES))
# Let every process keep its compiled modules and pytest's rewritten test modules (__pycache__/, ignored by git):
# with PYTHONDONTWRITEBYTECODE set, as on some CI images, each test worker compiles everything again.
unexport PYTHONDONTWRITEBYTECODE
XDIST := -n $(TEST_JOBS) --dist loadgroup

test: $(INSTALLED)  ## the whole test suite, on this machine's Redis and PostgreSQL
	@scripts/ensure-services.sh
	@# Training takes minutes on two cores; done here, it does not eat into the first test's time limit.
	$(PY) -m bot.cli model ensure
	$(PY) -m pytest $(XDIST) $(PYTEST_ARGS)

# The tests that need neither the trained model nor a browser (markers applied in tests/conftest.py): the quick
# check between edits. `make test` (and CI) still runs everything.
FAST_MARKERS := not rasa and not browser
test-fast: $(INSTALLED)  ## the suite without the Rasa model and the browser, for quick feedback
	@scripts/ensure-services.sh
	$(PY) -m pytest $(XDIST) -m "$(FAST_MARKERS)" $(PYTEST_ARGS)

venv: $(INSTALLED)

$(INSTALLED): pyproject.toml requirements.lock scripts/find-python.sh
	@python=$$(scripts/find-python.sh) || exit 1; \
	if [ ! -x $(PY) ]; then echo "Creating $(VENV) with $$python"; "$$python" -m venv $(VENV) || exit 1; fi
	$(PY) -m pip install --quiet --disable-pip-version-check "pip==24.2" "setuptools==70.3.0" "wheel==0.45.1"
	@# --no-compile: pip would byte-compile every module of every package (TensorFlow's alone are thousands), about
	@# half of the install's CPU time; Python compiles what is imported, once, on first use (docs/benchmarks.md).
	$(PY) -m pip install --quiet --disable-pip-version-check --no-compile -c requirements.lock -e '.[dev]'
	$(PY) -m pip check
	@touch $@

model: $(INSTALLED)  ## train the Rasa model unless one for the current data exists
	$(PY) -m bot.cli model ensure

migrate: $(INSTALLED)
	$(PY) -m bot.cli db upgrade

# After changing locales/source/*.yml: the template again, and every catalog brought in line with it (changed
# translations turn fuzzy; docs/translating.md). PYTHONPATH: this checkout's bot.i18n.source, whatever the
# editable install points at.
PYBABEL := PYTHONPATH=. $(VENV)/bin/pybabel
messages: $(INSTALLED)  ## refresh locales/vern.pot from locales/source, update every catalog, then domain.yml
	$(PYBABEL) extract -F babel.cfg -o locales/vern.pot --add-location=file --project=Vern \
	  --copyright-holder="Vern contributors" .
	$(PYBABEL) update -i locales/vern.pot -d locales -D vern --previous --ignore-pot-creation-date
	$(PY) -m bot.i18n.domain

# domain.yml from domain.in.yml and the catalogs (docs/translating.md); committed, so `make run` needs no build.
domain: $(INSTALLED)  ## write domain.yml again after editing domain.in.yml or a translation
	$(PY) -m bot.i18n.domain

lint: $(INSTALLED)
	$(VENV)/bin/ruff check bot actions tests

typecheck: $(INSTALLED)
	$(VENV)/bin/mypy

lock:  ## re-resolve every pin together (needs network to the package index)
	@python=$$(scripts/find-python.sh) && rm -rf var/lock-venv && "$$python" -m venv var/lock-venv && \
	var/lock-venv/bin/pip install --quiet "pip==24.2" && \
	var/lock-venv/bin/pip install --quiet -e '.[dev]' && var/lock-venv/bin/pip check && \
	{ echo "# Jointly resolved pins for Python 3.10 (rasa 3.6.21 and everything beside it)."; \
	  echo "# Regenerate with: make lock   (then run make test)"; \
	  var/lock-venv/bin/pip freeze --exclude-editable | grep -v '^-e'; } > requirements.lock

clean:
	rm -rf $(VENV) models .rasa .pytest_cache

# Microsoft Presidio in a venv of its own, for bench/pii_compare.py: its pins clash with rasa's.
BENCH_PRESIDIO := var/bench-presidio-venv
.PHONY: bench-presidio
bench-presidio: $(BENCH_PRESIDIO)/.installed

$(BENCH_PRESIDIO)/.installed: bench/presidio-requirements.txt scripts/find-python.sh
	@python=$$(scripts/find-python.sh) || exit 1; rm -rf $(BENCH_PRESIDIO) && "$$python" -m venv $(BENCH_PRESIDIO)
	$(BENCH_PRESIDIO)/bin/pip install --quiet --disable-pip-version-check -r bench/presidio-requirements.txt
	@touch $@

# pip-audit over every pin, from a venv of its own; needs PyPI's JSON API or OSV (see docs/dependency-audit.md).
.PHONY: audit
audit:
	scripts/audit.sh
