# chemores: `make` builds the dataset from seeds/ into build/ and dist/,
# offline; `make test` is what CI runs. `make help` lists the targets.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DELETE_ON_ERROR:
.SUFFIXES:

GO       ?= go
# FTS5 is a build tag of go-sqlite3; every build and test needs it.
export GOFLAGS := -tags=sqlite_fts5 -trimpath -buildvcs=false
export CGO_ENABLED := 1

VERSION  ?= $(shell git describe --tags --always 2>/dev/null || echo dev)
BIN      := bin/chemores
GOFILES  := $(shell find cmd extract normalize enrich publish internal -name '*.go' -not -name '*_test.go' 2>/dev/null) go.mod go.sum

SEEDS    := $(wildcard seeds/*.txt seeds/*.pdf)
DOCS     := $(basename $(notdir $(SEEDS)))
EXTRACT  := $(DOCS:%=build/extract/%.json)

FUZZTIME ?= 5s

.PHONY: all
all: $(EXTRACT) ## build the dataset (offline, from the committed caches)

$(BIN): $(GOFILES)
	$(GO) build -ldflags "-X main.version=$(VERSION)" -o $@ ./cmd/chemores

build/extract/%.json: seeds/%.txt $(BIN)
	$(BIN) extract -q $< -o $@

build/extract/%.json: seeds/%.pdf $(BIN)
	$(BIN) extract -q $< -o $@

.PHONY: test
test: ## vet, format, module tidiness, unit and end-to-end tests, short fuzz runs
	$(GO) vet ./...
	@bad=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$bad" ]; then echo "gofmt needed:"; echo "$$bad"; exit 1; fi
	$(GO) mod tidy -diff
	$(GO) test -count=1 ./...
	$(MAKE) --no-print-directory fuzz

# Each fuzz target runs for FUZZTIME; `make fuzz FUZZTIME=5m` for long runs.
FUZZ := extract:FuzzParseReference extract:FuzzScanCallouts extract:FuzzBuild extract:FuzzClean

.PHONY: fuzz
fuzz: ## run every fuzz target for FUZZTIME (default 5s)
	@for t in $(FUZZ); do \
	  pkg=$${t%%:*}; fn=$${t##*:}; \
	  echo "fuzz $$pkg $$fn ($(FUZZTIME))"; \
	  $(GO) test ./$$pkg -run '^$$' -fuzz "^$$fn\$$" -fuzztime $(FUZZTIME) >/dev/null || { $(GO) test ./$$pkg -run '^$$' -fuzz "^$$fn\$$" -fuzztime 1x; exit 1; }; \
	done

.PHONY: bench
bench: ## run the benchmarks (numbers go to BENCHMARKS.md)
	$(GO) test -run '^$$' -bench . -benchmem ./...

.PHONY: clean
clean: ## remove build output (build/, bin/, dist/ releases)
	rm -rf build bin
	find dist -mindepth 1 -not -name README.md -delete

.PHONY: help
help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | column -t -s $$'\t'

# --- enrich: a DOI for each reference, from the committed cache of Crossref
# and NCBI responses (seeds/cache/<doc>.jsonl). `make` never touches the
# network; `make refresh CHEMORES_MAILTO=you@example.org` asks Crossref and
# NCBI for what the cache lacks (ENRICH_MODE=refresh asks again for
# everything) and rewrites the cache with exactly the responses used.
ENRICH      := $(DOCS:%=build/enrich/%.json)
ENRICH_MODE ?= online
CACHES      := $(wildcard seeds/cache/*.jsonl)

all: $(ENRICH)

build/enrich/%.json: build/extract/%.json $(BIN) $(CACHES)
	$(BIN) enrich -q $< --cache seeds/cache/$*.jsonl -o $@

.PHONY: refresh
refresh: $(EXTRACT) $(BIN) ## fetch missing DOI evidence from Crossref and NCBI (needs CHEMORES_MAILTO)
	@if [ -z "$(CHEMORES_MAILTO)" ]; then echo "refresh needs a contact address: make refresh CHEMORES_MAILTO=you@example.org" >&2; exit 2; fi
	@for d in $(DOCS); do \
	  echo "enrich --$(ENRICH_MODE) $$d"; \
	  $(BIN) enrich build/extract/$$d.json --cache seeds/cache/$$d.jsonl --$(ENRICH_MODE) --mailto "$(CHEMORES_MAILTO)" -o build/enrich/$$d.json || exit $$?; \
	done

FUZZ += enrich:FuzzDecodeWorks enrich:FuzzNormalizeQuery enrich:FuzzParseCitMatch

# --- normalize ---------------------------------------------------------
# build/normalize/<doc>.json: sentences, mentions, entities and
# abbreviations of each extracted document, from the committed lexicons.
# `make lexicon` regenerates the gene lexicon from Debian's org.Hs.eg.db
# (needs apt; ORGDB_DEB=path.deb uses a downloaded package instead); the
# normal build never needs it. `make ner-model` trains the optional prose
# NER model (not used by the build: see README).
LEXICONS  := $(wildcard seeds/lexicons/*.tsv)
NORMALIZE := $(DOCS:%=build/normalize/%.json)
FUZZ      += normalize:FuzzAbbrev normalize:FuzzScan
ORGDB_DEB ?=

all: $(NORMALIZE)

build/normalize/%.json: build/extract/%.json $(LEXICONS) $(BIN)
	@mkdir -p $(@D)
	$(BIN) normalize -q $< -o $@

.PHONY: lexicon
lexicon: $(BIN) ## regenerate seeds/lexicons/genes.tsv from Debian's r-bioc-org.hs.eg.db (needs apt)
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	deb="$(ORGDB_DEB)"; \
	if [ -z "$$deb" ]; then (cd "$$tmp" && apt-get download r-bioc-org.hs.eg.db) && deb=$$(ls "$$tmp"/*.deb); fi; \
	dpkg-deb -x "$$deb" "$$tmp/x"; \
	db=$$(find "$$tmp/x" -name org.Hs.eg.sqlite | head -1); \
	$(BIN) lexicon -db "$$db" -package "$$(dpkg-deb -f "$$deb" Package) $$(dpkg-deb -f "$$deb" Version)" -o seeds/lexicons/genes.tsv

.PHONY: ner-model
ner-model: build/ner/model.txt ## train the optional prose NER model on lexicon-labelled sentences

build/ner/model.txt: $(EXTRACT) $(LEXICONS) $(BIN)
	@mkdir -p $(@D)
	$(BIN) normalize -q -train $@ $(EXTRACT)

# --- publish: a release dist/<date>/ from build/{extract,normalize,enrich} ---
# Publishing is cheap (well under a second) and a no-op when the content is
# already published, so it runs every time; the release id comes from
# SOURCE_DATE_EPOCH or the inputs' last commit, never the clock.
# Publish runs after the normalize and enrich outputs ($(NORMALIZE), $(ENRICH),
# named by their blocks); where a block is absent, whatever of its files exists
# is read. The $$ (second expansion) lets those blocks come anywhere in this file.
MECHANISMS := seeds/lexicons/mechanisms.tsv
PUBLISH_IN  = $(EXTRACT) \
  $(or $(NORMALIZE),$(wildcard $(DOCS:%=build/normalize/%.json))) \
  $(or $(ENRICH),$(wildcard $(DOCS:%=build/enrich/%.json)))
.SECONDEXPANSION:

all: publish

.PHONY: publish
publish: $$(PUBLISH_IN) $(MECHANISMS) $(BIN) ## publish dist/<release> and dist/latest.json (no-op if already published)
	$(BIN) publish -q --build build --dist dist --mechanisms $(MECHANISMS)

# Two publishes of the same inputs into fresh directories must give
# byte-identical releases: same SHA256SUMS, and each one checks out.
.PHONY: repro
repro: $$(PUBLISH_IN) $(MECHANISMS) $(BIN) ## reproducibility check: two builds, identical SHA256SUMS
	@a=$$(mktemp -d); b=$$(mktemp -d); trap 'rm -rf "$$a" "$$b"' EXIT; \
	$(BIN) publish -q --build build --dist "$$a" --mechanisms $(MECHANISMS) >/dev/null; \
	$(BIN) publish -q --build build --dist "$$b" --mechanisms $(MECHANISMS) >/dev/null; \
	id=$$(sed -n 's/^  "release": "\(.*\)",$$/\1/p' "$$a/latest.json"); \
	cmp "$$a/$$id/SHA256SUMS" "$$b/$$id/SHA256SUMS"; \
	(cd "$$a/$$id" && sha256sum -c --quiet SHA256SUMS); \
	$(BIN) verify -q "$$a"; \
	echo "repro: two builds of release $$id: identical SHA256SUMS ($$(wc -l < "$$a/$$id/SHA256SUMS") files), verified"

test: repro

FUZZ += publish:FuzzParseMechanisms publish:FuzzParseManifest

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

FUZZ += extract:FuzzLayout extract:FuzzParsePDF
