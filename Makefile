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

.PHONY: install run test bench clean model name-lists

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
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

name-lists: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[names]"
	$(BIN)/python -m annotator.nlp.namelists

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
