# The two commands a newcomer needs: `make run` and `make test`. Both set everything up on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: run example test install install-dev npm bench bench-batch bench-server bench-extension bench-shared clean package docs wheel

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .

install-dev: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev,shared,batch]'

npm:
	@if [ -f package.json ]; then npm ci --no-audit --no-fund --silent; fi

run: install
	$(BIN)/caveat serve

example: install
	$(BIN)/caveat annotate --format text annotator/examples/celebrity-stem-cells.html

test: install-dev npm
	@if [ -f package.json ]; then npm test; fi
	$(BIN)/python -m mypy
	$(BIN)/python -m pytest

bench: install-dev
	$(BIN)/python benchmarks/bench_annotator.py

bench-batch: install-dev
	$(BIN)/python benchmarks/bench_batch.py

bench-server: install-dev   # needs wrk (apt-get install wrk)
	$(BIN)/python benchmarks/bench_server.py

bench-shared: install-dev   # needs redis-server and nginx (apt-get install redis-server nginx-light)
	$(BIN)/python benchmarks/bench_shared.py

bench-extension: install-dev
	$(BIN)/python benchmarks/bench_extension.py

wheel: install-dev   # then: pipx install dist/caveat-*.whl (docs/hosting.md)
	$(BIN)/python -m build --wheel --outdir dist

package: npm
	bash tools/package_extension.sh

clean:
	rm -rf $(VENV) node_modules build dist *.egg-info

docs: install
	$(BIN)/caveat kb stats --markdown > docs/coverage.md
