# Two commands a new machine needs (see README):  make run   /   make test
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed

.PHONY: run test install lint-examples bench model lock clean

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is required")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --config-settings editable_mode=compat -e .
	@# pip compiles an installed package's bytecode, not an editable one's: do it here, so a cold
	@# `coach lint` does not compile the project's modules on every start where PYTHONDONTWRITEBYTECODE is set
	$(BIN)/python -m compileall -q guardrails coach tui
	@touch $(STAMP)

install: $(STAMP)

## The main job on the built-in defaults.
run: $(STAMP)
	$(BIN)/coach tui

## The whole test suite.
test: $(STAMP)
	$(BIN)/python -m pytest -q

lint-examples: $(STAMP)
	$(BIN)/coach lint examples/scripts/clean.yaml

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run_all

## Retrain the learned model (rule ML001) after a labelled set in tests/guardrails/data changed.
model: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "scikit-learn==1.9.1"  # = the [train] extra
	$(BIN)/python tools/train_model.py --check
	$(BIN)/python tools/train_model.py

lock:
	rm -rf /tmp/coach-lock && $(PYTHON) -m venv /tmp/coach-lock
	/tmp/coach-lock/bin/pip install -q -e '.[dev]'
	/tmp/coach-lock/bin/pip freeze --exclude-editable > requirements.lock

clean:
	rm -rf $(VENV) *.egg-info
