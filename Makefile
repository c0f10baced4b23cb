# Dangjian: install, run and test. GNU make; every target works from a fresh
# clone (no .venv, no node_modules, no var/), as root or as a plain user.
#
#   make run     set up, migrate, load demo data if the database is empty, serve
#   make test    the whole suite on SQLite, then again on a throwaway PostgreSQL
#
# Set-up steps are file targets with stamps, so a second `make run` only
# reinstalls what changed (requirements-dev.lock, package-lock.json).

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

PORT ?= 8000
BIND_ADDRESS ?= 127.0.0.1
WORKERS ?= 2
THREADS ?= 1
SCALE ?= city
PYTEST_ARGS ?=
# Two workers (pytest-xdist) keep the suite within CI's budget on a 2-core machine.
PYTEST_WORKERS ?= 2
BENCH_ARGS ?=

VENV := .venv
PY := $(VENV)/bin/python
PYTHON := $(shell command -v python3.11 || command -v python3)
# Stamps live inside what they describe, so deleting .venv or node_modules
# also forgets that they were installed.
PY_STAMP := $(VENV)/.installed-requirements-dev.lock
NPM_STAMP := node_modules/.installed-package-lock.json
PO_FILES := $(shell find locale dangjian -name '*.po' -path '*/LC_MESSAGES/*' 2>/dev/null)
MO_FILES := $(PO_FILES:.po=.mo)

.PHONY: help setup system-packages run migrate seed serve test test-sqlite test-postgres browser bench lint lock clean

help:
	@echo "make run            set up, migrate, load demo data, serve on http://$(BIND_ADDRESS):$(PORT)"
	@echo "make test           whole suite on SQLite, then on a throwaway PostgreSQL"
	@echo "make test-sqlite    SQLite pass only (PYTEST_ARGS='dangjian/orgs -x' narrows it)"
	@echo "make test-postgres  PostgreSQL pass only"
	@echo "make bench          benchmarks on the city data set"
	@echo "make load           load test over HTTP: LOAD_USERS (50) users for LOAD_SECONDS (60), then a sign-up burst"
	@echo "make lint           ruff (lint and format) and mypy"
	@echo "make lock           re-pin requirements*.in into the hashed lock files (UPGRADE=1 to upgrade)"
	@echo "make clean          remove .venv, node_modules and caches (keeps var/)"
	@echo "make bundle         one archive for installing with no network (var/bundle; see scripts/install-offline.sh)"

	@echo "make replica        start a PostgreSQL primary and streaming replica on Unix sockets (replica-stop stops them)"

# --- set-up ---------------------------------------------------------------

setup: system-packages $(PY_STAMP) $(NPM_STAMP) $(MO_FILES)

# PDFs (certificates) are drawn by WeasyPrint with Pango and need a CJK font,
# or Chinese comes out as empty boxes. Installed from Debian when missing.
# libharfbuzz-subset0 cuts the embedded CJK font down to the glyphs used in well under a
# second; without it WeasyPrint falls back to fontTools, some 30 seconds a PDF.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk
system-packages:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then bash scripts/apt-install.sh $$missing; fi

