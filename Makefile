# Two commands on a fresh machine: `make run` (the platform with the demo) and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test install lint audit format chromium demo messages clean serve bench

$(STAMP): requirements.lock pyproject.toml
	@if ! $(PYTHON) -m venv --help >/dev/null 2>&1 || ! $(PYTHON) -c "import ensurepip" 2>/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv; \
	  else echo "Python's venv module is missing: sudo apt-get install python3-venv"; exit 1; fi; \
	fi
	@# WeasyPrint (PDF of reports) needs Pango; DejaVu is the PDFs' font.
	@if ! ldconfig -p | grep -q 'libpangoft2-1.0.so' || [ ! -d /usr/share/fonts/truetype/dejavu ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core >/dev/null; \
	  else echo "PDF export needs Pango and DejaVu: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core"; fi; \
	fi
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

install: $(STAMP)

## The platform with the Coesfeld demo on the embedded SQLite database.
## Beside the server runs the task worker (background jobs such as the deadline reminder
## mails, printed here by the console mail backend); it stops when the server stops.
run: install
	$(BIN)/digitalagentur migrate --noinput
	$(BIN)/digitalagentur load_demo
	$(BIN)/digitalagentur schedule_reminders
	@$(BIN)/digitalagentur db_worker --no-reload & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	  $(BIN)/digitalagentur runserver 127.0.0.1:$(PORT)

demo: install
	$(BIN)/digitalagentur migrate --noinput
	$(BIN)/digitalagentur load_demo

## The production server (gunicorn, production settings, hashed static files) with the demo on
## plain http://127.0.0.1:$(PORT), on SQLite or DATABASE_URL / REDIS_URL when set. The secret
## key is generated once into var/secret_key; SERVE_DEMO=0 skips the demo. See docs/deployment.md.
SERVE_VAR := $(or $(DIGITALAGENTUR_VAR_DIR),$(CURDIR)/var)
SERVE_DEMO ?= 1
serve: export DJANGO_SETTINGS_MODULE := digitalagentur.settings.production
serve: export DIGITALAGENTUR_VAR_DIR := $(SERVE_VAR)
serve: export DJANGO_SECRET_KEY_FILE ?= $(SERVE_VAR)/secret_key
serve: export DJANGO_ALLOWED_HOSTS ?= 127.0.0.1,localhost
serve: export DIGITALAGENTUR_HTTPS ?= 0
serve: export PORT := $(PORT)
serve: install
	@mkdir -p "$(SERVE_VAR)"; if [ -z "$$DJANGO_SECRET_KEY" ] && [ ! -s "$$DJANGO_SECRET_KEY_FILE" ]; then \
	  (umask 077 && $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(64))" \
	    > "$$DJANGO_SECRET_KEY_FILE") && echo "New secret key in $$DJANGO_SECRET_KEY_FILE"; fi
	$(BIN)/digitalagentur collectstatic --noinput -v 0
	$(BIN)/digitalagentur migrate --noinput
	@if [ "$(SERVE_DEMO)" = 1 ]; then $(BIN)/digitalagentur load_demo --allow-production; fi
	exec $(BIN)/gunicorn -c python:digitalagentur.gunicorn_conf digitalagentur.wsgi

## Benchmark (bench/README.md): production server, scale data (full size unless
## BENCH_ARGS="--scale 0.1"), 50 req/s mix, throughput against static copies; on PostgreSQL
## when DATABASE_URL is set. Results in bench/results/. Installs Debian's wrk when run as root.
BENCH_ARGS ?=
bench: install
	@if ! command -v wrk >/dev/null && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	fi
	$(BIN)/python bench/run.py $(BENCH_ARGS)

## The whole suite, browser tests included (installs Debian's chromium when run as root),
## on one worker per CPU (at most four; PYTEST_ARGS= runs it in one process).
PYTEST_ARGS ?= -n auto --maxprocesses=4
test: install chromium lint audit
	$(BIN)/pytest $(PYTEST_ARGS)

chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium for the browser tests ..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "The browser tests need Debian's chromium: sudo apt-get install -y chromium"; exit 1; \
	  fi; \
	fi

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=digitalagentur.settings.test $(BIN)/digitalagentur makemigrations --check --dry-run >/dev/null
	$(BIN)/bandit -c pyproject.toml -r digitalagentur -ll -q

## Known vulnerabilities in requirements.lock fail; an unreachable database only skips (.ci/audit).
audit: install
	$(BIN)/python .ci/audit

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) var

## Refresh the English catalogue after changing interface strings (needs gettext), then translate.
messages: install
	cd digitalagentur && ../$(BIN)/digitalagentur makemessages -l en --no-location \
	  --ignore "tests/*" --ignore "*/tests/*" --ignore "demo/data/*" && \
	  ../$(BIN)/digitalagentur compilemessages -l en
