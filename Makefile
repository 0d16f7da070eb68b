# chemores: `make` builds the dataset from seeds/ into build/ and dist/,
# offline; `make test` is what CI runs. `make help` lists the targets.
#
# The pipeline, per document <doc> (a file seeds/<doc>.txt, .pdf or .xml,
# the last JATS XML; a document with two of them is read from the first
# in that order):
#   build/extract/<doc>.json    from the source
#   build/normalize/<doc>.json  from the extract output and the lexicons
#   build/enrich/<doc>.json     from the extract output, seeds/cache/<doc>.jsonl
#                               and seeds/evidence/<doc>.tsv (curated identifiers)
# and one release for the corpus, dist/<release>/ with dist/latest.json,
# from all of those. Touching one seed rebuilds that document's stages and
# the release; a `make` with nothing to do does nothing.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DELETE_ON_ERROR:
.SUFFIXES:
.SECONDEXPANSION:

GO       ?= go
# FTS5 is a build tag of go-sqlite3; every build and test needs it.
export GOFLAGS := -tags=sqlite_fts5 -trimpath -buildvcs=false
export CGO_ENABLED := 1

BIN      := bin/chemores
GOFILES  := $(shell find cmd extract normalize enrich publish internal -name '*.go' -not -name '*_test.go' -o -name '*.sql' -o -name '*.schema.json' 2>/dev/null) go.mod go.sum
# Computed only when the binary is (re)built: `make` with nothing to do
# does not pay for git.
VERSION   = $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)

