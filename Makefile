# tusach — the two commands a new user runs are `make build` and `make test`.
GO      ?= go
BIN     := bin/tusach
VERSION := $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
CORPUS  ?= $(abspath ../shared/corpus)
export TUSACH_CORPUS := $(CORPUS)

.PHONY: build binary test test-short deps browser nginx vet cross fuzz bench serve zip corpus release clean

## build: build the sample site in content/ into public/
build: binary
	./$(BIN) build

## binary: build bin/tusach with the default theme embedded
binary:
	$(GO) build -ldflags "-X main.version=$(VERSION)" -o $(BIN) .

# CORPUS_TESTS are the tests that read the shared 5,000-document corpus
# (../shared/corpus): quality, bytes and scale checks, which run the same
# stage code as the small tests. Under the race detector they cost more
# than half of the suite, so they run in a second pass without it; every
# other test runs with it, including the concurrent build and the warm
# random edits that exercise the same code paths.
CORPUS_TESTS := Corpus|^TestQuality$$|^TestQueryBytes$$

## test: vet and build for Windows and macOS, then every test with the race detector (the corpus tests in a second pass without it), in a real headless Chromium
test: deps cross
	$(GO) vet ./...
	$(GO) test -race -count=1 -timeout 30m -skip '$(CORPUS_TESTS)' ./...
	$(GO) test -count=1 -timeout 30m -run '$(CORPUS_TESTS)' ./generator/build ./generator/search

## test-short: unit tests only: no browser, no nginx, no corpus (tests needing them skip through testsite.Requires)
test-short:
	$(GO) test -short -count=1 ./...

## deps: Go modules, and Debian's chromium and firefox-esr for browser tests (installed when missing and root)
deps:
	$(GO) mod download
	@$(MAKE) --no-print-directory browser

browser: nginx
	@if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing Debian's chromium for browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "chromium is missing: run 'sudo apt-get install chromium' (browser tests fail without it)" >&2; exit 1; \
	  fi; \
	fi
	@if ! command -v firefox-esr >/dev/null 2>&1 && [ ! -x /usr/bin/firefox-esr ] && [ -z "$$FIREFOX" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing Debian's firefox-esr for the Firefox search tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq firefox-esr >/dev/null; \
	  else \
	    echo "firefox-esr is missing: run 'sudo apt-get install firefox-esr' (Firefox tests fail without it)" >&2; exit 1; \
	  fi; \
	fi

## nginx: Debian's nginx (and its brotli_static module) for the intranet hosting tests
nginx:
	@if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing Debian's nginx for the hosting tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx libnginx-mod-http-brotli-static >/dev/null; \
	  else \
	    echo "nginx is missing: run 'sudo apt-get install nginx' (hosting tests fail without it)" >&2; exit 1; \
	  fi; \
	fi

vet:
	$(GO) vet ./...

## cross: vet (tests included) and build every package for the editors' systems: Windows and macOS
CROSS_TARGETS := windows/amd64 darwin/arm64
cross:
	@for t in $(CROSS_TARGETS); do \
	  echo "== GOOS=$${t%/*} GOARCH=$${t#*/} go vet ./... && go build ./..."; \
	  GOOS=$${t%/*} GOARCH=$${t#*/} $(GO) vet ./... && \
	  GOOS=$${t%/*} GOARCH=$${t#*/} $(GO) build ./... || exit 1; \
	done

## fuzz: run every fuzz target (func FuzzXxx in generator/) for FUZZTIME each (default 20s)
FUZZTIME ?= 20s
fuzz:
	@for f in $$(grep -rl --include='*_test.go' '^func Fuzz' generator | sort); do \
	  for t in $$(grep -o '^func Fuzz[A-Za-z0-9_]*' $$f | cut -d' ' -f2); do \
	    echo "== ./$$(dirname $$f) $$t"; \
	    $(GO) test ./$$(dirname $$f) -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) || exit 1; \
	  done; \
	done

