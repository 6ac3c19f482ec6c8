# The two commands a newcomer needs: `make run` and `make test`. Both set everything up on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: run example test install install-dev npm bench bench-batch bench-server bench-extension clean package docs

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .

install-dev: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev,batch]'

npm:
	@if [ -f package.json ]; then npm ci --no-audit --no-fund --silent; fi

run: install
	$(BIN)/caveat serve

example: install
	$(BIN)/caveat annotate --format text annotator/examples/celebrity-stem-cells.html

test: install-dev npm
	@if [ -f package.json ]; then npm test; fi
	$(BIN)/python -m pytest

bench: install-dev
	$(BIN)/python benchmarks/bench_annotator.py

bench-batch: install-dev
	$(BIN)/python benchmarks/bench_batch.py

bench-server: install-dev   # needs wrk (apt-get install wrk)
	$(BIN)/python benchmarks/bench_server.py

bench-extension: install-dev
	$(BIN)/python benchmarks/bench_extension.py

package: npm
	bash tools/package_extension.sh

clean:
	rm -rf $(VENV) node_modules build dist *.egg-info

docs: install
	$(BIN)/caveat kb stats --markdown > docs/coverage.md
