# make demo: trace every state-actor-to-corridor path in the seed data on the embedded store.
# make test: every test, against a throwaway Neo4j server that it starts on free ports and deletes.
# make serve: csn serve, the workbench in a browser at the address it prints.
# make lint: ruff (lint and format) and mypy, configured in pyproject.toml.
# make mutation: mutation testing of the modules that decide what is true (slow; not part of test or CI).
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
OUT ?= out

.PHONY: install demo serve test lint mutation check neo4j neo4j-stop clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test,lint]'
	touch $@

demo: install
	$(BIN)/csn check
	@echo
	$(BIN)/csn trace --limit 1000 --html $(OUT)/trace.html --csv $(OUT)/trace.csv

check: install
	$(BIN)/csn check

serve: install
	$(BIN)/csn serve

# Tests run against a real Neo4j of their own: a throwaway server on free ports in a temporary
# folder (tests/database.py), never the local server of `make neo4j` or its data; with NEO4J_URI
# set, that database, only if it is empty. CSN_REQUIRE_NEO4J=1 makes a missing server fail the run.
# Two workers (pytest-xdist), each with a throwaway server of its own: 8.3 min against 11.2 min
# on one, on 2 cores. With NEO4J_URI set, one worker: that database is the only one.
test: install
	CSN_REQUIRE_NEO4J=1 $(BIN)/python -m pytest $(if $(NEO4J_URI),,-n 2)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# mutmut over the modules of [tool.mutmut] in pyproject.toml, with the server-free tests that reach
# each mutated function, in a copy under build/mutation (benchmarks/mutation.py); at most 2 workers.
mutation: install
	$(BIN)/pip install -q -e '.[mutation]'
	$(BIN)/python -m benchmarks.mutation --workers 2

neo4j: install
	$(BIN)/csn neo4j start

neo4j-stop: install
	$(BIN)/csn neo4j stop

clean:
	rm -rf $(VENV) $(OUT) test-output .pytest_cache build/mutation