SEEDS      := $(sort $(wildcard seeds/*.txt seeds/*.pdf seeds/*.xml))
DOCS       := $(sort $(basename $(notdir $(SEEDS))))
LEXICONS   := $(addprefix seeds/lexicons/,genes.tsv chemicals.tsv diseases.tsv overrides.tsv families.tsv mechanisms.tsv)
MECHANISMS := seeds/lexicons/mechanisms.tsv
EXTRACT    := $(DOCS:%=build/extract/%.json)
NORMALIZE  := $(DOCS:%=build/normalize/%.json)
ENRICH     := $(DOCS:%=build/enrich/%.json)
RELEASE    := dist/latest.json

# A count of executions, not a duration: a duration races Go's fuzzing
# coordinator against its own deadline on a busy machine (golang/go#75804,
# fixed in Go 1.27), which fails a target with "context deadline exceeded"
# and no failing input. `make fuzz FUZZTIME=5m` still takes a duration.
FUZZTIME ?= 3000x

.PHONY: all
all: ## build the dataset (offline, from the committed caches)
	@rm -rf build/failed
	@$(MAKE) --no-print-directory -k stages || { $(REPORT_FAILED); exit 1; }
	@$(MAKE) --no-print-directory published

# A document that fails a stage does not stop the others (make -k): its
# message is kept in build/failed/<doc>.<stage>, and at the end `make`
# names every document that failed and why, and publishes nothing, since
# a release that silently lacked a document would be wrong.
.PHONY: stages published
stages: $(EXTRACT) $(NORMALIZE) $(ENRICH)
	@:
published: $(RELEASE)
	@:

STAGE = mkdir -p build/failed; log=build/failed/$*.$(1); \
  if $(2) 2>"$$log"; then rm -f "$$log"; else s=$$?; cat "$$log" >&2; exit $$s; fi
REPORT_FAILED = echo "make: nothing published; these documents failed:" >&2; \
  for f in build/failed/*; do [ -e "$$f" ] || continue; echo "  $$(basename "$$f"): $$(tail -n 1 "$$f")" >&2; done

$(BIN): $(GOFILES)
	$(GO) build -ldflags "-X main.version=$(VERSION)" -o $@ ./cmd/chemores

build/extract/%.json: seeds/%.txt $(BIN)
	@echo "extract $<"; $(call STAGE,extract,$(BIN) extract -q $< -o $@)

build/extract/%.json: seeds/%.pdf $(BIN)
	@echo "extract $<"; $(call STAGE,extract,$(BIN) extract -q $< -o $@)

build/extract/%.json: seeds/%.xml $(BIN)
	@echo "extract $<"; $(call STAGE,extract,$(BIN) extract -q $< -o $@)

build/normalize/%.json: build/extract/%.json $(LEXICONS) $(BIN)
	@echo "normalize $*"; $(call STAGE,normalize,$(BIN) normalize -q $< -o $@)

# Each document depends on its own cache file and curated evidence file
# only, when it has them.
build/enrich/%.json: build/extract/%.json $$(wildcard seeds/cache/$$*.jsonl) $$(wildcard seeds/evidence/$$*.tsv) $(BIN)
	@echo "enrich $*"; $(call STAGE,enrich,$(BIN) enrich -q $< --cache seeds/cache/$*.jsonl -o $@)

# Publishing writes a new release only when the content changed (see the
# content digest in README); latest.json is touched so that Make knows the
# release is up to date with its inputs either way. The release id comes
# from SOURCE_DATE_EPOCH or the inputs' last commit, never the clock.
LICENSES := $(wildcard seeds/*.license.json)

$(RELEASE): $(EXTRACT) $(NORMALIZE) $(ENRICH) $(MECHANISMS) $(LICENSES) $(BIN)
	$(BIN) publish -q --build build --dist dist --mechanisms $(MECHANISMS)
	@touch $@

.PHONY: release
release: $(RELEASE) ## build the release and verify it (sizes, SHA-256, schemas)
	$(BIN) verify dist
	@echo "release: dist/$$(sed -n 's/^  "release": "\(.*\)",$$/\1/p' $(RELEASE))/"

# --- refresh: ask Crossref and NCBI again -----------------------------------
# `make` never touches the network. `make refresh CHEMORES_MAILTO=you@example.org`
# asks for what the caches lack (ENRICH_MODE=refresh asks again for
# everything): per document, the review's reference list as its publisher
# deposited it with Crossref and the records of the DOIs in it, then a search
# for each reference the deposit leaves open. It rewrites seeds/cache/ with
# exactly the responses used, rebuilds the release (curated evidence from
# seeds/evidence/ included) and prints what changed.
ENRICH_MODE ?= online

.PHONY: refresh
refresh: $(EXTRACT) $(BIN) ## fetch DOI evidence from Crossref and NCBI, rebuild, show changes (needs CHEMORES_MAILTO)
	@if [ -z "$(CHEMORES_MAILTO)" ]; then echo "refresh needs a contact address: make refresh CHEMORES_MAILTO=you@example.org" >&2; exit 2; fi
	@for d in $(DOCS); do \
	  echo "enrich --$(ENRICH_MODE) $$d"; \
	  $(BIN) enrich build/extract/$$d.json --cache seeds/cache/$$d.jsonl --$(ENRICH_MODE) --mailto "$(CHEMORES_MAILTO)" -o build/enrich/$$d.json; \
	done
	@$(MAKE) --no-print-directory $(RELEASE)
	@rel=$$(sed -n 's/^  "release": "\(.*\)",$$/\1/p' $(RELEASE)); cat dist/$$rel/CHANGES.md

# --- lexicons and models -------------------------------------------------------
# `make lexicon` regenerates the gene lexicon from Debian's org.Hs.eg.db (needs
# apt; ORGDB_DEB=path.deb uses a downloaded package instead); the normal build
# never needs it. `make ner-model` trains the optional prose NER model (not used
# by the build: see README).
ORGDB_DEB ?=

.PHONY: lexicon
lexicon: $(BIN) ## regenerate seeds/lexicons/genes.tsv from Debian's r-bioc-org.hs.eg.db (needs apt)
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	deb="$(ORGDB_DEB)"; \
	if [ -z "$$deb" ]; then (cd "$$tmp" && apt-get download r-bioc-org.hs.eg.db) && deb=$$(ls "$$tmp"/*.deb); fi; \
	dpkg-deb -x "$$deb" "$$tmp/x"; \
	db=$$(find "$$tmp/x" -name org.Hs.eg.sqlite | head -1); \
	$(BIN) lexicon --db "$$db" --package "$$(dpkg-deb -f "$$deb" Package) $$(dpkg-deb -f "$$deb" Version)" -o seeds/lexicons/genes.tsv

.PHONY: ner-model
ner-model: build/ner/model.txt ## train the optional prose NER model on lexicon-labelled sentences

build/ner/model.txt: $(EXTRACT) $(LEXICONS) $(BIN)
	@mkdir -p $(@D)
	$(BIN) normalize -q --train $@ $(EXTRACT)

# --- checks ---------------------------------------------------------------------
.PHONY: test
test: ## vet, format, module tidiness, workflows, unit and end-to-end tests, reproducibility, short fuzz runs
	$(GO) vet ./...
	@bad=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$bad" ]; then echo "gofmt needed:"; echo "$$bad"; exit 1; fi
	$(GO) mod tidy -diff
	$(GO) tool actionlint
	@command -v chromium >/dev/null || command -v chromium-headless-shell >/dev/null || \
	  echo "browser test skipped: no Chromium here (apt-get install chromium); under CI it fails instead"
	$(GO) test -count=1 ./...
	@$(MAKE) --no-print-directory repro
	@$(MAKE) --no-print-directory fuzz

# Two publishes of the same inputs into fresh directories must give
# byte-identical releases: same SHA256SUMS, and each one checks out.
.PHONY: repro
repro: $(EXTRACT) $(NORMALIZE) $(ENRICH) $(MECHANISMS) $(LICENSES) $(BIN) ## reproducibility check: two builds, identical SHA256SUMS
	@a=$$(mktemp -d); b=$$(mktemp -d); trap 'rm -rf "$$a" "$$b"' EXIT; \
	$(BIN) publish -q --build build --dist "$$a" --mechanisms $(MECHANISMS) >/dev/null; \
	$(BIN) publish -q --build build --dist "$$b" --mechanisms $(MECHANISMS) >/dev/null; \
	id=$$(sed -n 's/^  "release": "\(.*\)",$$/\1/p' "$$a/latest.json"); \
	cmp "$$a/$$id/SHA256SUMS" "$$b/$$id/SHA256SUMS"; \
	(cd "$$a/$$id" && sha256sum -c --quiet SHA256SUMS); \
	$(BIN) verify -q "$$a"; \
	echo "repro: two builds of release $$id: identical SHA256SUMS, $$(find "$$a/$$id" -type f | wc -l) files, verified"

# Each fuzz target runs for FUZZTIME; `make fuzz FUZZTIME=5m` for long runs.
FUZZ := extract:FuzzParseReference extract:FuzzScanCallouts extract:FuzzAuthorYear extract:FuzzBuild extract:FuzzClean \
  enrich:FuzzDecodeWorks enrich:FuzzNormalizeQuery enrich:FuzzParseCitMatch \
  enrich:FuzzDecodeDeposit enrich:FuzzParseCurated \
  normalize:FuzzAbbrev normalize:FuzzScan \
  publish:FuzzParseMechanisms release:FuzzParseManifest internal/wait:FuzzAfter
FUZZ += normalize:FuzzClaims
FUZZ += publish:FuzzParseLicense
# FUZZPAR fuzzing workers per target: one keeps a short run from timing
# out its own workers on a busy machine.
FUZZPAR ?= 1

.PHONY: fuzz
fuzz: ## run every fuzz target for FUZZTIME (default 3000 executions)
	@log=$$(mktemp); trap 'rm -f "$$log"' EXIT; \
	for t in $(FUZZ); do \
	  pkg=$${t%%:*}; fn=$${t##*:}; \
	  echo "fuzz $$pkg $$fn ($(FUZZTIME))"; \
	  if ! $(GO) test ./$$pkg -run '^$$' -fuzz "^$$fn\$$" -fuzztime $(FUZZTIME) -parallel $(FUZZPAR) >"$$log" 2>&1; then \
	    if grep -q 'context deadline exceeded' "$$log" && ! grep -q 'Failing input written' "$$log"; then \
	      echo "  (stopped by Go's own fuzzing deadline, golang/go#75804: no failing input)"; continue; \
	    fi; \
	    cat "$$log"; \
	    echo "fuzz $$pkg $$fn failed (output above); a failing input is kept under $$pkg/testdata/fuzz/$$fn/, and go test ./$$pkg -run $$fn replays it"; \
	    exit 1; \
	  fi; \
	done

# The real-article corpus (../shared/corpus: PDF, JATS and gold for 19
# openly licensed articles) measures extract on articles it was not
# written for; it is not in a user's clone. `make eval` prints, per
# article and for the corpus, references found, field accuracy and
# citation links from the PDF, from pdftotext's text and from the JATS
# (needs pdftotext: apt-get install poppler-utils). EVAL_FLAGS=-v lists
# every miss; EVAL_FLAGS="-speed bin/chemores" times extract against
# pdftotext.
CORPUS     ?= ../shared/corpus
EVAL_FLAGS ?=

.PHONY: eval
eval: ## measure extract on the real-article corpus (../shared/corpus)
	@$(GO) run ./tools/eval -corpus $(CORPUS) $(EVAL_FLAGS)

.PHONY: bench
bench: ## run the benchmarks (numbers go to BENCHMARKS.md)
	$(GO) test -run '^$$' -bench . -benchmem ./...

# The scale benchmark: a corpus of CORPUS_N reviews generated from the seeds
# and the test fixtures (tools/corpusgen, deterministic), built end to end in
# one process. CORPUS_DIR on a memory file system (/dev/shm/corpus) takes the
# disk out of the measurement. Each run builds into a new directory and only
# then deletes the earlier runs': on a file system like this VM's (ext4
# without a journal), creating a release's 7,700 files within a minute of
# deleting as many costs seconds of CPU, because the allocator skips
# recently freed inodes one by one (perf: recently_deleted), and the
# benchmark would measure its own clean-up.
CORPUS_N   ?= 200
CORPUS_DIR ?= build/corpus

# Peak memory of extract on large inputs (issue 16): a 60 MB text made of
# the seed's body, and the largest corpus PDF when ../shared/corpus is here.
.PHONY: bench-memory
bench-memory: $(BIN) ## peak memory of extract on a 60 MB text and the largest corpus PDF
	$(GO) run ./tools/peakmem -bin $(BIN) $$(ls -S $(CORPUS)/*/article.pdf 2>/dev/null | head -1)

.PHONY: bench-corpus
bench-corpus: $(BIN) ## scale benchmark: build CORPUS_N (200) generated reviews end to end
	rm -rf $(CORPUS_DIR)/seeds
	$(GO) run ./tools/corpusgen -n $(CORPUS_N) -o $(CORPUS_DIR)/seeds $(SEEDS) extract/testdata/styles/*.txt
	@run=$(CORPUS_DIR)/run-$$(date +%s); set -e; \
	echo "$(BIN) build -q -j $$(nproc) --build $$run/build --dist $$run/dist $(CORPUS_DIR)/seeds/*.txt"; \
	SOURCE_DATE_EPOCH=1764115200 $(BIN) build -q -j $$(nproc) --build $$run/build --dist $$run/dist $(CORPUS_DIR)/seeds/*.txt; \
	echo "release: $$(du -sh --apparent-size $$run/dist | cut -f1), database $$(du -sh --apparent-size $$run/dist/*/chemores.sqlite | cut -f1), API $$(du -sh --apparent-size $$run/dist/*/api | cut -f1) in $$(find $$run/dist/*/api -type f | wc -l) files"; \
	find $(CORPUS_DIR) -mindepth 1 -maxdepth 1 -name 'run-*' ! -path "$$run" -exec rm -rf {} +

