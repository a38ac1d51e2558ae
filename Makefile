# 政务公开工作台 — the two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test sysdeps venv bench clean

run: sysdeps $(STAMP)
	$(PY) -m app $(ARGS)

# Database-level tests run on SQLite and, when a PostgreSQL server can be had (see packaging/test-postgres.sh), on it too.
test: sysdeps $(STAMP)
	@pg=$${ZWGK_TEST_POSTGRES-$$(packaging/test-postgres.sh start)}; \
	  if [ -n "$$pg" ]; then echo "PostgreSQL: $$pg"; else echo "PostgreSQL: 不可用，只在 SQLite 上测试"; fi; \
	  ZWGK_TEST_POSTGRES="$$pg" QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS); rc=$$?; \
	  packaging/test-postgres.sh stop; exit $$rc

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) tests/benchmarks/run.py

sysdeps:
	@PYTHON=$(PYTHON) packaging/system-deps.sh

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test,postgresql]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) build dist *.egg-info
