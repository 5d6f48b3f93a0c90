# make demo: trace every state-actor-to-corridor path in the seed data on the embedded store.
# make test: every test, against a real local Neo4j server that it starts and stops.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
OUT ?= out

.PHONY: install demo test check neo4j neo4j-stop clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

demo: install
	$(BIN)/csn check
	@echo
	$(BIN)/csn trace --limit 1000 --html $(OUT)/trace.html --csv $(OUT)/trace.csv

check: install
	$(BIN)/csn check

test: install
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) $(OUT) test-output .pytest_cache
