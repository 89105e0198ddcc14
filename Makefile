# Heard: `make run` serves the demo, `make test` runs every check. `make help` lists the rest.
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv
BIN := $(VENV)/bin
PYTHON ?= python3
PORT ?= 5000
export FLASK_APP := wsgi.py
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help install assets translations run serve load test test-sqlite test-postgres test-browser lint format migrations-check audit bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-18s %s\n", $$1, $$2}'

$(BIN)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

app/static/build/heard.css: node_modules/.installed $(wildcard app/static/scss/*.scss)
	mkdir -p app/static/build app/static/govuk
	npx sass --load-path=node_modules --style=compressed --no-source-map app/static/scss/heard.scss $@
	cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js app/static/govuk/

assets: app/static/build/heard.css ## Build the CSS and copy GOV.UK Frontend's JavaScript (no CDN)

# Translations: the .po catalogs are committed; the .mo files Flask-Babel reads are built here.
TRANSLATIONS := app/translations
MO_FILES := $(patsubst %.po,%.mo,$(wildcard $(TRANSLATIONS)/*/LC_MESSAGES/messages.po))

# Fuzzy entries are left out (no -f): a guessed translation falls back to English.
$(TRANSLATIONS)/%/LC_MESSAGES/messages.mo: $(TRANSLATIONS)/%/LC_MESSAGES/messages.po | $(BIN)/.installed
	$(BIN)/pybabel -q compile -i $< -o $@ -l $*

translations: $(BIN)/.installed ## Re-extract the interface text and update the Welsh and Arabic catalogs
	$(BIN)/pybabel -q extract -F babel.cfg -k _l -k lazy_gettext -c TRANSLATORS: \
		--ignore-dirs ".* ._ node_modules" --add-location=file --project=Heard \
		-o $(TRANSLATIONS)/messages.pot .
	$(BIN)/pybabel -q update -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS) \
		--no-fuzzy-matching --ignore-obsolete
	@echo "Now fill every empty msgstr in $(TRANSLATIONS)/*/LC_MESSAGES/messages.po (tests/test_translations.py checks)"

install: $(BIN)/.installed assets $(MO_FILES) ## Create .venv, install pinned packages, front-end assets and compiled translations

run: install ## Set up the embedded database, seed the demo and serve on http://127.0.0.1:$(PORT)
	$(BIN)/flask db upgrade
	$(BIN)/flask seed-demo --responses 60
	@echo "Heard is at http://127.0.0.1:$(PORT)  (staff pages: http://127.0.0.1:$(PORT)/staff)"
	$(BIN)/flask run --host 127.0.0.1 --port $(PORT)

serve: install ## Production mode on this machine: gunicorn and SQLite on http://localhost:8000
	@mkdir -p instance
	@test -s instance/serve-secret-key || $(BIN)/python -c "import secrets; print(secrets.token_hex(32))" > instance/serve-secret-key
	HEARD_ENV=production PUBLIC_BASE_URL=$${PUBLIC_BASE_URL:-http://localhost:8000} DATABASE_URL=$${DATABASE_URL:-sqlite:///heard.db} SECRET_KEY=$$(cat instance/serve-secret-key) $(BIN)/flask db upgrade
	HEARD_ENV=production PUBLIC_BASE_URL=$${PUBLIC_BASE_URL:-http://localhost:8000} DATABASE_URL=$${DATABASE_URL:-sqlite:///heard.db} SECRET_KEY=$$(cat instance/serve-secret-key) $(BIN)/flask seed-demo --responses 60
	HEARD_ENV=production PUBLIC_BASE_URL=$${PUBLIC_BASE_URL:-http://localhost:8000} DATABASE_URL=$${DATABASE_URL:-sqlite:///heard.db} SECRET_KEY=$$(cat instance/serve-secret-key) $(BIN)/gunicorn --config gunicorn.conf.py wsgi:app

load: install ## Load test under gunicorn on SQLite and PostgreSQL (bench/load.py; 16 users, 60 s each)
	$(BIN)/python bench/load.py --database sqlite
	$(BIN)/python bench/load.py --database postgresql

lint: install ## ruff check, ruff format --check, and no function over complexity 10 (radon counts and/or)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@complex="$$($(BIN)/radon cc --min C --show-complexity app reports)"; \
	if [ -n "$$complex" ]; then echo "Functions over complexity 10 (split them):"; echo "$$complex"; exit 1; fi

format: install ## Format the code with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: install ## Upgrade a fresh database to head and check for drift
	rm -f /tmp/heard-migrations-check.db
	DATABASE_URL=sqlite:////tmp/heard-migrations-check.db $(BIN)/flask db upgrade
	DATABASE_URL=sqlite:////tmp/heard-migrations-check.db $(BIN)/flask db check
	rm -f /tmp/heard-migrations-check.db*

audit: install ## Known vulnerabilities: pip-audit over requirements.txt and npm audit; says so when a service cannot be reached
	$(BIN)/python tools/audit.py

test-sqlite: install ## The whole pytest suite on SQLite
	env -u TEST_DATABASE_URL $(BIN)/pytest -q

test-postgres: install ## The whole pytest suite on PostgreSQL ($$TEST_DATABASE_URL)
	@test -n "$$TEST_DATABASE_URL" || { echo "TEST_DATABASE_URL is not set"; exit 1; }
	$(BIN)/pytest -q

test-browser: install ## Only the browser tests (Chromium + axe-core)
	env -u TEST_DATABASE_URL $(BIN)/pytest -q -m browser

test: lint migrations-check audit test-sqlite ## Every check: lint, migrations, the suite on SQLite, then on PostgreSQL if TEST_DATABASE_URL is set
	@if [ -n "$$TEST_DATABASE_URL" ]; then $(MAKE) --no-print-directory test-postgres; \
	else echo "TEST_DATABASE_URL is not set: skipped the PostgreSQL run (.ci/run sets it)"; fi

bench: install ## Run the benchmarks and print their figures
	$(BIN)/python bench/page_weight.py
	$(BIN)/python bench/report_bench.py
	$(BIN)/python bench/redaction_bench.py
	$(BIN)/python bench/coding_bench.py
	$(BIN)/python bench/responses_bench.py
	$(BIN)/python bench/import_bench.py

clean: ## Remove the virtual environment, node modules and built assets
	rm -rf $(VENV) node_modules app/static/build app/static/govuk $(MO_FILES)
