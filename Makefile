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
PDFNAMES  := 10.3892_or.2024.8816.pdf synthetic-nlm.pdf note-owner-rc4-128.pdf \
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

pdf-fixtures-check: ## regenerate the PDF fixtures into build/ and compare with the committed ones
	@rm -rf build/pdf-check && mkdir -p build/pdf-check
	@$(MAKE) --no-print-directory PDFOUT=build/pdf-check pdf-fixtures >/dev/null
	@for f in $(filter-out $(PDFSALTED),$(PDFNAMES)); do cmp -s $(PDFDIR)/$$f build/pdf-check/$$f || { echo "$(PDFDIR)/$$f differs from what pdfgen makes"; exit 1; }; done
	@echo "PDF fixtures are up to date"

FUZZ += extract:FuzzLayout extract:FuzzParsePDF
