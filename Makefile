# Quick start: `make run` opens the app on ./annotator.db (the demo seeds on first start);
# `make test` runs the whole suite headless. Both create .venv and install on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PROJECT ?= annotator.db

# The bundled NER model: trained on KIND (../shared/data/kind, CC BY-NC 4.0), see resources/models/README.md
KIND   ?= ../shared/data/kind
MODEL  := resources/models/it_news_kind

.PHONY: install run test bench clean model parser name-lists

# First run only (and after pyproject.toml changes): about a minute, mostly downloading PySide6 and
# spaCy (~250 MB). pip runs quietly, so each step says what it does and how long it usually takes.
$(STAMP): pyproject.toml
	@echo "==> First start: setting up $(VENV) (about 1-2 minutes, once; later starts are immediate)"
	@test -x $(BIN)/python || { echo "==> Creating the virtual environment $(VENV) (a few seconds)"; $(PYTHON) -m venv $(VENV); }
	@echo "==> Updating pip (a few seconds)"
	@$(BIN)/python -m pip install --quiet --upgrade pip
	@echo "==> Installing annotator and its dependencies: PySide6, spaCy, matplotlib, pytest (about a minute: ~250 MB to download, ~750 MB in .venv)"
	@$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $(STAMP)
	@echo "==> Installed into $(VENV)"

install: $(STAMP)

run: $(STAMP)
	@echo "==> Opening the app on $(PROJECT) (a new project is filled with the demo articles and pre-annotated)"
	$(BIN)/annotator --project $(PROJECT)

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

model: $(STAMP)
	OMP_NUM_THREADS=1 $(BIN)/annotator train $(KIND)/WN_train.tsv --dev $(KIND)/WN_dev.tsv \
	    --gazetteer $(KIND)/it-ORG-wikipedia.txt resources/gazetteer \
	    --labels LOC,ORG,PER --max-steps 12000 --eval-every 500 --patience 3000 \
	    --name it_news_kind --version 1.0.0 --license "CC BY-NC 4.0" \
	    --description "Italian news NER (PER, ORG, LOC) trained on KIND Wikinews, with gazetteer features and DATE rules" \
	    -o $(MODEL)
	$(BIN)/annotator evaluate --model $(MODEL) $(KIND)/WN_dev.tsv

# The bundled UD tagger and parser: trained on ../shared/data/ud (CC BY-NC-SA), see its README.md
UD     ?= ../shared/data/ud

parser: $(STAMP)
	$(BIN)/python benchmarks/realnews/train_parser.py --ud $(UD)

name-lists: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[names]"
	$(BIN)/python -m annotator.nlp.namelists

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
