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

# Tests run against a real Neo4j: the local server (started here, stopped after) unless NEO4J_URI
# points at another. CSN_REQUIRE_NEO4J=1 makes a missing server fail the run instead of skipping.
test: install
	@if [ -z "$$NEO4J_URI" ]; then $(BIN)/csn neo4j start; fi
	@CSN_REQUIRE_NEO4J=1 $(BIN)/python -m pytest; status=$$?; \
	  if [ -z "$$NEO4J_URI" ]; then $(BIN)/csn neo4j stop; fi; exit $$status

neo4j: install
	$(BIN)/csn neo4j start

neo4j-stop: install
	$(BIN)/csn neo4j stop

clean:
	rm -rf $(VENV) $(OUT) test-output .pytest_cache
