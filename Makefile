# Thin targets, one per job. `make run` and `make test` are the two commands of the README.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8050
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test lint format bench bench-dashboard bench-importar bench-importar-100 bench-arranque bench-hostiles bench-reportes bench-validacion bench-publico bench-load audit install install-test browser db demo clean lock

$(BIN)/python:
	@$(PYTHON) -c "import ensurepip, venv" 2>/dev/null || { \
		echo "Instalando python3-venv…"; \
		if [ "$$(id -u)" = "0" ]; then apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null; \
		else sudo apt-get update -qq && sudo apt-get install -y -qq python3-venv >/dev/null; fi; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Exact versions come from the lock files (requirements/*.txt, made by `make lock`); the project
# itself is installed on top without resolving anything again.
$(VENV)/.installed: requirements/base.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/base.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-test: requirements/test.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements/test.txt
	touch $@

# Re-pin every dependency after a change of pyproject.toml (uv resolves for Python 3.11).
lock: | $(BIN)/python
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --python-version 3.11 --quiet -o requirements/base.txt
	$(BIN)/uv pip compile pyproject.toml --extra test --python-version 3.11 --quiet -o requirements/test.txt
	$(BIN)/uv pip compile requirements/carga.in --python-version 3.11 --quiet -o requirements/carga.txt

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

db: install
	$(BIN)/sigpret db upgrade

demo: db
	$(BIN)/sigpret seed demo --si-vacia

run: demo
	@echo "Usuarios de demostración (ver README): analista / DIGER-Seguimiento-2026, upgret.sesal / Reportes-SESAL-2026, admin / Soporte-Tecnico-2026"
	$(BIN)/sigpret serve --host $(HOST) --port $(PORT)

# Debian's chromium and chromium-driver for the dash_duo browser tests.
browser:
	@if ! command -v chromedriver >/dev/null 2>&1 || ! command -v chromium >/dev/null 2>&1; then \
		if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
			echo "Instalando chromium y chromium-driver…"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
		elif command -v sudo >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then \
			sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null || true; \
		else \
			echo "Aviso: no se pudo instalar chromium; las pruebas de navegador se omitirán (o fallarán con CI=true)."; \
		fi; \
	fi

test: install-test browser
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -p no:cacheprovider -n 2 --dist loadfile tests/unit tests/integration
	$(BIN)/python -m pytest -p no:cacheprovider -n 2 --dist loadfile tests/e2e

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

format: install-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The engine at 1x, 10x and 100x, with the DuckDB peer (bench/duckdb_peer.py) timed interleaved
# and checked row by row (issue #15).
bench: install-test
	$(BIN)/python -m bench.run_engine --peer duckdb

# Dashboard callbacks at 1x and 10x (server time, response size) and the overview's draw time.
bench-dashboard: install-test browser
	$(BIN)/python -m bench.callbacks --scales 1 10 --repeats 30
	$(BIN)/python -m bench.draw

# Dry run of the MCR workbook (web import's preview) at 1x and 10x: time and peak memory.
bench-importar: install-test
	$(BIN)/python -m bench.importar --scales 1 10

# The real MCR import (write included) at 1x, 10x and 100x: time and peak RSS, each step's peak.
# Inputs are kept in /tmp/sigpret-bench-importar (the 100x workbook takes minutes to build).
bench-importar-100: install-test
	$(BIN)/python -m bench.importar --aplicar --scales 1 10 --pasos
	$(BIN)/python -m bench.importar --aplicar --scales 100 --fuente csv --pasos
	$(BIN)/python -m bench.importar --aplicar --scales 100

# Cold start of gunicorn on the 10x database (PostgreSQL + Redis) and the overview after an
# import, with and without the CLI's cache warm-up (needs bench/out/carga/grabacion.json).
bench-arranque: install-test
	$(BIN)/python -m bench.arranque

# Rejecting hostile MCR files (zip bombs, XFD1048576, a million-row CSV...): time and peak RSS.
bench-hostiles: install-test
	$(BIN)/python -m bench.hostiles

# «Mis reportes»: the page's callbacks at 1x and 10x (p95) and sending 50 values at once.
bench-reportes: install-test
	$(BIN)/python -m bench.reportes --scales 1 10

# The review queue (/validacion) callbacks at 1x and 10x with values sent through the service.
bench-validacion: install-test
	$(BIN)/python -m bench.validacion --scales 1 10 --repeats 30

# The public portal (issue #14): page weight (raw and gzip), server time, draw time on a phone
# and a desktop in headless Chromium.
bench-publico: install-test browser
	$(BIN)/python -m bench.publico --loads 5

# locust in its own environment: dash[testing] (requirements/test.txt) pins an older urllib3.
CARGA := .venv-carga
$(CARGA)/.installed: requirements/carga.txt
	@test -x $(CARGA)/bin/python || $(PYTHON) -m venv $(CARGA)
	$(CARGA)/bin/pip install --quiet -r requirements/carga.txt
	touch $@

# 10, 25 and 50 users (locust) on gunicorn with 2 workers, SQLite and PostgreSQL + Redis
# (BENCH_PG_URL, BENCH_REDIS_URL: the database and the Redis database it empties first).
BENCH_PG_URL ?= postgresql://postgres@127.0.0.1:5432/bench_carga
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/5
bench-load: install-test browser $(CARGA)/.installed
	$(BIN)/python -m bench.carga.correr --pg-url $(BENCH_PG_URL) --redis-url $(BENCH_REDIS_URL)

AUDIT_SERVICE ?= pypi

# Known vulnerabilities of everything installed in .venv except the project itself, at the
# installed versions. --strict: a package that cannot be checked fails the audit (never a silent pass).
audit: install-test
	$(BIN)/pip install --quiet pip-audit
	$(BIN)/pip freeze --all --exclude-editable > $(VENV)/requisitos-auditados.txt
	$(BIN)/pip-audit --strict --disable-pip --no-deps -r $(VENV)/requisitos-auditados.txt \
		--vulnerability-service $(AUDIT_SERVICE) --progress-spinner off || { \
		echo "Auditoría fallida: hay vulnerabilidades o algún paquete no se pudo consultar" \
			"(¿acceso a pypi.org?). Vea «Auditoría de dependencias» en el README." >&2; exit 1; }

clean:
	rm -rf $(VENV) $(CARGA) instance/*.db instance/*.db-* .pytest_cache .ruff_cache