## bench: tusach vs Hugo (and the floor) on a generated 10,000-document corpus and the real 5,000:
## wall, peak RSS, files, fullest folder and FAT32 size (32 KB clusters) of each output, ratios;
## then tusach on the generated corpus without its search index (search: false), against the floor.
## BENCH_N=100000 measures 100,000 documents instead; Hugo is left out from 50,000 on (it holds
## ~0.3 GB per 1,000 documents: ~30 GB at 100,000), or whenever BENCH_HUGO=0.
BENCH_ROOT ?= /tmp/tusach-bench
BENCH_N    ?= 10000
BENCH_HUGO ?= $(shell [ $(BENCH_N) -lt 50000 ] && echo 1 || echo 0)
PEERS      := $(abspath ../shared/bench)
bench: binary
	@command -v /usr/bin/time >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq time >/dev/null; }
	@command -v hugo >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq --no-install-recommends hugo >/dev/null; } || echo "bench: hugo is not installed and cannot be (not root): no Hugo ratio" >&2
	mkdir -p $(BENCH_ROOT)
	INCR=0 EXTRA_NAME=tusach EXTRA_INDEX=search BENCH_ROOT=$(BENCH_ROOT) $(if $(filter 0,$(BENCH_HUGO)),HUGOS=' ') \
	  EXTRA_BUILD='$(abspath $(BIN)) build --quiet --source "$$(dirname "$$CONTENT")" --dest "$$OUT"' \
	  $(PEERS)/run-peers.sh $(BENCH_N) | tee $(BENCH_ROOT)/generated-$(BENCH_N).log
	INCR=0 EXTRA_NAME=tusach EXTRA_INDEX=search BENCH_ROOT=$(BENCH_ROOT)/real JSONL=$(CORPUS)/corpus.jsonl \
	  EXTRA_BUILD='$(abspath $(BIN)) build --quiet --source "$$(dirname "$$CONTENT")" --dest "$$OUT"' \
	  $(PEERS)/run-peers.sh 5000 | tee $(BENCH_ROOT)/real.log
	rm -rf $(BENCH_ROOT)/floor-src && cp -r $(PEERS)/floor $(BENCH_ROOT)/floor-src && chmod -R u+w $(BENCH_ROOT)/floor-src
	cd $(BENCH_ROOT)/floor-src && GOFLAGS=-buildvcs=false $(GO) build -o $(BENCH_ROOT)/floor .
	rm -rf $(BENCH_ROOT)/floor-out
	/usr/bin/time -v -o $(BENCH_ROOT)/floor-$(BENCH_N).time $(BENCH_ROOT)/floor $(BENCH_ROOT)/bench-$(BENCH_N)/content $(BENCH_ROOT)/floor-out | tee $(BENCH_ROOT)/floor-$(BENCH_N).log
	rm -rf $(BENCH_ROOT)/floor-out
	rm -rf $(BENCH_ROOT)/nosearch-src $(BENCH_ROOT)/nosearch-out && mkdir -p $(BENCH_ROOT)/nosearch-src
	cp -r $(BENCH_ROOT)/bench-$(BENCH_N)/content $(BENCH_ROOT)/nosearch-src/
	printf -- '---\ntitle: Bench\nsearch: false\n---\n' > $(BENCH_ROOT)/nosearch-src/content/_index.md
	/usr/bin/time -v -o $(BENCH_ROOT)/nosearch-$(BENCH_N).time ./$(BIN) build --quiet --source $(BENCH_ROOT)/nosearch-src --dest $(BENCH_ROOT)/nosearch-out
	rm -rf $(BENCH_ROOT)/nosearch-src $(BENCH_ROOT)/nosearch-out
	@$(GO) run ./generator/build/benchreport $(BENCH_ROOT)

## bench-serve: `tusach serve` on the generated 10,000-document corpus (BENCH_N=100000: 100,000): write → reload
## per edit, search catch-up, first serve build, a full `tusach build`, peak RSS
.PHONY: bench-serve
bench-serve:
	TUSACH_BENCH_DOCS=$(BENCH_N) $(GO) test ./generator/serve -run '^$$' -bench EditToReload -benchtime 15x -timeout 600m

## zip: build the sample site and write it as one zip, bin/hoc-tap.zip
zip: binary
	./$(BIN) build --zip bin/hoc-tap.zip

## serve: preview the sample site with live reload
serve: binary
	./$(BIN) serve

## corpus: write the real corpus as a site into /tmp/tusach-corpus (for manual runs)
corpus: binary
	$(GO) run ./generator/corpus/cmd/corpus2site -out /tmp/tusach-corpus $(CORPUS)/corpus.jsonl

## release: dist/tusach_<version>_<os>_<arch>.zip|.tar.gz for each RELEASE_TARGETS and dist/SHA256SUMS,
## reproducibly: the same commit gives the same bytes (entry times are the commit time, SOURCE_DATE_EPOCH)
RELEASE_TARGETS   := windows/amd64 linux/amd64 darwin/arm64 darwin/amd64
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
RELEASE_DOCS      := README.md $(wildcard LICENSE LICENSE.md LICENSE.txt COPYING)
release:
	rm -rf dist/.build
	@for t in $(RELEASE_TARGETS); do \
	  os=$${t%/*}; arch=$${t#*/}; exe=tusach; [ $$os = windows ] && exe=tusach.exe; \
	  echo "== $$os/$$arch"; \
	  CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GO) build -trimpath -buildvcs=false \
	    -ldflags "-s -w -buildid= -X main.version=$(VERSION)" -o dist/.build/$${os}_$$arch/$$exe . || exit 1; \
	done
	$(GO) run ./generator/release -version $(VERSION) -time $(SOURCE_DATE_EPOCH) -bin dist/.build -out dist \
	  $(addprefix -doc ,$(RELEASE_DOCS)) $(RELEASE_TARGETS)
	rm -rf dist/.build
	cd dist && sha256sum -c SHA256SUMS

clean:
	rm -rf bin public dist/.build