$(PY):
	@test -n "$(PYTHON)" || { echo "Python 3.11 is needed (python3.11 or python3 on PATH)" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(PY_STAMP): requirements-dev.lock | $(PY)
	@# pip itself first, at the lock's pin: older pips (23.2, which Python 3.11 ships) refuse a
	@# locked package that another one asks for with extras (weasyprint's fonttools[woff]).
	@awk '/^pip==/{p=1} p{print; if ($$0 !~ /\\$$/) exit}' requirements-dev.lock > $(VENV)/pip.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r $(VENV)/pip.lock 2>&1 \
		| { grep -v 'is ignored: it is neither a file nor a directory' || true; }
	@# (the grep drops pip's notes about this machine's unused local package indexes)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.lock 2>&1 \
		| { grep -v 'is ignored: it is neither a file nor a directory' || true; }
	@touch $@

$(NPM_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm (Node.js) is needed for the front-end packages" >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Translations, when there are any. msgfmt comes from gettext.
%.mo: %.po
	@command -v msgfmt >/dev/null || bash scripts/apt-install.sh gettext
	msgfmt --check-format -o $@ $<

# --- run ------------------------------------------------------------------

migrate: setup
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_demo --scale $(SCALE) --if-empty

# Development settings: static files come straight from the finders
# (node_modules and static/) through whitenoise, so no collectstatic step.
# In production mode whitenoise serves only collected files: collect them first.
define serve-cmd
$(if $(filter production,$(DANGJIAN_ENV)),$(PY) manage.py collectstatic --noinput -v 0)
@echo
@echo "  机关党建工作平台 is serving on  http://$(BIND_ADDRESS):$(PORT)/   (Ctrl-C stops it)"
@echo
$(PY) -m gunicorn config.wsgi:application --bind $(BIND_ADDRESS):$(PORT) \
	--workers $(WORKERS) --threads $(THREADS) --timeout 120 --no-control-socket \
	--access-logfile - --error-logfile -
endef

# The task worker (big Excel imports) runs beside the server and stops with it.
run: seed
	@$(PY) manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null || true' EXIT INT TERM; \
	$(MAKE) --no-print-directory serve

# Serve without migrating or seeding.
serve: setup
	$(serve-cmd)

# --- test -----------------------------------------------------------------

# Both passes always run; the target fails if either failed.
test: setup browser
	@status=0; \
	echo "== SQLite pass =="; \
	env -u DATABASE_URL bash scripts/pytest.sh -n $(PYTEST_WORKERS) --durations=5 $(PYTEST_ARGS) || status=1; \
	echo "== PostgreSQL pass (browser test skipped) =="; \
	bash scripts/test-postgres.sh -n $(PYTEST_WORKERS) -m "not browser" --durations=5 $(PYTEST_ARGS) || status=1; \
	if [ $$status -ne 0 ]; then echo "make test: FAILED (see above)" >&2; fi; \
	exit $$status

test-sqlite: setup browser
	env -u DATABASE_URL bash scripts/pytest.sh $(PYTEST_ARGS)

test-postgres: setup
	bash scripts/test-postgres.sh -m "not browser" $(PYTEST_ARGS)

# Debian's Chromium and a CJK font for the Playwright test.
browser:
	bash scripts/ensure-browser.sh

# bench/run.py covers organizations and people; each domain app adds bench/<app>.py.
# The app scripts seed the `city` demo once between them (BENCH_CITY_CACHE, removed afterwards).
bench: setup
	$(PY) bench/run.py $(BENCH_ARGS)
	@cache=var/bench/city-cache-$$$$.sqlite3; trap 'rm -f "$$cache".seed*' EXIT; \
	for script in $(sort $(filter-out bench/run.py,$(wildcard bench/*.py))); do \
	  echo; echo "== $$script"; BENCH_CITY_CACHE=$$cache $(PY) $$script || exit 1; \
	done

# --- housekeeping -----------------------------------------------------------

lint: setup
	@status=0; \
	$(VENV)/bin/ruff check . || status=1; \
	$(VENV)/bin/ruff format --check . || status=1; \
	$(VENV)/bin/mypy config dangjian || status=1; \
	exit $$status

# `make lock` keeps existing pins and adds what is new; `make lock UPGRADE=1`
# moves every package to its newest allowed release.
PIP_COMPILE := $(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url $(if $(UPGRADE),--upgrade)

lock: setup
	$(PIP_COMPILE) -o requirements.lock requirements.in
	$(PIP_COMPILE) -o requirements-dev.lock requirements-dev.in

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache .mypy_cache .ruff_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

# --- load test (issue 16 §3) ---------------------------------------------------

# bench/load/run.py: its own database under var/load/ (the city demo, seeded once and cached),
# gunicorn with the task worker as `make run` starts them on a free loopback port, locust with
# LOAD_USERS users of every role for LOAD_SECONDS seconds, then LOAD_BURST members signing up at
# once for 30 places. Prints requests per second, p50/p95/p99 and errors per page, the burst's
# outcome and the workers' memory; fails on any error. WORKERS and THREADS apply as for `make run`.
LOAD_SECONDS ?= 60
LOAD_USERS ?= 50
LOAD_BURST ?= 500
.PHONY: load
load: setup
	$(PY) bench/load/run.py --seconds $(LOAD_SECONDS) --users $(LOAD_USERS) --burst $(LOAD_BURST)

# --- air-gapped install -------------------------------------------------------

# `make bundle` packs the source (HEAD), the wheels of BUNDLE_LOCK, the npm cache and the
# Debian packages above with their dependencies into var/bundle/dangjian-<version>.tar.gz
# (and SHA256SUMS); scripts/install-offline.sh installs from it with no network.
# BUNDLE_DEBS=0 leaves the Debian packages out; BUNDLE_EXTRA_DEBS="python3-venv npm make" adds
# what a bare Debian 12 lacks to run the set-up at all (Python 3.11, npm, make). `make test-bundle` builds the whole bundle
# and installs it into a scratch folder with every package index unreachable.
BUNDLE_LOCK ?= requirements-dev.lock
BUNDLE_DEBS ?= 1
BUNDLE_EXTRA_DEBS ?=
.PHONY: bundle test-bundle

bundle: | $(PY)
	PY=$(PY) BUNDLE_LOCK=$(BUNDLE_LOCK) BUNDLE_DEBS=$(BUNDLE_DEBS) \
		bash scripts/bundle.sh $(SYSTEM_PACKAGES) $(if $(PO_FILES),gettext) $(BUNDLE_EXTRA_DEBS)

test-bundle: $(PY_STAMP)
	DANGJIAN_BUNDLE_TEST=full $(VENV)/bin/pytest dangjian/core/tests/test_offline_bundle.py -q

# --- a primary and a streaming replica (issue 16 §2) -------------------------------------------
# For trying DATABASE_REPLICA_URL on one machine; dangjian/core/tests/test_replica_pair.py starts a
# pair of its own. Both servers listen only on Unix sockets in REPLICA_DIR; `make replica` prints
# the two URLs to export, `make replica-stop` stops both and removes the folder.
REPLICA_DIR ?= $(or $(TMPDIR),/tmp)/dangjian-pg-replica
.PHONY: replica replica-stop
replica:
	bash scripts/pg-replica.sh start $(REPLICA_DIR)

replica-stop:
	bash scripts/pg-replica.sh stop $(REPLICA_DIR)
