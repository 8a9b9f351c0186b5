# The targets a newcomer needs: make generate after editing statuses.yaml,
# make test before pushing. Everything is installed by the go command itself.

GO          ?= go
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
BENCHSTAT   := golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da
BENCH_COUNT ?= 8
BENCH_TIME  ?= 300ms
STATUSGEN   := $(GO) run ./cmd/statusgen

FUZZTIME    ?= 30s

# The fuzz targets make fuzz runs, as package:target.
FUZZ_TARGETS ?= gen/targets:FuzzGenerate \
	status:FuzzParseStatus status:FuzzParseStatusFold status:FuzzStatusUnmarshalText status:FuzzStatusScan status:FuzzStatusUnmarshalJSON \
	internal/testenum:FuzzParseSample internal/testenum:FuzzParseSampleFold internal/testenum:FuzzSampleUnmarshalText internal/testenum:FuzzSampleScan internal/testenum:FuzzSampleUnmarshalJSON \
	internal/aliasenum:FuzzParseStatus internal/aliasenum:FuzzParseStatusFold internal/aliasenum:FuzzStatusUnmarshalText internal/aliasenum:FuzzStatusScan internal/aliasenum:FuzzStatusUnmarshalJSON \
	internal/openenum:FuzzParsePipeline internal/openenum:FuzzParsePipelineFold internal/openenum:FuzzPipelineScan internal/openenum:FuzzPipelineUnmarshalJSON \
	$(FUZZ_CI_TARGETS)

# make fuzz-ci (CI): every target statusgen generates, for the spec made
# to make the decoders disagree (internal/fuzzenum/outcome.yaml), and the
# plain YAML reader against yaml.v3, each for FUZZ_CI_TIME. The seeds hold the near misses known to matter (go test
# runs them); the fuzzing looks for the ones not yet known. Each target
# also costs about 2 s of instrumented build with a warm cache (about two
# minutes once, cold). See docs/contributing.md for the measurements.
FUZZ_CI_TARGETS := internal/fuzzenum:FuzzParseOutcome internal/fuzzenum:FuzzParseOutcomeFold internal/fuzzenum:FuzzOutcomeUnmarshalText internal/fuzzenum:FuzzOutcomeScan internal/fuzzenum:FuzzOutcomeUnmarshalJSON \
	internal/plainyaml:FuzzMatchesYAMLv3
FUZZ_CI_TIME ?= 6s

# The oldest Go this module supports (go.mod's go line, 1.24.0) at its
# latest patch release; the go command downloads it on first use.
GO_MIN      := go1.24.13

# The Go whose encoding/json runs on encoding/json/v2 (the jsonv2
# experiment is on by default), so the generated MarshalJSONTo and
# UnmarshalJSONFrom are compiled and tested; downloaded on first use.
GO_JSONV2   := go1.27.3

.PHONY: all help generate check compat test test-short hostile test-min test-go1.27 test-race integration thirdparty ts-check lint fuzz fuzz-ci bench bench-go1.27 bench-scale bench-gen bench-smoke bench-sql

## all: make generate, then make test (the default target)
all: generate test

## help: list the targets, with what each does (from their ## comments)
help:
	@awk '/^## [a-z0-9.-]+: / { line = substr($$0, 4); name = substr(line, 1, index(line, ":") - 1); printf "%-14s %s\n", name, substr(line, length(name) + 3) }' $(MAKEFILE_LIST)

## generate: regenerate every committed generated file from its spec (and the enumer twin)
generate:
	$(GO) generate ./...

## check: fail with a diff if a generated file differs from what generates it (replays every statusgen and mkdoc //go:generate line with -check)
check:
	$(GO) run ./internal/gencheck

## compat: statusgen -against each spec's version at the merge base with main (HEAD~1 on main itself; COMPAT_BASE overrides): fails when a change breaks clients built from it (see .ci/compat)
compat:
	./.ci/compat

## test: vet, the whole test suite, the drift check and the hostile corpus through the Go toolchain
test: check
	$(GO) vet ./...
	$(GO) test ./...
	$(MAKE) hostile

## test-short: the fast tier, go test -short ./...: skips the tests that run the go command, the hostile corpus and the large inputs (make test runs them)
test-short:
	$(GO) test -short ./...

## hostile: every accepted spec of gen/testdata/hostile generated into one module, then go vet and go test (round trips, fuzz seeds)
hostile:
	$(GO) test ./gen/targets -run '^TestHostileToolchain$$' -toolchain -count=1

## test-min: the whole suite under the oldest Go go.mod allows (GO_MIN; downloaded on first use)
test-min:
	GOTOOLCHAIN=$(GO_MIN) $(GO) test ./...

## test-go1.27: the whole suite and vet under GO_JSONV2, where the generated encoding/json/v2 methods (status_jsonv2_gen.go) are in the build; and a build with the experiment turned off, where they are not
test-go1.27:
	GOTOOLCHAIN=$(GO_JSONV2) $(GO) vet ./...
	GOTOOLCHAIN=$(GO_JSONV2) $(GO) test ./...
	GOTOOLCHAIN=$(GO_JSONV2) GOEXPERIMENT=nojsonv2 $(GO) vet ./...

## test-race: the short tier under the race detector (the tests the short tier skips run the go command, the corpus or the largest inputs, which find no races and take minutes under -race)
test-race:
	$(GO) test -race -short ./...

## integration: the PostgreSQL tests, against a throwaway server (installs postgresql if missing)
integration:
	./integration/run-postgres.sh

## thirdparty: the generated code and the -graphql schema against the libraries they target (spf13/pflag; gqlparser, and a gqlgen server over status.graphql), in a module of their own so the main module does not depend on them
thirdparty:
	cd thirdparty && $(GO) vet ./... && $(GO) test -count=1 ./...

