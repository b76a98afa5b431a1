# Passerelle — every command a developer or an installer needs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_ENV := PASSERELLE_DEMO=1
PYTEST_WORKERS ?= auto

.PHONY: help install run dev seed migrate test test-pg test-browser lint fix bench loadtest network messages clean

help:
	@echo "make run           install, migrate, load demo data once, serve on http://$(HOST):$(PORT)"
	@echo "make test          install and run the whole suite (SQLite; browser tests if Chromium is there)"
	@echo "make test-pg       the suite on PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/passerelle)"
	@echo "make test-browser  the browser tests only (Playwright + Debian's chromium + axe-core)"
	@echo "make lint          ruff, djlint, makemigrations --check"
	@echo "make bench         latency of the main pages at DESIGN §8 volume"
	@echo "make loadtest      staff requests a second at p95 <= 100 ms: SQLite, PostgreSQL, 3 servers"
	@echo "make network       one centre's pages among 100 (1 M people, 10 M activities, PostgreSQL)"

$(STAMP): requirements-dev.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

migrate: install
	$(DEMO_ENV) $(PY) manage.py migrate --no-input -v 0

seed: migrate
	$(DEMO_ENV) $(PY) manage.py seed_demo

run: seed
	$(DEMO_ENV) $(PY) manage.py collectstatic --no-input -v 0
	@echo
	@echo "Passerelle (démonstration) : http://$(HOST):$(PORT)/  — Ctrl+C pour arrêter."
	@echo "Les messages (SMS, e-mails) partent par le worker lancé à côté ; en démonstration ils s'affichent ici."
	@$(DEMO_ENV) $(PY) manage.py db_worker --interval 5 & WORKER=$$!; \
	trap 'kill $$WORKER 2>/dev/null' EXIT INT TERM; \
	$(DEMO_ENV) $(VENV)/bin/gunicorn passerelle.wsgi --bind $(HOST):$(PORT) --workers 4 --worker-class gthread --threads 2 --access-logfile -

dev: seed
	$(DEMO_ENV) DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

test: install
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory node_modules/axe-core/axe.min.js; fi
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS) -m "not browser"
	@# CI runs the browser tests once, in their own step (.ci/run): not twice.
	@if [ -n "$$CI" ]; then echo "Browser tests: run by .ci/run's own step."; \
	else $(VENV)/bin/pytest -m browser -p no:xdist; fi

test-pg: install
	@# PostgreSQL as in production with several processes: through psycopg's connection pool.
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/passerelle} PASSERELLE_DB_POOL=$${PASSERELLE_DB_POOL:-1} $(VENV)/bin/pytest -n $(PYTEST_WORKERS) -m "not browser"

test-browser: install node_modules/axe-core/axe.min.js
	$(VENV)/bin/pytest -m browser -p no:xdist

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint --check passerelle/
	$(VENV)/bin/djlint --lint passerelle/
	$(PY) manage.py makemigrations --check --dry-run

fix: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djlint --reformat passerelle/ || true

bench: install
	$(PY) -m bench.run

loadtest: install
	$(PY) -m bench.loadtest

network: install
	$(PY) -m bench.network

clean:
	rm -rf $(VENV) node_modules var/static