.PHONY: clean
clean: ## remove build output (build/, bin/, dist/ releases)
	rm -rf build bin
	find dist -mindepth 1 -not -name README.md -delete

.PHONY: help
help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | column -t -s $$'\t'

# --- extract: PDF input (issue 3) -------------------------------------------
# The PDF fixtures of extract's tests are typeset from text by internal/pdfgen
# with DejaVu fonts (Debian: fonts-dejavu-core) and committed, so that tests
# never need the fonts; the encrypted notes come from qpdf. `make pdf-fixtures`
# rebuilds them; `make pdf-fixtures-check` proves the committed ones are what
# the generator makes today.
PDFDIR    := extract/testdata/pdf
PDFOUT    ?= $(PDFDIR)
DEJAVU    ?= /usr/share/fonts/truetype/dejavu
PDFGEN    := $(GO) run ./internal/pdfgen -fonts $(DEJAVU)
PDFGENSRC := $(wildcard internal/pdfgen/*.go)
PDFNAMES  := 10.3892_or.2024.8816.pdf synthetic-nlm.pdf superscript-nature.pdf note-owner-rc4-128.pdf \
  note-owner-aes-128.pdf note-owner-aes-256.pdf note-user-aes-128.pdf
QPDF      := qpdf --static-id --static-aes-iv
PDFSALTED := note-owner-aes-256.pdf # AES-256 keys have random salts: not reproducible

.PHONY: pdf-fixtures pdf-fixtures-check
pdf-fixtures: $(addprefix $(PDFOUT)/,$(PDFNAMES)) ## typeset the PDF test fixtures (needs fonts-dejavu-core, qpdf)

$(PDFOUT)/10.3892_or.2024.8816.pdf: seeds/10.3892_or.2024.8816.txt $(PDFGENSRC)
	$(PDFGEN) -layout two-column -journal "ONCOLOGY REPORTS 52: 154, 2024" \
	  -short "WENG et al: MOLECULAR MECHANISMS OF CHEMORESISTANCE" -o $@ $<

$(PDFOUT)/synthetic-nlm.pdf: $(PDFDIR)/synthetic-nlm.txt $(PDFGENSRC)
	$(PDFGEN) -layout one-column -journal "Synthetic Reviews in Oncology 2025; 1: e1" \
	  -short "Lindqvist et al. Adaptive drug tolerance" -o $@ $<

$(PDFOUT)/superscript-nature.pdf: $(PDFDIR)/superscript-nature.txt $(PDFGENSRC)
	$(PDFGEN) -layout one-column -journal "Synthetic Letters 2025; 3: 7" -short "Silva et al." -o $@ $<

build/pdf/note.pdf: $(PDFDIR)/note.txt $(PDFGENSRC)
	@mkdir -p $(@D)
	$(PDFGEN) -core -layout one-column -journal "Notes" -short "Efflux" -o $@ $<

$(PDFOUT)/note-owner-rc4-128.pdf: build/pdf/note.pdf
	$(QPDF) --allow-weak-crypto --encrypt "" owner 128 --use-aes=n -- $< $@
$(PDFOUT)/note-owner-aes-128.pdf: build/pdf/note.pdf
	$(QPDF) --encrypt "" owner 128 --use-aes=y -- $< $@
$(PDFOUT)/note-owner-aes-256.pdf: build/pdf/note.pdf
	$(QPDF) --encrypt "" owner 256 -- $< $@
$(PDFOUT)/note-user-aes-128.pdf: build/pdf/note.pdf
	$(QPDF) --encrypt user owner 128 --use-aes=y -- $< $@

# PDFs made by other programs from the same excerpt of the seed, for the
# parity test: pdfLaTeX (texlive-latex-recommended) and groff -ms (groff).
# Their sources (.tex, .ms) are committed; the conversion from the text was
# done once by hand.
PRODDIR := $(PDFDIR)/producers
.PHONY: pdf-producers
pdf-producers: $(PRODDIR)/excerpt-pdflatex.pdf $(PRODDIR)/excerpt-groff.pdf ## typeset the excerpt with pdfLaTeX and groff

$(PRODDIR)/excerpt-pdflatex.pdf: $(PRODDIR)/excerpt.tex
	@mkdir -p build/pdflatex
	cd build/pdflatex && SOURCE_DATE_EPOCH=1727654400 FORCE_SOURCE_DATE=1 \
	  pdflatex -interaction=nonstopmode -halt-on-error -jobname=excerpt $(CURDIR)/$< >/dev/null
	cp build/pdflatex/excerpt.pdf $@

$(PRODDIR)/excerpt-groff.pdf: $(PRODDIR)/excerpt.ms
	SOURCE_DATE_EPOCH=1727654400 groff -K utf8 -ms -Tpdf -P-pa4 $< > $@.tmp && mv $@.tmp $@

pdf-fixtures-check: ## regenerate the PDF fixtures into build/ and compare with the committed ones
	@rm -rf build/pdf-check && mkdir -p build/pdf-check
	@$(MAKE) --no-print-directory PDFOUT=build/pdf-check pdf-fixtures >/dev/null
	@for f in $(filter-out $(PDFSALTED),$(PDFNAMES)); do cmp -s $(PDFDIR)/$$f build/pdf-check/$$f || { echo "$(PDFDIR)/$$f differs from what pdfgen makes"; exit 1; }; done
	@echo "PDF fixtures are up to date"

FUZZ += extract/pdf:FuzzLayout extract:FuzzParsePDF

# --- extract: JATS XML input (issue 12) ---------------------------------------
FUZZ += extract:FuzzParseJATS extract:FuzzColumns