## ts-check: tsc --strict and --isolatedDeclarations on the generated modules (the open specs' too) and a barrel that re-exports two of them, their tests, the JSON Schema's (ajv) and zod's under Node, gen's refused names against the compiler's globals, and every hostile corpus spec's TypeScript and JSON Schema through tsc, ajv and Node (installs pinned npm packages)
ts-check:
	cd web && npm ci --no-audit --no-fund
	mkdir -p web/generated
	$(STATUSGEN) -spec web/testdata/hostile.yaml -ts web/generated/hostile.ts -jsonschema web/generated/hostile.schema.json
	$(STATUSGEN) -spec internal/aliasenum/aliases.yaml -ts web/generated/aliases.ts -jsonschema web/generated/aliases.schema.json
	$(STATUSGEN) -spec internal/openenum/pipeline.yaml -ts web/generated/pipeline.ts -jsonschema web/generated/pipeline.schema.json
	$(STATUSGEN) -spec internal/openenum/payment.yaml -ts web/generated/payment.ts -jsonschema web/generated/payment.schema.json
	cd web && npx tsc --strict --noEmit --isolatedDeclarations --declaration --target ES2022 --module NodeNext --moduleResolution NodeNext status.ts generated/hostile.ts generated/aliases.ts generated/pipeline.ts generated/payment.ts barrel.ts
	cd web && node aliases-check.mjs generated/aliases.schema.json generated/aliases.ts
	cd web && npx tsc -p tsconfig.json && node --test build/
	cd web && node ts-globals.cjs lib.es2022.d.ts > generated/globals-es.txt && node ts-globals.cjs lib.dom.d.ts > generated/globals-dom.txt
	TASKSTATUS_TS_GLOBALS_ES=$(CURDIR)/web/generated/globals-es.txt TASKSTATUS_TS_GLOBALS_DOM=$(CURDIR)/web/generated/globals-dom.txt $(GO) test ./gen/typescript -count=1 -run '^TestTypeScriptGlobals$$' -v
	$(GO) build -o web/generated/statusgen ./cmd/statusgen
	cd web && node hostile-corpus.mjs generated/statusgen

## fuzz: every fuzz target for FUZZTIME each; prints each target's last progress line
fuzz:
	@set -e; for target in $(FUZZ_TARGETS); do \
		pkg=$${target%%:*}; name=$${target#*:}; \
		out=$$($(GO) test ./$$pkg -run '^$$' -fuzz "^$$name$$" -fuzztime $(FUZZTIME) 2>&1) || { echo "$$out"; exit 1; }; \
		echo "$$pkg $$name: $$(echo "$$out" | grep 'execs:' | tail -1)"; \
	done

## fuzz-ci: the generated fuzz targets of internal/fuzzenum (aliases, one holding U+FFFD, a fallback) for FUZZ_CI_TIME each (CI)
fuzz-ci:
	@$(MAKE) --no-print-directory fuzz FUZZ_TARGETS="$(FUZZ_CI_TARGETS)" FUZZTIME=$(FUZZ_CI_TIME)

## lint: gofmt, vet and a pinned staticcheck, in every module, and that staticcheck's SA1019 flags a use of a deprecated generated constant
lint:
	@unformatted=$$(gofmt -l .); if [ -n "$$unformatted" ]; then echo "not gofmt'd: $$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...
	TASKSTATUS_STATICCHECK=$(STATICCHECK) $(GO) test ./internal/aliasenum -run '^TestStaticcheckDeprecated$$' -count=1
	cd integration && $(GO) vet ./... && $(GO) run $(STATICCHECK) ./...
	cd thirdparty && $(GO) vet ./... && $(GO) run $(STATICCHECK) ./...

## bench: the interleaved comparison with enumer and a plain string, as a benchstat table
bench:
	$(GO) test ./internal/bench -run '^$$' -bench . -benchmem -count $(BENCH_COUNT) -benchtime $(BENCH_TIME) | tee bench.txt
	$(GO) run $(BENCHSTAT) -col /impl bench.txt

## bench-go1.27: the same comparison under GO_JSONV2, where encoding/json runs on v2, the v2 API benchmarks (json/v2 Marshal, Unmarshal) run too, and the JSON rows show the floor for MarshalJSONTo and UnmarshalJSONFrom (impl=v2-floor)
bench-go1.27:
	GOTOOLCHAIN=$(GO_JSONV2) $(GO) test ./internal/bench -run '^$$' -bench . -benchmem -count $(BENCH_COUNT) -benchtime $(BENCH_TIME) | tee bench-go1.27.txt
	$(GO) run $(BENCHSTAT) -col /impl bench-go1.27.txt

## bench-scale: statusgen's time and peak memory against spec size (1 to 10 MB of values, aliases or next moves; generating, -against, -sql-migrate-from), then parse and compile time for enums of 13 to 10,000 values
bench-scale:
	$(GO) run ./internal/bench/scale

## bench-gen: statusgen against enumer, as whole processes
bench-gen:
	$(GO) run ./internal/bench/gentime

## bench-sql: what the transition guard costs an UPDATE on PostgreSQL (a bulk UPDATE of 100,000 rows and single-row UPDATEs; unguarded, the trigger function, create_guard), medians of interleaved rounds on a throwaway server
bench-sql:
	./integration/run-postgres.sh go run ./cmd/benchsql $(BENCH_SQL_FLAGS)

## bench-smoke: every benchmark once, to prove they run (CI; no numbers are judged)
bench-smoke:
	$(GO) test ./internal/bench -run '^$$' -bench . -benchtime 1x
	$(GO) run ./internal/bench/scale -mb 0.05 -benchtime 1x -count 1
	$(GO) run ./internal/bench/gentime -rounds 1
