# make run   set up (venv, install, migrate, load seeds/, first admin) and serve on http://127.0.0.1:8000/
# make test  set up and run the test suite (SQLite; DATABASE_URL=postgres://... for PostgreSQL)
# make lint  ruff (lint and format), the import contracts, missing migrations, the deployment checks
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: run test setup system-packages lint bench bench-pages bench-import clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[dev]"
	touch $@

setup: $(VENV)/.installed

# Debian packages (as root): Chromium for the browser tests, Tesseract for scanned PDFs.
system-packages:
	apt-get update -qq
	apt-get install -y chromium fonts-noto-cjk tesseract-ocr tesseract-ocr-chi-sim

run: setup
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py migrate --no-input
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py load_minutes seeds/
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py ensure_admin
	@echo "Archive: http://$(HOST)/   Admin: http://$(HOST)/admin/"
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py runserver $(HOST)

test: setup
	DEBUG=1 $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run
	SECRET_KEY=lint-only-production-like-secret-key-0123456789-abcdefghijklmnop ALLOWED_HOSTS=archive.example.org \
		$(BIN)/python manage.py check --deploy --fail-level WARNING

bench: setup
	DEBUG=1 $(BIN)/python -m tests.benchmarks.bench_load

# Each page at 1,000 and 100,000 meetings and the ratio; the archives are built once in --db-dir
# (BENCH_ARGS="--sizes 1000 100000 --db-dir /work/bench"), or one size: BENCH_ARGS="10000 --db PATH".
bench-pages: setup
	$(BIN)/python -m tests.benchmarks.bench_pages $(or $(BENCH_ARGS),--sizes 1000 100000)

bench-import: setup
	$(BIN)/python -m tests.benchmarks.bench_import $(BENCH_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 .pytest_cache
