# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint e2e load bench venv migrate demo clean

venv: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { \
	  echo "Không tạo được môi trường ảo. Trên Debian/Ubuntu: sudo apt-get install python3-venv"; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

migrate: venv
	@mkdir -p var
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --noinput

# The demo content is tooling: its own settings install it (demo/settings.py).
demo: migrate
	DJANGO_DEBUG=1 $(BIN)/python manage.py load_demo --settings demo.settings

run: demo
	@echo "Trang web: http://$(HOST):$(PORT)/   Quản trị: http://$(HOST):$(PORT)/quan-tri/"
	DJANGO_DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: venv
	$(BIN)/pytest -m "not e2e" $(PYTEST_ARGS)

# The HTML checker (vnu.jar) comes from npm. Its install script would download a Java runtime;
# the machine's own Java (17+) runs the jar, so the script is skipped.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm chưa được cài: bỏ qua kiểm tra HTML. Trên Debian/Ubuntu: sudo apt-get install npm default-jre-headless"; fi

e2e: venv node_modules/.installed
	@test -n "$$CHROMIUM_PATH" || command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || { \
	  echo "Chưa có Chromium. Trên Debian/Ubuntu: sudo apt-get install chromium chromium-driver"; exit 1; }
	$(BIN)/pytest -m e2e $(PYTEST_ARGS)

# Load and faults: gunicorn on PostgreSQL, 50 visitors for 60 s, an editor at work, a killed worker.
load: venv
	$(BIN)/python bench/load.py $(LOAD_ARGS)

# django-upgrade --check changes nothing: it fails on code that Django 5.2 writes more simply
# (run it without --check to rewrite).
lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	find . -name '*.py' -not -path './.venv/*' -not -path './node_modules/*' -not -path './var/*' \
	  | xargs $(BIN)/django-upgrade --target-version 5.2 --check

# The benchmark (docs/performance.md): PostgreSQL and Redis must be up; wrk comes from Debian.
# A quick run: make bench BENCH_ARGS="--sizes 1000 --duration 3".
bench: venv
	@command -v wrk >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get install -y wrk || { apt-get update && apt-get install -y wrk; }; \
	  else echo "Cần wrk để đo tải. Trên Debian/Ubuntu: sudo apt-get install -y wrk"; exit 1; fi; }
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache
